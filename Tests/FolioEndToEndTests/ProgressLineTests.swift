import Foundation
import Testing

/// Long runs say how far they have got on stderr when it is a terminal, and nothing otherwise.
@Suite("Progress lines", .enabled(if: TmuxSession.isAvailable), .serialized)
struct ProgressLineTests {
    @Test func aLongRunShowsItsProgressOnATerminalThenOnlyItsResult() throws {
        let session = try TmuxSession(width: 120, height: 10, arguments: "demo")
        session.waitFor("the replay's progress", timeout: 120) { $0.contains("demo: replaying the weeks through the daily run, ") }
        let end = session.waitFor("the end", timeout: 300) { $0.contains("FOLIO-EXITED-") }
        #expect(end.contains("FOLIO-EXITED-0"))
        #expect(end.contains("demo portfolio built at"))
        #expect(!end.contains("replaying"), "the progress line stays: \(end)")
    }

    @Test func nothingWhenStderrIsNotATerminal() throws {
        let folio = Folio()
        defer { folio.remove() }
        let result = try folio.run("demo", "--db", folio.home.appendingPathComponent("demo.db").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(!result.stdout.contains("replaying"))
    }
}
