import Foundation
import Testing

/// The shell completions `make install` puts in place (README, "Install"), generated from the
/// command definitions: bash completes commands, options and their values for real; zsh's
/// and fish's scripts are checked where those shells are installed (fish completes too).
@Suite("shell completions")
struct CompletionTests {
    func script(_ shell: String, in folio: Folio) throws -> String {
        let generated = try folio.run("--generate-completion-script", shell)
        #expect(generated.status == 0 && !generated.stdout.isEmpty)
        return folio.write("folio.\(shell)", generated.stdout)
    }

    /// What bash offers for the words typed so far (the last one being completed).
    func bash(_ script: String, _ words: String...) throws -> Set<String> {
        let driver = """
            source "$1"; shift
            COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
            _folio folio "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try ServeProcess.runTool("/bin/bash", ["-c", driver, "bash", script] + words, home: "/tmp")
        #expect(result.status == 0, "bash: \(result.stderr)")
        return Set(result.stdout.split(separator: "\n").map(String.init))
    }

    @Test func bashCompletesCommandsOptionsAndValues() throws {
        let folio = Folio()
        defer { folio.remove() }
        let script = try script("bash", in: folio)
        #expect(try bash(script, "folio", "d") == ["db", "demo"])
        #expect(try bash(script, "folio", "db", "").isSuperset(of: ["backup", "check"]))
        #expect(try bash(script, "folio", "db", "check", "--qu") == ["--quick", "--quiet"])
        #expect(try bash(script, "folio", "serve", "--log-format", "") == ["text", "json"])
        #expect(try bash(script, "folio", "serve", "--mode", "") == ["demo", "team"])
        #expect(try bash(script, "folio", "tick", "--al") == ["--alerts"])
        #expect(try bash(script, "folio", "sample-data", "al") == ["alerts.yaml"])
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zsh")))
    func zshReadsItsScript() throws {
        let folio = Folio()
        defer { folio.remove() }
        let checked = try ServeProcess.runTool("/usr/bin/zsh", ["-n", try script("zsh", in: folio)], home: "/tmp")
        #expect(checked.status == 0, "zsh -n: \(checked.stderr)")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/fish")))
    func fishCompletesCommands() throws {
        let folio = Folio()
        defer { folio.remove() }
        let script = try script("fish", in: folio)
        let completed = try ServeProcess.runTool("/usr/bin/fish", ["-c", "source \(script); complete -C 'folio db '"], home: folio.home.path)
        #expect(completed.status == 0, "fish: \(completed.stderr)")
        #expect(Set(completed.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }) == ["backup", "check"])
    }
}
