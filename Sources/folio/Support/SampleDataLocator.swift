import Foundation

/// Finds the sample portfolio: FOLIO_SAMPLE_DATA, then a `SampleData` folder beside or
/// above the executable (a build inside the repository), then the source tree it was built from.
enum SampleDataLocator {
    static func locate() -> URL {
        let fm = FileManager.default
        func isSampleData(_ url: URL) -> Bool { fm.fileExists(atPath: url.appendingPathComponent("accounts.csv").path) }
        if let env = ProcessInfo.processInfo.environment["FOLIO_SAMPLE_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        if let exe = Bundle.main.executableURL { folder = exe.resolvingSymlinksInPath().deletingLastPathComponent() }
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("SampleData")
            if isSampleData(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        // Sources/folio/Support/SampleDataLocator.swift → the repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("SampleData")
    }
}
