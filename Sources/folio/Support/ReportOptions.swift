import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

/// What every `folio report` takes besides the global options: the period and the format.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The first day of the period, YYYY-MM-DD (default: 89 days before --to).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("The last day of the period, YYYY-MM-DD (default: the as-of day).", valueName: "date"))
    var to: String?

    @Flag(help: "Print one JSON document for scripts (README, \"folio report --json\").")
    var json = false

    @Flag(help: "Print CSV (RFC 4180, one header row) for spreadsheets.")
    var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("pick one of --json, --csv") }
        _ = try period(asOf: Day(ordinal: 0))
    }

    /// --from/--to, else the 90 days up to the as-of day.
    func period(asOf: Day) throws -> ReportPeriod {
        func day(_ text: String?, _ option: String) throws -> Day? {
            guard let text else { return nil }
            do { return try Day(input: text) } catch { throw ValidationError("\(option) \"\(text)\" \(error)") }
        }
        let end = try day(to, "--to") ?? asOf
        let start = try day(from, "--from") ?? ReportPeriod.standard(asOf: end).from
        if let explicitEnd = try day(to, "--to"), let explicitStart = try day(from, "--from"), explicitStart > explicitEnd {
            throw ValidationError("--from \(explicitStart) is after --to \(explicitEnd)")
        }
        return ReportPeriod(from: start, to: max(start, end))
    }

    /// Prints the report in the format asked for: JSON (the frame's fields beside the
    /// report's), CSV, or the readable lines. CSV on a terminal shows every field
    /// terminal-safe (no escape codes, line breaks flattened); in a pipe or a file it is exact.
    func emit(_ frame: ReportFrame, json: () throws -> some Encodable, csv: () -> CSVTable, text: (_ maxWidth: Int?) -> [String]) throws {
        if self.json {
            print(try JSONOutput.render(FramedJSON(frame: frame, body: try json())))
        } else if self.csv {
            let table = isatty(STDOUT_FILENO) == 1 ? csv().mapFields(TerminalText.sanitize) : csv()
            print(table.rendered(), terminator: "")
        } else {
            for line in text(TerminalWidth.current()) { print(line) }
        }
    }
}
