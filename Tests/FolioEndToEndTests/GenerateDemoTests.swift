import Foundation
import Testing

/// `folio generate --demo`: the demo portfolio as import CSVs, the very files SampleData/ keeps.
@Suite("folio generate --demo")
struct GenerateDemoTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    @Test func writesTheFilesSampleDataKeeps() throws {
        let folio = Folio()
        defer { folio.remove() }
        let out = folio.home.appendingPathComponent("demo-csv")
        let result = try folio.run("generate", "--demo", "--out", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote 8 files to \(out.path) as of 2026-11-23: 11 users, 180 accounts"))
        for name in ["users", "accounts", "contacts", "usage", "cases", "nps", "payments", "activities"] {
            let written = try Data(contentsOf: out.appendingPathComponent(name + ".csv"))
            #expect(written == (try Data(contentsOf: Self.sampleData.appendingPathComponent(name + ".csv"))), "\(name).csv")
        }
        // What it writes imports as a team's own files would.
        let imported = try folio.run(["import"] + ["users", "accounts", "contacts", "usage", "cases", "nps", "payments", "activities"]
            .map { out.appendingPathComponent($0 + ".csv").path })
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    @Test func theDemoIsOneBookSoItsShapeCannotBeChosen() throws {
        let folio = Folio()
        defer { folio.remove() }
        let result = try folio.run("generate", "--demo", "--accounts", "10", "--seed", "3", "--out", folio.home.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--accounts, --seed cannot be used with --demo"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folio.home.appendingPathComponent("accounts.csv").path))
    }
}
