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
    /// The bottom line's message until the next key; each is kept in `messages` too.
    public var flash: Flash? {
        didSet {
            guard let text = flash?.text, !text.isEmpty, text != oldValue?.text || messages.last != text else { return }
            messages.append(text)
            if messages.count > Self.messageLimit { messages.removeFirst(messages.count - Self.messageLimit) }
        }
    }
    static let messageLimit = 500
    /// Set by quit: the loop restores the terminal and exits.
    public var isQuitting = false
    /// What the last frame showed of the part that scrolls (the screen on top, or help).
    public var shown: Viewport?
    /// What was typed before in the `/` and `:` lines (↑ brings it back).
    public var history: [KeyScope: LineHistory] = [:]
    /// The people a manager or VP may open the book of (`:as` completes them; forms pick
    /// from them); nil until first read.
    public var people: [Person]?
    /// Every message the bottom line showed this session, oldest first (`:messages`).
    public private(set) var messages: [String] = []
    /// The changes made in this session that `u` can take back, the latest last.
    public var undoable: [UndoStep] = []

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

    /// The views this viewer has, in the table's order: the tab bar, Tab and Shift-Tab.
    public var tabs: [any RootScreen.Type] { keymap.views.filter { $0.refusal(for: viewer) == nil } }

    /// Whose book the screens read when it is not the viewer's own (a login); nil: theirs.
    public var bookOwner: String? { viewer.bookOf?.login }

    /// How far Page Down moves: what the last frame showed, less a row.
    var page: Int { shown?.page ?? 1 }

    /// The smallest terminal the interface draws in (DESIGN §1.2).
    public static let minimumSize = ScreenSize(width: 60, height: 12)

    public var isTooSmall: Bool { size.width < Self.minimumSize.width || size.height < Self.minimumSize.height }
}
