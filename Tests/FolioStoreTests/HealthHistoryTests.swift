import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

@Suite struct SnapshotBlockTests {
    typealias Score = SnapshotBlock.Score

    @Test func scoresAndBreakdownsComeBackExactly() throws {
        let scores: [Score?] = [Score(score: 55.85, band: "Yellow", lowConfidence: true, measureSet: 3), nil,
                                Score(score: nil, band: nil, lowConfidence: false, measureSet: 1),
                                Score(score: 100, band: "Green", lowConfidence: false, measureSet: 1_234_567),
                                Score(score: 0, band: "Red", lowConfidence: false, measureSet: -2), nil]
        let measures: [String?] = ["0.5234\t41.5\t31.25\t8\t0\n-3\t\t0\t\t1", nil, "", "7\t100\t5\t0\t0", "é\t\t\t\t0\n\n", nil]
        #expect(try SnapshotBlock.decodeScores(SnapshotBlock.encodeScores(scores)) == scores)
        let present = scores.map { $0 != nil }
        #expect(try SnapshotBlock.decodeMeasures(SnapshotBlock.encodeMeasures(measures), present: present) == measures)
    }

    @Test func aDamagedBlockIsAnErrorNotAGuess() throws {
        var blob = try SnapshotBlock.encodeScores([Score(score: 50, band: "Yellow", lowConfidence: false, measureSet: 1)])
        blob[blob.count - 2] ^= 0xFF
        #expect(throws: DatabaseError.self) { try SnapshotBlock.decodeScores(blob) }
        #expect(throws: DatabaseError.self) { try SnapshotBlock.decodeScores([0x05, 1, 2]) }
    }
}

/// The same book ticked every day into two databases: one keeping every snapshot, one
/// thinned after a week (the shortest daily window). What reports, trends, explain and the
/// next run read must come out the same across the boundary.
@Suite("Health history") struct HealthHistoryTests {
    static let first = Day(iso: "2026-09-07")! // a Monday
    static let last = first.adding(days: 41) // six weeks of daily runs, ending on a Sunday
    static let thresholds = AlertPolicy.standard.healthThresholds.map(\.below)

    /// The generated book ticked daily into a database keeping `daily` days of daily snapshots.
    final class Ticked: @unchecked Sendable { // set up once, then only read (or changed by the one test that made it)
        let scratch = Scratch()
        let db: FolioDatabase

        init(daily: Int) throws {
            let generator = PortfolioGenerator(accounts: 60, weeks: 30, seed: 7, asOf: HealthHistoryTests.last)
            let files = try PortfolioCSVExporter.export(generator, to: scratch.path("csv")).files
            db = try scratch.database()
            _ = try importer(db)(files)
            try db.write { try HistoryStatus.setRetention(HistoryRetention(dailyDays: daily, weeklyDays: nil), by: HealthHistoryTests.lead, at: 1, in: $0) }
            for offset in 0...HealthHistoryTests.first.days(until: HealthHistoryTests.last) {
                try Self.run(HealthHistoryTests.first.adding(days: offset), db)
            }
        }

        @discardableResult
        static func run(_ day: Day, _ db: FolioDatabase) throws -> TickSummary {
            try DailyRun(profile: .standard, steps: [ScoreStep(), HistoryStep()]).run(asOf: day, in: db, now: 1)
        }
    }

    struct Twins: Sendable {
        let full: FolioDatabase
        let thinned: FolioDatabase
        let books: [Ticked]
    }

    static let lead = User(login: "lead", name: "Lead", email: "lead@example.com", role: .vp)

    static let twins = Result {
        let full = try Ticked(daily: 36_500), thinned = try Ticked(daily: 7)
        return Twins(full: full.db, thinned: thinned.db, books: [full, thinned])
    }

    /// Every stored snapshot (score and breakdown) by account, then day.
    static func all(_ db: FolioDatabase) throws -> [String: [Day: HealthSnapshot]] {
        try db.read { db in
            let ids = try String.fetchAll(db, sql: "SELECT account_id FROM snapshot_key")
            let reader = SnapshotStore.Reader(db)
            var out: [String: [Day: HealthSnapshot]] = [:]
            for day in try HealthHistory.days(in: db) {
                for id in ids {
                    if let s = try reader.snapshot(of: id, onOrBefore: day), s.date == day { out[id, default: [:]][day] = s }
                }
            }
            return out
        }
    }

