/// A named style that drawing code asks for. Drawing code never picks a colour:
/// the terminal backend maps each role to attributes and colours per theme
/// (256 colours, 8 colours, monochrome), as htop's `CRT.c` does.
public enum StyleRole: String, CaseIterable, Hashable, Sendable {
    case normal
    case dim
    case header
    case title
    case selection
    case statusBar
    case hintKey
    case hint
    case flash
    case error
    case warning
    case input
    case accent
    case bandRed
    case bandYellow
    case bandGreen
    case bandNone
    case severityInfo
    case severityAmber
    case severityOrange
    case severityRed
    case overdue
    case positive
    case negative
    case border
}
