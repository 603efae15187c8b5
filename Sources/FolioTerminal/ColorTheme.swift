import FolioTUI

/// Whether to use colour at all (`--color auto|always|never`).
public enum ColorMode: String, Sendable, CaseIterable {
    /// Colour when the terminal has it and NO_COLOR is not set.
    case auto
    /// Colour when the terminal has it, even with NO_COLOR.
    case always
    /// Monochrome: bold, reverse, underline and dim only.
    case never
}

/// What the theme could use on this terminal.
public enum ColorDepth: Sendable, Hashable {
    case monochrome
    case eight
    case extended256
}

/// How one role looks: colours (-1 is the terminal's default) and attributes.
struct RoleLook: Hashable {
    var foreground: Int16 = -1
    var background: Int16 = -1
    var isBold = false
    var isReversed = false
    var isUnderlined = false
    var isDim = false
}

/// The role → look table per colour depth; drawing code only ever names a role.
enum ColorTheme {
    static func look(for role: StyleRole, depth: ColorDepth) -> RoleLook {
        switch depth {
        case .monochrome: return monochrome(role)
        case .eight: return eight(role)
        case .extended256: return extended(role)
        }
    }

    private static func monochrome(_ role: StyleRole) -> RoleLook {
        switch role {
        case .normal, .hint, .bandYellow, .bandGreen, .severityInfo, .severityAmber, .positive:
            return RoleLook()
        case .dim, .bandNone, .border: return RoleLook(isDim: true)
        case .header: return RoleLook(isBold: true, isUnderlined: true)
        case .title, .hintKey, .flash, .warning, .accent, .bandRed, .severityOrange, .negative:
            return RoleLook(isBold: true)
        case .selection, .statusBar: return RoleLook(isReversed: true)
        case .error: return RoleLook(isBold: true, isReversed: true)
        case .input: return RoleLook(isUnderlined: true)
        case .severityRed, .overdue: return RoleLook(isBold: true, isUnderlined: true)
        }
    }

    // Curses colour numbers: 0 black, 1 red, 2 green, 3 yellow, 4 blue, 5 magenta, 6 cyan, 7 white.
    private static func eight(_ role: StyleRole) -> RoleLook {
        switch role {
        case .normal, .hint: return RoleLook()
        case .dim, .bandNone, .border: return RoleLook(isDim: true)
        case .header: return RoleLook(foreground: 6, isBold: true)
        case .title: return RoleLook(isBold: true)
        case .selection: return RoleLook(foreground: 0, background: 6)
        case .statusBar: return RoleLook(foreground: 0, background: 7)
        case .hintKey: return RoleLook(foreground: 3, isBold: true)
        case .flash: return RoleLook(foreground: 0, background: 2, isBold: true)
        case .error: return RoleLook(foreground: 7, background: 1, isBold: true)
        case .warning, .severityOrange: return RoleLook(foreground: 3, isBold: true)
        case .input: return RoleLook(isUnderlined: true)
        case .accent, .severityInfo: return RoleLook(foreground: 6)
        case .bandRed, .severityRed, .overdue: return RoleLook(foreground: 1, isBold: true)
        case .bandYellow, .severityAmber: return RoleLook(foreground: 3)
        case .bandGreen, .positive: return RoleLook(foreground: 2)
        case .negative: return RoleLook(foreground: 1)
        }
    }

    private static func extended(_ role: StyleRole) -> RoleLook {
        switch role {
        case .normal: return RoleLook()
        case .dim: return RoleLook(foreground: 245)
        case .header: return RoleLook(foreground: 153, isBold: true)
        case .title: return RoleLook(foreground: 75, isBold: true)
        case .selection: return RoleLook(foreground: 231, background: 24)
        case .statusBar: return RoleLook(foreground: 252, background: 236)
        case .hintKey: return RoleLook(foreground: 221, isBold: true)
        case .hint: return RoleLook(foreground: 250)
        case .flash: return RoleLook(foreground: 231, background: 25, isBold: true)
        case .error: return RoleLook(foreground: 231, background: 124, isBold: true)
        case .warning: return RoleLook(foreground: 214, isBold: true)
        case .input: return RoleLook(foreground: 230, isUnderlined: true)
        case .accent: return RoleLook(foreground: 81)
        case .bandRed: return RoleLook(foreground: 196, isBold: true)
        case .bandYellow: return RoleLook(foreground: 220)
        case .bandGreen: return RoleLook(foreground: 40)
        case .bandNone: return RoleLook(foreground: 244)
        case .severityInfo: return RoleLook(foreground: 81)
        case .severityAmber: return RoleLook(foreground: 214)
        case .severityOrange: return RoleLook(foreground: 208, isBold: true)
        case .severityRed: return RoleLook(foreground: 196, isBold: true)
        case .overdue: return RoleLook(foreground: 203, isBold: true)
        case .positive: return RoleLook(foreground: 40)
        case .negative: return RoleLook(foreground: 203)
        case .border: return RoleLook(foreground: 240)
        }
    }
}
