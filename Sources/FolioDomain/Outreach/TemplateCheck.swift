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

    /// `fold` is the compatibility normalisation (NFKC, which the store brings: the domain
    /// imports nothing); format characters are always taken out before comparing.
    public static func problems(in text: String, banned: [String], fields: Set<String> = EmailContext.fieldNames,
                                fold: (String) -> String = { $0 }) -> [Problem] {
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
        for found in bannedPhrases(in: text, outside: tags, banned: banned, fold: fold) {
            problems.append(Problem(line: found.line, column: found.column,
                                    message: "says \(found.quoted): customer emails never mention it (banned phrases: \(banned.joined(separator: ", ")))"))
        }
        return problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    public struct Tag {
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

    /// A banned phrase found in a text: where, as written there, and which one it reads as.
    public struct BannedPhrase: Hashable, Sendable {
        public var line: Int
        public var column: Int
        public var written: String
        public var phrase: String

        /// `"score"`, or `"score" (written "sco<U+00AD>re")` when hidden characters or
        /// look-alike letters disguised it.
        public var quoted: String {
            guard written.lowercased() != phrase else { return "\"\(written)\"" }
            var shown = ""
            for scalar in written.unicodeScalars {
                if scalar.properties.generalCategory == .format || scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    shown += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
                } else {
                    shown.unicodeScalars.append(scalar)
                }
            }
            return "\"\(phrase)\" (written \"\(shown)\")"
        }
    }

    /// Banned phrases in the text outside tags, matched case-insensitively at the start of a
    /// word ("health" also finds "healthy", not "wealth"). The text is compared as a reader
    /// sees it: format characters (zero-width spaces and joiners, soft hyphens, bidi marks)
    /// taken out and `fold` applied, so "sco\u{AD}re" or a full-width "ｓｃｏｒｅ" is found too;
    /// line, column and the phrase quoted are those of the file.
    public static func bannedPhrases(in text: String, outside tags: [Tag] = [], banned: [String],
                                     fold: (String) -> String = { $0 }) -> [BannedPhrase] {
        let chars = Array(text)
        var inTag = [Bool](repeating: false, count: chars.count)
        for tag in tags { for k in tag.start..<min(tag.end, chars.count) { inTag[k] = true } }
        // The compared text, each of its characters with the index of the file's character it came from.
        var seen: [Character] = [], origin: [Int] = []
        for (i, c) in chars.enumerated() {
            var visible = String.UnicodeScalarView()
            visible.append(contentsOf: c.unicodeScalars.filter { $0.properties.generalCategory != .format })
            for folded in fold(String(visible)).lowercased() {
                seen.append(folded)
                origin.append(i)
            }
        }
        var lineStarts = [0]
        for (i, c) in chars.enumerated() where c == "\n" { lineStarts.append(i + 1) }
        func position(_ i: Int) -> (Int, Int) {
            var low = 0, high = lineStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if lineStarts[mid] <= i { low = mid } else { high = mid - 1 }
            }
            return (low + 1, i - lineStarts[low] + 1)
        }
        let phrases = banned.filter { !$0.isEmpty }.map { Array(fold($0).lowercased()) }
        var found: [BannedPhrase] = []
        var k = 0
        while k < seen.count {
            defer { k += 1 }
            guard !inTag[origin[k]], k == 0 || !(seen[k - 1].isLetter || seen[k - 1].isNumber) else { continue }
            guard let n = phrases.firstIndex(where: { k + $0.count <= seen.count && Array(seen[k..<(k + $0.count)]) == $0 }) else { continue }
            let p = phrases[n]
            let first = origin[k], last = origin[k + p.count - 1]
            guard !inTag[first...last].contains(true) else { continue }
            let (line, column) = position(first)
            found.append(BannedPhrase(line: line, column: column, written: String(chars[first...last]), phrase: String(p)))
            k += p.count - 1
        }
        return found
    }
}
