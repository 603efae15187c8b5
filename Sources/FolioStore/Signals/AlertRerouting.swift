import FolioDomain
import GRDB

/// Routing asked again every run for the open alerts (an alert is not routed once for good):
/// when the account's situation brings in someone new (its renewal now within 90 days: the
/// AE; for a red health drop, the VP), they are added as recipients, with a trail entry.
/// Only open alerts of accounts outside the control group; a change only when someone is missing.
enum AlertRerouting {
    static func apply(_ routing: AlertRouting, accounts: [Account], users: [String: User], asOf: Day, now: Int64,
                      in db: Database, between: () throws -> Void = {}) throws {
        let byID = Dictionary(accounts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // In slices by id, each read as it stands when written (the daily run lets people
        // write between slices).
        var after: Int64 = 0
        while true {
            let open = try Alert.fetchAll(db, sql: """
                SELECT * FROM alert WHERE id > ? AND state != 'resolved' AND shadow = 0 ORDER BY id LIMIT ?
                """, arguments: [after, Self.slice]).withRecipients(in: db)
            guard let last = open.last?.id else { return }
            after = last
            for before in open {
                guard let account = byID[before.accountID], let id = before.id else { continue }
                let missing = routing.missing(from: before, account: account, asOf: asOf, users: users)
                guard !missing.isEmpty else { continue }
                let alert = before.rerouted(adding: missing)
                try alert.save(from: before, in: db)
                try AlertEvents.record("reroute", alert: id, actor: AlertStep.actor, at: now, before: before, after: alert, in: db)
            }
            try between()
        }
    }

    static let slice = 2_000
}
