/// Everything `folio serve` was asked for.
public struct ServeConfiguration: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Anyone (or the authorized keys) gets a private copy of the demo, as its manager.
        case demo
        /// Only the authorized keys, each as its own Folio login, on the shared database.
        case team
    }

    /// What each session's interface runs on.
    public enum Sessions: Sendable {
        /// A fresh copy of `template` in `folder` per visitor, deleted when they leave,
        /// opened as `login`.
        case demoCopies(template: String, folder: String, login: String)
        /// The shared database, opened as the login the visitor's key names.
        case shared(database: String)
    }

    public var listen: ListenAddress
    public var mode: Mode
    public var sessions: Sessions
    /// Nil: open authentication (demo mode only).
    public var authorizedKeys: AuthorizedKeys?
    public var maxSessions: Int
    /// Interfaces at once from one address.
    public var maxSessionsPerAddress: Int
    public var idleTimeout: IdleTimeout
    /// New connections a minute from one address; 0 for no limit.
    public var connectionsPerMinute: Int
    /// The `folio` executable the sessions run.
    public var executable: String
    /// The child's arguments after the executable, for a database and a login
    /// (`tui --db PATH --user LOGIN`).
    public var childArguments: @Sendable (_ database: String, _ login: String) -> [String]
    /// The child's environment before the session's TERM and locale are added.
    public var childEnvironment: [String: String]

    public init(listen: ListenAddress, mode: Mode, sessions: Sessions, authorizedKeys: AuthorizedKeys?, maxSessions: Int,
                maxSessionsPerAddress: Int, idleTimeout: IdleTimeout, connectionsPerMinute: Int, executable: String,
                childArguments: @escaping @Sendable (_ database: String, _ login: String) -> [String],
                childEnvironment: [String: String]) {
        self.listen = listen
        self.mode = mode
        self.sessions = sessions
        self.authorizedKeys = authorizedKeys
        self.maxSessions = maxSessions
        self.maxSessionsPerAddress = maxSessionsPerAddress
        self.idleTimeout = idleTimeout
        self.connectionsPerMinute = connectionsPerMinute
        self.executable = executable
        self.childArguments = childArguments
        self.childEnvironment = childEnvironment
    }
}
