import Foundation
import Yams

/// The user's `config.yaml` (`$XDG_CONFIG_HOME/folio/config.yaml`). Today it holds key
/// overrides, by the command names help and the palette show:
///
/// ```yaml
/// keys:
///   down: j                 # one key…
///   up: [k, Up]             # …or several; the first is the one hints show
///   quit: Q
///   page-down: [Ctrl-F, PgDn, Space]
/// ```
///
/// A listed command gets exactly these keys, and they are taken away from any other
/// command (as tig's `bind` does). The file is checked whole before anything applies:
/// an unknown command or key, a key given twice or a YAML error refuses it with every
/// problem as `path:line:column: message`.
public struct UserConfig: Sendable, Hashable {
    /// The commands the user rebound, with their new keys.
    public var keyBindings: [CommandName: [KeyPress]]

    public init(keyBindings: [CommandName: [KeyPress]] = [:]) {
        self.keyBindings = keyBindings
    }

    static let topKeys = ["keys"]

    /// The keymap with the user's keys in place of the defaults.
    public func applied(to keymap: Keymap) -> Keymap {
        keyBindings.isEmpty ? keymap : keymap.overriding(keyBindings)
    }

    /// Reads the file at `path`; no file means no overrides.
    public static func load(path: String) throws(ConfigFailed) -> UserConfig {
        guard FileManager.default.fileExists(atPath: path) else { return UserConfig() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigFailed(problems: [ConfigProblem(file: path, line: 1, column: 1, message: "cannot be read")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigFailed(problems: [ConfigProblem(file: path, line: 1, column: 1, message: "is not UTF-8 text")])
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses the YAML text; `file` is the name used in messages.
    public static func parse(yaml: String, file: String) throws(ConfigFailed) -> UserConfig {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { return UserConfig() }
            root = node
        } catch let error as YamlError {
            let (line, column, message) = describe(error)
            throw ConfigFailed(problems: [ConfigProblem(file: file, line: line, column: column, message: message)])
        } catch {
            throw ConfigFailed(problems: [ConfigProblem(file: file, line: 1, column: 1, message: "YAML syntax: \(error)")])
        }
        var reader = UserConfigReader(file: file)
        let config = reader.config(root)
        guard reader.problems.isEmpty else { throw ConfigFailed(problems: reader.problems) }
        return config
    }

    static func describe(_ error: YamlError) -> (Int, Int, String) {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return (mark.line, mark.column, "YAML syntax: \(problem)")
        case let .duplicatedKeysInMapping(keys, context):
            let names = keys.map { "\"\($0)\"" }.joined(separator: ", ")
            return (context.mark.line, context.mark.column,
                    "\(names) \(keys.count == 1 ? "is" : "are") given more than once in the same mapping; keep one")
        default:
            return (1, 1, "YAML syntax: \(error)")
        }
    }
}

/// Walks the composed YAML, collecting every problem.
struct UserConfigReader {
    let file: String
    var problems: [ConfigProblem] = []

    init(file: String) { self.file = file }

    mutating func problem(_ node: Node, _ message: String) {
        problems.append(ConfigProblem(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, message: message))
    }

    mutating func config(_ root: Node) -> UserConfig {
        if root.null != nil { return UserConfig() }
        guard let mapping = root.mapping else {
            problem(root, "the config must be a mapping, e.g. `keys: { down: j, quit: Q }`")
            return UserConfig()
        }
        var config = UserConfig()
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            switch name {
            case "keys": config.keyBindings = keyBindings(value)
            default: problem(key, "unknown setting \"\(name)\"; expected one of: \(UserConfig.topKeys.joined(separator: ", "))")
            }
        }
        return config
    }

    /// `keys:` — command name to one key or a list of keys; no key twice.
    mutating func keyBindings(_ node: Node) -> [CommandName: [KeyPress]] {
        if node.null != nil { return [:] }
        guard let mapping = node.mapping else {
            problem(node, "keys must map command names to keys, e.g. `keys: { down: j, quit: Q }`")
            return [:]
        }
        var bindings: [CommandName: [KeyPress]] = [:]
        var boundAt: [KeyPress: (command: CommandName, line: Int)] = [:]
        for (nameNode, value) in mapping {
            let written = nameNode.scalar?.string ?? ""
            let name = CommandName(rawValue: written)
            guard Keymap.standard.command(named: name) != nil else {
                problem(nameNode, unknownCommandMessage(written))
                continue
            }
            var keys: [KeyPress] = []
            for keyNode in keyNodes(value, command: written) {
                guard let text = keyNode.scalar?.string, !text.isEmpty, keyNode.null == nil else {
                    problem(keyNode, "\(written): a key must be written as text, e.g. j, Enter or Ctrl-D")
                    continue
                }
                let key: KeyPress
                do {
                    key = try KeyPress(parsing: text)
                } catch {
                    problem(keyNode, "\(written): \(error.message)")
                    continue
                }
                if let earlier = boundAt[key] {
                    let whom = earlier.command == name ? "\(written) already" : "both \(earlier.command.rawValue) and \(written)"
                    problem(keyNode, "\(key.displayName(glyphs: .ascii)) is bound twice (\(whom), first on line \(earlier.line)); "
                                     + "a key runs one command")
                    continue
                }
                boundAt[key] = (name, keyNode.mark?.line ?? 1)
                keys.append(key)
            }
            bindings[name] = keys
        }
        return bindings
    }

    /// The nodes that each hold one key: a scalar, or the items of a sequence.
    mutating func keyNodes(_ value: Node, command: String) -> [Node] {
        if let sequence = value.sequence {
            if sequence.isEmpty { problem(value, "\(command): give at least one key") }
            return Array(sequence)
        }
        if value.mapping != nil {
            problem(value, "\(command): give a key (j) or a list of keys ([j, Down])")
            return []
        }
        if value.null != nil || (value.scalar?.string ?? "").isEmpty {
            problem(value, "\(command): give at least one key")
            return []
        }
        return [value]
    }

    func unknownCommandMessage(_ written: String) -> String {
        let names = Keymap.standard.commands.map(\.name.rawValue)
        // `book.down`, `normal.quit`: the name after the last dot may be one of ours.
        if let last = written.split(separator: ".").last.map(String.init), last != written, names.contains(last) {
            return "unknown command \"\(written)\"; commands are named as in help (?) and the palette: did you mean \"\(last)\"?"
        }
        return "unknown command \"\(written)\"; the commands are: \(names.joined(separator: ", "))"
    }
}
