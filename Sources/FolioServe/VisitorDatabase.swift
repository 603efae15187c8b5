import Foundation

/// The database one session's interface opens: a private copy of the demo (removed with
/// its WAL files when the visitor leaves) or the team's shared file (left alone).
struct VisitorDatabase: Sendable {
    let path: String
    let login: String
    private let isCopy: Bool

    /// Prepares the database for `visitor`; nil login in team mode means the key named none.
    static func prepare(for visitor: Visitor, sessions: ServeConfiguration.Sessions) throws -> VisitorDatabase {
        switch sessions {
        case .demoCopies(let template, let folder, let login):
            let path = URL(fileURLWithPath: folder).appendingPathComponent("visitor-\(UUID().uuidString.prefix(12).lowercased()).db").path
            do {
                try FileManager.default.copyItem(atPath: template, toPath: path)
            } catch {
                throw ServeError("cannot copy the demo database for a visitor: \(error.localizedDescription)")
            }
            return VisitorDatabase(path: path, login: login, isCopy: true)
        case .shared(let database):
            guard let login = visitor.login else { throw ServeError("the key names no Folio login") }
            return VisitorDatabase(path: database, login: login, isCopy: false)
        }
    }

    /// Deletes a demo copy; the shared database stays.
    func discard() {
        guard isCopy else { return }
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
