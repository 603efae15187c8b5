import FolioDomain
import FolioStore

/// Who is looking, at what: shown in the status bar.
public struct Viewer: Sendable, Hashable {
    public var login: String
    public var name: String
    public var role: String
    /// The database file's name (not its whole path: the status bar is short).
    public var database: String
    public var asOf: Day
    public var isReadonly: Bool
    /// A line over everything, e.g. that the demo opened as its manager.
    public var banner: String?
    /// Whose book the views show when it is not the viewer's own (`:as LOGIN`).
    public var bookOf: Person?
    /// Set when the person at the keyboard is not a user of the database (a guest of the
    /// demo, shown its manager's view): they change nothing (`Identity`).
    public var guest: NotAUser?

    public init(login: String, name: String, role: String, database: String, asOf: Day, isReadonly: Bool = false,
                banner: String? = nil) {
        self.login = login
        self.name = name
        self.role = role
        self.database = database
        self.asOf = asOf
        self.isReadonly = isReadonly
        self.banner = banner
    }

    /// The name the views' titles use: the viewer's, or the person whose book is open.
    public var bookName: String { bookOf?.name ?? name }
}

/// Someone whose book is on screen.
public struct Person: Sendable, Hashable {
    public var login: String
    public var name: String
    public var role: String

    public init(login: String, name: String, role: String) {
        self.login = login
        self.name = name
        self.role = role
    }
}
