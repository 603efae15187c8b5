import Foundation
import Testing

/// Source comments cite docs/DESIGN.md by section ("DESIGN §2.3"): every section cited exists.
@Suite struct DesignCitationTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// "2.3" for "### 2.3 Signals and alerts", "3" for "## 3. Command-line contract".
    static func sections() throws -> Set<String> {
        let design = try String(contentsOf: root.appendingPathComponent("docs/DESIGN.md"), encoding: .utf8)
        var out = Set<String>()
        for line in design.split(separator: "\n") where line.hasPrefix("## ") || line.hasPrefix("### ") {
            let number = line.drop { $0 == "#" || $0 == " " }.prefix { $0.isNumber || $0 == "." }
            if !number.isEmpty { out.insert(String(number.hasSuffix(".") ? number.dropLast() : number)) }
        }
        return out
    }

    @Test func everyCitedSectionExists() throws {
        let sections = try Self.sections()
        #expect(sections.isSuperset(of: ["1.1", "1.2", "1.5", "2.3", "3", "3.1", "5", "5.1"]))
        var cited: [(file: String, section: String)] = []
        for folder in ["Sources", "Tests"] {
            let base = Self.root.appendingPathComponent(folder)
            let files = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
            for file in files where file.pathExtension == "swift" {
                let text = try String(contentsOf: file, encoding: .utf8)
                var rest = Substring(text)
                while let mark = rest.range(of: "DESIGN §") {
                    var number = rest[mark.upperBound...].prefix { $0.isNumber || $0 == "." }
                    while number.hasSuffix(".") { number = number.dropLast() }
                    if !number.isEmpty { cited.append((file.lastPathComponent, String(number))) }
                    rest = rest[mark.upperBound...]
                }
            }
        }
        #expect(cited.count > 50)
        for (file, section) in cited where !sections.contains(section) {
            Issue.record("\(file) cites DESIGN §\(section), which docs/DESIGN.md does not have")
        }
    }
}
