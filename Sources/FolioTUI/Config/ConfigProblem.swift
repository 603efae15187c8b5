import FolioStore
/// One thing wrong with the user's config file, where it is: `path:line:column: message`
/// (line and column count from 1, as editors do) — the same shape as an import problem.
public typealias ConfigProblem = ImportProblem

/// A config file that was refused as a whole: nothing of it applies. Every problem
/// found, in file order.
public struct ConfigFailed: Error, Sendable, CustomStringConvertible {
    public var problems: [ConfigProblem]

    public init(problems: [ConfigProblem]) {
        self.problems = problems.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
