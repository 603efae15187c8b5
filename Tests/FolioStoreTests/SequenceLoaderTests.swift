import Foundation
import FolioDomain
import Testing
@testable import FolioStore

/// `sequences.yaml` and its templates: the shipped ones load; bad ones are refused with
/// the file, line and column of each problem.
@Suite("Loading sequences and templates")
struct SequenceLoaderTests {
    static let sampleData = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    static func shipped() throws -> SequenceLibrary {
        try SequenceLoader.load(path: sampleData.appendingPathComponent("sequences.yaml").path)
    }

    @Test func theShippedSequencesLoad() throws {
        let library = try Self.shipped()
        #expect(library.catalog.sequences.map(\.name) == ["product-optimization", "re-engagement", "onboarding-rescue", "expansion",
                                                         "detractor-follow-up"])
        #expect(library.catalog.sequences.allSatisfy { (2...4).contains($0.steps.count) })
        #expect(library.catalog.sequence(for: .usageDecline)?.name == "product-optimization")
        #expect(library.catalog.sequence(for: .relationshipDecline)?.name == "re-engagement")
        #expect(library.catalog.sequence(for: .usageSurge)?.name == "expansion")
        #expect(library.catalog.sequence(for: .detractor)?.name == "detractor-follow-up")
        #expect(library.settings.keyActions == "sending volume")
    }

    /// Loads a sequences file and templates from text; returns the problems, paths trimmed.
    static func problems(_ yaml: String, templates: [String: String]) -> [String] {
        do {
            _ = try SequenceLoader.load(yaml: yaml, file: "sequences.yaml") { name in
                templates[name].map { ("templates/" + name.split(separator: "/").last!, $0) }
            }
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    static let oneSequence = """
        sequences:
          product-optimization:
            for: usage-decline
            steps:
              - {template: po-1}
              - {template: po-2, after_days: 4}
        """
    static let good = "Subject: Hi {{contact.firstName}}\n\nHello from {{csm.name}}.\n"

    @Test func aTemplateSyntaxErrorNamesTheTemplateAndItsLine() {
        let problems = Self.problems(Self.oneSequence, templates: ["templates/po-1.mustache": Self.good,
                                                                   "templates/po-2.mustache": "Subject: Again\n\nHi {{#signal}}\n{{summary}}\n"])
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("templates/po-2.mustache:") == true, "\(problems)")
        #expect(problems.first?.contains("template po-2: Mustache syntax: a section is never closed") == true, "\(problems)")
    }

    @Test func anUnknownFieldABannedFieldAndABannedPhraseAreRefused() {
        let problems = Self.problems(Self.oneSequence, templates: [
            "templates/po-1.mustache": "Subject: Hi\n\nHi {{contact.nickname}},\n",
            "templates/po-2.mustache": "Subject: Your score\n\n{{account.healthScore}}\n",
        ])
        #expect(problems == [
            "templates/po-1.mustache:3:4: template po-1 names \"contact.nickname\", which is not a field of the email (fields: \(EmailContext.fieldNames.sorted().filter { $0.contains(".") }.joined(separator: ", ")))",
            "templates/po-2.mustache:1:15: template po-2 says \"score\": customer emails never mention it (banned phrases: score, health, risk, churn)",
            "templates/po-2.mustache:3:1: template po-2 names \"account.healthScore\": a template may not name \"score\" (customer emails never mention it)",
        ])
    }

    /// Hidden characters and look-alike letters do not get a banned word past the check.
    @Test(arguments: [
        ("sco\u{200B}re", "\"score\" (written \"sco<U+200B>re\")"),
        ("sco\u{AD}re", "\"score\" (written \"sco<U+00AD>re\")"),
        ("he\u{200D}alth", "\"health\" (written \"he<U+200D>alth\")"),
        ("\u{FF53}\u{FF43}\u{FF4F}\u{FF52}\u{FF45}", "\"score\" (written \"ｓｃｏｒｅ\")"),
        ("\u{1D42B}\u{1D422}\u{1D42C}\u{1D424}", "\"risk\" (written \"𝐫𝐢𝐬𝐤\")"),
        ("CH\u{2060}URN", "\"churn\" (written \"CH<U+2060>URN\")"),
    ])
    func aBannedWordInDisguiseIsStillRefused(written: String, quoted: String) {
        let problems = Self.problems(Self.oneSequence, templates: [
            "templates/po-1.mustache": "Subject: Hi\n\nYour \(written) is fine.\n",
            "templates/po-2.mustache": Self.good,
        ])
        #expect(problems == ["templates/po-1.mustache:3:6: template po-1 says \(quoted): customer emails never mention it (banned phrases: score, health, risk, churn)"])
    }

    @Test func theTextsEveryEmailCarriesAreCheckedToo() {
        let yaml = """
            settings:
              product: "Folio ｈｅａｌｔｈ"
              signature_title: "Customer Sco\u{AD}re Lead"
            """ + "\n" + Self.oneSequence
        let problems = Self.problems(yaml, templates: ["templates/po-1.mustache": Self.good, "templates/po-2.mustache": Self.good])
        #expect(problems.contains { $0.hasPrefix("sequences.yaml:2:12: settings.product says \"health\" (written \"ｈｅａｌｔｈ\")") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("sequences.yaml:3:20: settings.signature_title says \"score\" (written \"Sco<U+00AD>re\")") }, "\(problems)")
    }

    @Test func aSequenceNamingAMissingTemplate() {
        let problems = Self.problems(Self.oneSequence, templates: ["templates/po-1.mustache": Self.good])
        #expect(problems == ["sequences.yaml:6:20: sequence product-optimization names template \"po-2\", but templates/po-2.mustache is not there"])
    }

    @Test func badSettingsAreRefusedWhere() {
        let yaml = """
            settings:
              first_email_after_hours: 12
              working_hours: {start: 18, end: 9}
              banned_phrases: [score, "account health"]
            """ + "\n" + Self.oneSequence + "\n    colour: blue\n"
        let problems = Self.problems(yaml, templates: ["templates/po-1.mustache": Self.good, "templates/po-2.mustache": Self.good])
        #expect(problems.contains("sequences.yaml:2:28: settings.first_email_after_hours must be between 24 and 48, not 12"), "\(problems)")
        #expect(problems.contains("sequences.yaml:3:35: settings.working_hours.end (9) must be after start (18)"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("sequences.yaml:11:5: unknown key \"colour\" in sequence product-optimization") }, "\(problems)")
    }

    @Test func aTemplateWithoutASubjectLine() {
        let problems = Self.problems(Self.oneSequence, templates: ["templates/po-1.mustache": "Hello\n\nbody\n",
                                                                   "templates/po-2.mustache": Self.good])
        #expect(problems == ["templates/po-1.mustache:1:1: template po-1: the first line must be \"Subject: …\", then a blank line, then the body"])
    }

    @Test func theShippedTemplatesNeverMentionTheBannedWords() throws {
        let folder = Self.sampleData.appendingPathComponent("templates")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8).lowercased()
            for word in ["score", "health", "risk", "churn", "band"] { #expect(!text.contains(word), "\(file) says \(word)") }
        }
    }
}
