import FolioDomain
import GRDB

/// Who stands above whom: a user's managers, nearest first, up to the top.
enum ReportingChain {
    static func managers(of login: String, in db: Database) throws -> [String] {
        var chain: [String] = []
        var current = login
        // A cycle in imported data (a manages b manages a) must not loop forever.
        while let manager = try String.fetchOne(db, sql: "SELECT manager_login FROM user WHERE login = ?", arguments: [current]),
              manager != login, !chain.contains(manager) {
            chain.append(manager)
            current = manager
        }
        return chain
    }
}
