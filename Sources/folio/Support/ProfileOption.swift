import ArgumentParser
import FolioDomain
import FolioStore
import Foundation

/// Which health profile scores the accounts: --profile, FOLIO_PROFILE, the user's
/// `$XDG_CONFIG_HOME/folio/health-profile.yaml`, else the built-in defaults (DESIGN §2.2,
/// the same as SampleData/health-profile.yaml, which `folio sample-data` prints).
struct ProfileOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A health profile (YAML); see folio sample-data health-profile.yaml.", valueName: "file.yaml"),
            completion: .file(extensions: ["yaml", "yml"]))
    var profile: String?

    func load() throws -> HealthProfile {
        let env = ProcessInfo.processInfo.environment["FOLIO_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        if let path = profile ?? env {
            return try HealthProfileLoader.load(path: (path as NSString).expandingTildeInPath)
        }
        let user = XDG.configHome.appendingPathComponent("folio/health-profile.yaml").path
        if FileManager.default.fileExists(atPath: user) {
            return try HealthProfileLoader.load(path: user)
        }
        return .standard
    }
}
