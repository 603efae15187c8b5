import FolioTUI

/// Turns what a terminal sends into keys, pastes and mouse reports. Folio reads the
/// escape sequences itself, as bubbletea and vim do, instead of trusting the terminfo
/// entry alone: a sequence the entry does not know (tmux's `ESC[1~` for Home under
/// xterm-256color, `ESC[6~` for PgDn under vt100) is still a key, and one Folio has no
/// use for is dropped whole, never split into Esc and characters that would act. Text
/// between `ESC[200~` and `ESC[201~` (bracketed paste) is one paste, typed, never keys.
///
/// It is fed one character at a time (as curses reads them, keypad off); when the reader
/// has waited `wait` with nothing more, `timeout()` settles what is pending.
struct InputDecoder {
    /// Sequences the terminfo entry names (its khome, knp, kf1…), tried before the common ones.
    let known: [[UInt32]: KeyPress]
    /// What has come of a sequence not finished yet.
    private var pending: [UInt32] = []
    /// Inside a bracketed paste: what it holds so far.
    private var pasted: [UInt32]?

    /// Pastes longer than this are cut: a form field holds far less, and memory stays bounded.
    static let pasteLimit = 1_000_000

    init(known: [[UInt32]: KeyPress] = [:]) {
        self.known = known
    }

    /// True while a sequence or a paste is under way: the reader waits for the rest.
    var isWaiting: Bool { !pending.isEmpty || pasted != nil }

    /// How long to wait for the rest, in milliseconds: a lone Esc only `escapeDelay` (it is
    /// most likely the key), a sequence begun a while longer (a slow link splits it), a
    /// paste longer still.
    func wait(escapeDelay: Int) -> Int {
        if pasted != nil { return 1_000 }
        return pending.count <= 1 ? escapeDelay : 250
    }

    mutating func feed(_ code: UInt32) -> [TerminalEvent] {
        if pasted != nil { return paste(code) }
        if pending.isEmpty && code != 0x1B {
            return KeyPress.decodeCharacter(code).map { [.key($0)] } ?? []
        }
        pending.append(code)
        return drain()
    }

    /// Nothing more came: a lone Esc is the Escape key; a sequence cut short is dropped
    /// whole; a paste whose end never came is delivered as it is.
    mutating func timeout() -> [TerminalEvent] {
        if let pasted {
            self.pasted = nil
            pending.removeAll()
            return [.paste(Self.text(pasted))]
        }
        defer { pending.removeAll() }
        return pending == [0x1B] ? [.key(.escape)] : []
    }

    // MARK: Sequences

    private mutating func drain() -> [TerminalEvent] {
        var events: [TerminalEvent] = []
        while let first = pending.first {
            guard first == 0x1B else {
                pending.removeFirst()
                if let key = KeyPress.decodeCharacter(first) { events.append(.key(key)) }
                continue
            }
            guard case .complete(let length, let token) = parse(pending[...]) else { break }
            pending.removeFirst(length)
            switch token {
            case .event(let event): events.append(event)
            case .pasteStart:
                // What follows, up to the end marker, is the paste.
                let rest = pending
                pending.removeAll()
                pasted = []
                for code in rest { events += paste(code) }
                return events
            case .nothing: break
            }
        }
        return events
    }

    private mutating func paste(_ code: UInt32) -> [TerminalEvent] {
        guard var text = pasted else { return [] }
        text.append(code)
        if text.count >= Self.pasteEnd.count, text.suffix(Self.pasteEnd.count).elementsEqual(Self.pasteEnd) {
            pasted = nil
            return [.paste(Self.text(text.dropLast(Self.pasteEnd.count)))]
        }
        // Past the limit the middle is dropped, but the end marker is still looked for.
        if text.count > Self.pasteLimit + Self.pasteEnd.count { text.remove(at: Self.pasteLimit - 1) }
        pasted = text
        return []
    }

