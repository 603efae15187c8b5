import Foundation
import FolioDomain
import GRDB

/// Builds the demo database from the demo book (`DemoBook`, FolioDomain's generator of the
/// demo portfolio and its stories): imports its records into a new file beside the target,
/// replays the weeks through the engine, and moves the file into place only when it is
/// complete, so a half-built demo is never seen.
public enum DemoPortfolio {
    /// The day the demo portfolio is written for.
    public static let asOf = DemoBook.asOf
    /// Who the demo opens as when the person running it is not one of its users.
    public static let defaultUserSetting = "demo_user"

    public enum Failure: Error, CustomStringConvertible {
        case exists(String)
        case sampleDataMissing(String)

        public var description: String {
            switch self {
            case .exists(let path): return "\(path) already exists; use --force to replace it with a fresh demo"
            case .sampleDataMissing(let path): return "the demo's recovery sequences are not at \(path) (set FOLIO_SAMPLE_DATA to the SampleData folder)"
            }
        }
    }

    /// Weeks of history the demo replays through the daily run, ending on `asOf`.
    public static let replayWeeks = 26

    /// Imports the demo book, then replays the daily pipeline week by week (one run per
    /// Monday, `replayWeeks` of them up to `asOf`, with the sample data's alert settings and
    /// recovery sequences) so the demo has real history, with the demo's
    /// people moving renewals (`DemoRenewals`), handling alerts (`DemoTeam`) and sending and
    /// answering recovery emails (`DemoOutreach`) along the way. `sampleData` is the folder
    /// of the recovery sequences (`sequences.yaml` and its templates).
    @discardableResult
    public static func build(at path: String, from sampleData: URL, force: Bool, actor: String, at: Int64,
                             profile: HealthProfile = .standard, progress: ProgressHandler? = nil) throws -> ImportSummary {
        let fm = FileManager.default
        let sequences = sampleData.appendingPathComponent("sequences.yaml").path
        guard fm.fileExists(atPath: sequences) else { throw Failure.sampleDataMissing(sequences) }
        if fm.fileExists(atPath: path) && !force { throw Failure.exists(path) }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw StoreError.cannotCreateFolder(folder.path, reason: error.localizedDescription)
        }
        let building = folder.appendingPathComponent(".folio-demo-\(getpid()).db").path
        let records = folder.appendingPathComponent(".folio-demo-\(getpid())-csv").path
        removeDatabase(at: building)
        defer {
            removeDatabase(at: building)
            try? fm.removeItem(atPath: records)
        }
        let book = DemoBook()
        let summary: ImportSummary
        do {
            let database = try FolioDatabase(path: building)
            // Through the import files, so the demo goes in exactly as a team's data would.
            progress?(WorkProgress("writing and importing the demo book"))
            let files = try PortfolioCSVExporter.export(book, to: records).files
            summary = try PortfolioImporter(database: database).run(paths: files, options: .init(actor: actor, at: at))
            try database.write { db in
                try Settings.set(Settings.demoAsOf, to: asOf.iso, in: db)
                let manager = try String.fetchOne(db, sql: "SELECT login FROM user WHERE role = 'manager' ORDER BY login LIMIT 1")
                if let manager { try Settings.set(defaultUserSetting, to: manager, in: db) }
            }
            let policy = try demoPolicy(in: sampleData)
            try keepStoriesAlerted(book.toldAccountIDs, in: database, policy: policy)
            let library = try SequenceLoader.load(path: sequences)
            let pipeline = DailyPipeline(profile: profile, policy: policy, sequences: library)
            var people = DemoRenewals(database: database, profile: profile, told: book.toldAccountIDs)
            try people.prepare(replayStart: asOf.adding(days: -7 * (replayWeeks - 1)))
            for week in (0..<replayWeeks).reversed() {
                let day = asOf.adding(days: -7 * week)
                progress?(WorkProgress("replaying the weeks through the daily run", done: replayWeeks - week - 1, of: replayWeeks, unit: "weeks"))
                try people.beforeRun(on: day)
                try pipeline.run(asOf: day, in: database, now: at)
                try people.afterRun(on: day)
                try DemoTeam.work(after: day, isLastWeek: week == 0, book: book, in: database)
                try DemoOutreach.work(after: day, isLastWeek: week == 0, planner: SequencePlanner(library: library),
                                      stories: book.toldAccountIDs, in: database)
            }
            try people.finish()
            // Fold the WAL into the file so the rename moves one complete file.
            try database.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        }
        if force { removeDatabase(at: path) }
        if rename(building, path) != 0 {
            throw StoreError.sqlite(path, message: "cannot move the new demo into place: \(String(cString: strerror(errno)))")
        }
        return summary
    }

    /// The demo holds out more accounts than a team's default 10 %: with 150 accounts a tenth
    /// is too few health drops to compare in `folio report program`. (Membership is recorded
    /// per account, so later ticks keep it whatever their share.)
    public static let demoHoldoutShare = 0.35

    /// The alert settings the demo's daily runs use: the sample data's `alerts.yaml` (the
    /// built-in defaults when the folder has none), with the demo's control-group share.
    static func demoPolicy(in sampleData: URL) throws -> AlertPolicy {
        let file = sampleData.appendingPathComponent("alerts.yaml").path
        var policy = FileManager.default.fileExists(atPath: file) ? try AlertPolicyLoader.load(path: file) : .standard
        policy.holdoutShare = demoHoldoutShare
        return policy
    }

    /// The control group of the demo: a share of the accounts, but never an account that
    /// SampleData/STORIES.md tells of (`told`): its alerts are the walkthrough.
    static func keepStoriesAlerted(_ told: Set<String>, in database: FolioDatabase, policy: AlertPolicy = .standard) throws {
        try database.write { db in
            for id in try String.fetchAll(db, sql: "SELECT id FROM account ORDER BY id") {
                try db.execute(sql: "INSERT INTO control_group (account_id, held_out, since) VALUES (?, ?, ?)",
                               arguments: [id, !told.contains(id) && policy.isHeldOut(id), asOf.adding(days: -7 * (replayWeeks - 1)).iso])
            }
        }
    }

    static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
