/// Reads a template's tags and text before it is ever rendered (DESIGN §2.6): every name
/// must be a field of `EmailContext`, no name may hold a banned word, and no banned phrase
/// may appear in its text. Problems come with their line and column in the file.
public enum TemplateCheck {
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    public static func problems(in text: String, banned: [String], fields: Set<String> = EmailContext.fieldNames) -> [Problem] {
        var problems: [Problem] = []
        var sections: [String] = []
        let tags = self.tags(in: text)
        for tag in tags {
            var body = tag.body.trimmingWhitespace
            guard let sigil = body.first else { continue }
            switch sigil {
            case "!", "%", "=": continue
            case ">", "<", "$":
                problems.append(Problem(line: tag.line, column: tag.column, message: "partials and blocks are not supported in email templates: {{\(tag.body)}}"))
                continue
            case "/":
                if !sections.isEmpty { sections.removeLast() }
                continue
            default: break
            }
            let opensSection = sigil == "#" || sigil == "^"
            if "#^&{".contains(sigil) { body = String(body.dropFirst()).trimmingWhitespace }
            if body.hasSuffix("}") { body = String(body.dropLast()).trimmingWhitespace }
            let name = body
            if name != "." {
                if let word = bannedWord(inName: name, banned: banned) {
                    problems.append(Problem(line: tag.line, column: tag.column,
                                            message: "names \"\(name)\": a template may not name \"\(word)\" (customer emails never mention it)"))
                } else if resolve(name, within: sections, fields: fields) == nil {
                    problems.append(Problem(line: tag.line, column: tag.column,
                                            message: "names \"\(name)\", which is not a field of the email (fields: \(fields.sorted().filter { $0.contains(".") }.joined(separator: ", ")))"))
                }
            }
            if opensSection { sections.append(resolve(name, within: sections, fields: fields) ?? name) }
        }
        // The words around the tags: what the customer reads whatever the data.
        for (line, column, phrase) in bannedPhrases(in: text, outside: tags, banned: banned) {
            problems.append(Problem(line: line, column: column, message: "says \"\(phrase)\": customer emails never mention it (banned phrases: \(banned.joined(separator: ", ")))"))
        }
        return problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    struct Tag {
        var body: String
        var line: Int
        var column: Int
        /// Offsets in characters of `{{` and just after `}}`.
        var start: Int
        var end: Int
    }

    /// The `{{…}}` tags (and `{{{…}}}`), with where each starts.
    static func tags(in text: String) -> [Tag] {
        let chars = Array(text)
        var tags: [Tag] = []
        var i = 0, line = 1, column = 1
        while i < chars.count {
            if chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" {
                let triple = i + 2 < chars.count && chars[i + 2] == "{"
                let open = triple ? 3 : 2
                var j = i + open
                var body = ""
                while j + 1 < chars.count, !(chars[j] == "}" && chars[j + 1] == "}") {
                    body.append(chars[j])
                    j += 1
                }
                guard j + 1 < chars.count else { break }
                var end = j + 2
                if triple, end < chars.count, chars[end] == "}" { end += 1 }
                tags.append(Tag(body: triple ? "{" + body : body, line: line, column: column, start: i, end: end))
                for c in chars[i..<end] {
                    if c == "\n" { line += 1; column = 1 } else { column += 1 }
                }
                i = end
                continue
            }
            if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 }
            i += 1
        }
        return tags
    }

    /// The field a name means inside the given sections (innermost last), as Mustache looks
    /// it up: in each enclosing section's value from the inside out, then at the top.
    static func resolve(_ name: String, within sections: [String], fields: Set<String>) -> String? {
        for section in sections.reversed() where fields.contains(section + "." + name) { return section + "." + name }
        return fields.contains(name) ? name : nil
    }

    /// The banned word a name contains in any of its parts (`healthScore`, `account.risk`).
    static func bannedWord(inName name: String, banned: [String]) -> String? {
        let lower = name.lowercased()
        return banned.first { !$0.isEmpty && lower.contains($0.lowercased().filter { $0 != " " }) }
    }

    /// Banned phrases in the text outside tags, matched case-insensitively at the start of a
    /// word ("health" also finds "healthy", not "wealth").
    static func bannedPhrases(in text: String, outside tags: [Tag], banned: [String]) -> [(Int, Int, String)] {
        let chars = Array(text)
        var inTag = [Bool](repeating: false, count: chars.count)
        for tag in tags { for k in tag.start..<min(tag.end, chars.count) { inTag[k] = true } }
        let lowered = chars.map { Character($0.lowercased()) }
        var found: [(Int, Int, String)] = []
        var line = 1, column = 1
        for i in chars.indices {
            defer { if chars[i] == "\n" { line += 1; column = 1 } else { column += 1 } }
            guard !inTag[i], i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber) else { continue }
            for phrase in banned where !phrase.isEmpty {
                let p = Array(phrase.lowercased())
                guard i + p.count <= chars.count, Array(lowered[i..<(i + p.count)]) == p,
                      !inTag[i..<(i + p.count)].contains(true) else { continue }
                found.append((line, column, String(chars[i..<(i + p.count)])))
                break
            }
        }
        return found
    }
}
