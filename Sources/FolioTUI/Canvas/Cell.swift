/// One terminal cell of a `Canvas`.
///
/// A wide grapheme (CJK, emoji) occupies two cells: the first holds the grapheme with
/// `width == 2`, the second is a *continuation* (`width == 0`, empty grapheme) that
/// only exists to keep columns aligned.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown in this cell; empty for a continuation cell.
    public var grapheme: String
    /// Display width in cells: 1, 2, or 0 for a continuation cell.
    public var width: Int
    public var role: StyleRole
    /// Emphasis on top of the role's own attributes.
    public var isBold: Bool
    public var isReversed: Bool

    public init(grapheme: String, width: Int, role: StyleRole = .normal, isBold: Bool = false, isReversed: Bool = false) {
        self.grapheme = grapheme
        self.width = width
        self.role = role
        self.isBold = isBold
        self.isReversed = isReversed
    }

    /// A space in the given role.
    public static func blank(_ role: StyleRole = .normal) -> Cell {
        Cell(grapheme: " ", width: 1, role: role)
    }

    /// The right half of a wide grapheme.
    public static func continuation(_ role: StyleRole, isBold: Bool = false, isReversed: Bool = false) -> Cell {
        Cell(grapheme: "", width: 0, role: role, isBold: isBold, isReversed: isReversed)
    }

    public var isContinuation: Bool { width == 0 }
}

/// The size of a canvas or terminal, in cells.
public struct ScreenSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// "80×24", as shown to people ("terminal too small (50×10), need 60×12").
    public var description: String { "\(width)×\(height)" }

    /// The largest screen the interface draws, whatever a terminal or an SSH client says:
    /// an 8K display (7680×4320 pixels) in a small 8×9-pixel font is 960×480. Every cell
    /// costs memory (about 110 bytes with curses' own copies) and time each frame, so a
    /// bigger size is a mistake or an attack (65535×65535 once overflowed to 80×-1).
    public static let maximum = ScreenSize(width: 1_000, height: 500)

    /// Each side within 0…`maximum`.
    public var clamped: ScreenSize {
        ScreenSize(width: min(max(0, width), Self.maximum.width), height: min(max(0, height), Self.maximum.height))
    }
}
