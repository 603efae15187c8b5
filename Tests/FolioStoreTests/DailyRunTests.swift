import Foundation
import FolioDomain
import GRDB
import Testing
@testable import FolioStore

@Suite("Daily run")
struct DailyRunTests {
    static let asOf = Day(iso: "2026-11-23")!

    func portfolio() throws -> (Scratch, FolioDatabase) {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)(Portfolio.write(to: scratch))
        return (scratch, db)
    }

    @Test func loadsEachInputAsOfTheDay() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let (accounts, inputs) = try db.read { db -> ([Account], [HealthInputs]) in
            let accounts = try Account.fetchAll(db, sql: "SELECT * FROM account ORDER BY id")
            let loader = HealthInputLoader(asOf: Self.asOf, sources: Set(MeasureSource.allCases))
            return (accounts, try loader.load(accounts: accounts, in: db).health)
        }
        #expect(accounts.map(\.id) == ["A1", "A2", "A3"])
        let a1 = inputs[0], a2 = inputs[1], a3 = inputs[2]
        #expect(abs((a1[.seatUtilisation]?.value ?? 0) - (210.0 + 205) / 2 / 300) < 1e-9)
        #expect(a1[.seatUtilisation]?.date == Day(iso: "2026-11-15")) // the Sunday ending the latest week
        #expect(a1[.keyActionTrend] == nil) // no baseline weeks yet
        #expect(abs((a1[.featureDepth]?.value ?? 0) - 14.0 / 24) < 1e-9)
        #expect(a1[.daysSinceActivity]?.value == 53)
        #expect(a1[.daysSinceMeeting]?.value == 53)
        #expect(a1[.sponsorPresent]?.value == 1)
        #expect(a1[.npsMean]?.value == 9)
        #expect(a1[.npsMean]?.date == Day(iso: "2026-10-15"))
        #expect(a1[.openCriticalCases]?.value == 1)
        #expect(a1[.severeCases90d]?.value == 1)
        #expect(a1[.daysOverdue] == nil)
        #expect(a1[.daysToRenewal]?.value == 53)
        #expect(a2[.seatUtilisation]?.value == 0.75)
        #expect(a2[.featureDepth] == nil)
        #expect(a2[.daysSinceActivity]?.value == 13)
        #expect(a2[.daysSinceMeeting] == nil) // never met: no data, not "since the contract started"
        #expect(a2[.npsMean]?.value == 4)
        #expect(a2[.daysOverdue]?.value == 35)
        #expect(a2[.daysOverdue]?.date == Day(iso: "2026-11-20"))
        #expect(a3[.sponsorPresent] == nil)
        #expect(a3[.daysSinceActivity] == nil) // nothing logged: no data
        #expect(a3[.daysSinceMeeting] == nil)
        #expect(a3[.seatUtilisation] == nil) // no seats, no usage
        // NPS by answer: the account's latest.
        #expect(a1[.npsLatest]?.value == 9 && a2[.npsLatest]?.value == 4 && a3[.npsLatest] == nil)
        // Cases of any priority in 90 days, and how long they stayed open (22 days and 2).
        #expect(a1[.cases90d]?.value == 2)
        #expect(a1[.caseDaysOpen]?.value == 12)
        #expect(a2[.cases90d]?.value == 0) // cases are on file for the book: none here is a real 0
        #expect(a2[.caseDaysOpen] == nil) // no case to time
        // Tenure in months from the contract start: 1,043 and 83 days.
        #expect(abs((a1[.tenureMonths]?.value ?? 0) - 1043 / (365.2425 / 12)) < 1e-9)
        #expect(abs((a3[.tenureMonths]?.value ?? 0) - 83 / (365.2425 / 12)) < 1e-9)
    }

    /// Missing is missing: a book with no activities, cases, NPS, payments or usage on file
    /// gets no data for those measures — never a count from the contract start or a zero —
    /// and its score rests on what is there (tenure and the renewal date).
    @Test func inputsNotOnFileAreNoData() throws {
        let scratch = Scratch()
        let db = try scratch.database()
        _ = try importer(db)([scratch.write("users.csv", Portfolio.users + "\n"), scratch.write("accounts.csv", Portfolio.accounts + "\n")])
        let inputs = try db.read { db -> [HealthInputs] in
            let accounts = try Account.fetchAll(db, sql: "SELECT * FROM account ORDER BY id")
            return try HealthInputLoader(asOf: Self.asOf, sources: Set(MeasureSource.allCases)).load(accounts: accounts, in: db).health
        }
        for account in inputs {
            #expect(Set(account.values.keys) == [.daysToRenewal, .tenureMonths]) // no term given: the annual default is not data
        }
        let snapshot = HealthScoring.snapshot(accountID: "A1", tier: .enterprise, profile: .standard, inputs: inputs[0], asOf: Self.asOf)
        let withData = snapshot.measures.filter { $0.score != nil }.map(\.name)
        #expect(withData == ["tenure", "days to renewal"])
        #expect(abs(snapshot.measures.filter { $0.score != nil }.reduce(0) { $0 + $1.effectiveWeight } - 100) < 1e-9)
    }

    /// Custom attributes (a number or a word), the contract term where an import gave it,
    /// and the ARR change over a year from the outcomes on record.
    @Test func attributesTermsAndARRChanges() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        _ = try importer(db)([
            scratch.write("accounts-more.csv", "id,term_months,attribute.Plan,attribute.seats_bought\nA1,24,annual,120\nA2,,monthly,\n"),
            // A1 grew by 50,000 in the year (from 200,000 to 250,000), and 10,000 before it (not
            // counted); A2 shrank by 12,000.
            scratch.write("outcomes.csv", """
                account_id,outcome,date,arr_change
                A1,expanded,2026-03-01,50000
                A1,renewed,2025-01-15,10000
                A2,contracted,2026-10-01,-12000
                """ + "\n"),
        ])
        let inputs = try db.read { db -> [HealthInputs] in
            let accounts = try Account.fetchAll(db, sql: "SELECT * FROM account ORDER BY id")
            let sources = Set(MeasureSource.allCases).union([.attribute("plan"), .attribute("seats_bought"), .attribute("missing")])
            return try HealthInputLoader(asOf: Self.asOf, sources: sources).load(accounts: accounts, in: db).health
        }
        #expect(inputs[0][.attribute("plan")]?.category == "annual")
        #expect(inputs[1][.attribute("plan")]?.category == "monthly")
        #expect(inputs[0][.attribute("seats_bought")]?.value == 120)
        #expect(inputs[1][.attribute("seats_bought")] == nil && inputs[2][.attribute("plan")] == nil)
        #expect(inputs[0][.attribute("missing")] == nil)
        // The term: given for A1 (24); the file left A2's empty and A3 never had one.
        #expect(inputs[0][.contractTerm]?.value == 24 && inputs[1][.contractTerm] == nil && inputs[2][.contractTerm] == nil)
        // ARR change: A1 +50,000 on 200,000 a year ago = +25 %; A2 −12,000 on 60,000.50 = −19.99… %;
        // A3 was not a customer a year ago: no data.
        #expect(abs((inputs[0][.arrChange]?.value ?? 0) - 25) < 1e-9)
        #expect(abs((inputs[1][.arrChange]?.value ?? 0) - (-12_000 / 60_000.50 * 100)) < 1e-9)
        #expect(inputs[2][.arrChange] == nil)
    }

    @Test func inputsAreReadAsOfThePast() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let inputs = try db.read { db -> [HealthInputs] in
            let accounts = try Account.fetchAll(db, sql: "SELECT * FROM account ORDER BY id")
            return try HealthInputLoader(asOf: Day(iso: "2026-10-20")!, sources: Set(MeasureSource.allCases)).load(accounts: accounts, in: db).health
        }
        #expect(inputs[0][.openCriticalCases]?.value == 0) // opened 2026-11-01, after that day
        #expect(inputs[0][.daysSinceActivity]?.value == 19)
        #expect(inputs[1][.npsMean]?.value == 4) // answered on that very day: it counts
        #expect(inputs[1][.daysOverdue] == nil)
    }

    @Test func aRunStoresASnapshotPerAccountAndASecondRunChangesNothing() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let run = DailyPipeline()
        let first = try run.run(asOf: Self.asOf, in: db, now: 1)
        #expect(first.accounts == 3)
        #expect(first.changed == 3)
        #expect(try db.read { try $0.snapshotCount() } == 3)
        let before = try db.dump()
        let second = try run.run(asOf: Self.asOf, in: db, now: 2)
        #expect(second.changed == 0)
        #expect(second.line.contains("nothing changed"))
        #expect(try db.dump() == before)
        let snapshot = try #require(try db.read { try SnapshotStore.latest(for: "A2", asOf: Self.asOf, in: $0) })
        #expect(snapshot.measures.count == HealthProfile.standard.measures(for: .midMarket).count)
        #expect(snapshot.score != nil)
        // What is stored is what was computed (to the stored precision).
        let recomputed = HealthScoring.snapshot(accountID: "A2", tier: .midMarket, profile: .standard,
                                                inputs: AccountExplanation.inputs(of: snapshot, tier: .midMarket, profile: .standard), asOf: Self.asOf)
        #expect(abs((recomputed.score ?? -1) - (snapshot.score ?? -2)) < 0.01)
    }

    /// A run stopped part-way (a step fails after the others wrote, each write committed as
    /// soon as it may) leaves its day marked under way and no log entry; run again, it
    /// finishes the day exactly as an uninterrupted run does, a first run's baseline included.
    @Test(arguments: [true, false])
    func aRunThatFailsPartWayLeavesItsDayMarkedAndARerunFinishesIt(raiseExisting: Bool) throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let pipeline = DailyPipeline(policy: AlertPolicy(holdoutShare: 0), raiseExisting: raiseExisting)
        var steps = pipeline.steps
        steps.insert(Failing(), at: steps.count - 1)
        var failing = DailyRun(profile: .standard, steps: steps)
        failing.windowBudget = 0
        #expect(throws: Failing.Stop.self) { try failing.run(asOf: Self.asOf, in: db, now: 1) }
        let mark = try db.read { try Settings.value(WriteWindow.pendingDay, in: $0) }
        #expect(mark?.hasPrefix(Self.asOf.iso) == true)
        #expect(try db.count("engine_run") == 0)
        let finished = try pipeline.run(asOf: Self.asOf, in: db, now: 1)
        #expect(finished.alertsRaised == 0, "the stopped run raised the day's alerts already")
        #expect(try db.read { try Settings.value(WriteWindow.pendingDay, in: $0) } == nil)
        let (otherScratch, uninterrupted) = try portfolio()
        defer { withExtendedLifetime(otherScratch) {} }
        let whole = try pipeline.run(asOf: Self.asOf, in: uninterrupted, now: 1)
        #expect(whole.alertsRaised > 0 || !raiseExisting)
        // The same rows, but for how long each run took, the import's folder and the count of
        // snapshots the log says its run wrote (the stopped run wrote them).
        let timeless = { (dump: String) in
            dump.replacing(/seconds:[0-9.e-]+/, with: "seconds:…").replacing(/folio-test-[0-9A-F-]+/, with: "folio-test")
                .replacing(/changed:[0-9]+/, with: "changed:…")
        }
        #expect(timeless(try db.dump()) == timeless(try uninterrupted.dump()))
    }

    /// People acknowledge alerts between the run's short transactions, while it goes through
    /// the accounts: the alerts the run then changes (A2 paid its invoice, its overdue alert
    /// recovers) keep what the person did, nothing is raised twice, and the day run again
    /// changes nothing.
    @Test func whatPeopleDoWhileTheRunWritesIsKept() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let policy = AlertPolicy(holdoutShare: 0)
        try DailyPipeline(policy: policy, raiseExisting: true).run(asOf: Self.asOf, in: db, now: 1)
        let next = Self.asOf.adding(days: 7)
        _ = try importer(db)([scratch.write("payments.csv", "account_id,as_of,days_overdue\nA2,2026-11-27,0\n")])
        let person = try FolioDatabase(path: db.path)
        let acknowledged = Watcher.Log()
        // Written in a transaction each: the score's block, the step's end, then one before each account.
        var run = DailyRun(profile: .standard, steps: [ScoreStep(), AlertStep(policy: policy)])
        run.windowBudget = 0
        let calls = Watcher.Log()
        run.between = {
            calls.append("")
            // Before the run looks at A1: the later accounts' open alerts are acknowledged.
            guard calls.value.count == 3 else { return }
            let open = try person.read { db in
                try Alert.filter(Alert.Columns.state == Alert.State.open && Alert.Columns.accountID != "A1").fetchAll(db).withRecipients(in: db)
            }
            for alert in open {
                guard let login = alert.recipients.first, let user = try person.read({ try User.find(login: login, in: $0) }) else { continue }
                _ = try AlertDesk.perform(.acknowledge, on: alert.id!, by: user, at: 2, asOf: Self.asOf, in: person)
                acknowledged.append(String(alert.id!))
            }
        }
        let summary = try run.run(asOf: next, in: db, now: 3)
        #expect(summary.writeTransactions > 3)
        #expect(!acknowledged.value.isEmpty, "nobody got to acknowledge an alert")
        let alerts = try db.read { try Alert.fetchAll($0) }
        for id in acknowledged.value.compactMap(Int64.init) {
            let alert = try #require(alerts.first { $0.id == id })
            #expect(alert.state == .acknowledged || alert.state == .resolved, "alert \(id) is \(alert.state) again")
            if alert.state == .resolved { #expect(alert.acknowledgedBy != nil, "alert \(id) lost its acknowledgement") }
        }
        // The run went on to change one of them after the person did (A2's overdue invoice recovered).
        let touched = try db.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM alert_event e WHERE e.actor = 'folio' AND EXISTS (
                    SELECT 1 FROM alert_event p WHERE p.alert_id = e.alert_id AND p.actor != 'folio' AND p.id < e.id)
                """) ?? 0
        }
        #expect(touched > 0, "\(alerts.map { "\($0.accountID) \($0.kind.rawValue) \($0.state)" })")
        let unresolved = alerts.filter { $0.state != .resolved }.map { "\($0.accountID) \($0.kind.rawValue) \($0.shadow)" }
        #expect(Set(unresolved).count == unresolved.count, "raised twice: \(unresolved)")
        let again = try DailyRun(profile: .standard, steps: [ScoreStep(), AlertStep(policy: policy)]).run(asOf: next, in: db, now: 3)
        #expect(again.alertsRaised == 0 && again.alertsEscalated == 0 && again.alertsRecovered == 0 && again.changed == 0)
    }

    /// While the run reads and scores, it holds no lock: another connection that will not
    /// wait at all writes then. While it writes, that connection is refused (busy).
    @Test func peopleWriteWhileTheRunReadsAndScores() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let person = try FolioDatabase(path: db.path, busyTimeout: 0)
        let watcher = Watcher(person: person)
        try DailyRun(profile: .standard, steps: [ScoreStep(), watcher]).run(asOf: Self.asOf, in: db, now: 1)
        #expect(watcher.log.value == ["prepare: written", "run: busy"])
        #expect(try db.read { try Settings.value("written-while-the-run-prepared", in: $0) } == "prepare")
    }

    struct Failing: TickStep {
        struct Stop: Error {}
        let name = "fails"
        func run(_ context: inout TickContext) throws { throw Stop() }
    }

    /// Writes through another connection (a person's) while it prepares and while it runs.
    struct Watcher: TickStep {
        let name = "watcher"
        let person: FolioDatabase
        let log = Log()

        final class Log: @unchecked Sendable {
            private var lines: [String] = []
            private let lock = NSLock()
            func append(_ line: String) { lock.withLock { lines.append(line) } }
            var value: [String] { lock.withLock { lines } }
        }

        func attempt(_ phase: String) {
            do {
                try person.write { try Settings.set("written-while-the-run-prepared", to: phase, in: $0) }
                log.append("\(phase): written")
            } catch {
                log.append("\(phase): busy")
            }
        }

        func prepare(_ context: inout TickContext) throws { attempt("prepare") }
        func run(_ context: inout TickContext) throws { attempt("run") }
    }

    @Test func bandMovesAreCountedAgainstThePreviousRun() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let run = DailyPipeline()
        try run.run(asOf: Self.asOf, in: db, now: 1)
        let before = try #require(try db.read { try SnapshotStore.latest(for: "A2", asOf: Self.asOf, in: $0) })
        // A2 pays its invoice and its people come back: a week later it should move up.
        let next = Self.asOf.adding(days: 7)
        _ = try importer(db)([
            scratch.write("payments.csv", "account_id,as_of,days_overdue\nA2,2026-11-27,0\n"),
            scratch.write("activities.csv", "id,account_id,type,date,author\nM1,A2,meeting,2026-11-26,kenji\n"),
            scratch.write("nps.csv", "contact_id,date,score\nC3,2026-11-27,10\n"),
        ])
        let summary = try run.run(asOf: next, in: db, now: 2)
        let after = try #require(try db.read { try SnapshotStore.latest(for: "A2", asOf: next, in: $0) })
        #expect((after.score ?? 0) > (before.score ?? 100))
        if after.band != before.band { #expect(summary.bandMovesUp >= 1) }
        let explanation = try #require(try db.read { db in
            try AccountExplanation.load(account: try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = 'A2'")!,
                                        asOf: next, profile: .standard, in: db)
        })
        #expect(explanation.previous?.date == Self.asOf)
        #expect(explanation.changes.contains { $0.name == explanation.changes.first?.name && $0.pointsDelta > 0 })
    }

    @Test func theBookCarriesScoresTrendsAndHistory() throws {
        let (scratch, db) = try portfolio()
        defer { withExtendedLifetime(scratch) {} }
        let run = DailyPipeline()
        for week in (0..<8).reversed() { try run.run(asOf: Self.asOf.adding(days: -7 * week), in: db, now: 1) }
        let entries = try db.read { db in try Book.entries(for: try Book.user("kenji", in: db)!, asOf: Self.asOf, in: db) }
        #expect(entries.count == 2)
        #expect(entries.allSatisfy { $0.score != nil && $0.band != nil })
        #expect(entries.allSatisfy { $0.history.count == Book.historyWeeks && $0.history.last! == $0.score })
        #expect(entries.allSatisfy { $0.trend != nil })
    }
}
