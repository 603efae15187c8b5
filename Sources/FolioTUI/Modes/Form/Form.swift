/// A small form in its own mode: labelled fields, one focused. Tab / Shift-Tab (or ↓ / ↑)
/// move between fields, Enter submits, Esc cancels. A text field takes typing (Backspace,
/// Ctrl-U clears); ← / → step through its presets. A choice field steps with ← / → or Space,
/// or jumps to the option starting with the letter typed. What a form is for (`purpose`)
/// decides what submitting does (`FormSubmission`); problems are shown under their field.
public struct Form: Sendable, Hashable {
    public var title: String
    /// Lines above the fields saying what the form acts on ("2 alerts: …").
    public var context: [String]
    public var fields: [FormField]
    /// Index into `fields`.
    public var focus: Int = 0
    public var purpose: FormPurpose
    /// A problem with the whole form rather than one field (the store refused it).
    public var error: String?

    public init(title: String, context: [String] = [], fields: [FormField], purpose: FormPurpose) {
        self.title = title
        self.context = context
        self.fields = fields
        self.purpose = purpose
    }

    /// The value of the field `id` ("" when there is none).
    public func value(_ id: String) -> String { fields.first { $0.id == id }?.value ?? "" }

    public mutating func setValue(_ value: String, of id: String) {
        if let index = fields.firstIndex(where: { $0.id == id }) { fields[index].value = value }
    }

    /// Puts problems on their fields (and clears the others'); a problem for an unknown
    /// field id becomes the form's error. Focus moves to the first field with a problem.
    public mutating func show(problems: [String: String]) {
        for index in fields.indices { fields[index].problem = problems[fields[index].id] }
        let unknown = problems.filter { id, _ in !fields.contains { $0.id == id } }.map(\.value).sorted()
        error = unknown.isEmpty ? nil : unknown.joined(separator: "; ")
        if let first = fields.firstIndex(where: { $0.problem != nil }) { focus = first }
    }

    public var hasProblems: Bool { error != nil || fields.contains { $0.problem != nil } }

    /// What a key did to the form.
    public enum Edit: Sendable, Hashable { case edited, submit, cancel }

    /// Applies a key, as the keymap binds it in a form, to the focused field or the form.
    public mutating func edit(_ key: KeyPress, keymap: Keymap = .standard) -> Edit {
        apply(keymap.command(for: key, in: .form), key: key)
    }

    /// Applies a command of the form's table; a key it does not bind is typed into the field.
    public mutating func apply(_ name: CommandName?, key: KeyPress) -> Edit {
        guard !fields.isEmpty else { return name == .cancelForm ? .cancel : name == .submit ? .submit : .edited }
        switch name {
        case .cancelForm: return .cancel
        case .submit: return .submit
        case .nextField: focus = (focus + 1) % fields.count
        case .previousField: focus = (focus + fields.count - 1) % fields.count
        case .choosePrevious: fields[focus].step(-1)
        case .chooseNext: fields[focus].step(1)
        case .deleteBack: fields[focus].deleteBack()
        case .clearLine: fields[focus].clear()
        case nil: if case .char(let character) = key { fields[focus].type(character) }
        default: break
        }
        return .edited
    }
}

/// One field of a `Form`.
public struct FormField: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Free text up to a length.
        case text(maxLength: Int)
        /// One of the options, always set.
        case choice([String])
    }

    public var id: String
    public var label: String
    public var kind: Kind
    public var value: String
    /// Values ← / → put in a text field (a snooze's 1d, 3d, 1w, 2w).
    public var presets: [String]
    /// A short line on what to type ("YYYY-MM-DD, or 1d 3d 1w 2w").
    public var note: String?
    /// What is wrong with the value, set by validation.
    public var problem: String?

    public static func text(_ id: String, _ label: String, value: String = "", maxLength: Int = 2000, presets: [String] = [],
                            note: String? = nil) -> FormField {
        FormField(id: id, label: label, kind: .text(maxLength: maxLength), value: value, presets: presets, note: note)
    }

    public static func choice(_ id: String, _ label: String, options: [String], value: String? = nil, note: String? = nil) -> FormField {
        FormField(id: id, label: label, kind: .choice(options), value: value ?? options.first ?? "", presets: [], note: note)
    }

    public var options: [String] {
        if case .choice(let options) = kind { return options }
        return presets
    }

    /// A typed character: into a text field (up to its length); a choice steps with h,
    /// l and Space, or jumps to the next option starting with the letter.
    mutating func type(_ character: Character) {
        switch kind {
        case .text(let maxLength):
            if value.count < maxLength { value.append(character) }
        case .choice(let options):
            switch character {
            case "h": step(-1, through: options)
            case " ", "l": step(1, through: options)
            default:
                let typed = String(character).lowercased()
                let current = options.firstIndex(of: value) ?? -1
                // The next option after the current one that starts with the letter.
                let order = options.indices.map { (current + 1 + $0) % options.count }
                if let match = order.first(where: { options[$0].lowercased().hasPrefix(typed) }) { value = options[match] }
            }
        }
        problem = nil
    }

    /// ← / →: the previous or next option of a choice, or preset of a text field.
    mutating func step(_ delta: Int) {
        switch kind {
        case .text: step(delta, through: presets)
        case .choice(let options): step(delta, through: options)
        }
        problem = nil
    }

    /// Backspace: the last character of a text field.
    mutating func deleteBack() {
        guard case .text = kind else { return }
        if !value.isEmpty { value.removeLast() }
        problem = nil
    }

    /// Ctrl-U: a text field emptied.
    mutating func clear() {
        guard case .text = kind else { return }
        value = ""
        problem = nil
    }

    private mutating func step(_ delta: Int, through options: [String]) {
        guard !options.isEmpty else { return }
        guard let index = options.firstIndex(of: value) else {
            value = delta > 0 ? options[0] : options[options.count - 1]
            return
        }
        value = options[(index + delta + options.count) % options.count]
    }
}
