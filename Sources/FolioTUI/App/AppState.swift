import FolioDomain
import FolioStore

/// The whole interface state: a value, changed only by `reduce`. What each screen shows
/// is the screen's own state, kept in `screens`; this holds what they share.
public struct AppState: Sendable {
    public var size: ScreenSize
    public var glyphs: Glyphs
    public var viewer: Viewer
    public var keymap: Keymap
    /// Band names, worst first.
    public var bands: [String]
    public var policy: CheckInPolicy
    /// The stack on show and the views kept behind it; the book is always there.
    public var screens = ScreenStack(BookScreen())
    public var mode: Mode = .normal
    public var flash: Flash?
    /// Set by quit: the loop restores the terminal and exits.
    public var isQuitting = false
    /// What the last frame showed of the part that scrolls (the screen on top, or help).
    public var shown: Viewport?

    public init(size: ScreenSize, glyphs: Glyphs, viewer: Viewer, keymap: Keymap = .standard,
                bands: [String] = ["Red", "Yellow", "Green"], policy: CheckInPolicy = .standard) {
        self.size = size
        self.glyphs = glyphs
        self.viewer = viewer
        self.keymap = viewer.isReadonly ? keymap.removingDestructive() : keymap
        self.bands = bands
        self.policy = policy
    }

    /// The screen on top: drawn, and given the keys.
    public var screen: any Screen { screens.top }

    /// A view's state: kept while other views are on screen, fresh before it was first shown.
    public subscript<View: RootScreen>(_ view: View.Type) -> View {
        get { screens.view(View.self) ?? View() }
        set { screens.keep(newValue) }
    }

    /// Whose book the screens read when it is not the viewer's own (a login); nil: theirs.
    public var bookOwner: String? { viewer.bookOf?.login }

    /// How far Page Down moves: what the last frame showed, less a row.
    var page: Int { shown?.page ?? 1 }

    /// The smallest terminal the interface draws in (DESIGN §1.2).
    public static let minimumSize = ScreenSize(width: 60, height: 12)

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }
}
