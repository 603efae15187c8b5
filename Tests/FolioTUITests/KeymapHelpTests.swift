import Foundation
import Testing
@testable import FolioTUI

/// Help is generated from the keymap; these tests fail when they disagree, when a key is
/// bound twice, or when DESIGN §4's default keys go missing.
@Suite struct KeymapHelpTests {
    let keymap = Keymap.standard

    /// The defaults, and the defaults with a user's config.yaml applied through the loader.
    static let keymaps: [Keymap] = [
        .standard,
        try! UserConfig.parse(yaml: """
            keys:
              down: [n, Down]
              quit: Q
              help: [F2, "?"]
              page-down: [Ctrl-F, PgDn]
              filter: "|"
            """, file: "config.yaml").applied(to: .standard),
    ]

    /// The help text parsed back: each command line's keys and title.
    static func parsedHelp(_ keymap: Keymap) -> [(keys: String, title: String, palette: String)] {
        HelpView.lines(keymap: keymap, glyphs: .unicode).compactMap { line in
            guard line.count == 5, line[1].role == .hintKey else { return nil }
            return (line[1].text.trimmingTrailingSpaces(), line[3].text, line[4].text.trimmingCharacters(in: " "))
        }
    }

    @Test(arguments: keymaps)
    func helpListsEveryCommandWithItsKeysAndTitleInTableOrderByGroup(keymap: Keymap) {
        let help = Self.parsedHelp(keymap)
        let expected = CommandGroup.allCases.flatMap { group in keymap.commands.filter { $0.group == group } }
        #expect(help.count == expected.count)
        for (line, command) in zip(help, expected) {
            #expect(line.title == command.title)
            let keys = command.keys.map { $0.displayName() }.joined(separator: ", ")
            #expect(line.keys == (keys.isEmpty ? "(no key)" : keys))
            #expect(line.palette.hasPrefix(":" + command.name.rawValue))
        }
    }

    @Test(arguments: keymaps)
    func everyCommandNameIsInEachTableOnce(keymap: Keymap) {
        for scope in KeyScope.allCases {
            let names = keymap.table.filter { $0.scope == scope }.map(\.name)
            #expect(!names.isEmpty && names.count == Set(names).count, "\(scope)")
            // Every mode lets Ctrl-C out, as the normal table does.
            #expect(keymap.command(for: .ctrl("c"), in: scope) == .forceQuit, "\(scope)")
        }
        #expect(keymap.commands == keymap.table.filter { $0.scope == .normal })
    }

    @Test(arguments: keymaps)
    func noKeyIsBoundTwiceInATable(keymap: Keymap) {
        for scope in KeyScope.allCases {
            let rows = keymap.table.filter { $0.scope == scope }
            let keys = rows.flatMap(\.keys)
            #expect(keys.count == Set(keys).count, "\(scope)")
            for command in rows {
                for key in command.keys { #expect(keymap.command(for: key, in: scope) == command.name) }
            }
        }
    }

    @Test func designDefaultKeys() {
        let cases: [(KeyPress, CommandName)] = [
            (.char("j"), .moveDown), (.down, .moveDown), (.char("k"), .moveUp), (.up, .moveUp),
            (.char("g"), .top), (.char("G"), .bottom), (.ctrl("d"), .pageDown), (.ctrl("u"), .pageUp),
            (.pageDown, .pageDown), (.pageUp, .pageUp), (.enter, .open), (.escape, .back), (.char("q"), .quit),
            (.ctrl("c"), .forceQuit), (.char("?"), .help), (.char("/"), .filter), (.char("n"), .nextMatch),
            (.char("N"), .previousMatch), (.char(":"), .palette), (.tab, .nextView), (.char("1"), .book), (.char("e"), .open),
        ]
        for (key, name) in cases { #expect(keymap.command(for: key) == name, "\(key)") }
    }

    @Test(arguments: keymaps)
    func theHintBarNamesEachHintedCommandByItsFirstKey(keymap: Keymap) {
        let state = InterfaceFixtures.state(keymap: keymap)
        let bottom = InterfaceView.render(state).text(row: 23)
        for command in keymap.commands where command.hint != nil && command.name != .back && command.works(on: .book) {
            #expect(bottom.contains("\(command.keys[0].displayName()) \(command.hint!)"), "\(bottom)")
        }
    }

    @Test func overriddenKeysShowInHelpAndTheHintBar() {
        let custom = Self.keymaps[1]
        let help = HelpView.lines(keymap: custom, glyphs: .unicode).map(\.plainText)
        #expect(help.contains { $0.hasPrefix("  n, ↓ ") && $0.contains("Move down") })
        #expect(help.contains { $0.hasPrefix("  Q ") && $0.contains("Go back, or quit at the book") })
        #expect(help.contains { $0.hasPrefix("  (no key) ") && $0.contains("Next match of the filter") })
        let bottom = InterfaceView.render(InterfaceFixtures.state(keymap: custom)).text(row: 23)
        #expect(bottom.contains("| filter") && bottom.contains("F2 help") && bottom.contains("Q quit"))
        #expect(!bottom.contains("q quit") && !bottom.contains("/ filter"))
    }

    @Test func overridesMoveKeysBetweenCommands() {
        let custom = keymap.overriding([.moveDown: [.char("n")], .nextMatch: [.char("m")]])
        #expect(custom.command(for: .char("n")) == .moveDown)
        #expect(custom.command(for: .char("j")) == nil)
        #expect(custom.command(for: .char("m")) == .nextMatch)
        let line = HelpView.lines(keymap: custom, glyphs: .unicode).map(\.plainText).first { $0.contains("Move down") }
        #expect(line?.hasPrefix("  n ") == true)
    }

    @Test func readonlyRemovesDestructiveCommands() {
        var table = keymap.commands
        table.append(Command(.reload, "Dangerous", group: .general, keys: [.char("X")], isDestructive: true))
        let readonly = Keymap(commands: table).removingDestructive()
        #expect(readonly.commands.allSatisfy { !$0.isDestructive })
        #expect(readonly.command(for: .char("X")) == nil)
    }
}

extension String {
    func trimmingCharacters(in character: Character) -> String {
        Substring(self).trimmingCharacters(in: character)
    }
}

/// The README's key list is the command table, written out: a command added, renamed or
/// rebound without the README following fails here (as lazygit's generated keybinding docs).
@Suite struct ReadmeKeysTests {
    @Test func theReadmeListsEveryCommandAsTheTableHasIt() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex(of: "<!-- keys: generated from Keymap.standard -->"))
        let end = try #require(lines[begin...].firstIndex(of: "<!-- keys: end -->"))
        let expected = HelpView.markdown(keymap: .standard)
        #expect(Array(lines[(begin + 1)..<end]) == expected, "README.md's key table should read:\n\(expected.joined(separator: "\n"))")
    }
}
