import Logging
import NIOCore

/// Closes a connection on a protocol error, logging why.
final class ConnectionErrorHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = Any

    private let address: String
    private let logger: Logger

    init(address: String, logger: Logger) {
        self.address = address
        self.logger = logger
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        logger.notice("connection error", metadata: ["address": "\(address)", "error": "\(error)"])
        context.close(promise: nil)
    }
}
