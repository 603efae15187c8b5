import Foundation

/// `folio import --suggest-map FILE`: recognises a known export by its headers and prints a
/// mapping draft that extends the built-in mapping for it, in which every column of the
/// file is mapped (by the built-in, or by a guess to check) or commented with why not.
public enum MappingSuggestion {
    public static func draft(for path: String) throws -> String {
        let (headers, encoding) = try Self.headers(of: path)
        let locale = ImportKind.isJSON(path: path) ? nil : Self.localeLine(of: path, headers: headers, encoding: encoding != nil)
        guard !headers.isEmpty else {
            throw ImportFailed(problems: [ImportProblem(file: path, line: 1, column: 1, message: "has no header to recognise")], truncated: false)
        }
        let normalized = headers.map(ImportMapping.normalize)
        let best = knownExport(normalized, atLeast: 2)
        let file = (path as NSString).lastPathComponent
        var out: [String] = []
        if let best {
            out.append("# A mapping draft for \(file): its headers are those the built-in mapping \(best.name) reads")
            out.append("# (\(best.mapping.summary)).")
            out.append("# Check the lines marked \"guess\", then: folio import --map THIS.yaml \(file)")
            out.append("extends: \(best.name)")
            if let encoding { out.append(encoding) }
            if let locale, locale.id != best.mapping.locale { out.append(locale.line) }
            out += body(headers: headers, base: best.mapping, kind: best.mapping.kind ?? .accounts)
        } else {
            let kind = guessKind(normalized)
            out.append("# A mapping draft for \(file): not a known export (folio import --maps lists those);")
            out.append("# its columns look most like \(kind.rawValue). Check every line, then: folio import --map THIS.yaml \(file)")
            out.append("kind: \(kind.rawValue)")
            if let encoding { out.append(encoding) }
            if let locale { out.append(locale.line) }
            out += body(headers: headers, base: nil, kind: kind)
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The built-in mapping whose export the (normalized) headers name most, by `atLeast`
    /// columns or more: the columns it maps and those its templates join.
    private static func knownExport(_ normalized: [String], atLeast minimum: Int) -> (name: String, mapping: ImportMapping, matched: Int)? {
        var best: (name: String, mapping: ImportMapping, matched: Int)?
        for name in BuiltInMappings.names {
            guard let m = try? ImportMapping.builtIn(name) else { continue }
            var foreign = Set(m.columns.keys)
            for templates in m.templates.values { for t in templates { for c in Template(t).columns { foreign.insert(ImportMapping.normalize(c)) } } }
            let matched = Set(normalized).intersection(foreign).count
            if matched >= minimum, matched > (best?.matched ?? 0) { best = (name, m, matched) }
        }
        return best
    }

    /// What a file's header says about it, for a file whose name does not say its kind: the
    /// one kind whose own columns it names (all of that kind's key columns, and nothing that is
    /// not one of its columns), or the built-in mapping whose export it looks like ("its header
    /// has Folio's own columns for accounts: --kind accounts"); nil when the header says
    /// nothing clear (or cannot be read).
    public static func kindHint(for path: String) -> String? {
        guard let headers = try? Self.headers(of: path).names, !headers.isEmpty else { return nil }
        let names = headers.map { ImportMapping.normalize($0).replacingOccurrences(of: " ", with: "_") }
        let own = ImportKind.allCases.filter { kind in
            let columns = Set(kind.columnNames)
            return kind.columns.filter { $0.need == .key }.allSatisfy { names.contains($0.name) }
                && names.allSatisfy { columns.contains($0) || (kind == .accounts && $0.hasPrefix("attribute.")) }
        }
        if own.count == 1, let kind = own.first {
            return "its header has Folio's own columns for \(kind.rawValue): --kind \(kind.rawValue)"
        }
        guard let best = knownExport(headers.map(ImportMapping.normalize), atLeast: 3), best.mapping.kind != nil else { return nil }
        return "its header looks like the export the built-in mapping \(best.name) reads: --map \(best.name)"
    }

    private static func body(headers: [String], base: ImportMapping?, kind: ImportKind) -> [String] {
        var columns: [String] = []
        var attributes: [String] = []
        var comments: [String] = []
        var covered = Set<String>()
        let templated: [String: String] = {
            var out: [String: String] = [:]
            for (column, templates) in base?.templates ?? [:] {
                for t in templates { for c in Template(t).columns { out[ImportMapping.normalize(c)] = column } }
            }
            return out
        }()
        for header in headers {
            let key = ImportMapping.normalize(header)
            let label = yamlKey(header)
            if let target = base?.columns[key] {
                comments.append("#   \(label): \(target)   (mapped by \(base!.name))")
                covered.insert(target)
            } else if let target = templated[key] {
                comments.append("#   \(label): joined into \(target) by \(base!.name)")
                covered.insert(target)
            } else if let own = kind.columnNames.first(where: { $0 == key }) {
                comments.append("#   \(label): \(own)   (a Folio column by its own name)")
                covered.insert(own)
            } else if base?.ignore.contains(key) == true {
                comments.append("#   \(label): ignored by \(base!.name) (\(key.contains("revenue") ? "the customer company's own revenue, not ARR" : "not what Folio measures"))")
            } else if let guess = guess(key, kind: kind), !covered.contains(guess) {
                columns.append("  \(label): \(guess)   # a guess from its name: check it")
                covered.insert(guess)
            } else if kind == .accounts {
                attributes.append("  # \(label): \(attributeName(header))   # keep it as a custom attribute (for a custom measure)?")
            } else {
                comments.append("#   \(label): not used by Folio (no \(kind.rawValue) column means this)")
            }
        }
        var out: [String] = []
        if base?.ignoreUnmapped != true { out.append("ignore_unmapped: true") }
        out.append("columns:")
        out += columns.isEmpty ? ["  # nothing to add: every column Folio needs is mapped"] : columns
        if !attributes.isEmpty {
            out.append("attributes:")
            out += attributes
        }
        out.append("# How the file's other columns are read:")
        out += comments
        for (column, hint) in (base?.needs ?? [:]).sorted(by: { $0.key < $1.key }) where !covered.contains(column) {
            out.append("# still to name: \(column): \(hint)")
        }
        for column in kind.columns where column.need != .optional && !covered.contains(column.name) && base?.needs[column.name] == nil
            && base?.templates[column.name] == nil && base?.defaults[column.name] == nil && !(base?.columns.values.contains(column.name) ?? false) {
            out.append("# still to name: \(column.name) (a new \(ImportRow.singular(kind)) needs it)")
        }
        return out
    }

    /// A Folio column a header's name suggests, for the kind.
    static func guess(_ key: String, kind: ImportKind) -> String? {
        let words = Set(key.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        func has(_ w: String) -> Bool { words.contains(w) || key.contains(w) }
        let candidates: [(String, Bool)]
        switch kind {
        case .accounts:
            candidates = [
                ("arr", words.contains("arr") || key.contains("recurring revenue") || key.hasPrefix("arr")),
                ("renewal_date", has("renewal") || key.contains("contract end")),
                ("contract_start", key.contains("contract start") || key.contains("customer since") || key.contains("start date")),
                ("tier", has("tier") || has("segment")),
                ("seats", has("seat") || has("licens")),
                ("timezone", key.contains("time zone") || has("timezone")),
                ("term_months", has("term")),
                ("owner", key.contains("csm") || key.contains("success manager") || has("owner")),
                ("name", key.hasSuffix("name") && !key.contains("owner")),
            ]
        case .contacts:
            candidates = [("email", has("email")), ("name", key.hasSuffix("name")), ("roles", has("role")), ("account_id", has("account") || has("company"))]
        case .cases:
            candidates = [("opened", has("created") || has("opened")), ("closed", has("closed") || has("solved") || has("resolved")),
                          ("priority", has("priority") || has("severity")), ("account_id", has("account") || has("organization") || has("organisation") || has("company"))]
        case .nps:
            candidates = [("score", has("score") || has("rating") || has("nps")), ("comment", has("comment") || has("feedback")),
                          ("contact_id", has("email")), ("date", has("date") || has("timestamp") || has("created"))]
        case .events:
            candidates = [("timestamp", has("time") || has("timestamp")), ("event", has("event")), ("user", has("user") || has("distinct")),
                          ("account_id", has("account") || has("company") || has("group")), ("event_id", has("insert") || has("uuid") || key.hasSuffix("id"))]
        case .usage:
            candidates = [("date", has("date") || has("day")), ("week", has("week")), ("active_users", has("active") || key == "dau"),
                          ("logins", has("login") || has("session")), ("key_actions", has("action")), ("account_id", has("account"))]
        case .opportunities:
            candidates = [("amount", has("amount") || has("value")), ("close_date", key.contains("close")), ("stage", has("stage")),
                          ("account_id", has("account")), ("owner", has("owner"))]
        case .outcomes:
            candidates = [("outcome", has("outcome") || has("result")), ("date", has("date")), ("arr_change", has("change") || has("delta")),
                          ("account_id", has("account"))]
        default:
            candidates = []
        }
        return candidates.first { $0.1 }?.0
    }

    /// The kind whose columns the headers name most.
    private static func guessKind(_ normalized: [String]) -> ImportKind {
        var best = ImportKind.accounts, score = -1
        for kind in ImportKind.allCases {
            let names = Set(kind.columnNames)
            let s = normalized.filter { names.contains($0.replacingOccurrences(of: " ", with: "_")) || guess($0, kind: kind) != nil }.count
                + normalized.filter { names.contains($0.replacingOccurrences(of: " ", with: "_")) }.count
            if s > score { best = kind; score = s }
        }
        return best
    }

    private static func attributeName(_ header: String) -> String {
        var name = header.lowercased().replacingOccurrences(of: "__c", with: "")
        name = String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        while name.contains("__") { name = name.replacingOccurrences(of: "__", with: "_") }
        return name.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
    }

    /// A header as a YAML key (quoted when YAML would read it otherwise).
    private static func yamlKey(_ header: String) -> String {
        let plain = header.allSatisfy { $0.isLetter || $0.isNumber || " _-./()$".contains($0) } && !header.isEmpty
            && !header.hasPrefix("-") && !header.hasPrefix("$") && !["yes", "no", "true", "false", "on", "off", "null"].contains(header.lowercased())
        return plain ? header : "\"" + header.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A file's column names: the CSV header, or the paths of a JSON export's first events;
    /// and, for a CSV file that is not UTF-8 (a re-save by Excel on Windows), the mapping line
    /// that reads it.
    static func headers(of path: String) throws -> (names: [String], encoding: String?) {
        if ImportKind.isJSON(path: path) {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ImportFailed(problems: [ImportProblem(file: path, line: 1, column: 1, message: "no such file or it cannot be read")], truncated: false)
            }
            defer { try? handle.close() }
            let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
            var paths: [String] = []
            func walk(_ value: Any, _ prefix: String) {
                if let object = value as? [String: Any] {
                    for key in object.keys.sorted() { walk(object[key]!, prefix.isEmpty ? key : prefix + "." + key) }
                } else if let array = value as? [Any], let first = array.first, prefix.hasPrefix("groups") || !(first is [String: Any]) {
                    walk(first, prefix)
                } else if !prefix.isEmpty, !paths.contains(prefix) {
                    paths.append(prefix)
                }
            }
            let lines = data.split(separator: 0x0A).prefix(100)
            for line in lines {
                if let object = try? JSONSerialization.jsonObject(with: Data(line)) { walk(object, "") }
            }
            if paths.isEmpty, let array = try? JSONSerialization.jsonObject(with: data) as? [Any] {
                for item in array.prefix(100) { walk(item, "") }
            }
            return (paths, nil)
        }
        do {
            return (try csvHeader(path, CSVFormat()), nil)
        } catch let problem as ImportProblem where problem.message.hasPrefix("invalid UTF-8") {
            // Not UTF-8 and no BOM: Windows-1252 is what such a file almost always is.
            let names = try csvHeader(path, CSVFormat(encoding: .windows1252))
            return (names, "encoding: windows-1252   # the file is not UTF-8 (\(problem.message.prefix { $0 != ";" }) at line \(problem.line)): a re-save by Excel on Windows")
        }
    }

    /// The `locale:` line a file's values call for, read from its first rows: a decimal comma
    /// (`87.500,50`, `12,5`) or points grouping thousands (`310.000.000`), and how its short
    /// dates are written (`15.11.2025`, `15/11/2025`, `11/15/2025`); nil when nothing says.
    static func localeLine(of path: String, headers: [String], encoding windows1252: Bool) -> (id: String, line: String)? {
        guard let reader = try? CSVRecordReader(path: path, displayName: path, format: CSVFormat(encoding: windows1252 ? .windows1252 : nil)),
              (try? reader.next()) != nil else { return nil }
        var decimalComma: (value: String, line: Int, column: String)?
        var dotted: String?, dayFirst: String?, monthFirst: String?
        func matches(_ value: String, _ pattern: String) -> Bool { value.range(of: pattern, options: .regularExpression) != nil }
        for _ in 0..<500 {
            guard let record = try? reader.next() else { break }
            for (i, raw) in record.fields.enumerated() {
                let value = raw.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "€$£¥ \u{00A0}"))
                guard let first = value.first, first.isNumber || first == "-" else { continue }
                // A comma is the best evidence; points grouping thousands (310.000.000) the next best.
                let comma = matches(value, #"^-?[0-9]{1,3}(\.[0-9]{3})*,[0-9]+$"#) && !matches(value, #"^-?[0-9]{1,3},[0-9]{3}$"#)
                    || matches(value, #"^-?[0-9]+,[0-9]{1,2}$"#)
                let grouped = matches(value, #"^-?[0-9]{1,3}(\.[0-9]{3}){2,}$"#)
                if comma && !(decimalComma?.value.contains(",") ?? false) || grouped && decimalComma == nil {
                    decimalComma = (value, record.line, i < headers.count ? headers[i] : "column \(i + 1)")
                }
                if dotted == nil, matches(value, #"^[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}\b"#) { dotted = value }
                if let m = value.firstMatch(of: /^([0-9]{1,2})\/([0-9]{1,2})\/[0-9]{4}\b/), let a = Int(m.1), let b = Int(m.2) {
                    if a > 12, dayFirst == nil { dayFirst = value }
                    if b > 12, monthFirst == nil { monthFirst = value }
                }
            }
        }
        let dates = dotted.map { " and dates like \"\($0)\"" } ?? dayFirst.map { " and dates like \"\($0)\"" } ?? ""
        if let d = decimalComma {
            let id = dayFirst != nil && dotted == nil ? "fr-FR" : "de-DE"
            let other = id == "de-DE" ? "fr-FR, es-ES, it-IT" : "de-DE, es-ES, it-IT"
            let how = d.value.contains(",") ? "have a decimal comma" : "group thousands with points"
            return (id, "locale: \(id)   # numbers like \"\(d.value)\" (line \(d.line), \(d.column)) \(how)\(dates); or \(other) by the country that wrote it")
        }
        if let dotted { return ("de-DE", "locale: de-DE   # dates like \"\(dotted)\" are day first, with points") }
        if let dayFirst, monthFirst == nil { return ("en-GB", "locale: en-GB   # dates like \"\(dayFirst)\" are day first") }
        if let monthFirst, dayFirst == nil { return ("en-US", "locale: en-US   # dates like \"\(monthFirst)\" are month first") }
        return nil
    }

    private static func csvHeader(_ path: String, _ format: CSVFormat) throws -> [String] {
        let reader = try CSVRecordReader(path: path, displayName: path, format: format)
        guard let record = try reader.next() else { return [] }
        return record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
