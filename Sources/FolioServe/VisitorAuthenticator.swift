import NIOCore
import NIOSSH

/// Decides who gets in, one per connection, and remembers who did: open (anyone, any
/// method: a public demo), or only the authorized keys (team mode, or a private demo).
final class VisitorAuthenticator: NIOSSHServerUserAuthenticationDelegate {
    enum Policy: Sendable {
        case open
        case keys(AuthorizedKeys)
    }

    private let policy: Policy
    private let onOutcome: (Visitor?, String) -> Void
    /// Set once authentication succeeds; read by the session channel on the same loop.
    private(set) var visitor: Visitor?

    init(policy: Policy, onOutcome: @escaping (Visitor?, String) -> Void) {
        self.policy = policy
        self.onOutcome = onOutcome
    }

    var supportedAuthenticationMethods: NIOSSHAvailableUserAuthenticationMethods {
        switch policy {
        case .open: [.publicKey, .password]
        case .keys: .publicKey
        }
    }

    func requestReceived(request: NIOSSHUserAuthenticationRequest,
                         responsePromise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        switch (policy, request.request) {
        case (.open, .publicKey(let key)):
            admit(Visitor(sshUser: request.username, login: nil, credential: key.publicKey.fingerprint), responsePromise)
        case (.open, .password):
            admit(Visitor(sshUser: request.username, login: nil, credential: "password"), responsePromise)
        case (.open, _):
            admit(Visitor(sshUser: request.username, login: nil, credential: "none"), responsePromise)
        case (.keys(let keys), .publicKey(let offer)):
            let matches = keys.entries(for: offer.publicKey)
            // A key listed for several logins picks by the name given (ssh LOGIN@host).
            guard let entry = matches.first(where: { $0.login == request.username }) ?? matches.first else {
                refuse("key \(offer.publicKey.fingerprint) for \(ClientText.loggable(request.username)) is not in \(keys.path)", responsePromise)
                return
            }
            admit(Visitor(sshUser: request.username, login: entry.login, credential: offer.publicKey.fingerprint), responsePromise)
        case (.keys, .password):
            refuse("password for \(ClientText.loggable(request.username)) refused: keys only", responsePromise)
        case (.keys, _):
            responsePromise.succeed(.failure)
        }
    }

    private func admit(_ visitor: Visitor, _ promise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        self.visitor = visitor
        onOutcome(visitor, "authenticated")
        promise.succeed(.success)
    }

    private func refuse(_ reason: String, _ promise: EventLoopPromise<NIOSSHUserAuthenticationOutcome>) {
        onOutcome(nil, reason)
        promise.succeed(.failure)
    }
}
