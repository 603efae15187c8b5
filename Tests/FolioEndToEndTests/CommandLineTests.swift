import Foundation
import Testing

/// Runs the built `folio` binary as a person would, checking exit codes, stdout and stderr.
struct Folio {
    static let binary: URL = {
        // The test bundle sits in the build folder next to the executable.
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        for folder in candidates {
            let url = folder.appendingPathComponent("folio")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/folio")
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let home: URL

    init() {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("folio-e2e-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: home) }

    var databasePath: String { home.appendingPathComponent("data/folio/folio.db").path }

    @discardableResult
    func run(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Result {
        try run(arguments, environment: extra)
    }

    /// The environment every run gets: this home, its data and state folders, a plain PATH.
    var environment: [String: String] {
        ["HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
         "XDG_STATE_HOME": home.appendingPathComponent("state").path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
    }

    /// Starts folio and leaves it running, its output discarded (to kill it, or to work beside it).
    func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = Folio.binary
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Folio.binary
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe never blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        group.enter()
        DispatchQueue.global().async { stdout = out.fileHandleForReading.readToEndSurvivingSignals(); group.leave() }
        stderr = err.fileHandleForReading.readToEndSurvivingSignals()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) -> String {
        let url = home.appendingPathComponent(name)
        try! Data(text.utf8).write(to: url)
        return url.path
    }
}

@Suite("folio on the command line")
struct CommandLineTests {
    @Test func firstRunBuildsTheDemoAndShowsTheBook() throws {
        let folio = Folio()
        defer { folio.remove() }
        let result = try folio.run(environment: ["USER": "amelie.durand"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("no database at \(folio.databasePath) yet; building the demo portfolio there"))
        #expect(result.stdout.contains("ACCOUNT"))
        #expect(result.stdout.contains("Nordlicht Versicherungsgruppe AG"))
        #expect(result.stderr.contains("in the book of Amélie Durand (amelie.durand, csm)"))
        // The second run finds the database and says nothing about building it.
        let again = try folio.run(environment: ["USER": "amelie.durand"])
        #expect(!again.stderr.contains("building the demo"))
    }

    @Test func aCSMsBookAsJSON() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let result = try folio.run("accounts", "--user", "chen.wei", "--json")
        #expect(result.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 25)
        #expect(rows.allSatisfy { $0["owner"] as? String == "chen.wei" })
        let keys = Set(rows[0].keys)
        #expect(keys.isSuperset(of: ["id", "name", "tier", "owner", "arr", "renewalDate", "stage"]))
        // A manager sees the team's accounts, a VP all active ones.
        let manager = try folio.run("accounts", "--user", "marta.novak", "--json")
        let vp = try folio.run("accounts", "--json", environment: ["FOLIO_USER": "helena.vasquez"])
        let managerRows = try #require(try JSONSerialization.jsonObject(with: Data(manager.stdout.utf8)) as? [Any])
        let vpRows = try #require(try JSONSerialization.jsonObject(with: Data(vp.stdout.utf8)) as? [Any])
        #expect(managerRows.count > rows.count)
        #expect(vpRows.count > managerRows.count)
    }

    @Test func demoRefusesToOverwriteWithoutForce() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let again = try folio.run("demo")
        #expect(again.status == 1)
        #expect(again.stderr.contains("already exists; use --force"))
        #expect(try folio.run("demo", "--force").status == 0)
    }

    @Test func badImportExits65AndWritesNothing() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("demo").status == 0)
        let before = try folio.run("accounts", "--json", "--user", "helena.vasquez").stdout
        let bad = folio.write("accounts.csv", "id,name,tier,owner,arr,contract_start,renewal_date\nZ1,Zeta,gold,chen.wei,-3,2026-02-30,2027-01-01\n")
        let result = try folio.run("import", bad, "--user", "marta.novak")
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(bad):2:3: tier: unknown value \"gold\""))
        #expect(result.stderr.contains("\(bad):2:5: arr: -3 is negative"))
        #expect(result.stderr.contains("\(bad):2:6: contract_start: \"2026-02-30\" is not a valid date"))
        #expect(result.stderr.contains("import refused: nothing was written"))
        #expect(try folio.run("accounts", "--json", "--user", "helena.vasquez").stdout == before)
    }

    @Test func aFileThatIsNotADatabase() throws {
        let folio = Folio()
        defer { folio.remove() }
        let path = folio.write("notes.txt", "hello\n")
        let result = try folio.run("accounts", "--db", path)
        #expect(result.status == 1)
        #expect(result.stderr == "folio: \(path) is not a Folio database (it is not an SQLite file); choose another path with --db\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "hello\n")
    }

    @Test func usageProblemsExit2() throws {
        let folio = Folio()
        defer { folio.remove() }
        #expect(try folio.run("accounts", "--as-of", "2026-02-30").status == 2)
        #expect(try folio.run("import", "--kind", "planets", "x.csv").status == 2)
        #expect(try folio.run("no-such-command").status == 2)
    }
}
