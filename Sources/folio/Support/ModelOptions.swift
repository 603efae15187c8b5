import ArgumentParser
import FolioDomain
import FolioStore
import Foundation
import GRDB

/// What `folio model` commands take besides the global options: the horizon and the period.
struct ModelOptions: ParsableArguments {
    @Option(help: ArgumentHelp("How far after each scored day a churn counts: 90d, 12w or a number of days (default 90d).",
                               valueName: "span"))
    var horizon: String = "90d"

    @Option(help: ArgumentHelp("The first scored day, YYYY-MM-DD (default: a year before --to).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The last scored day, YYYY-MM-DD (default: a horizon before the as-of day).", valueName: "date"))
    var to: String?

    func validate() throws {
        _ = try horizonDays()
        if let a = try day(from, "--from"), let b = try day(to, "--to"), a > b {
            throw ValidationError("--from \(a) is after --to \(b)")
        }
    }

    /// "90d", "12w", "90" → days.
    func horizonDays() throws -> Int {
        let text = horizon.trimmingCharacters(in: .whitespaces).lowercased()
        var digits = Substring(text), scale = 1
        if text.hasSuffix("d") { digits = text.dropLast() } else if text.hasSuffix("w") { digits = text.dropLast(); scale = 7 }
        guard let n = Int(digits), n > 0, n * scale <= 3_650 else {
            throw ValidationError("--horizon \"\(horizon)\" is not a span; expected days or weeks like 90d or 12w (up to 10 years)")
        }
        return n * scale
    }

    func day(_ text: String?, _ option: String) throws -> Day? {
        guard let text else { return nil }
        guard let day = Day(iso: text) else { throw ValidationError("\(option) \"\(text)\" is not a date; expected YYYY-MM-DD") }
        return day
    }

    func window(asOf: Day, in db: GRDB.Database) throws -> ModelWindow {
        try ModelWindow.resolve(asOf: asOf, horizonDays: horizonDays(), from: day(from, "--from"), to: day(to, "--to"), in: db)
    }
}
