import Foundation
import NIOConcurrencyHelpers

/// The server's limits, shared by every connection: at most `maxSessions` interfaces at
/// once, at most `connectionsPerMinute` new connections from one address, and the
/// running children (so a stopping server can hang them all up).
final class ConnectionGate: Sendable {
    private struct State {
        var sessions: [Int32: String] = [:]
        var reserved = 0
        var recentConnections: [String: [Date]] = [:]
    }

    let maxSessions: Int
    let connectionsPerMinute: Int
    private let state = NIOLockedValueBox(State())

    init(maxSessions: Int, connectionsPerMinute: Int) {
        self.maxSessions = maxSessions
        self.connectionsPerMinute = connectionsPerMinute
    }

    /// Counts a new connection from `address`; false when it went over the rate limit.
    func admitConnection(from address: String, at now: Date = Date()) -> Bool {
        guard connectionsPerMinute > 0 else { return true }
        return state.withLockedValue { state in
            let recent = (state.recentConnections[address] ?? []).filter { now.timeIntervalSince($0) < 60 }
            guard recent.count < connectionsPerMinute else {
                state.recentConnections[address] = recent
                return false
            }
            state.recentConnections[address] = recent + [now]
            // Forget quiet addresses so the table does not grow forever.
            if state.recentConnections.count > 10_000 {
                state.recentConnections = state.recentConnections.filter { $0.value.contains { now.timeIntervalSince($0) < 60 } }
            }
            return true
        }
    }

    /// Reserves a session slot; false when the server is full.
    func reserveSession() -> Bool {
        state.withLockedValue { state in
            guard state.reserved < maxSessions else { return false }
            state.reserved += 1
            return true
        }
    }

    func releaseSession() {
        state.withLockedValue { $0.reserved = max(0, $0.reserved - 1) }
    }

    func childStarted(pid: Int32, description: String) {
        state.withLockedValue { $0.sessions[pid] = description }
    }

    func childEnded(pid: Int32) {
        _ = state.withLockedValue { $0.sessions.removeValue(forKey: pid) }
    }

    var runningChildren: [Int32] { state.withLockedValue { Array($0.sessions.keys) } }
    var activeSessions: Int { state.withLockedValue { $0.reserved } }
}
