import ArgumentParser
import FolioStore
import Foundation

/// Exit codes of DESIGN §3.
enum Exit {
    static let failure = ExitCode(1)
    static let usage = ExitCode(2)
    static let badData = ExitCode(65)
}

/// Writes one line to stderr.
func complain(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Runs a command body, turning Folio's errors into a clear message and the right exit code.
func reportingFailures(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let failed as ImportFailed {
        complain(failed.description)
        throw Exit.badData
    } catch let problem as ImportProblem {
        complain(problem.description)
        throw Exit.badData
    } catch let error as StoreError {
        complain("folio: \(error)")
        throw Exit.failure
    } catch let error as UnreadableValue {
        complain("folio: \(error); the database holds a value Folio never writes (edited by hand or by another program?)")
        throw Exit.failure
    } catch let error as DemoPortfolio.Failure {
        complain("folio: \(error)")
        throw Exit.failure
    } catch let error as OutreachFailure {
        complain("folio: \(error)")
        switch error {
        case .notFound, .invalid: throw Exit.usage
        case .notAllowed, .conflict: throw Exit.failure
        }
    } catch let error as UsageFailure {
        complain("folio: \(error.message)")
        throw Exit.usage
    } catch let error as RunFailure {
        complain("folio: \(error.message)")
        throw Exit.failure
    }
}

/// Something the command cannot do: its installation's files are missing, a file cannot be written: exit 1.
struct RunFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// A problem with what the person asked for (an unknown user, say): exit 2.
struct UsageFailure: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
