import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

/// Which recovery sequences and templates are used: --sequences, FOLIO_SEQUENCES, the
/// user's `$XDG_CONFIG_HOME/folio/sequences.yaml`, else the built-in ones
/// (SampleData/sequences.yaml and its templates/ folder).
struct SequencesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Recovery sequences (YAML, templates beside it); see SampleData/sequences.yaml.", valueName: "file.yaml"))
    var sequences: String?

    /// The file that will be read, and whether someone chose it (a missing built-in one is
    /// not an error for the daily run).
    var path: (path: String, chosen: Bool) { Self.locate(sequences) }

    /// Where the sequences are, given --sequences when there is one.
    static func locate(_ explicit: String?) -> (path: String, chosen: Bool) {
        let env = ProcessInfo.processInfo.environment["FOLIO_SEQUENCES"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = explicit ?? env { return ((path as NSString).expandingTildeInPath, true) }
        let user = XDG.configHome.appendingPathComponent("folio/sequences.yaml").path
        if FileManager.default.fileExists(atPath: user) { return (user, true) }
        return (SampleDataLocator.locate().appendingPathComponent("sequences.yaml").path, false)
    }

    func load() throws -> SequenceLibrary {
        try SequenceLoader.load(path: path.path)
    }

    /// For the daily run and the interface: nil (and a note, unless quiet) when only the
    /// built-in file was looked for and it is not there.
    func loadIfPresent(quiet: Bool = false) throws -> SequenceLibrary? {
        try Self.loadIfPresent(at: path, quiet: quiet)
    }

    static func loadIfPresent(at location: (path: String, chosen: Bool), quiet: Bool = false) throws -> SequenceLibrary? {
        let (file, chosen) = location
        if !chosen && !FileManager.default.fileExists(atPath: file) {
            if !quiet { complain("folio: no recovery sequences at \(file); the run starts none (set --sequences or FOLIO_SEQUENCES)") }
            return nil
        }
        return try SequenceLoader.load(path: file)
    }
}
