import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

/// Which alert settings the engine uses: --alerts, FOLIO_ALERTS, the user's
/// `$XDG_CONFIG_HOME/folio/alerts.yaml`, else the built-in defaults (DESIGN §2.3, the same
/// as SampleData/alerts.yaml, which `folio sample-data` prints).
struct AlertsOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Alert settings (YAML); see folio sample-data alerts.yaml.", valueName: "file.yaml"),
            completion: .file(extensions: ["yaml", "yml"]))
    var alerts: String?

    func load() throws -> AlertPolicy {
        let env = ProcessInfo.processInfo.environment["FOLIO_ALERTS"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = alerts ?? env {
            return try AlertPolicyLoader.load(path: (path as NSString).expandingTildeInPath)
        }
        let user = XDG.configHome.appendingPathComponent("folio/alerts.yaml").path
        if FileManager.default.fileExists(atPath: user) {
            return try AlertPolicyLoader.load(path: user)
        }
        return .standard
    }
}
