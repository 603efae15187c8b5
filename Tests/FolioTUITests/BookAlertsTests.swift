import FolioDomain
import Testing
@testable import FolioStore
@testable import FolioTUI

/// The book shows what waits on each account: an ALERTS column with the count and the
/// worst severity in words, only when the book has alerts at all.
@Suite("Alerts in the book")
struct BookAlertsTests {
    typealias F = InterfaceFixtures

    @Test func theColumnAppearsWithAlertsAndReadsWithoutColour() {
        var entries = F.entries
        entries[0].openAlerts = 2
        entries[0].worstSeverity = .red
        entries[2].openAlerts = 1
        entries[2].worstSeverity = .amber
        let lines = InterfaceView.render(F.state(width: 120, height: 24, entries: entries)).lines
        #expect(lines[1].contains("ALERTS"))
        #expect(lines.contains { $0.contains("Ferrovia Verde S.p.A.") && $0.contains("2 red") })
        #expect(lines.contains { $0.contains("Nordlicht") && $0.contains("1 amber") })
    }

    @Test func noAlertsNoColumn() {
        let lines = InterfaceView.render(F.state(width: 120, height: 24)).lines
        #expect(!lines[1].contains("ALERTS"))
    }
}