    @Test func thinningKeepsWeeksLastDaysAndLevelChangesUntouched() throws {
        let twins = try Self.twins.get()
        let full = try Self.all(twins.full), thinned = try Self.all(twins.thinned)
        let window = HistoryRetention(dailyDays: 7, weeklyDays: nil).dailyFrom(asOf: Self.last)
        var dropped = 0
        for (id, days) in full {
            let kept = thinned[id] ?? [:]
            for (day, snapshot) in kept { #expect(snapshot == days[day], "\(id) \(day) changed when thinned") }
            // The daily window whole; before it, each week's last day and each change of level.
            let ordered = days.keys.sorted()
            var lastKept: HistoryRetention.Level?
            for day in ordered {
                let level = HistoryRetention.Level(score: days[day]!.score, band: days[day]!.band, thresholds: Self.thresholds)
                let lastOfWeek = ordered.last { $0.weekStart == day.weekStart } == day
                let expected = day >= window || lastOfWeek || level != lastKept
                #expect((kept[day] != nil) == expected, "\(id) \(day): kept \(kept[day] != nil), expected \(expected)")
                if kept[day] != nil { lastKept = level } else { dropped += 1 }
            }
        }
        #expect(dropped > full.count * 20) // most of five thinned weeks went
    }

    @Test func reportsAnswerTheSameAcrossTheBoundary() throws {
        let twins = try Self.twins.get()
        let full = try Self.all(twins.full), thinned = try Self.all(twins.thinned)
        func scores(_ all: [String: [Day: HealthSnapshot]], _ id: String) -> [ProgrammeHistory.Score] {
            (all[id] ?? [:]).values.map { ProgrammeHistory.Score(accountID: id, date: $0.date, score: $0.score, band: $0.band) }
        }
        let period = ReportPeriod(from: Self.first, to: Self.last)
        var alerts = 0
        for id in full.keys.sorted() {
            // Every day the account sat below a threshold is an alert raised then: recovered
            // within 60 days or not, judged on each history.
            for (day, s) in full[id]! {
                for threshold in Self.thresholds where (s.score ?? 100) < threshold {
                    var a = ProgrammeHistory(), b = ProgrammeHistory()
                    let alert = ProgrammeHistory.HealthAlert(accountID: id, owner: "o", severity: .amber, threshold: threshold,
                                                             raisedOn: day, raisedAt: 0, dueBy: 0)
                    (a.alerts, b.alerts) = ([alert], [alert])
                    (a.scores, b.scores) = (scores(full, id), scores(thinned, id))
                    let asOf = Self.last.adding(days: 30)
                    #expect(RecoveryRate(a, period: period, asOf: asOf).overall == RecoveryRate(b, period: period, asOf: asOf).overall,
                            "\(id) below \(threshold) on \(day)")
                    alerts += 1
                }
            }
            // The first day in the lowest band (the backtest's lead time) is kept.
            #expect(scores(full, id).filter { $0.band == "Red" }.map(\.date).min() == scores(thinned, id).filter { $0.band == "Red" }.map(\.date).min())
        }
        #expect(alerts > 100)
        let bands = BandSet.redYellowGreen.bands.map(\.name)
        let everyone = { (all: [String: [Day: HealthSnapshot]]) in all.keys.flatMap { scores(all, $0) } }
        #expect(HealthDistribution(everyone(full), period: period, bands: bands) == HealthDistribution(everyone(thinned), period: period, bands: bands))
        // The store's own reading of the period agrees with the snapshots it holds.
        var read: [ProgrammeHistory.Score] = []
        try twins.thinned.read { db in
            try SnapshotStore.scores(from: Self.first, through: Self.last, in: db) {
                read.append(ProgrammeHistory.Score(accountID: $0, date: $1, score: $2, band: $3))
            }
        }
        #expect(Set(read) == Set(everyone(thinned)))
    }

