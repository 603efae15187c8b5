import FolioDomain

/// Hand-built programme histories: days counted from a Monday, alerts raised at the run hour.
enum ProgrammeFixtures {
    static let d0 = Day(iso: "2026-01-05")!

    static func day(_ offset: Int) -> Day { d0.adding(days: offset) }

    static func raisedAt(_ offset: Int) -> Int64 { Int64(day(offset).ordinal) * 86_400 + 6 * 3_600 }

    static func alert(_ account: String, owner: String = "ana", _ severity: Alert.Severity = .amber, on offset: Int = 0,
                      ackAfterHours: Int? = nil, slaHours: Int = 48, shadow: Bool = false) -> ProgrammeHistory.HealthAlert {
        let threshold: Double = switch severity {
        case .red: 45
        case .orange: 60
        default: 70
        }
        let at = raisedAt(offset)
        return ProgrammeHistory.HealthAlert(accountID: account, owner: owner, severity: severity, threshold: threshold,
                                            raisedOn: day(offset), raisedAt: at, dueBy: at + Int64(slaHours) * 3_600,
                                            acknowledgedAt: ackAfterHours.map { at + Int64($0) * 3_600 }, shadow: shadow)
    }

    static func score(_ account: String, _ offset: Int, _ value: Double?, band: String? = nil) -> ProgrammeHistory.Score {
        ProgrammeHistory.Score(accountID: account, date: day(offset), score: value, band: band)
    }
}
