import Foundation

/// Answers "is there a terminfo entry with this name?" by looking at the directories
/// ncurses searches. ncurses itself answers "unknown" both for a missing entry and for
/// a generic one like `unknown`; only a missing entry may fall back to xterm.
enum TerminfoDatabase {
    static func hasEntry(named name: String, environment: [String: String]) -> Bool {
        guard let first = name.utf8.first, !name.contains("/") else { return false }
        let letterFolder = String(UnicodeScalar(first))
        let hexFolder = String(first, radix: 16)
        return directories(environment: environment).contains { directory in
            FileManager.default.fileExists(atPath: "\(directory)/\(letterFolder)/\(name)")
                || FileManager.default.fileExists(atPath: "\(directory)/\(hexFolder)/\(name)")
        }
    }

    static func directories(environment: [String: String]) -> [String] {
        let defaults = ["/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo", "/usr/lib/terminfo",
                        "/usr/local/share/terminfo", "/opt/homebrew/share/terminfo"]
        var result: [String] = []
        if let own = environment["TERMINFO"], !own.isEmpty { result.append(own) }
        if let home = environment["HOME"], !home.isEmpty { result.append(home + "/.terminfo") }
        if let list = environment["TERMINFO_DIRS"] {
            for entry in list.split(separator: ":", omittingEmptySubsequences: false) {
                if entry.isEmpty { result += defaults } else { result.append(String(entry)) }
            }
        }
        return result + defaults
    }
}
