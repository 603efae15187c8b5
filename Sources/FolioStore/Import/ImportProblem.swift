/// One thing wrong with an input file, where it is: `file:line:column: message`.
/// `column` is the field's position in its record (1 = the first column), which is how a
/// spreadsheet finds it; `line` is the physical line the record starts on.
public struct ImportProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// An import that was refused: nothing was written. Holds every problem found, up to a limit.
public struct ImportFailed: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]
    /// True when more problems were found than are listed.
    public var truncated: Bool
    /// The closing line: what did not happen.
    public var verdict: String

    public init(problems: [ImportProblem], truncated: Bool, verdict: String = "import refused: nothing was written") {
        self.problems = problems
        self.truncated = truncated
        self.verdict = verdict
    }

    /// The same problems for a settings file, which nothing reads until it is fixed.
    func asSettings(_ what: String) -> ImportFailed {
        ImportFailed(problems: problems, truncated: truncated, verdict: "\(what) not loaded: nothing was done")
    }

    public var description: String {
        var lines = problems.map(\.description)
        if truncated { lines.append("(stopped after \(problems.count) problems)") }
        lines.append(verdict)
        return lines.joined(separator: "\n")
    }
}
