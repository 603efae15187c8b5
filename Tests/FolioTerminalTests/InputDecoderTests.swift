import Testing
import FolioTUI
@testable import FolioTerminal

/// What terminals send, as a table: every spelling of a key decodes to it, a paste is one
/// event whatever it holds, a sequence Folio has no use for is dropped whole (never Esc and
/// characters that would act), a lone Esc is the key once the wait is over.
@Suite struct InputDecoderTests {
    /// Feeds `text` a character at a time; `settle` ends with the reader's wait running out.
    func decode(_ text: String, known: [[UInt32]: KeyPress] = [:], settle: Bool = true) -> [TerminalEvent] {
        var decoder = InputDecoder(known: known)
        var events: [TerminalEvent] = []
        for scalar in text.unicodeScalars { events += decoder.feed(scalar.value) }
        if settle, decoder.isWaiting { events += decoder.timeout() }
        return events
    }

    @Test(arguments: [
        // Home and End as xterm, tmux, screen, rxvt, the Linux console and vt220 send them.
        ("\u{1B}[H", KeyPress.home), ("\u{1B}OH", .home), ("\u{1B}[1~", .home), ("\u{1B}[7~", .home),
        ("\u{1B}[F", .end), ("\u{1B}OF", .end), ("\u{1B}[4~", .end), ("\u{1B}[8~", .end),
        // PgUp/PgDn (vt100's entry has none), Del, arrows in both cursor modes, Shift-Tab.
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[3~", .delete),
        ("\u{1B}[A", .up), ("\u{1B}OB", .down), ("\u{1B}[C", .right), ("\u{1B}OD", .left), ("\u{1B}[Z", .backTab),
        // Function keys: xterm's SS3 and CSI forms, the Linux console's.
        ("\u{1B}OP", .function(1)), ("\u{1B}[11~", .function(1)), ("\u{1B}[[A", .function(1)), ("\u{1B}[15~", .function(5)),
        ("\u{1B}[17~", .function(6)), ("\u{1B}[24~", .function(12)),
        // A modifier of 1 is no modifier; the keypad's Enter in application mode.
        ("\u{1B}[1;1H", .home), ("\u{1B}OM", .enter),
    ])
    func eachSpellingIsItsKey(sequence: String, key: KeyPress) {
        #expect(decode(sequence) == [.key(key)], "\(sequence.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func plainCharactersAndControls() {
        #expect(decode("jk") == [.key(.char("j")), .key(.char("k"))])
        #expect(decode("漢") == [.key(.char("漢"))])
        #expect(decode("\r\t\u{7F}\u{3}") == [.key(.enter), .key(.tab), .key(.backspace), .key(.ctrl("c"))])
    }

    @Test func aLoneEscapeIsTheKeyOnlyOnceTheWaitIsOver() {
        var decoder = InputDecoder()
        #expect(decoder.feed(0x1B).isEmpty && decoder.isWaiting)
        #expect(decoder.wait(escapeDelay: 25) == 25)
        #expect(decoder.timeout() == [.key(.escape)])
        #expect(!decoder.isWaiting)
        // Esc Esc: the first is a key, the second waits.
        #expect(decode("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
        // Esc and a character that starts no sequence: both keys, in order.
        #expect(decode("\u{1B}q") == [.key(.escape), .key(.char("q"))])
    }

    @Test func aSequenceBegunWaitsLongerThanALoneEscape() {
        var decoder = InputDecoder()
        _ = decoder.feed(0x1B)
        _ = decoder.feed(0x5B)
        #expect(decoder.wait(escapeDelay: 25) == 250)
        // A slow link delivers the rest later: still one key.
        #expect(decoder.feed(0x36).isEmpty)
        #expect(decoder.feed(0x7E) == [.key(.pageDown)])
    }

    @Test func sequencesFolioHasNoUseForAreDroppedWhole() {
        // Ctrl-Home, Shift-Up, Insert, a kitty key, focus reports, F13 with modifiers.
        for sequence in ["\u{1B}[1;5H", "\u{1B}[1;2A", "\u{1B}[2~", "\u{1B}[97;5u", "\u{1B}[I", "\u{1B}[25;2~", "\u{1B}[?1;2c"] {
            #expect(decode(sequence).isEmpty, "\(sequence.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Cut short by the wait: dropped, never Esc and characters.
        #expect(decode("\u{1B}[6") == [])
        // The character after a dropped sequence is read as itself.
        #expect(decode("\u{1B}[2~j") == [.key(.char("j"))])
    }

    @Test func theTerminfoEntrysOwnSequencesWin() {
        let known: [[UInt32]: KeyPress] = [Array("\u{1B}[1~".unicodeScalars.map(\.value)): .function(9)]
        #expect(decode("\u{1B}[1~", known: known) == [.key(.function(9))])
        #expect(decode("\u{1B}[4~", known: known) == [.key(.end)])
    }

    @Test func aBracketedPasteIsOneEventAndNeverKeys() {
        #expect(decode("\u{1B}[200~Spoke to Camille\rall good\u{1B}[201~") == [.paste("Spoke to Camille\nall good")])
        // Escapes inside stay text; CRLF is one line break.
        #expect(decode("\u{1B}[200~a\u{1B}[6~b\r\nc\u{1B}[201~x") == [.paste("a\u{1B}[6~b\nc"), .key(.char("x"))])
        // A paste whose end never comes is delivered when the wait runs out.
        var decoder = InputDecoder()
        for scalar in "\u{1B}[200~half".unicodeScalars { _ = decoder.feed(scalar.value) }
        #expect(decoder.isWaiting && decoder.wait(escapeDelay: 25) == 1_000)
        #expect(decoder.timeout() == [.paste("half")])
    }

    @Test func mouseReports() {
        #expect(decode("\u{1B}[<0;10;5M") == [.mouse(MouseEvent(.press(.left), column: 9, row: 4))])
        #expect(decode("\u{1B}[<0;10;5m") == [.mouse(MouseEvent(.release, column: 9, row: 4))])
        #expect(decode("\u{1B}[<2;1;1M") == [.mouse(MouseEvent(.press(.right), column: 0, row: 0))])
        #expect(decode("\u{1B}[<64;3;4M") == [.mouse(MouseEvent(.wheelUp, column: 2, row: 3))])
        #expect(decode("\u{1B}[<65;3;4M") == [.mouse(MouseEvent(.wheelDown, column: 2, row: 3))])
        // Dragging (motion) is not used; an X10 report still reads.
        #expect(decode("\u{1B}[<32;3;4M").isEmpty)
        #expect(decode("\u{1B}[M !!") == [.mouse(MouseEvent(.press(.left), column: 0, row: 0))])
    }

    @Test func aSecondQuickPressOnTheSameCellIsADoubleClick() {
        var counter = ClickCounter()
        let start = ContinuousClock.now
        let press = MouseEvent(.press(.left), column: 3, row: 4)
        #expect(counter.count(press, at: start).clicks == 1)
        #expect(counter.count(MouseEvent(.release, column: 3, row: 4), at: start).clicks == 1)
        #expect(counter.count(press, at: start + .milliseconds(200)).clicks == 2)
        #expect(counter.count(press, at: start + .milliseconds(300)).clicks == 1, "a third press starts again")
        #expect(counter.count(press, at: start + .milliseconds(1_000)).clicks == 1, "too slow")
        #expect(counter.count(MouseEvent(.press(.left), column: 4, row: 4), at: start + .milliseconds(1_100)).clicks == 1)
    }
}
