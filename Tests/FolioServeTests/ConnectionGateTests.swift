import Foundation
import Testing
@testable import FolioServe

@Suite("connection limits")
struct ConnectionGateTests {
    @Test func theRateLimitCountsEachAddressOverAMinute() {
        let gate = ConnectionGate(maxSessions: 20, connectionsPerMinute: 3)
        let start = Date(timeIntervalSince1970: 1_000_000)
        for second in 0..<3 { #expect(gate.admitConnection(from: "10.0.0.1", at: start.addingTimeInterval(Double(second)))) }
        #expect(!gate.admitConnection(from: "10.0.0.1", at: start.addingTimeInterval(10)))
        #expect(gate.admitConnection(from: "10.0.0.2", at: start.addingTimeInterval(10)), "another address has its own count")
        #expect(gate.admitConnection(from: "10.0.0.1", at: start.addingTimeInterval(61)), "a minute later the first has gone")
    }

    @Test func zeroMeansNoRateLimit() {
        let gate = ConnectionGate(maxSessions: 1, connectionsPerMinute: 0)
        #expect((0..<100).allSatisfy { _ in gate.admitConnection(from: "127.0.0.1") })
    }

    @Test func sessionsAreCountedUpToTheMaximum() {
        let gate = ConnectionGate(maxSessions: 2, connectionsPerMinute: 0)
        #expect(gate.reserveSession(for: "10.0.0.1") == nil && gate.reserveSession(for: "10.0.0.2") == nil)
        #expect(gate.reserveSession(for: "10.0.0.3") == .serverFull)
        gate.releaseSession(for: "10.0.0.1")
        #expect(gate.reserveSession(for: "10.0.0.3") == nil)
        #expect(gate.activeSessions == 2)
    }

    @Test func oneAddressGetsItsShareAndNoMore() {
        let gate = ConnectionGate(maxSessions: 10, maxSessionsPerAddress: 2, connectionsPerMinute: 0)
        #expect(gate.reserveSession(for: "10.0.0.1") == nil && gate.reserveSession(for: "10.0.0.1") == nil)
        #expect(gate.reserveSession(for: "10.0.0.1") == .addressFull)
        #expect(gate.reserveSession(for: "10.0.0.2") == nil, "another address has its own share")
        gate.releaseSession(for: "10.0.0.1")
        #expect(gate.reserveSession(for: "10.0.0.1") == nil)
        #expect(gate.activeSessions == 3)
    }
}
