import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

/// Which recovery sequences and templates are used: --sequences, FOLIO_SEQUENCES, the
/// user's `$XDG_CONFIG_HOME/folio/sequences.yaml`, else the sample data's (FOLIO_SAMPLE_DATA,
/// or the ones built into folio: `folio sample-data sequences.yaml`).
struct SequencesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Recovery sequences (YAML, templates beside it); see folio sample-data sequences.yaml.", valueName: "file.yaml"),
            completion: .file(extensions: ["yaml", "yml"]))
    var sequences: String?

    /// Where sequences come from: a file someone chose (an option, the environment, the
    /// user's config), or the sample data's (a missing one there is not an error for the daily run).
    enum Source {
        case chosen(String)
        case sampleData(SampleDataLocator)
    }

    var source: Source { Self.source(sequences) }

    /// Where the sequences are, given --sequences when there is one.
    static func source(_ explicit: String?) -> Source {
        let env = ProcessInfo.processInfo.environment["FOLIO_SEQUENCES"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = explicit ?? env { return .chosen((path as NSString).expandingTildeInPath) }
        let user = XDG.configHome.appendingPathComponent("folio/sequences.yaml").path
        if FileManager.default.fileExists(atPath: user) { return .chosen(user) }
        return .sampleData(.current)
    }

    func load() throws -> SequenceLibrary {
        try Self.load(source)
    }

    static func load(_ source: Source) throws -> SequenceLibrary {
        switch source {
        case .chosen(let path):
            return try SequenceLoader.load(path: path)
        case .sampleData(.folder(let folder)):
            return try SequenceLoader.load(path: folder.appendingPathComponent("sequences.yaml").path)
        case .sampleData(let data):
            let file = "sequences.yaml"
            return try SequenceLoader.load(yaml: data.text(file) ?? "", file: data.describe(file)) { name in
                data.text(name).map { (data.describe(name), $0) }
            }
        }
    }

    /// For the daily run: the sequences, or a failure before anything is done. A run without
    /// them would start no recovery email, and nobody would notice; refused, the day can be
    /// run again once they are there (a run changes nothing twice). Only a FOLIO_SAMPLE_DATA
    /// folder can lack them: the built-in ones are always there.
    func loadForDailyRun() throws -> SequenceLibrary {
        if case .sampleData(let data) = source, data.text("sequences.yaml") == nil {
            throw RunFailure("no recovery sequences at \(data.describe("sequences.yaml")) (Folio's SampleData is missing), so the daily run "
                             + "did nothing: without them no recovery email would start; put sequences.yaml and its templates there, "
                             + "unset FOLIO_SAMPLE_DATA to use the ones built into folio, or give --sequences or FOLIO_SEQUENCES")
        }
        return try Self.load(source)
    }

    /// For the interface: nil when a FOLIO_SAMPLE_DATA folder has no sequences (starting
    /// one then says there are none).
    static func loadIfPresent(from source: Source) throws -> SequenceLibrary? {
        if case .sampleData(let data) = source, data.text("sequences.yaml") == nil { return nil }
        return try load(source)
    }
}
