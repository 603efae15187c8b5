import Foundation
import Testing

/// The README's command table, `folio --help` and the manual page agree: every command the
/// binary has is in the table, every command and option the table names exists, and every
/// option of a command is named in its row (or in the table of options every command
/// takes). The manual page and the shell completions are generated from the same command
/// definitions the binary dumps with `--experimental-dump-help`, which this test reads.
@Suite("the README's command table")
struct CommandTableTests {
    struct Command {
        var path: [String]
        var options: Set<String>
        var subcommands: [String]
        var defaultSubcommand: String?
    }

    struct Row {
        var text: String
        var paths: [[String]]
        var options: Set<String>
    }

    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// Every command of the binary by its path (`["alerts", "ack"]`; the root is `[]`).
    func commands() throws -> [[String]: Command] {
        let dump = try Folio().run("--experimental-dump-help")
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [[String]: Command] = [:]
        func walk(_ command: [String: Any], path: [String]) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let options = arguments.flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            }
            let subcommands = (command["subcommands"] as? [[String: Any]] ?? []).filter { $0["commandName"] as? String != "help" }
            found[path] = Command(path: path, options: Set(options).subtracting(["help"]),
                                  subcommands: subcommands.compactMap { $0["commandName"] as? String },
                                  defaultSubcommand: command["defaultSubcommand"] as? String)
            for sub in subcommands { walk(sub, path: path + [sub["commandName"] as? String ?? "?"]) }
        }
        walk(try #require(root["command"] as? [String: Any]), path: [])
        return found
    }

    /// The rows of the table under `| command | does |`.
    func rows() throws -> [Row] {
        let lines = try String(contentsOf: Self.readme, encoding: .utf8).components(separatedBy: "\n")
        let header = try #require(lines.firstIndex(of: "| command | does |"))
        return lines[(header + 2)...].prefix { $0.hasPrefix("|") }.map { line in
            // The first cell's code span: `folio report program\|team [--json\|--csv]`.
            let cell = line.split(separator: "`", omittingEmptySubsequences: false).dropFirst().first ?? ""
            let text = cell.replacingOccurrences(of: "\\|", with: "|")
            var words = text.split(separator: " ").map(String.init)
            if words.first == "folio" { words.removeFirst() }
            var paths: [[String]] = [[]]
            for word in words {
                guard word.wholeMatch(of: /[a-z][a-z0-9-]*(\|[a-z][a-z0-9-]*)*/) != nil else { break }
                paths = paths.flatMap { path in word.split(separator: "|").map { path + [String($0)] } }
            }
            let options = Set(text.matches(of: /--([a-z][a-z0-9-]*)/).map { String($0.output.1) })
            return Row(text: text, paths: paths, options: options)
        }
    }

    /// The options every command takes, from the table above the command table.
    func commonOptions() throws -> Set<String> {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let table = try #require(text.components(separatedBy: "| option | env | default |").dropFirst().first?.components(separatedBy: "\n\n").first)
        return Set(table.split(separator: "\n").compactMap { line in line.firstMatch(of: /^\| `--([a-z][a-z0-9-]*)/).map { String($0.output.1) } })
    }

    @Test func everyCommandAndOptionIsInTheTableAndNothingElse() throws {
        let commands = try commands()
        let rows = try rows()
        let common = try commonOptions()
        #expect(common.isSuperset(of: ["db", "as-of", "user", "profile"]))
        var documented: [[String]: Set<String>] = [:]
        for row in rows {
            for written in row.paths {
                guard var command = commands[written] else {
                    Issue.record("the README names `folio \(written.joined(separator: " "))`, which folio does not have: \(row.text)")
                    continue
                }
                // `folio alerts [--mine]` is `folio alerts list`, its default.
                if let fallback = command.defaultSubcommand, let list = commands[command.path + [fallback]] { command = list }
                #expect(command.subcommands.isEmpty || command.path.isEmpty, "`folio \(written.joined(separator: " "))` has subcommands; the table should name them")
                for option in row.options where !command.options.contains(option) {
                    Issue.record("the README gives `folio \(command.path.joined(separator: " "))` --\(option), which it does not take")
                }
                documented[command.path, default: []].formUnion(row.options)
            }
        }
        for (path, command) in commands where command.subcommands.isEmpty || path.isEmpty {
            guard let options = documented[path] else {
                Issue.record("`folio \(path.joined(separator: " "))` is missing from the README's command table")
                continue
            }
            let missing = command.options.subtracting(options).subtracting(common)
            #expect(missing.isEmpty, "the README's row for `folio \(path.joined(separator: " "))` does not give: \(missing.sorted().map { "--" + $0 })")
        }
    }

    /// swift-argument-parser's generate-manual (1.8.2) drops every character that is not
    /// ASCII, so "1–5 views" would read "15 views" in `man folio`: help text stays ASCII.
    @Test func helpTextSurvivesTheManualGenerator() throws {
        let dump = try Folio().run("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        func walk(_ command: [String: Any], path: String) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            let texts = [command["abstract"], command["discussion"]] + arguments.flatMap { [$0["abstract"], $0["discussion"], $0["valueName"]] }
            for case let text as String in texts where !text.allSatisfy(\.isASCII) {
                Issue.record("`\(path)`: help text the manual page would lose characters of: \(text.filter { !$0.isASCII }) in \"\(text)\"")
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub, path: path + " " + (sub["commandName"] as? String ?? "?")) }
        }
        walk(try #require(root["command"] as? [String: Any]), path: "folio")
    }

    @Test func helpListsTheTablesCommands() throws {
        let help = try Folio().run("--help")
        #expect(help.status == 0)
        let section = try #require(help.stdout.components(separatedBy: "SUBCOMMANDS:\n").dropFirst().first)
        let listed = Set(section.split(separator: "\n").compactMap { $0.firstMatch(of: #/^  ([a-z][a-z0-9-]*)  /#).map { String($0.output.1) } })
        let inTable = Set(try rows().flatMap(\.paths).compactMap(\.first))
        #expect(listed.subtracting(["help"]) == inTable)
    }
}
