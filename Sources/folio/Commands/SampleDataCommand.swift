import ArgumentParser
import Foundation

/// `folio sample-data`: the files built into folio (the demo portfolio and the default
/// health profile, alert settings, sequences and templates), to read, start a
/// configuration of one's own from, or copy out whole.
struct SampleDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-data",
        abstract: "List, print or copy out the files built into folio: the demo portfolio and the default configuration.",
        discussion: """
            With no argument, lists the files. With a NAME, prints that file: start your own alert settings with \
            folio sample-data alerts.yaml > ~/.config/folio/alerts.yaml (likewise health-profile.yaml). \
            --export DIR writes them all into DIR (never over a file already there unless --force): \
            folio sample-data --export ~/.config/folio gives sequences.yaml with its templates/ to edit, \
            and FOLIO_SAMPLE_DATA=DIR takes the default sequences and templates (the demo's too) from an exported, edited copy.
            """
    )

    @Argument(help: ArgumentHelp("A file to print, e.g. alerts.yaml or templates/expansion-1.mustache.", valueName: "name"),
              completion: .list(SampleDataLocator.builtInNames))
    var name: String?

    @Option(help: ArgumentHelp("Write every file into this folder (created if missing).", valueName: "dir"), completion: .directory)
    var export: String?

    @Flag(help: "With --export: replace files that are already there.")
    var force = false

    func validate() throws {
        if name != nil && export != nil { throw ValidationError("give a NAME to print or --export DIR, not both") }
        if force && export == nil { throw ValidationError("--force goes with --export") }
        if let name, SampleDataLocator.builtInFiles[name] == nil {
            throw ValidationError("no built-in file \"\(name)\"; folio sample-data lists them")
        }
    }

    func run() throws {
        try reportingFailures {
            if let name {
                FileHandle.standardOutput.write(Data((SampleDataLocator.builtInFiles[name] ?? "").utf8))
            } else if let export {
                let folder = URL(fileURLWithPath: (export as NSString).expandingTildeInPath)
                let written: [String]
                do {
                    written = try SampleDataLocator.export(to: folder, overwrite: force)
                } catch {
                    throw RunFailure("cannot write to \(folder.path): \(error.localizedDescription)")
                }
                let kept = SampleDataLocator.builtInNames.filter { !written.contains($0) }
                print("wrote \(written.count) file\(written.count == 1 ? "" : "s") to \(folder.path)")
                if !kept.isEmpty {
                    print("left \(kept.count) already there as they were (--force replaces them): \(kept.joined(separator: ", "))")
                }
            } else {
                let width = SampleDataLocator.builtInNames.map(\.count).max() ?? 0
                for name in SampleDataLocator.builtInNames {
                    let bytes = SampleDataLocator.builtInFiles[name]?.utf8.count ?? 0
                    print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(repeating: " ", count: max(0, 7 - "\(bytes)".count)) + "\(bytes) bytes")
                }
                if case .folder(let folder) = SampleDataLocator.current {
                    complain("folio: FOLIO_SAMPLE_DATA is set: the default sequences and templates come from \(folder.path), not these")
                }
            }
        }
    }
}
