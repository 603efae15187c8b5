import Foundation
import GRDB

/// Notices commits made by anyone else (another person's session, `folio tick`, a CLI
/// command, this process's own writes through the pool): SQLite's `PRAGMA data_version`
/// on one connection of its own changes whenever another connection commits. Costs one
/// pragma per check, so the interface can ask every second.
public final class ChangeWatch: Sendable {
    private let queue: DatabaseQueue
    private let last: Mutex

    public init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.label = "folio.watch"
        queue = try DatabaseQueue(path: path, configuration: config)
        last = Mutex(try queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 })
    }

    /// True when something was committed since the last call (or since opening).
    public func hasChanged() -> Bool {
        guard let version = try? queue.inDatabase({ try Int.fetchOne($0, sql: "PRAGMA data_version") }) else { return false }
        return last.exchange(version) != version
    }

    /// The last version seen, behind a lock (the loop asks from one thread, but nothing says it must).
    private final class Mutex: @unchecked Sendable {
        private var value: Int
        private let lock = NSLock()
        init(_ value: Int) { self.value = value }
        func exchange(_ new: Int) -> Int {
            lock.lock(); defer { lock.unlock() }
            let old = value
            value = new
            return old
        }
    }
}
