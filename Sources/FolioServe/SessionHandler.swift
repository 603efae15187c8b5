import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSH

/// One SSH session channel: takes the pty request, starts the interface on a shell
/// request, relays keys and frames, follows window changes, and closes with the child's
/// exit status. Everything else (exec, subsystems such as sftp) is refused with a message.
final class SessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundOut = SSHChannelData

    /// Client environment passed through to the interface; the rest is ignored.
    private static let passedEnvironment: Set<String> = ["NO_COLOR", "COLORTERM", "ESCDELAY"]

    private struct TerminalRequest {
        var term: String
        var columns: Int
        var rows: Int
    }

    private let visitor: Visitor
    private let address: String
    private let configuration: ServeConfiguration
    private let gate: ConnectionGate
    private var logger: Logger

    private var channel: Channel?
    private var terminal: TerminalRequest?
    private var environment: [String: String] = [:]
    private var child: SessionChild?
    private var database: VisitorDatabase?
    private var terminalChannel: Channel?
    private var pendingKeys: [ByteBuffer] = []
    private var ending: SessionChild.Ending?
    private var terminalIsClosed = false
    private var holdsSlot = false
    private var isFinished = false
    private var startedAt = Date()

    init(visitor: Visitor, address: String, configuration: ServeConfiguration, gate: ConnectionGate, logger: Logger) {
        self.visitor = visitor
        self.address = address
        self.configuration = configuration
        self.gate = gate
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
        // A client that closes its input (ssh < /dev/null) still watches the interface.
        context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true).whenFailure { _ in }
    }

    // MARK: Requests

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            // 0 means "not said" (RFC 4254 §6.2), as from `ssh -tt` without a terminal of its own; too big is clamped.
            let size = SessionChild.windowSize(columns: request.terminalCharacterWidth, rows: request.terminalRowHeight)
            terminal = TerminalRequest(term: request.term, columns: size.columns, rows: size.rows)
            reply(true, wanted: request.wantReply, context: context)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            let passed = Self.passedEnvironment.contains(request.name)
            if passed { environment[request.name] = request.value }
            reply(passed, wanted: request.wantReply, context: context)
        case let request as SSHChannelRequestEvent.ShellRequest:
            startInterface(context: context, wantReply: request.wantReply)
        case let request as SSHChannelRequestEvent.ExecRequest:
            // Accepted only to say why on the client's stderr (a failed request makes OpenSSH
            // quit before printing it), then closed with status 2.
            logger.notice("exec refused", metadata: ["address": "\(address)", "user": "\(visitor.sshUser)", "request": "\(request.command)"])
            reply(child == nil, wanted: request.wantReply, context: context)
            if child == nil {
                let port = context.channel.parent?.localAddress?.port.map(String.init) ?? "PORT"
                end(saying: "Folio offers only its interface, not commands; connect without one: ssh -t -p \(port) \(ClientText.loggable(visitor.sshUser))@HOST",
                    status: 2, context: context)
            }
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            refuse("Folio offers only its interface; there is no \(ClientText.loggable(request.subsystem)) here",
                   logged: "subsystem refused", command: request.subsystem, wantReply: request.wantReply, context: context)
        case let request as SSHChannelRequestEvent.WindowChangeRequest:
            if request.terminalCharacterWidth > 0 { terminal?.columns = min(request.terminalCharacterWidth, SessionChild.maximumColumns) }
            if request.terminalRowHeight > 0 { terminal?.rows = min(request.terminalRowHeight, SessionChild.maximumRows) }
            if let terminal, ending == nil { child?.resize(columns: terminal.columns, rows: terminal.rows) }
        case let idle as IdleStateHandler.IdleStateEvent where idle == .read:
            idleTimedOut(context: context)
        case ChannelEvent.inputClosed:
            break
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ ok: Bool, wanted: Bool, context: ChannelHandlerContext) {
        guard wanted else { return }
        if ok {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    private func refuse(_ message: String, logged: String, command: String, wantReply: Bool, context: ChannelHandlerContext) {
        logger.notice("\(logged)", metadata: ["address": "\(address)", "user": "\(visitor.sshUser)", "request": "\(command)"])
        tell(message, context: context)
        reply(false, wanted: wantReply, context: context)
        if child == nil { context.close(promise: nil) }
    }

    /// A line on the client's stderr.
    private func tell(_ message: String, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: message.utf8.count + 8)
        buffer.writeString("folio: \(message)\r\n")
        context.writeAndFlush(wrapOutboundOut(SSHChannelData(type: .stdErr, data: .byteBuffer(buffer))), promise: nil)
    }

    /// Tells the client why, then closes with `status`.
    private func end(saying message: String, status: Int, context: ChannelHandlerContext) {
        tell(message, context: context)
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status), promise: nil)
        context.close(promise: nil)
    }

    // MARK: The interface

    private func startInterface(context: ChannelHandlerContext, wantReply: Bool) {
        guard child == nil, !isFinished else {
            reply(false, wanted: wantReply, context: context)
            return
        }
        reply(true, wanted: wantReply, context: context)
        guard let terminal else {
            logger.notice("refused: no terminal", metadata: ["address": "\(address)", "user": "\(visitor.sshUser)"])
            end(saying: "Folio is an interactive interface and needs a terminal; connect with ssh -t", status: 2, context: context)
            return
        }
        switch gate.reserveSession(for: address) {
        case .serverFull?:
            logger.notice("refused: server full", metadata: ["address": "\(address)", "sessions": "\(gate.maxSessions)"])
            end(saying: "server full: \(gate.maxSessions) visitors already; try again in a few minutes", status: 1, context: context)
            return
        case .addressFull?:
            logger.notice("refused: too many sessions from the address", metadata: ["address": "\(address)", "sessions": "\(gate.maxSessionsPerAddress)"])
            end(saying: "too many sessions from your address (\(gate.maxSessionsPerAddress) at once); close one and try again", status: 1, context: context)
            return
        case nil:
            break
        }
        holdsSlot = true
        do {
            let database = try VisitorDatabase.prepare(for: visitor, sessions: configuration.sessions)
            self.database = database
            var environment = configuration.childEnvironment
            environment.merge(self.environment) { $1 }
            environment["TERM"] = terminal.term.isEmpty ? "xterm" : terminal.term
            environment["LANG"] = "C.UTF-8"
            environment["LC_ALL"] = "C.UTF-8"
            environment["FOLIO_SERVE_SESSION"] = "1"
            let arguments = [configuration.executable] + configuration.childArguments(database.path, database.login)
            let child = try SessionChild(executable: configuration.executable, arguments: arguments, environment: environment,
                                         columns: terminal.columns, rows: terminal.rows)
            self.child = child
            startedAt = Date()
            gate.childStarted(pid: child.pid, description: database.login)
            logger[metadataKey: "pid"] = "\(child.pid)"
            logger.info("session started", metadata: ["address": "\(address)", "user": "\(visitor.sshUser)", "login": "\(database.login)",
                                                       "db": "\(database.path)", "term": "\(terminal.term)",
                                                       "size": "\(terminal.columns)x\(terminal.rows)",
                                                       "sessions": "\(gate.activeSessions)"])
            attachTerminal(of: child, context: context)
            let session = NIOLoopBound(self, eventLoop: context.eventLoop)
            let loop = context.eventLoop
            child.whenEnded { ending in
                loop.execute { session.value.childEnded(ending) }
            }
        } catch {
            logger.error("session failed to start", metadata: ["address": "\(address)", "error": "\(error)"])
            cleanUp()
            end(saying: "the interface could not start (\(error)); the server's log says more", status: 1, context: context)
        }
    }

    private func attachTerminal(of child: SessionChild, context: ChannelHandlerContext) {
        let session = NIOLoopBound(self, eventLoop: context.eventLoop)
        NIOPipeBootstrap(group: context.eventLoop)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(TerminalRelay(session: session.value))
                }
            }
            .takingOwnershipOfDescriptor(inputOutput: dup(child.controller))
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    self.terminalChannel = channel
                    for keys in self.pendingKeys { channel.write(keys, promise: nil) }
                    channel.flush()
                    self.pendingKeys = []
                case .failure(let error):
                    self.logger.error("cannot relay the session's terminal", metadata: ["error": "\(error)"])
                    self.terminalIsClosed = true
                    child.hangUp()
                }
            }
    }

    /// Keys from the visitor.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let data = unwrapInboundIn(data)
        guard case .channel = data.type, case .byteBuffer(let bytes) = data.data, child != nil, ending == nil else { return }
        if let terminalChannel {
            terminalChannel.writeAndFlush(bytes, promise: nil)
        } else {
            pendingKeys.append(bytes)
        }
    }

    /// A slow client: stop reading the interface's terminal until its output has gone out
    /// (the interface then waits on its own writes; nothing piles up in the server).
    func channelWritabilityChanged(context: ChannelHandlerContext) {
        terminalChannel?.setOption(ChannelOptions.autoRead, value: context.channel.isWritable).whenFailure { _ in }
        context.fireChannelWritabilityChanged()
    }

    /// An interface that does not read its keys: stop taking the client's until it does
    /// (the SSH window closes, so the client waits).
    func terminalWritabilityChanged(isWritable: Bool) {
        channel?.setOption(ChannelOptions.autoRead, value: isWritable).whenFailure { _ in }
    }

    /// A frame (or part of one) from the interface.
    func interfaceDrew(_ bytes: ByteBuffer) {
        channel?.write(SSHChannelData(type: .channel, data: .byteBuffer(bytes)), promise: nil)
    }

    func interfaceFinishedDrawing() {
        channel?.flush()
    }

    func terminalClosed() {
        terminalIsClosed = true
        terminalChannel = nil
        finishIfDone()
    }

    private func childEnded(_ ending: SessionChild.Ending) {
        self.ending = ending
        if let child { gate.childEnded(pid: child.pid) }
        // Normally the terminal reads EIO right after; do not wait on it forever.
        if !terminalIsClosed, let terminalChannel {
            terminalChannel.eventLoop.assumeIsolated().scheduleTask(in: .seconds(2)) {
                terminalChannel.close(promise: nil)
            }
        }
        finishIfDone()
    }

    /// Once the child has ended and its last frame is relayed: the exit status, then close.
    private func finishIfDone() {
        guard let ending, terminalIsClosed, !isFinished else { return }
        isFinished = true
        let seconds = Int(Date().timeIntervalSince(startedAt).rounded())
        if let channel, channel.isActive {
            switch ending {
            case .exited(let code):
                channel.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: code), promise: nil)
            case .signalled(let signal):
                channel.triggerUserOutboundEvent(
                    SSHChannelRequestEvent.ExitSignal(signalName: Self.signalName(signal), errorMessage: "the interface was killed",
                                                      language: "en", dumpedCore: false), promise: nil)
            }
            channel.close(promise: nil)
        }
        logger.info("session ended", metadata: ["address": "\(address)", "login": "\(database?.login ?? "-")",
                                                 "ending": "\(ending)", "seconds": "\(seconds)"])
        cleanUp()
    }

    private func cleanUp() {
        child?.closeController()
        database?.discard()
        database = nil
        if holdsSlot {
            holdsSlot = false
            gate.releaseSession(for: address)
        }
    }

    private func idleTimedOut(context: ChannelHandlerContext) {
        guard let child, ending == nil else { return }
        logger.notice("idle timeout", metadata: ["address": "\(address)", "after": "\(configuration.idleTimeout)"])
        tell("no input for \(configuration.idleTimeout); closing the session", context: context)
        child.hangUp()
    }

    /// The visitor left (or the connection dropped): hang up the interface, as a terminal would.
    func channelInactive(context: ChannelHandlerContext) {
        if let child, ending == nil {
            logger.info("visitor disconnected; hanging up the interface", metadata: ["address": "\(address)"])
            child.hangUp()
        } else if child == nil {
            cleanUp()
        }
        context.fireChannelInactive()
    }

    private static func signalName(_ signal: Int32) -> String {
        switch signal {
        case SIGKILL: "KILL"
        case SIGTERM: "TERM"
        case SIGSEGV: "SEGV"
        case SIGABRT: "ABRT"
        case SIGHUP: "HUP"
        case SIGINT: "INT"
        case SIGBUS: "BUS"
        case SIGILL: "ILL"
        default: "USR1"
        }
    }
}
