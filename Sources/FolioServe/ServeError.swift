/// A problem starting or running the server, with a message an operator can act on.
public struct ServeError: Error, CustomStringConvertible, Sendable {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
