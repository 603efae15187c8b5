import FolioDomain
import FolioStore
import FolioTUI

/// The interface shows a person what was handed to them once, when they open it; someone
/// who works from the command line sees the last two weeks' hand-offs under `folio alerts`
/// and `folio accounts` (on stderr, like the count, so a pipe gets only the list).
enum HandoffLines {
    static let window: Int64 = 14 * 86_400

    /// "2026-11-23 marta.novak handed you alert 65 on ACC-0138: call Élodie before Friday".
    static func lines(_ handoffs: [Handoff], now: Int64, accounts: Bool) -> [String] {
        handoffs.filter { $0.at >= now - window && ($0.alertID == nil) == accounts }
            .sorted { $0.at < $1.at }
            .map { TerminalText.sanitize("\(Moment(seconds: $0.at).day.iso) \($0.sentence)") }
    }

    static func recent(to login: String, in database: FolioDatabase) throws -> [Handoff] {
        try database.read { db in try Handoffs.recent(to: login, limit: 50, in: db) }
    }
}
