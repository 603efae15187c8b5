import Foundation

/// Where the sample portfolio and the built-in sequences and templates come from: the
/// folder FOLIO_SAMPLE_DATA names, else the copy of SampleData/ built into the binary (by
/// the EmbedSampleData plugin), so an installed `folio` needs no source tree. Nothing is
/// looked for beside the executable or in the tree it was built from.
enum SampleDataLocator {
    case folder(URL)
    case builtIn

    static var current: SampleDataLocator {
        if let env = ProcessInfo.processInfo.environment["FOLIO_SAMPLE_DATA"], !env.isEmpty {
            return .folder(URL(fileURLWithPath: (env as NSString).expandingTildeInPath))
        }
        return .builtIn
    }

    /// The built-in files by path relative to SampleData/ (`templates/expansion-1.mustache`).
    static let builtInFiles: [String: String] = Dictionary(EmbeddedSampleData.files.map { ($0.name, $0.text) }) { first, _ in first }

    /// The built-in file names, sorted.
    static var builtInNames: [String] { EmbeddedSampleData.files.map(\.name) }

    /// How messages name a file: its path, or `built-in NAME`.
    func describe(_ name: String) -> String {
        switch self {
        case .folder(let folder): return folder.appendingPathComponent(name).path
        case .builtIn: return "built-in \(name)"
        }
    }

    /// One file's text, nil when it is not there.
    func text(_ name: String) -> String? {
        switch self {
        case .folder(let folder):
            return FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { String(decoding: $0, as: UTF8.self) }
        case .builtIn:
            return Self.builtInFiles[name]
        }
    }

    /// Runs `body` with a folder holding the files (the importer reads files): the folder
    /// itself, or the built-in files written to a private temporary folder, removed after.
    @discardableResult
    func withFolder<T>(_ body: (URL) throws -> T) throws -> T {
        switch self {
        case .folder(let folder):
            return try body(folder)
        case .builtIn:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-sample-data-\(getpid())-\(UUID().uuidString.prefix(8))")
            defer { try? FileManager.default.removeItem(at: folder) }
            do {
                try Self.export(to: folder)
            } catch {
                throw RunFailure("cannot write the built-in sample data to \(folder.path) (set TMPDIR to a writable folder): \(error.localizedDescription)")
            }
            return try body(folder)
        }
    }

    /// Writes every built-in file under `folder` (made private when it is new); `overwrite`
    /// false leaves files already there as they are. Returns the names written.
    @discardableResult
    static func export(to folder: URL, overwrite: Bool = true, only names: [String]? = nil) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        var written: [String] = []
        for (name, text) in EmbeddedSampleData.files where names?.contains(name) ?? true {
            let url = folder.appendingPathComponent(name)
            if !overwrite && fm.fileExists(atPath: url.path) { continue }
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
            written.append(name)
        }
        return written
    }
}
