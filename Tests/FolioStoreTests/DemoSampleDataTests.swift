import Foundation
import FolioDomain
import Testing
@testable import FolioStore

/// SampleData/*.csv are the demo book as import files (examples of every import kind): a
/// copy of exactly what `folio generate --demo` writes, so they never drift from the demo.
@Suite("The demo's CSVs in SampleData")
struct DemoSampleDataTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    @Test func sampleDataHoldsExactlyWhatTheDemoGeneratorWrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-demo-csv-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let summary = try PortfolioCSVExporter.export(DemoBook(), to: folder.path)
        let names = summary.files.map { URL(fileURLWithPath: $0).lastPathComponent }
        #expect(names == ["users", "accounts", "contacts", "usage", "cases", "nps", "payments", "activities"].map { $0 + ".csv" })
        for name in names {
            let written = try Data(contentsOf: folder.appendingPathComponent(name))
            let kept = try Data(contentsOf: Self.sampleData.appendingPathComponent(name))
            #expect(written == kept, "SampleData/\(name) is not what the demo generator writes; run: swift run folio generate --demo --out SampleData")
        }
    }
}
