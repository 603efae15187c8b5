import Foundation
import GRDB

/// Notices commits made by anyone else (another person's session, `folio tick`, a CLI
/// command, this process's own writes through the pool): SQLite's `PRAGMA data_version`
/// on one connection of its own changes whenever another connection commits. Costs one
/// pragma and one row per check, so the interface can ask every second.
public final class ChangeWatch: Sendable {
    private let queue: DatabaseQueue
    private let state: Mutex
    /// How long a daily run's writing may hold back the news of changes (a run killed while
    /// writing leaves its mark until a re-run).
    static let longestHold: Duration = .seconds(300)
    /// When a daily run lands, each session loads again at its own moment within this, not
    /// all in the same second.
    static let landingSpread: Double = 10

    public init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.label = "folio.watch"
        queue = try DatabaseQueue(path: path, configuration: config)
        state = Mutex(Seen(version: try queue.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }))
    }

    /// True when something was committed since the last time it said so (or since opening).
    /// While a daily run is writing its day in pieces (`tick_pending`), its commits are held
    /// back until the day has landed, then told at a moment of this watch's own.
    public func hasChanged() -> Bool {
        guard let (version, running) = try? queue.inDatabase({ db in
            (try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0,
             try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM setting WHERE key = 'tick_pending')") ?? false)
        }) else { return false }
        return state.withLock { seen in seen.update(version: version, runWriting: running, now: .now) }
    }

    /// What the watch has told, and what it holds back.
    struct Seen {
        var version: Int
        /// Since when changes are held back for a daily run under way.
        var heldSince: ContinuousClock.Instant?
        /// When a change seen after a run landed is told.
        var tellAt: ContinuousClock.Instant?

        init(version: Int) { self.version = version }

        mutating func update(version now: Int, runWriting: Bool, now instant: ContinuousClock.Instant) -> Bool {
            if let due = tellAt {
                guard instant >= due else { return false }
                tellAt = nil
                version = now
                return true
            }
            guard now != version else { heldSince = nil; return false }
            if runWriting {
                let since = heldSince ?? instant
                heldSince = since
                if instant - since < ChangeWatch.longestHold { return false }
            } else if heldSince != nil {
                heldSince = nil
                tellAt = instant + .milliseconds(Int(Double.random(in: 0..<ChangeWatch.landingSpread) * 1000))
                return false
            }
            heldSince = nil
            version = now
            return true
        }
    }

    /// The watch's state behind a lock (the loop asks from one thread, but nothing says it must).
    private final class Mutex: @unchecked Sendable {
        private var value: Seen
        private let lock = NSLock()
        init(_ value: Seen) { self.value = value }
        func withLock<T>(_ body: (inout Seen) -> T) -> T {
            lock.lock(); defer { lock.unlock() }
            return body(&value)
        }
    }
}