    static let pasteEnd: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    /// A paste's characters as text; terminals send a line break as CR.
    static func text(_ codes: some Collection<UInt32>) -> String {
        var scalars = String.UnicodeScalarView()
        for code in codes { if let scalar = Unicode.Scalar(code) { scalars.append(scalar) } }
        return String(scalars).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    enum Token: Equatable {
        case event(TerminalEvent)
        case pasteStart
        case nothing
    }

    enum Parse: Equatable {
        case incomplete
        case complete(length: Int, Token)
    }

    /// Reads one sequence from the start of `input` (which begins with Esc); the terminfo
    /// entry's meaning of a sequence wins over the common one.
    func parse(_ input: ArraySlice<UInt32>) -> Parse {
        let s = Array(input)
        guard s.count >= 2 else { return .incomplete }
        let parsed = Self.common(s)
        if case .complete(let length, let token) = parsed, token != .pasteStart, let key = known[Array(s.prefix(length))] {
            return .complete(length: length, .event(.key(key)))
        }
        return parsed
    }

    /// The sequences terminals send for keys, as xterm, tmux, screen, rxvt, the Linux
    /// console, PuTTY and vt100 write them.
    static func common(_ s: [UInt32]) -> Parse {
        switch s[1] {
        case 0x1B:
            // Esc Esc: the first is the key; the second starts again.
            return .complete(length: 1, .event(.key(.escape)))
        case 0x5B: // [
            return csi(s)
        case 0x4F: // O
            guard s.count >= 3 else { return .incomplete }
            return .complete(length: 3, ss3(s[2]).map { .event(.key($0)) } ?? .nothing)
        default:
            // Esc and a character that starts no sequence: two keys pressed quickly (or Alt and
            // the key, which Folio does not bind): the Esc, then the character read afresh.
            return .complete(length: 1, .event(.key(.escape)))
        }
    }

    /// `ESC [ params intermediates final`, the Linux console's `ESC [ [ A`, and mouse reports.
    static func csi(_ s: [UInt32]) -> Parse {
        guard s.count >= 3 else { return .incomplete }
        if s[2] == 0x5B { // the Linux console's F1–F5: ESC [ [ A…E
            guard s.count >= 4 else { return .incomplete }
            let key: KeyPress? = (0x41...0x45).contains(s[3]) ? .function(Int(s[3] - 0x41) + 1) : nil
            return .complete(length: 4, key.map { .event(.key($0)) } ?? .nothing)
        }
        if s[2] == 0x4D { // X10 mouse: ESC [ M and three characters
            guard s.count >= 6 else { return .incomplete }
            return .complete(length: 6, x10Mouse(s[3], s[4], s[5]).map { .event(.mouse($0)) } ?? .nothing)
        }
        var index = 2
        while index < s.count, (0x30...0x3F).contains(s[index]) { index += 1 }
        let parametersEnd = index
        while index < s.count, (0x20...0x2F).contains(s[index]) { index += 1 }
        guard index < s.count else { return index > 64 ? .complete(length: index, .nothing) : .incomplete }
        let final = s[index]
        // Not a sequence after all: drop what came, and read the character that broke it afresh.
        guard (0x40...0x7E).contains(final) else { return .complete(length: index, .nothing) }
        let length = index + 1
        guard index == parametersEnd else { return .complete(length: length, .nothing) }
        let parameters = String(String.UnicodeScalarView(s[2..<parametersEnd].compactMap(Unicode.Scalar.init)))
        if parameters.hasPrefix("<") {
            return .complete(length: length, sgrMouse(String(parameters.dropFirst()), final: final).map { .event(.mouse($0)) } ?? .nothing)
        }
        return .complete(length: length, csiKey(parameters, final: final))
    }

    static func csiKey(_ parameters: String, final: UInt32) -> Token {
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard !numbers.contains(nil) || parameters.isEmpty else { return .nothing }
        let values = numbers.compactMap { $0 }
        // A modifier (Shift, Ctrl, Alt: 2 and up) makes another key, which Folio does not bind.
        if values.count >= 2, values[1] != 1 { return .nothing }
        let key: KeyPress?
        switch final {
        case 0x41: key = .up // A
        case 0x42: key = .down // B
        case 0x43: key = .right // C
        case 0x44: key = .left // D
        case 0x48: key = .home // H
        case 0x46: key = .end // F
        case 0x5A: key = .backTab // Z
        case 0x50...0x53: key = .function(Int(final - 0x50) + 1) // P Q R S
        case 0x7E: // ~
            switch values.first {
            case 1, 7: key = .home
            case 4, 8: key = .end
            case 3: key = .delete
            case 5: key = .pageUp
            case 6: key = .pageDown
            case 11, 12, 13, 14, 15: key = .function(values[0] - 10)
            case 17, 18, 19, 20, 21: key = .function(values[0] - 11)
            case 23, 24: key = .function(values[0] - 12)
            case 200: return .pasteStart
            default: key = nil
            }
        default: key = nil
        }
        return key.map { .event(.key($0)) } ?? .nothing
    }

    /// `ESC O x`: arrows and Home/End in application mode, F1–F4, the keypad's keys.
    static func ss3(_ final: UInt32) -> KeyPress? {
        switch final {
        case 0x41: return .up
        case 0x42: return .down
        case 0x43: return .right
        case 0x44: return .left
        case 0x48: return .home
        case 0x46: return .end
        case 0x50...0x53: return .function(Int(final - 0x50) + 1)
        case 0x4D: return .enter // the keypad's Enter
        case 0x70...0x79: return .char(Character(Unicode.Scalar(UInt8(final - 0x70) + 0x30))) // keypad 0–9
        case 0x6A: return .char("*")
        case 0x6B: return .char("+")
        case 0x6D: return .char("-")
        case 0x6E: return .char(".")
        case 0x6F: return .char("/")
        default: return nil
        }
    }

    /// `ESC [ < b ; x ; y M` (press, wheel) or `m` (release), cells counted from 1.
    static func sgrMouse(_ parameters: String, final: UInt32) -> MouseEvent? {
        let numbers = parameters.split(separator: ";").compactMap { Int($0) }
        guard numbers.count == 3, final == 0x4D || final == 0x6D else { return nil }
        return mouse(button: numbers[0], column: numbers[1] - 1, row: numbers[2] - 1, released: final == 0x6D)
    }

    /// The old X10 report: button, column and row each as a character, offset by 32.
    static func x10Mouse(_ b: UInt32, _ x: UInt32, _ y: UInt32) -> MouseEvent? {
        guard b >= 32, x >= 33, y >= 33 else { return nil }
        let button = Int(b) - 32
        return mouse(button: button, column: Int(x) - 33, row: Int(y) - 33, released: button & 3 == 3 && button & 64 == 0)
    }

    static func mouse(button code: Int, column: Int, row: Int, released: Bool) -> MouseEvent? {
        guard column >= 0, row >= 0 else { return nil }
        // Dragging reports motion, which Folio does not use.
        if code & 32 != 0 { return nil }
        if code & 64 != 0 {
            switch code & 3 {
            case 0: return MouseEvent(.wheelUp, column: column, row: row)
            case 1: return MouseEvent(.wheelDown, column: column, row: row)
            default: return nil
            }
        }
        if released { return MouseEvent(.release, column: column, row: row) }
        let button: MouseEvent.Button
        switch code & 3 {
        case 0: button = .left
        case 1: button = .middle
        case 2: button = .right
        default: return MouseEvent(.release, column: column, row: row)
        }
        return MouseEvent(.press(button), column: column, row: row)
    }
}
