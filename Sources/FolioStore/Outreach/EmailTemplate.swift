import FolioDomain
import Foundation
import Mustache

/// One email template: a `Subject:` line, a blank line, the body; all of it Mustache over
/// `EmailContext`. Checked when loaded (syntax, fields, banned words), so rendering cannot
/// fail later.
public struct EmailTemplate: Sendable {
    public let name: String
    public let file: String
    /// The subject line and the body are rendered apart: a line break in a value (an
    /// account's name) can never end the subject and spill the rest into the body.
    let subjectTemplate: MustacheTemplate
    let bodyTemplate: MustacheTemplate

    /// Plain text, not HTML: the pragma goes in front of the file's first line (so lines
    /// keep their numbers; columns on line 1 are corrected when reporting).
    static let textPragma = "{{% CONTENT_TYPE: TEXT }}"

    /// Parses and checks a template's text; the problems are `file:line:column` ones.
    static func parse(_ text: String, name: String, file: String, banned: [String]) -> Result<EmailTemplate, ImportFailed> {
        func failed(_ problems: [ImportProblem]) -> Result<EmailTemplate, ImportFailed> {
            .failure(ImportFailed(problems: problems, truncated: false, verdict: "sequences not loaded: nothing was done"))
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.hasPrefix("Subject:"),
              first.dropFirst("Subject:".count).contains(where: { !$0.isWhitespace }) else {
            return failed([ImportProblem(file: file, line: 1, column: 1,
                                         message: "template \(name): the first line must be \"Subject: …\", then a blank line, then the body")])
        }
        guard lines.count >= 3, lines[1].allSatisfy(\.isWhitespace) else {
            return failed([ImportProblem(file: file, line: 2, column: 1, message: "template \(name): a blank line must follow the subject")])
        }
        do {
            _ = try MustacheTemplate(string: textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            let column = max(1, line == 1 ? error.context.columnNumber - textPragma.count : error.context.columnNumber)
            return failed([ImportProblem(file: file, line: line, column: column,
                                         message: "template \(name): Mustache syntax: \(describe(error.error))")])
        } catch {
            return failed([ImportProblem(file: file, line: 1, column: 1, message: "template \(name): Mustache syntax: \(error)")])
        }
        let problems = TemplateCheck.problems(in: text, banned: banned, fold: compatibilityFold).map {
            ImportProblem(file: file, line: $0.line, column: $0.column, message: "template \(name) \($0.message)")
        }
        guard problems.isEmpty else { return failed(problems) }
        let subject = String(first.dropFirst("Subject:".count))
        let body = lines.dropFirst(2).joined(separator: "\n")
        guard let subjectTemplate = try? MustacheTemplate(string: textPragma + subject),
              let bodyTemplate = try? MustacheTemplate(string: textPragma + body) else {
            return failed([ImportProblem(file: file, line: 1, column: 1,
                                         message: "template \(name): a section may not run from the subject line into the body")])
        }
        return .success(EmailTemplate(name: name, file: file, subjectTemplate: subjectTemplate, bodyTemplate: bodyTemplate))
    }

    /// NFKC: full-width, circled and mathematical letters read as the plain ones, so a
    /// banned word cannot hide in them.
    static func compatibilityFold(_ text: String) -> String { text.precomposedStringWithCompatibilityMapping }

    static func describe(_ error: any Error) -> String {
        guard let e = error as? MustacheTemplate.Error else { return "\(error)" }
        switch e {
        case .sectionCloseNameIncorrect: return "a section is closed with another name than it was opened with"
        case .unfinishedName: return "a tag is not finished (missing }})"
        case .expectedSectionEnd: return "a section is never closed ({{/name}} missing)"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "template inheritance is not supported in emails"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: return "a {{% pragma }} is malformed or unknown"
        }
    }

    /// Subject and body for this context. The subject is one line: control characters and
    /// line breaks from the values become spaces.
    public func render(_ context: EmailContext) -> (subject: String, body: String) {
        let subject = MailMessage.flattened(subjectTemplate.render(context.values))
        var body = bodyTemplate.render(context.values)
        while body.hasSuffix("\n\n") { body.removeLast() }
        if !body.hasSuffix("\n") { body += "\n" }
        return (subject, body)
    }
}
