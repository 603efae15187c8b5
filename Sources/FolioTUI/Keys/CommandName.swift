/// A command's name, as help, the palette and `config.yaml` write it (`page-down`). A
/// struct rather than an enum, so a screen declares its own commands in its own folder
/// (`extension CommandName { static let outbox = … }`); the table says which exist.
public struct CommandName: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }
}

// The commands of every screen: moving, going back, the general ones, and the actions
// that apply to whatever the selection is about (each screen says what that is).
extension CommandName {
    public static let moveDown = CommandName("down")
    public static let moveUp = CommandName("up")
    public static let top = CommandName("top")
    public static let bottom = CommandName("bottom")
    public static let pageDown = CommandName("page-down")
    public static let pageUp = CommandName("page-up")
    public static let open = CommandName("open")
    public static let back = CommandName("back")
    public static let quit = CommandName("quit")
    public static let forceQuit = CommandName("force-quit")
    public static let help = CommandName("help")
    public static let palette = CommandName("palette")
    public static let nextView = CommandName("next-view")
    public static let viewAs = CommandName("as")
    public static let reload = CommandName("reload")
    public static let redraw = CommandName("redraw")
    public static let acknowledge = CommandName("acknowledge")
    public static let snooze = CommandName("snooze")
    public static let resolve = CommandName("resolve")
    public static let mark = CommandName("mark")
    public static let logActivity = CommandName("log")
    public static let moveRenewal = CommandName("move")
    public static let recover = CommandName("recover")
}

// Typing in a line (the filter, the palette, a form's text field).
extension CommandName {
    public static let deleteBack = CommandName("delete-back")
    public static let clearLine = CommandName("clear-line")
}
