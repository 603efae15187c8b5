import NIOCore

/// One connection's session channels: at most one interface per connection, and a
/// connection with none open for `idleAfter` is closed (an authenticated client that never
/// asks for a session, or keeps the connection after its session ended, holds nothing).
/// Used on the connection's event loop only.
final class ConnectionSessions {
    static let maximum = 1

    private let connection: Channel
    private let idleAfter: TimeAmount
    private let onIdle: () -> Void
    private(set) var open = 0
    /// Bumped whenever a session opens: a close scheduled before it no longer applies.
    private var generation = 0

    init(connection: Channel, idleAfter: TimeAmount, onIdle: @escaping () -> Void) {
        self.connection = connection
        self.idleAfter = idleAfter
        self.onIdle = onIdle
        scheduleIdleClose()
    }

    /// Counts a new session channel; false when the connection already has its one.
    func admit() -> Bool {
        guard open < Self.maximum else { return false }
        open += 1
        generation += 1
        return true
    }

    func sessionClosed() {
        open = max(0, open - 1)
        if open == 0 { scheduleIdleClose() }
    }

    private func scheduleIdleClose() {
        let expected = generation
        let bound = NIOLoopBound(self, eventLoop: connection.eventLoop)
        connection.eventLoop.scheduleTask(in: idleAfter) {
            let sessions = bound.value
            guard sessions.open == 0, sessions.generation == expected, sessions.connection.isActive else { return }
            sessions.onIdle()
            sessions.connection.close(promise: nil)
        }
    }
}
