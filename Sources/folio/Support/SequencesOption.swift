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

    /// For the daily run: the sequences, or a failure before anything is done. A run without
    /// them would start no recovery email, and nobody would notice; refused, the day can be
    /// run again once they are there (a run changes nothing twice).
    func loadForDailyRun() throws -> SequenceLibrary {
        let (file, chosen) = path
        if !chosen && !FileManager.default.fileExists(atPath: file) {
            throw RunFailure("no recovery sequences at \(file) (Folio's SampleData is missing), so the daily run did nothing: "
                             + "without them no recovery email would start; install SampleData beside folio, point FOLIO_SAMPLE_DATA "
                             + "at it, or give --sequences or FOLIO_SEQUENCES")
        }
        return try SequenceLoader.load(path: file)
    }

    /// For the interface: nil when only the built-in file was looked for and it is not
    /// there (starting a sequence then says there are none).
    static func loadIfPresent(at location: (path: String, chosen: Bool)) throws -> SequenceLibrary? {
        let (file, chosen) = location
        if !chosen && !FileManager.default.fileExists(atPath: file) { return nil }
        return try SequenceLoader.load(path: file)
    }
}
