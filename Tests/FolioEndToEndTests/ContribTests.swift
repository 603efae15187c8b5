import Foundation
import Testing

/// `contrib/` (README, "Operations"): the systemd units pass `systemd-analyze verify` with
/// the built binary in place of the installed one, and every folio command line in the
/// units and the crontab names commands and options folio has.
@Suite("contrib: services and cron")
struct ContribTests {
    static let contrib = CommandTableTests.readme.deletingLastPathComponent().appendingPathComponent("contrib")
    static let systemdAnalyze = "/usr/bin/systemd-analyze"

    func files(_ folder: String, _ extensions: Set<String>) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: Self.contrib.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            .filter { extensions.contains($0.pathExtension) }.sorted { $0.path < $1.path }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: systemdAnalyze),
                   "systemd-analyze is not installed (apt-get install systemd): the units were not verified"))
    func theUnitsPassSystemdAnalyzeVerify() throws {
        let units = try files("systemd", ["service", "timer"])
        #expect(Set(units.map(\.lastPathComponent)).isSuperset(of: ["folio-serve.service", "folio-tick.service", "folio-tick.timer",
                                                                     "folio-outbox.service", "folio-outbox.timer"]))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // As `make install-systemd PREFIX=…` does: the units name the binary where it is.
        for unit in units {
            let text = try String(contentsOf: unit, encoding: .utf8).replacingOccurrences(of: "/usr/local/bin/folio", with: Folio.binary.path)
            try Data(text.utf8).write(to: folder.appendingPathComponent(unit.lastPathComponent))
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.systemdAnalyze)
        // No man page is installed here; everything else is checked, warnings included.
        process.arguments = ["verify", "--man=no"] + units.map { folder.appendingPathComponent($0.lastPathComponent).path }
        process.environment = ["SYSTEMD_UNIT_PATH": folder.path + ":", "PATH": "/usr/bin:/bin", "SYSTEMD_LOG_COLOR": "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readToEndSurvivingSignals(), as: UTF8.self)
        process.waitUntilExit()
        // verify exits 0 on a setting it ignores: anything it says is a finding.
        #expect(process.terminationStatus == 0 && said.isEmpty, "systemd-analyze verify:\n\(said)")
    }

    @Test func everyFolioCommandLineInContribIsOneFolioHas() throws {
        let commands = try CommandTableTests().commands()
        var lines: [(file: String, words: [String])] = []
        for file in try files("systemd", ["service"]) + [Self.contrib.appendingPathComponent("cron/folio")] {
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
                guard let start = line.range(of: "/usr/local/bin/folio ") ?? line.range(of: "folio  folio ") else { continue }
                // Up to the shell's next operator: `folio db check --quiet && folio tick > /dev/null`.
                for command in line[start.upperBound...].components(separatedBy: "&&") {
                    let words = command.split(separator: " ").map(String.init).prefix { !["&&", ">", "|", ";", "2>&1"].contains($0) }
                    lines.append((file.lastPathComponent, Array(words.drop { $0 == "folio" || $0.hasSuffix("/folio") })))
                }
            }
        }
        #expect(lines.count >= 8, "the units and crontab run folio: \(lines)")
        for (file, words) in lines {
            var path: [String] = []
            while let next = words.dropFirst(path.count).first, commands[path + [next]] != nil { path.append(next) }
            let command = try #require(commands[path], "\(file): folio \(words.joined(separator: " "))")
            #expect(command.subcommands.isEmpty, "\(file): `folio \(words.joined(separator: " "))` names no command")
            for option in words where option.hasPrefix("--") {
                #expect(command.options.contains(String(option.dropFirst(2))), "\(file): folio \(path.joined(separator: " ")) has no \(option)")
            }
        }
    }
}
