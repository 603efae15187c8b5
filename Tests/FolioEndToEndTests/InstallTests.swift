import Foundation
import Testing

/// The binary as a person installs it (README, "Install"): copied alone into an empty
/// folder, with an empty HOME and the source tree out of its sight, it builds the demo and
/// runs the daily engine from the files built into it.
@Suite("an installed folio")
struct InstallTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sampleData = repository.appendingPathComponent("SampleData")

    /// A private mount namespace where the repository is an empty folder, when the system
    /// allows one (unprivileged user namespaces); else nil, and the run relies on folio
    /// looking nowhere near its source (it does not: SampleDataLocator).
    static let hidingSourceTree: [String]? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return nil }
        let wrapper = ["/usr/bin/unshare", "-r", "-m", "/bin/sh", "-c", "mount -t tmpfs tmpfs \"$0\" && exec \"$@\"", repository.path]
        let probe = try? ServeProcess.runTool(wrapper[0], Array(wrapper.dropFirst()) + ["/bin/ls", "-A", sampleData.path], home: "/tmp", in: "/")
        // The mount worked when the repository's SampleData is not there any more.
        return probe.map { $0.status != 0 && !$0.stdout.contains("accounts.csv") } == true ? wrapper : nil
    }()

    /// A copy of the built binary in an empty folder, with an empty HOME and TMPDIR of its own.
    struct Installed {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folio-install-\(UUID().uuidString)")
        var binary: URL { root.appendingPathComponent("bin/folio") }
        var home: URL { root.appendingPathComponent("home") }
        var temporary: URL { root.appendingPathComponent("tmp") }

        init() throws {
            for folder in [binary.deletingLastPathComponent(), home, temporary] {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            try FileManager.default.copyItem(at: Folio.binary, to: binary)
        }

        func remove() { try? FileManager.default.removeItem(at: root) }

        @discardableResult
        func folio(_ arguments: String..., environment extra: [String: String] = [:]) throws -> Folio.Result {
            let command = (InstallTests.hidingSourceTree ?? []) + [binary.path] + arguments
            return try ServeProcess.runTool(command[0], Array(command.dropFirst()), home: home.path, timeout: 120,
                                            environment: ["TMPDIR": temporary.path, "LANG": "C.UTF-8", "USER": "nobody"].merging(extra) { $1 },
                                            in: root.path)
        }
    }

    @Test func aCopiedBinaryBuildsTheDemoAndRunsATickInAnEmptyHome() throws {
        let installed = try Installed()
        defer { installed.remove() }
        if InstallTests.hidingSourceTree == nil {
            print("note: no private mount namespace here; the source tree stays visible to the copied binary")
        }
        let demo = try installed.folio("demo")
        #expect(demo.status == 0, "folio demo: \(demo.stderr)")
        #expect(demo.stdout.contains("demo portfolio built at \(installed.home.path)/.local/share/folio/folio.db"))

        let tick = try installed.folio("tick", "--as-of", "2026-11-30")
        #expect(tick.status == 0, "folio tick: \(tick.stderr)")
        #expect(tick.stdout.hasPrefix("tick 2026-11-30: "))
        #expect(tick.stderr.isEmpty, "the built-in sequences are there: \(tick.stderr)")

        let book = try installed.folio(environment: ["USER": "amelie.durand"])
        #expect(book.status == 0 && book.stdout.contains("ACCOUNT"))
        let preview = try installed.folio("recover", "ACC-0081", "--preview", "--user", "chen.wei")
        #expect(preview.status == 0, "folio recover --preview: \(preview.stderr)")
        #expect(preview.stdout.contains("Subject:"), "the built-in templates render")
        let check = try installed.folio("db", "check")
        #expect(check.status == 0 && check.stdout.contains("healthy"))

        // Nothing is left behind but the database: the built-in files were written to a private
        // temporary folder for the import and removed after.
        #expect(try FileManager.default.contentsOfDirectory(atPath: installed.temporary.path).isEmpty)
        let made = (FileManager.default.enumerator(atPath: installed.home.path)?.allObjects as? [String] ?? [])
            .filter { !$0.hasSuffix(".db-wal") && !$0.hasSuffix(".db-shm") }
        #expect(Set(made) == [".local", ".local/share", ".local/share/folio", ".local/share/folio/folio.db"])
    }

    @Test func sampleDataAndTheConfigFolderStillOverrideTheBuiltInFiles() throws {
        let installed = try Installed()
        defer { installed.remove() }
        let mine = installed.root.appendingPathComponent("my-sample-data")
        let exported = try installed.folio("sample-data", "--export", mine.path)
        #expect(exported.status == 0 && exported.stdout.hasPrefix("wrote "))
        // Sign every template of the exported copy, then of a copy in the user's config folder.
        func sign(_ folder: URL, _ marker: String) throws {
            let templates = folder.appendingPathComponent("templates")
            for name in try FileManager.default.contentsOfDirectory(atPath: templates.path) {
                let url = templates.appendingPathComponent(name)
                try Data((try String(contentsOf: url, encoding: .utf8) + "\n\(marker)\n").utf8).write(to: url)
            }
        }
        try sign(mine, "Signed-From-FOLIO_SAMPLE_DATA")
        let withSampleData = ["FOLIO_SAMPLE_DATA": mine.path]
        #expect(try installed.folio("demo", environment: withSampleData).status == 0)
        let preview = try installed.folio("recover", "ACC-0081", "--preview", "--user", "chen.wei", environment: withSampleData)
        #expect(preview.stdout.contains("Signed-From-FOLIO_SAMPLE_DATA"), "the sequences of FOLIO_SAMPLE_DATA: \(preview.stderr)")
        let listed = try installed.folio("sample-data", environment: withSampleData)
        #expect(listed.stderr.contains("FOLIO_SAMPLE_DATA is set"))

        let config = installed.home.appendingPathComponent(".config/folio")
        #expect(try installed.folio("sample-data", "--export", config.path).status == 0)
        try sign(config, "Signed-From-The-Config-Folder")
        let fromConfig = try installed.folio("recover", "ACC-0081", "--preview", "--user", "chen.wei", environment: withSampleData)
        #expect(fromConfig.stdout.contains("Signed-From-The-Config-Folder"), "the user's sequences.yaml wins: \(fromConfig.stderr)")
        // An export never writes over a file already there unless told to.
        let again = try installed.folio("sample-data", "--export", config.path)
        #expect(again.stdout.contains("wrote 0 files") && again.stdout.contains("left "))
        #expect(try String(contentsOf: config.appendingPathComponent("templates/expansion-1.mustache"), encoding: .utf8)
            .contains("Signed-From-The-Config-Folder"))
    }

    @Test func theBuiltInFilesAreTheRepositorysSampleDataByteForByte() throws {
        let folio = Folio()
        defer { folio.remove() }
        let out = folio.home.appendingPathComponent("export")
        #expect(try folio.run("sample-data", "--export", out.path).status == 0)
        func files(_ root: URL) -> [String] {
            (FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])?
                .compactMap { $0 as? URL }
                .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                .map { String($0.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)) } ?? []).sorted()
        }
        let names = files(Self.sampleData)
        #expect(!names.isEmpty && files(out) == names)
        for name in names {
            let built = FileManager.default.contents(atPath: out.appendingPathComponent(name).path)
            #expect(built == FileManager.default.contents(atPath: Self.sampleData.appendingPathComponent(name).path), "\(name) differs")
        }
        let printed = try folio.run("sample-data", "alerts.yaml")
        #expect(printed.stdout == (try String(contentsOf: Self.sampleData.appendingPathComponent("alerts.yaml"), encoding: .utf8)))
        let unknown = try folio.run("sample-data", "nope.yaml")
        #expect(unknown.status == 2 && unknown.stderr.contains("no built-in file \"nope.yaml\""))
    }
}
