import FolioDomain
import Foundation
import Yams

/// The sequences and their templates, loaded and checked: what the engine enrols
/// accounts in and what `folio recover --preview` shows.
public struct SequenceLibrary: Sendable {
    public var catalog: SequenceCatalog
    public var templates: [String: EmailTemplate]
    /// Where it came from, for messages.
    public var file: String

    public var settings: OutreachSettings { catalog.settings }

    public func template(for step: RecoverySequence.Step) -> EmailTemplate? { templates[step.template] }
}

/// Reads `sequences.yaml` (the format, in full, is `SampleData/sequences.yaml`) and every
/// template it names, refusing a bad file with `file:line:column: what is wrong`, every
/// problem at once: a YAML or Mustache syntax error, a template naming a field the email
/// does not have or a banned one, a banned phrase in a template's text, a sequence naming a
/// template that is not there.
public enum SequenceLoader {
    public static func load(path: String) throws(ImportFailed) -> SequenceLibrary {
        guard let data = FileManager.default.contents(atPath: path) else {
            let why = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            throw failure([ImportProblem(file: path, line: 1, column: 1, message: why)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw failure([ImportProblem(file: path, line: 1, column: 1, message: "is not UTF-8 text")])
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try load(yaml: text, file: path) { name in
            let url = folder.appendingPathComponent(name)
            return FileManager.default.contents(atPath: url.path).map { (url.path, String(decoding: $0, as: UTF8.self)) }
        }
    }

    static func failure(_ problems: [ImportProblem]) -> ImportFailed {
        ImportFailed(problems: problems.sorted { ($0.file, $0.line, $0.column) < ($1.file, $1.line, $1.column) }, truncated: false,
                     verdict: "sequences not loaded: nothing was done")
    }

    /// `read` gives a file's path and text by its name relative to the sequences file.
    public static func load(yaml: String, file: String, read: (String) -> (path: String, text: String)?) throws(ImportFailed) -> SequenceLibrary {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let e as YamlError {
            let (line, column) = HealthProfileLoader.position(of: e)
            throw failure([ImportProblem(file: file, line: line, column: column, message: HealthProfileLoader.message(for: e))])
        } catch {
            throw failure([ImportProblem(file: file, line: 1, column: 1, message: "YAML syntax: \(error)")])
        }
        guard let root else { throw failure([ImportProblem(file: file, line: 1, column: 1, message: "is empty; it needs `sequences:`")]) }
        var reader = SequenceReader(base: ProfileReader(file: file))
        let parsed = reader.read(root)
        var problems = reader.base.problems
        var templates: [String: EmailTemplate] = [:]
        if let parsed {
            for (sequence, steps) in parsed.stepNodes {
                for (step, node) in steps where templates[step.template] == nil {
                    let name = parsed.folder.isEmpty ? step.template + ".mustache" : parsed.folder + "/" + step.template + ".mustache"
                    guard let (path, text) = read(name) else {
                        problems.append(ImportProblem(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1,
                                                      message: "sequence \(sequence) names template \"\(step.template)\", but \(name) is not there"))
                        continue
                    }
                    switch EmailTemplate.parse(text, name: step.template, file: path, banned: parsed.catalog.settings.bannedPhrases) {
                    case .success(let t): templates[step.template] = t
                    case .failure(let f): problems += f.problems
                    }
                }
            }
        }
        guard problems.isEmpty, let parsed else { throw failure(problems) }
        return SequenceLibrary(catalog: parsed.catalog, templates: templates, file: file)
    }
}

struct SequenceReader {
    var base: ProfileReader

    struct Parsed {
        var catalog: SequenceCatalog
        var folder: String
        /// Each sequence's steps with the node that named the template.
        var stepNodes: [(String, [(RecoverySequence.Step, Node)])]
    }

    static let topKeys = ["settings", "templates", "sequences"]
    static let settingKeys = ["first_email_after_hours", "working_hours", "contact_gap_days", "banned_phrases", "delivery",
                              "company", "product", "key_actions", "signature_title"]
    static let sequenceKeys = ["title", "for", "contacts", "steps"]
    static let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    mutating func read(_ root: Node) -> Parsed? {
        guard let top = base.entries(root, allowed: Self.topKeys, what: "the sequences file") else { return nil }
        var settings = OutreachSettings.standard
        if let node = top["settings"]?.value { self.settings(node, into: &settings) }
        var folder = "templates"
        if let node = top["templates"]?.value, let text = base.text(node, "templates") { folder = text }
        guard let list = top["sequences"]?.value else {
            base.problem(root, "the sequences file needs `sequences:`, a mapping of sequence names to their steps")
            return nil
        }
        guard let mapping = list.mapping else {
            base.problem(list, "sequences must be a mapping of sequence names to their steps")
            return nil
        }
        var sequences: [RecoverySequence] = []
        var branches: [OutreachSignal.Kind: String] = [:]
        var stepNodes: [(String, [(RecoverySequence.Step, Node)])] = []
        for (key, value) in mapping {
            guard let name = key.scalar?.string, !name.isEmpty,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                base.problem(key, "a sequence's name must be a word like product-optimization (letters, digits, dashes)")
                continue
            }
            if sequences.contains(where: { $0.name == name }) {
                base.problem(key, "sequence \(name) is given twice")
                continue
            }
            guard let keys = base.entries(value, allowed: Self.sequenceKeys, what: "sequence \(name)") else { continue }
            let title = keys["title"].flatMap { base.text($0.value, "sequence \(name).title") } ?? name
            if let node = keys["for"]?.value {
                let signals = Self.signals(node)
                if signals.isEmpty {
                    base.problem(node, "sequence \(name).for must be one or more of \(ProfileReader.alternatives(OutreachSignal.Kind.allCases.map(\.rawValue)))")
                }
                for (signal, at) in signals {
                    guard let kind = OutreachSignal.Kind(rawValue: signal) else {
                        base.problem(at, "sequence \(name).for: \"\(signal)\" is not a signal; expected \(ProfileReader.alternatives(OutreachSignal.Kind.allCases.map(\.rawValue)))")
                        continue
                    }
                    if let other = branches[kind] {
                        base.problem(at, "sequence \(name).for: \(signal) already starts \(other)")
                    } else {
                        branches[kind] = name
                    }
                }
            }
            var contacts: [Contact.Role] = [.primary, .champion, .sponsor]
            if let node = keys["contacts"]?.value {
                contacts = []
                for (role, at) in Self.signals(node) {
                    if let r = Contact.Role(rawValue: role) { contacts.append(r) } else {
                        base.problem(at, "sequence \(name).contacts: \"\(role)\" is not a contact role; expected sponsor, champion or primary")
                    }
                }
            }
            var steps: [(RecoverySequence.Step, Node)] = []
            if let node = keys["steps"]?.value, let items = node.sequence, (1...6).contains(items.count) {
                for (i, item) in items.enumerated() {
                    let what = "sequence \(name), step \(i + 1)"
                    guard let s = base.entries(item, allowed: ["template", "after_days"], what: what),
                          let t = s["template"], let template = base.text(t.value, "\(what).template") else {
                        if item.mapping != nil { base.problem(item, "\(what) needs `template:`") }
                        continue
                    }
                    var delay = 0
                    if let d = s["after_days"] { delay = base.whole(d.value, "\(what).after_days", 0...90) ?? 0 }
                    if i > 0 && delay == 0 { base.problem(s["after_days"]?.value ?? item, "\(what).after_days must be at least 1 (days after the previous step)") }
                    steps.append((RecoverySequence.Step(template: template, delayDays: i == 0 ? 0 : delay), t.value))
                }
            } else {
                base.problem(keys["steps"]?.value ?? value, "sequence \(name).steps must be a list of 1 to 6 steps, each {template: NAME, after_days: N}")
            }
            sequences.append(RecoverySequence(name: name, title: title, contacts: contacts, steps: steps.map(\.0)))
            stepNodes.append((name, steps))
        }
        if sequences.isEmpty && base.problems.isEmpty { base.problem(list, "sequences is empty") }
        return Parsed(catalog: SequenceCatalog(settings: settings, sequences: sequences, branches: branches), folder: folder,
                      stepNodes: stepNodes)
    }

    /// A word or a list of words, with where each is.
    static func signals(_ node: Node) -> [(String, Node)] {
        if let s = node.scalar { return [(s.string, node)] }
        return (node.sequence ?? []).compactMap { n in n.scalar.map { ($0.string, n) } }
    }

    mutating func settings(_ node: Node, into s: inout OutreachSettings) {
        guard let keys = base.entries(node, allowed: Self.settingKeys, what: "settings") else { return }
        if let v = keys["first_email_after_hours"] {
            s.firstEmailDelayHours = base.whole(v.value, "settings.first_email_after_hours", 24...48) ?? s.firstEmailDelayHours
        }
        if let v = keys["contact_gap_days"] { s.contactGapDays = base.whole(v.value, "settings.contact_gap_days", 0...60) ?? s.contactGapDays }
        if let v = keys["banned_phrases"] {
            let words = Self.signals(v.value).map { $0.0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if words.isEmpty { base.problem(v.value, "settings.banned_phrases must be a list of words or phrases") } else { s.bannedPhrases = words }
        }
        for (key, path) in [("company", \OutreachSettings.company), ("product", \.product), ("key_actions", \.keyActions),
                            ("signature_title", \.signatureTitle)] {
            if let v = keys[key], let text = base.text(v.value, "settings.\(key)") {
                // Every email says it: the banned phrases (read above) apply here as in the templates.
                let banned = s.bannedPhrases
                if let found = TemplateCheck.bannedPhrases(in: text, banned: banned, fold: EmailTemplate.compatibilityFold).first {
                    base.problem(v.value, "settings.\(key) says \(found.quoted): customer emails never mention it (banned phrases: \(banned.joined(separator: ", ")))")
                } else {
                    s[keyPath: path] = text
                }
            }
        }
        if let v = keys["delivery"], let d = base.entries(v.value, allowed: ["max_attempts", "retry_minutes"], what: "settings.delivery") {
            if let a = d["max_attempts"] { s.maxAttempts = base.whole(a.value, "settings.delivery.max_attempts", 1...20) ?? s.maxAttempts }
            if let r = d["retry_minutes"] { s.retryMinutes = base.whole(r.value, "settings.delivery.retry_minutes", 1...1_440) ?? s.retryMinutes }
        }
        if let v = keys["working_hours"], let w = base.entries(v.value, allowed: ["start", "end", "days"], what: "settings.working_hours") {
            if let n = w["start"] { s.workingHours.startHour = base.whole(n.value, "settings.working_hours.start", 0...23) ?? s.workingHours.startHour }
            if let n = w["end"] { s.workingHours.endHour = base.whole(n.value, "settings.working_hours.end", 1...24) ?? s.workingHours.endHour }
            if s.workingHours.startHour >= s.workingHours.endHour {
                base.problem(w["end"]?.value ?? v.value, "settings.working_hours.end (\(s.workingHours.endHour)) must be after start (\(s.workingHours.startHour))")
            }
            if let n = w["days"] {
                var days = Set<Int>()
                for (day, at) in Self.signals(n.value) {
                    if let i = Self.days.firstIndex(of: day.lowercased()) { days.insert(i + 1) } else {
                        base.problem(at, "settings.working_hours.days: \"\(day)\" is not a day; expected \(Self.days.joined(separator: ", "))")
                    }
                }
                if !days.isEmpty { s.workingHours.weekdays = days }
            }
        }
    }
}
