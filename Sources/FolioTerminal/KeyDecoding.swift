import CNcursesw
import FolioTUI

/// What `readKey` reads: a key, or the terminal's new size.
public enum TerminalEvent: Hashable, Sendable {
    case key(KeyPress)
    /// The terminal now has this size; redraw everything.
    case resize(ScreenSize)

    /// Decodes a `wget_wch` result: `status` is its return value (`OK` for a character,
    /// `KEY_CODE_YES` for a function key), `code` the value it stored. Keys Folio has no
    /// use for (mouse, shifted arrows) decode to nil. A resize decodes with the size
    /// passed in, because the event itself carries none.
    static func decode(status: Int32, code: UInt32, size: ScreenSize) -> TerminalEvent? {
        if status == KEY_CODE_YES {
            if Int32(bitPattern: code) == KEY_RESIZE { return .resize(size) }
            return KeyPress.decodeFunctionKey(Int32(bitPattern: code)).map(TerminalEvent.key)
        }
        guard status == OK else { return nil }
        return KeyPress.decodeCharacter(code).map(TerminalEvent.key)
    }
}

// Curses' codes as the interface's keys: one key type, decoded here where curses is.
extension KeyPress {
    static func decodeCharacter(_ code: UInt32) -> KeyPress? {
        switch code {
        case 0x1B: return .escape
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x7F, 0x08: return .backspace
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x60)))
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(UInt8(code) + 0x40)))
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .char(Character(scalar))
        }
    }

    static func decodeFunctionKey(_ code: Int32) -> KeyPress? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        default:
            let first = folio_key_f(1)
            if code >= first && code <= folio_key_f(63) { return .function(Int(code - first) + 1) }
            return nil
        }
    }
}
