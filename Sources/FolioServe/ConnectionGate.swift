import Foundation
import NIOConcurrencyHelpers

/// The server's limits, shared by every connection: at most `maxSessions` interfaces at
/// once, and `maxSessionsPerAddress` from one address, at most `connectionsPerMinute` new
/// connections from one address, and the running children (so a stopping server can hang
/// them all up).
final class ConnectionGate: Sendable {
    private struct State {
        var sessions: [Int32: String] = [:]
        var reserved = 0
        var reservedByAddress: [String: Int] = [:]
        var recentConnections: [String: [Date]] = [:]
    }

    /// Why a session was not given a slot.
    enum Refusal: Equatable {
        case serverFull
        case addressFull
    }

    let maxSessions: Int
    let maxSessionsPerAddress: Int
    let connectionsPerMinute: Int
    private let state = NIOLockedValueBox(State())

    init(maxSessions: Int, maxSessionsPerAddress: Int? = nil, connectionsPerMinute: Int) {
        self.maxSessions = maxSessions
        self.maxSessionsPerAddress = maxSessionsPerAddress ?? maxSessions
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

    /// Reserves a session slot for `address`; nil when granted, else why not.
    func reserveSession(for address: String) -> Refusal? {
        state.withLockedValue { state in
            guard state.reserved < maxSessions else { return .serverFull }
            let mine = state.reservedByAddress[address] ?? 0
            guard mine < maxSessionsPerAddress else { return .addressFull }
            state.reserved += 1
            state.reservedByAddress[address] = mine + 1
            return nil
        }
    }

    func releaseSession(for address: String) {
        state.withLockedValue { state in
            state.reserved = max(0, state.reserved - 1)
            let left = (state.reservedByAddress[address] ?? 0) - 1
            state.reservedByAddress[address] = left > 0 ? left : nil
        }
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
