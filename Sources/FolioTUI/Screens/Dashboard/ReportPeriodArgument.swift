import FolioDomain

/// `:report FROM [TO]`: the period as `folio report --from --to` takes it. FROM alone runs
/// to the as-of day; nothing typed is the default, the 90 days up to the as-of day.
enum ReportPeriodArgument {
    struct Problem: Error, Equatable {
        var message: String
    }

    static func period(_ text: String?, asOf: Day) -> Result<ReportPeriod, Problem> {
        let words = (text ?? "").split(separator: " ").map(String.init)
        let usage = "e.g. :report 2026-06-01 or :report 2026-06-01 2026-11-23"
        guard !words.isEmpty else { return .success(.standard(asOf: asOf)) }
        guard words.count <= 2 else {
            return .failure(Problem(message: ":report takes FROM [TO], two days at most; \(usage)"))
        }
        var days: [Day] = []
        for word in words {
            do {
                days.append(try Day(input: word))
            } catch {
                return .failure(Problem(message: ":report: \"\(TerminalText.sanitize(word))\" \(error), \(usage)"))
            }
        }
        let from = days[0]
        if days.count == 2, from > days[1] {
            return .failure(Problem(message: ":report: the period would start \(from) after it ends \(days[1]); give FROM first"))
        }
        if from > asOf {
            return .failure(Problem(message: ":report: \(from) is after the as-of day \(asOf); nothing is recorded after it"))
        }
        return .success(ReportPeriod(from: from, to: days.count == 2 ? days[1] : asOf))
    }
}