    @Test func trendsExplainAndTheNextRunStillWork() throws {
        let twins = try Self.twins.get()
        let ids = try twins.full.read { try String.fetchAll($0, sql: "SELECT account_id FROM snapshot_key ORDER BY key") }
        // Weekly sparkline points: wherever the full history has one, the thinned one too.
        let days = (0..<6).reversed().map { Self.last.adding(days: -7 * $0 - 3) }
        let a = try twins.full.read { try SnapshotStore.history(accountIDs: ids, days: days, in: $0) }
        let b = try twins.thinned.read { try SnapshotStore.history(accountIDs: ids, days: days, in: $0) }
        for id in ids {
            #expect(zip(a[id]!, b[id]!).allSatisfy { ($0 == nil) == ($1 == nil) }, "\(id): \(a[id]!) vs \(b[id]!)")
        }
        // Explain on a thinned day: the latest snapshot kept, compared with the one kept before it.
        let old = Self.first.adding(days: 10)
        let account = try twins.thinned.read { db in try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [ids[0]])! }
        let explained = try #require(try twins.thinned.read { try AccountExplanation.load(account: account, asOf: old, profile: .standard, in: $0) })
        let kept = try Self.all(twins.thinned)[ids[0]]!
        #expect(explained.snapshot == kept[kept.keys.filter { $0 <= old }.max()!])
        let previous = try #require(explained.previous)
        #expect(previous == kept[kept.keys.filter { $0 < explained.snapshot.date }.max()!])
        #expect(explained.snapshot.measures.count == HealthProfile.standard.measures(for: account.tier).count)
        // Running the last day again changes nothing and thins nothing.
        let before = try twins.thinned.dump()
        #expect(try Ticked.run(Self.last, twins.thinned).snapshotsThinned == 0)
        #expect(try twins.thinned.dump() == before)
    }

    @Test func weeklySnapshotsGoAfterTheirAgeAndTheStatusSaysWhatIsLeft() throws {
        let book = try Ticked(daily: 7)
        let lead = Self.lead
        let csm = User(login: "c", name: "C", email: "c@example.com", role: .csm)
        try book.db.write { db in
            #expect(throws: HistoryRetentionRefusal.self) {
                try HistoryStatus.setRetention(HistoryRetention(dailyDays: 7, weeklyDays: 14), by: csm, at: 2, in: db)
            }
            #expect(throws: HistoryRetentionRefusal.self) {
                try HistoryStatus.setRetention(HistoryRetention(dailyDays: 7, weeklyDays: 3), by: lead, at: 2, in: db)
            }
            try HistoryStatus.setRetention(HistoryRetention(dailyDays: 7, weeklyDays: 14), by: lead, at: 2, in: db)
        }
        let summary = try Ticked.run(Self.last.adding(days: 1), book.db)
        #expect(summary.snapshotsThinned > 0)
        let status = try book.db.read { try HistoryStatus.load(asOf: Self.last.adding(days: 1), in: $0) }
        #expect(status.days.first! >= Self.last.adding(days: -12))
        #expect(status.retention == HistoryRetention(dailyDays: 7, weeklyDays: 14))
        #expect(status.accounts == (try book.db.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM account WHERE status = 'active'") }))
        #expect(status.snapshots == (try book.db.read { try $0.snapshotCount() }))
        let audit = try book.db.read { try String.fetchOne($0, sql: "SELECT after FROM audit_entry WHERE action = 'history.retention' ORDER BY id DESC LIMIT 1") }
        #expect(audit == #"{"dailyDays":7,"weeklyDays":14}"#)
    }

    @Test func snapshotsStoredAsRowsMoveIntoBlocksUnchanged() throws {
        let scratch = Scratch()
        let path = scratch.path("old.db")
        let queue = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(queue, upTo: "v6-sequences")
        let measures = "0.5234\t41.5\t31.25\t8\t0\n-3\t\t0\t\t1"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO user (login, name, email, role) VALUES ('ana', 'Ana', 'ana@example.com', 'csm');
                INSERT INTO account (id, name, tier, owner, arr_cents, contract_start, renewal_date)
                    VALUES ('A1', 'Acme', 'smb', 'ana', 100, '2025-01-01', '2027-01-01'),
                           ('A2', 'Bolt', 'smb', 'ana', 100, '2025-01-01', '2027-01-01');
                INSERT INTO measure_set (id, spec) VALUES (4, 'seat utilisation\tusage\t25\ndays overdue\tfinance\t0.5');
                """)
            for (id, date, score, band) in [("A1", "2026-11-01", 55.5, "Yellow"), ("A2", "2026-11-01", nil, nil), ("A1", "2026-11-02", 71.0, "Green")] {
                try db.execute(sql: """
                    INSERT INTO health_snapshot (account_id, date, score, band, low_confidence, measure_set, measures) VALUES (?, ?, ?, ?, 1, 4, ?)
                    """, arguments: [id, date, score, band, measures])
            }
        }
        try queue.close()
        let database = try FolioDatabase(path: path)
        try database.read { db in
            #expect(try !db.tableExists("health_snapshot"))
            let latest = try #require(try SnapshotStore.latest(for: "A1", asOf: Day(iso: "2026-11-30")!, in: db))
            #expect(latest.date == Day(iso: "2026-11-02") && latest.score == 71 && latest.band == "Green" && latest.lowConfidence)
            #expect(latest.measures.map(\.name) == ["seat utilisation", "days overdue"] && latest.measures[0].raw == 0.5234)
            let before = try #require(try SnapshotStore.previous(for: "A1", before: latest.date, in: db))
            #expect(before.score == 55.5 && before.date == Day(iso: "2026-11-01"))
            let none = try #require(try SnapshotStore.latest(for: "A2", asOf: Day(iso: "2026-11-30")!, in: db))
            #expect(none.score == nil && none.band == nil)
            #expect(try db.snapshotCount() == 3)
        }
    }
}
