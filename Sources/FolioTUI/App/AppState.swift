import FolioDomain
import FolioStore

/// The whole interface state: a value, changed only by `reduce`.
public struct AppState: Sendable {
    public var size: ScreenSize
    public var glyphs: Glyphs
    public var viewer: Viewer
    public var keymap: Keymap
    /// Band names, worst first.
    public var bands: [String]
    public var policy: CheckInPolicy
    public var stack: [Screen] = [.book]
    public var book = BookState()
    public var alerts = AlertsState()
    public var checkIns = CheckInsState()
    public var renewals = RenewalsState()
    public var team = TeamState()
    public var outbox = OutboxState()
    public var dashboard = DashboardState()
    public var mode: Mode = .normal
    public var flash: Flash?
    /// Set by quit: the loop restores the terminal and exits.
    public var isQuitting = false

    public init(size: ScreenSize, glyphs: Glyphs, viewer: Viewer, keymap: Keymap = .standard,
                bands: [String] = ["Red", "Yellow", "Green"], policy: CheckInPolicy = .standard) {
        self.size = size
        self.glyphs = glyphs
        self.viewer = viewer
        self.keymap = viewer.isReadonly ? keymap.removingDestructive() : keymap
        self.bands = bands
        self.policy = policy
    }

    public var screen: Screen { stack.last ?? .book }

    /// The smallest terminal the interface draws in (DESIGN §1.2).
    public static let minimumSize = ScreenSize(width: 60, height: 12)

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }

    /// Rows of the book table that fit: the screen minus title, header, status and hint lines.
    public var bookPageHeight: Int { max(1, size.height - 4 - bannerHeight) }

    /// Lines of the account view that fit: the screen minus title, status and hint lines.
    public var accountPageHeight: Int { max(1, size.height - 3 - bannerHeight) }

    /// The banner's line, when there is one.
    public var bannerHeight: Int { viewer.banner == nil ? 0 : 1 }

    /// Rows of a list view's table that fit: the screen minus title, banner, the view's
    /// heading line, the table's header, status and hint lines.
    public var listPageHeight: Int { max(1, size.height - 5 - bannerHeight) }
}
