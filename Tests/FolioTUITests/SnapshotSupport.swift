import Foundation
import Testing
import FolioTUI

/// Golden files under Tests/Snapshots/FolioTUI: readable text, one per view and size.
/// (Outside the test target's folder, so SwiftPM does not warn about unhandled files.) `FOLIO_UPDATE_SNAPSHOTS=1 swift test` rewrites them; a missing one is written
/// and reported, so a new snapshot is always looked at once.
enum Snapshot {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Snapshots/FolioTUI")

    static var isUpdating: Bool { ProcessInfo.processInfo.environment["FOLIO_UPDATE_SNAPSHOTS"] == "1" }

    static func assert(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = text + "\n"
        if !isUpdating, let expected = try? String(contentsOf: url, encoding: .utf8) {
            if expected != actual {
                let diff = firstDifference(expected, actual)
                Issue.record("snapshot \(name) differs at line \(diff.line):\n  expected: \(diff.expected)\n  actual:   \(diff.actual)\n(FOLIO_UPDATE_SNAPSHOTS=1 rewrites it)",
                             sourceLocation: sourceLocation)
            }
            return
        }
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        do { try Data(actual.utf8).write(to: url) } catch { Issue.record("cannot write \(url.path): \(error)", sourceLocation: sourceLocation) }
        if !isUpdating { Issue.record("new snapshot \(name) written; check it and run again", sourceLocation: sourceLocation) }
    }

    private static func firstDifference(_ a: String, _ b: String) -> (line: Int, expected: String, actual: String) {
        let left = a.components(separatedBy: "\n"), right = b.components(separatedBy: "\n")
        for index in 0..<max(left.count, right.count) {
            let l = index < left.count ? left[index] : "<none>"
            let r = index < right.count ? right[index] : "<none>"
            if l != r { return (index + 1, l, r) }
        }
        return (0, "", "")
    }
}
