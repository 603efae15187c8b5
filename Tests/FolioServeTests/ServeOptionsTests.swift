import Foundation
import Testing
@testable import FolioServe

@Suite("serve options")
struct ServeOptionsTests {
    @Test(arguments: [
        ("127.0.0.1:2222", "127.0.0.1", 2222), ("0.0.0.0:22", "0.0.0.0", 22), ("[::1]:2200", "::1", 2200),
        ("localhost:0", "localhost", 0),
    ])
    func listenAddresses(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address.host == host && address.port == port)
        #expect(address.description == text)
    }

    @Test(arguments: ["2222", "127.0.0.1", "127.0.0.1:", ":2222", "127.0.0.1:70000", "::1:22", "[::1]2222", "host:port"])
    func badListenAddressesSayWhatIsExpected(text: String) {
        #expect { try ListenAddress(parsing: text) } throws: { ($0 as? ServeError)?.message.contains("is not ADDR:PORT") == true }
    }

    @Test(arguments: [("90s", 90), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("off", 0), ("0", 0), ("45M", 2700)])
    func idleTimeouts(text: String, seconds: Int) throws {
        #expect(try IdleTimeout(parsing: text).seconds == seconds)
    }

    @Test(arguments: ["", "30", "m", "1d", "-5m", "1.5h", "30m10"])
    func badIdleTimeouts(text: String) {
        #expect(throws: ServeError.self) { try IdleTimeout(parsing: text) }
    }

    /// A duration past a week is refused before it is multiplied, so no count overflows.
    @Test(arguments: ["169h", "9999999999999999h", "99999999999999999999999h", "604801s", "167h61m", "10081m"])
    func idleTimeoutsPastAWeekAreRefusedWithoutOverflow(text: String) throws {
        #expect { try IdleTimeout(parsing: text) } throws: { ($0 as? ServeError)?.message.contains("longer than 168h (a week)") == true }
        #expect(try IdleTimeout(parsing: "168h") == IdleTimeout.maximum)
    }

    @Test func idleTimeoutsPrintAsTheyAreWritten() {
        #expect(IdleTimeout(seconds: 5400).description == "1h30m")
        #expect(IdleTimeout(seconds: 0).description == "off")
        #expect(IdleTimeout.standard.description == "30m")
    }
}

@Suite("client text in logs")
struct ClientTextTests {
    @Test(arguments: [
        ("demo", "demo"), ("a\nb", "a\\u{a}b"), ("\u{1B}[31mred", "\\u{1b}[31mred"), ("Amélie", "Amélie"),
        (String(repeating: "x", count: 205), String(repeating: "x", count: 200) + "…"),
    ])
    func controlCharactersAreEscapedAndLongTextCut(text: String, logged: String) {
        #expect(ClientText.loggable(text) == logged)
    }
}
