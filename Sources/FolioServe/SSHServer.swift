import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

/// `folio serve`'s SSH server: listens, authenticates, enforces the limits and gives each
/// session channel its own interface. Sessions only: port forwarding is refused (the
/// default global-request delegate), and so is every channel type but `session`.
public final class SSHServer: Sendable {
    private let configuration: ServeConfiguration
    private let hostKey: HostKey
    private let logger: Logger
    private let gate: ConnectionGate
    private let group: MultiThreadedEventLoopGroup
    private let listener = ListenerBox()

    public init(configuration: ServeConfiguration, hostKey: HostKey, logger: Logger) {
        self.configuration = configuration
        self.hostKey = hostKey
        self.logger = logger
        gate = ConnectionGate(maxSessions: configuration.maxSessions, maxSessionsPerAddress: configuration.maxSessionsPerAddress,
                              connectionsPerMinute: configuration.connectionsPerMinute)
        group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, min(4, System.coreCount)))
    }

    /// Binds and starts accepting; returns the address bound (with the real port when 0 was asked).
    public func start() throws -> ListenAddress {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socket(SocketOptionLevel(SOL_SOCKET), SO_REUSEADDR), value: 1)
            .childChannelOption(ChannelOptions.socket(SocketOptionLevel(IPPROTO_TCP), TCP_NODELAY), value: 1)
            .childChannelInitializer { [self] channel in
                channel.eventLoop.makeCompletedFuture {
                    try self.accept(channel)
                }
            }
        let channel: Channel
        do {
            channel = try bootstrap.bind(host: configuration.listen.host, port: configuration.listen.port).wait()
        } catch let error as IOError {
            let hint = error.errnoCode == EADDRINUSE ? "; another server has the port, pick another with --listen" : ""
            throw ServeError("cannot listen on \(configuration.listen): \(String(cString: strerror(error.errnoCode)).lowercased())\(hint)")
        } catch {
            throw ServeError("cannot listen on \(configuration.listen): \(error)")
        }
        listener.set(channel)
        let port = channel.localAddress?.port ?? configuration.listen.port
        logger.info("listening", metadata: ["address": "\(configuration.listen.host):\(port)", "mode": "\(configuration.mode.rawValue)",
                                             "fingerprint": "\(hostKey.fingerprint)"])
        return ListenAddress(host: configuration.listen.host, port: port)
    }

    /// Interfaces open now.
    public var activeSessions: Int { gate.activeSessions }

    /// Stops listening, hangs up every interface and waits (up to `grace` seconds) for them to end.
    public func stop(grace: Double = 5) {
        try? listener.get()?.close().wait()
        let children = gate.runningChildren
        if !children.isEmpty { logger.info("stopping: hanging up sessions", metadata: ["sessions": "\(children.count)"]) }
        for pid in children {
            _ = kill(-pid, SIGHUP)
            _ = kill(pid, SIGHUP)
        }
        let deadline = Date().addingTimeInterval(grace)
        while gate.activeSessions > 0 && Date() < deadline { usleep(20_000) }
        try? group.syncShutdownGracefully()
        logger.info("stopped")
    }

    /// Sets up one TCP connection: the rate limit, SSH, an authentication deadline, logging.
    private func accept(_ channel: Channel) throws {
        let address = channel.remoteAddress?.ipAddress ?? "unknown"
        guard gate.admitConnection(from: address) else {
            logger.notice("refused: rate limit", metadata: ["address": "\(address)", "perMinute": "\(configuration.connectionsPerMinute)"])
            channel.close(promise: nil)
            return
        }
        let connectedAt = Date()
        let logger = self.logger
        logger.info("connection", metadata: ["address": "\(address)"])
        let authenticator = VisitorAuthenticator(policy: configuration.authorizedKeys.map { .keys($0) } ?? .open) { visitor, outcome in
            if let visitor {
                logger.info("\(outcome)", metadata: ["address": "\(address)", "user": "\(visitor.sshUser)",
                                                      "login": "\(visitor.login ?? "-")", "credential": "\(visitor.credential)"])
            } else {
                logger.notice("authentication refused", metadata: ["address": "\(address)", "reason": "\(outcome)"])
            }
        }
        var server = SSHServerConfiguration(hostKeys: [hostKey.privateKey], userAuthDelegate: authenticator,
                                            globalRequestDelegate: nil, banner: banner)
        server.maxAuthAttempts = 6
        let configuration = self.configuration
        let gate = self.gate
        // A connection with no session open is closed after the idle timeout, a minute at most.
        let idleAfter = TimeAmount.seconds(Int64(min(configuration.idleTimeout.seconds > 0 ? configuration.idleTimeout.seconds : 60, 60)))
        let sessions = NIOLoopBound(ConnectionSessions(connection: channel, idleAfter: idleAfter) {
            logger.notice("closing a connection with no session", metadata: ["address": "\(address)"])
        }, eventLoop: channel.eventLoop)
        let ssh = NIOSSHHandler(role: .server(server), allocator: channel.allocator) { child, type in
            guard case .session = type, let visitor = authenticator.visitor else {
                logger.notice("refused: channel", metadata: ["address": "\(address)", "type": "\(type)"])
                return child.eventLoop.makeFailedFuture(ServeError("Folio offers only its interface"))
            }
            guard sessions.value.admit() else {
                logger.notice("refused: a second session on one connection", metadata: ["address": "\(address)"])
                return child.eventLoop.makeFailedFuture(ServeError("one session per connection"))
            }
            child.closeFuture.whenComplete { _ in sessions.value.sessionClosed() }
            return child.eventLoop.makeCompletedFuture {
                if let idle = configuration.idleTimeout.amount {
                    try child.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: idle))
                }
                try child.pipeline.syncOperations.addHandler(
                    SessionHandler(visitor: visitor, address: address, configuration: configuration, gate: gate, logger: logger))
            }
        }
        try channel.pipeline.syncOperations.addHandlers([ssh, ConnectionErrorHandler(address: address, logger: logger)])
        // A client that never finishes authenticating does not hold a connection forever.
        let bound = NIOLoopBound(authenticator, eventLoop: channel.eventLoop)
        channel.eventLoop.scheduleTask(in: .seconds(60)) {
            if bound.value.visitor == nil { channel.close(promise: nil) }
        }
        channel.closeFuture.whenComplete { _ in
            logger.info("connection closed", metadata: ["address": "\(address)",
                                                         "seconds": "\(Int(Date().timeIntervalSince(connectedAt).rounded()))"])
        }
    }

    /// Shown by the client before authentication (OpenSSH prints it at its default log level).
    private var banner: SSHServerConfiguration.UserAuthBanner? {
        guard configuration.mode == .demo else { return nil }
        return .init(message: """
            Folio demo: your own copy of the demo portfolio, as its manager.
            Nothing you do reaches other visitors; your copy is deleted when you leave.
            Keys: j/k move, Enter opens, / filters, ? help, q quits.\n
            """, languageTag: "en")
    }
}

/// The listening channel, set once the server is bound.
private final class ListenerBox: Sendable {
    private let box = NIOLockedValueBox<Channel?>(nil)

    func set(_ channel: Channel) { box.withLockedValue { $0 = channel } }
    func get() -> Channel? { box.withLockedValue { $0 } }
}
