import FolioStore
import Foundation

extension AppContext {
    /// A change is recorded under the name of who made it: unlike reading, writing never
    /// falls back to the demo's default user.
    func requireActingUser(_ global: GlobalOptions) throws {
        guard let login = global.login, login == user.login else {
            let who = global.login.map { "\"\($0)\" is not a user of this database" } ?? "no user given"
            throw UsageFailure("\(who); changes are recorded under a real user's name: pass --user LOGIN (or set FOLIO_USER)")
        }
    }

    /// The wall clock, in seconds: when a person's change happened (audit, "moved at").
    static func now() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
