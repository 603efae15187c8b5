import Foundation
import Testing
@testable import FolioTUI

/// `config.yaml` key overrides: what a good file does to the keymap, and that a bad one
/// is refused whole, each problem at its line and column.
@Suite struct UserConfigTests {
    static let file = "config.yaml"

    func failure(_ yaml: String) -> [String] {
        do {
            _ = try UserConfig.parse(yaml: yaml, file: Self.file)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test func overridesReplaceTheDefaultsAndTakeKeysFromOtherCommands() throws {
        let config = try UserConfig.parse(yaml: """
            # my keys
            keys:
              down: [n, Down]
              quit: Q
              page-down: [Ctrl-F, pgdn, space]
              help: F2
            """, file: Self.file)
        #expect(config.keyBindings == [.moveDown: [.char("n"), .down], .quit: [.char("Q")],
                                       .pageDown: [.ctrl("f"), .pageDown, .char(" ")], .help: [.function(2)]])
        let keymap = config.applied(to: .standard)
        #expect(keymap.command(for: .char("n")) == .moveDown)
        #expect(keymap.command(for: .char("j")) == nil)
        #expect(keymap.command(for: .char("q")) == nil)
        #expect(keymap.command(for: .char("Q")) == .quit)
        #expect(keymap.command(for: .ctrl("d")) == nil)
        #expect(keymap.command(for: .function(2)) == .help)
        // next-match lost its only key to down; help says so instead of inventing one.
        #expect(keymap.command(named: .nextMatch)?.keys == [])
        #expect(keymap.command(named: .moveUp)?.keys == [.char("k"), .up])
    }

    @Test func noFileEmptyFileAndEmptyKeysChangeNothing() throws {
        for yaml in ["", "# nothing yet\n", "~\n", "keys:\n", "keys: {}\n"] {
            #expect(try UserConfig.parse(yaml: yaml, file: Self.file) == UserConfig(), "\(yaml.debugDescription)")
        }
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("folio-no-config-\(UUID()).yaml").path
        #expect(try UserConfig.load(path: missing) == UserConfig())
    }

    @Test func keysAreWrittenAsHelpShowsThem() throws {
        let cases: [(String, KeyPress)] = [
            ("j", .char("j")), ("Q", .char("Q")), ("?", .char("?")), ("é", .char("é")), ("Space", .char(" ")), (" ", .char(" ")),
            ("Enter", .enter), ("return", .enter), ("Esc", .escape), ("ESCAPE", .escape), ("Tab", .tab), ("Shift-Tab", .backTab),
            ("Backspace", .backspace), ("Del", .delete), ("PgUp", .pageUp), ("PageDown", .pageDown), ("Home", .home),
            ("End", .end), ("Up", .up), ("↓", .down), ("Left", .left), ("→", .right), ("Ctrl-D", .ctrl("d")),
            ("ctrl-u", .ctrl("u")), ("Ctrl+F", .ctrl("f")), ("Ctrl-_", .ctrl("_")), ("F1", .function(1)), ("f12", .function(12)),
        ]
        for (text, key) in cases {
            #expect(try KeyPress(parsing: text) == key, "\(text)")
        }
        // Every key help can show reads back as itself.
        for command in Keymap.standard.commands {
            for key in command.keys {
                #expect(try KeyPress(parsing: key.displayName()) == key)
                #expect(try KeyPress(parsing: key.displayName(glyphs: .ascii)) == key)
            }
        }
    }

    /// A table of bad files: each problem with its line and column, in file order.
    @Test func badFilesAreRefusedWithWhereAndWhy() {
        let cases: [(yaml: String, problems: [String])] = [
            ("keys: { book.down: \"j\", quit: \"Q\" }\n",
             ["config.yaml:1:9: unknown command \"book.down\"; commands are named as in help (?) and the palette: did you mean \"down\"?"]),
            ("keys:\n  down: j\n  jump: x\n",
             ["config.yaml:3:3: unknown command \"jump\"; the commands are: " + Keymap.standard.commands.map(\.name.rawValue).joined(separator: ", ")]),
            ("keys:\n  down: j\n  up: [k, j]\n",
             ["config.yaml:3:11: j is bound twice (both down and up, first on line 2); a key runs one command"]),
            ("keys:\n  down: [j, Down, j]\n",
             ["config.yaml:2:19: j is bound twice (down already, first on line 2); a key runs one command"]),
            ("keys:\n  quit: Ctrl-Z\n  open: Ctrl-M\n",
             ["config.yaml:2:9: quit: Ctrl-Z suspends folio (as in a shell) and cannot be bound",
              "config.yaml:3:9: open: Ctrl-M is Enter to a terminal; write Enter"]),
            ("keys:\n  filter: slash\n",
             ["config.yaml:2:11: filter: \"slash\" is not a key; write one character (j, Q, ?), a name (Enter, Esc, Tab, Space, "
              + "Backspace, Del, Up, Down, Left, Right, PgUp, PgDn, Home, End, F1–F12) or Ctrl-X"]),
            ("keys:\n  help: Ctrl-FF\n",
             ["config.yaml:2:9: help: \"Ctrl-FF\" is not a key; a control chord is Ctrl- and one letter, e.g. Ctrl-D"]),
            ("keys:\n  down:\n  up: []\n  top: { key: g }\n",
             ["config.yaml:2:8: down: give at least one key", "config.yaml:3:7: up: give at least one key",
              "config.yaml:4:8: top: give a key (j) or a list of keys ([j, Down])"]),
            ("keys:\n  down: [j\n  up: k\n",
             ["config.yaml:3:5: YAML syntax: did not find expected ',' or ']'"]),
            ("keys:\n\tdown: j\n",
             ["config.yaml:2:1: YAML syntax: found character that cannot start any token"]),
            ("keys: [j, k]\n",
             ["config.yaml:1:7: keys must map command names to keys, e.g. `keys: { down: j, quit: Q }`"]),
            ("- keys\n",
             ["config.yaml:1:1: the config must be a mapping, e.g. `keys: { down: j, quit: Q }`"]),
            ("theme: dark\nkeys:\n  quit: Q\n",
             ["config.yaml:1:1: unknown setting \"theme\"; expected one of: keys"]),
        ]
        for (yaml, problems) in cases {
            #expect(failure(yaml) == problems, "\(yaml.debugDescription)")
        }
    }

    @Test func aRepeatedCommandIsRefused() {
        let problems = failure("keys:\n  down: j\n  down: n\n")
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("config.yaml:2:") == true)
        #expect(problems.first?.hasSuffix("\"down\" is given more than once in the same mapping; keep one") == true)
    }

    @Test func aFileThatIsNotUTF8IsRefused() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("folio-config-\(UUID()).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data([0x6B, 0x65, 0x79, 0x73, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]).write(to: url)
        #expect(throws: ConfigFailed.self) { try UserConfig.load(path: url.path) }
        do {
            _ = try UserConfig.load(path: url.path)
        } catch {
            #expect(error.description == "\(url.path):1:1: is not UTF-8 text")
        }
    }
}
