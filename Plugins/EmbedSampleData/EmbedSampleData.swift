import Foundation
import PackagePlugin

/// Builds SampleData/ into the target as `EmbeddedSampleData.files`: a SwiftPM resource
/// bundle on Linux lives in a folder beside the binary (and falls back to the build
/// tree's absolute path), so a binary copied elsewhere would lose it; a source file does not.
@main
struct EmbedSampleData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "SampleData")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedSampleData.swift")
        // Every file is an input, so editing, adding or removing one rebuilds the source.
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) {
            for case let url as URL in walker { inputs.append(url) }
        }
        return [.buildCommand(displayName: "Embedding the sample data in \(target.name)",
                              executable: try context.tool(named: "EmbedFiles").url,
                              arguments: [folder.path, output.path, "EmbeddedSampleData"],
                              inputFiles: inputs, outputFiles: [output])]
    }
}
