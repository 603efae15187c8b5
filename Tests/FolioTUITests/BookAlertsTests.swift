import FolioDomain
import Testing
@testable import FolioStore
@testable import FolioTUI

/// The book shows what waits on each account: an ALERTS column with the count and the
/// worst severity in words ("2, worst red": not to be read as a band), only when the book
/// has alerts at all; at 80 columns it stays, with the last activity's overdue marker.
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
        #expect(lines[2].contains("ALERTS"))
        #expect(lines.contains { $0.contains("Ferrovia Verde S.p.A.") && $0.contains("2, worst red") })
        #expect(lines.contains { $0.contains("Nordlicht") && $0.contains("1 amber") })
    }

    @Test func at80ColumnsTheAlertsAndTheOverdueMarkerStay() {
        var entries = F.entries
        entries[1].openAlerts = 2
        entries[1].worstSeverity = .orange
        let lines = InterfaceView.render(F.state(width: 80, height: 24, entries: entries)).lines
        #expect(lines[2].contains("ALERTS") && lines[2].contains("LAST ACT") && lines[2].contains("SCORE") && lines[2].contains("RENEWAL"))
        let kovacs = lines.first { $0.contains("Kovács") } ?? ""
        #expect(kovacs.contains("40d!") && kovacs.contains("2, worst orange"))
    }

    @Test func noAlertsNoColumn() {
        let lines = InterfaceView.render(F.state(width: 120, height: 24)).lines
        #expect(!lines[2].contains("ALERTS"))
    }
}
