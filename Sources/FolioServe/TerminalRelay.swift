import NIOCore

/// Sits on the child's terminal (a NIO pipe channel on the session's own loop) and hands
/// what the interface draws to its session; the terminal reading EIO means the child
/// and everything it started have let go of it.
final class TerminalRelay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let session: SessionHandler

    init(session: SessionHandler) {
        self.session = session
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        session.interfaceDrew(unwrapInboundIn(data))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        session.interfaceFinishedDrawing()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        session.terminalWritabilityChanged(isWritable: context.channel.isWritable)
        context.fireChannelWritabilityChanged()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // EIO once the child is gone: the terminal is done.
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        session.terminalClosed()
    }
}
