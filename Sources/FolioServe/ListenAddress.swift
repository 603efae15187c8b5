/// Where the server listens: `ADDR:PORT` (`127.0.0.1:2222`, `[::1]:2222`, `0.0.0.0:22`).
/// Port 0 asks the system for a free port; the server says which it got.
public struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    /// Loopback only: binding other addresses is the operator's explicit choice.
    public static let standard = ListenAddress(host: "127.0.0.1", port: 2222)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws {
        let problem = ServeError("--listen \"\(text)\" is not ADDR:PORT; e.g. 127.0.0.1:2222 or [::1]:2222")
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { throw problem }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw problem }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else { throw problem }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
