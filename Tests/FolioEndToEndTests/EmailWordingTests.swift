import Foundation
import Testing

/// What a customer reads: the demo's "Biały Kamień Software Kft." ends a sentence with one
/// full stop, not "Kft..".
@Suite("email wording")
struct EmailWordingTests {
    @Test func aNameEndingInAFullStopEndsTheSentenceOnce() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        let preview = try folio.run("recover", "ACC-0021", "--sequence", "re-engagement", "--preview", "--db", db, "--user", "chen.wei")
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.contains("how things are going at Biały Kamień Software Kft.\n"))
        #expect(!preview.stdout.contains("Kft.."))
    }
}
