/// Who is on the other end of a connection, once authenticated.
struct Visitor: Sendable {
    /// The name the client gave (`ssh demo@host` → `demo`).
    let sshUser: String
    /// The Folio login the session runs as in team mode (from the key's `folio-user=`);
    /// nil in demo mode, where everyone is the demo's manager.
    let login: String?
    /// How they got in: `none`, `password`, or the key's fingerprint.
    let credential: String
}
