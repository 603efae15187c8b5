import Foundation
import FolioDomain
import GRDB
@testable import FolioStore

/// A scratch folder for one test, removed when the test is done.
final class Scratch {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("folio-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let p = path(name)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: p))
        return p
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let p = path(name)
        try! Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    func database() throws -> FolioDatabase { try FolioDatabase(path: path("folio.db")) }
}

/// A small, valid portfolio: two managers' worth of people, three accounts and their data.
enum Portfolio {
    static let users = """
        login,name,email,role,manager
        vera,Vera Lindqvist,vera@example.com,vp,
        max,Max Müller,max@example.com,manager,vera
        ana,Ana Lima,ana@example.com,csm,Max Müller
        kenji,Kenji Watanabe,kenji@example.com,csm,max@example.com
        sam,Sam Okafor,sam@example.com,ae,vera
        """
    static let accounts = """
        id,name,tier,owner,ae,arr,contract_start,renewal_date,seats,timezone,opt_out,status
        A1,Acme Rockets,enterprise,ana,sam,250000,2024-01-15,2027-01-15,300,Europe/Paris,false,active
        A2,"Café Lumière, SARL",mid-market,Kenji Watanabe,,48000.50,2025-06-01,2026-12-01,40,,,
        A3,株式会社さくら,smb,kenji@example.com,,9000,2026-09-01,2027-09-01,,Asia/Tokyo,true,active
        """
    static let contacts = """
        id,account_id,name,email,roles,left_company,opt_out
        C1,A1,Jane Roe,jane@acme.test,sponsor;champion,false,false
        C2,A1,John Poe,john@acme.test,primary,true,false
        C3,A2,Élodie Bernard,elodie@cafe.test,primary;sponsor,,
        """
    static let usage = """
        account_id,week,active_users,logins,key_actions,features_used,features_available
        A1,2026-11-02,210,900,12000,14,24
        A1,2026-11-09,205,880,11800,14,24
        A2,2026-11-09,30,120,800,,
        """
    static let cases = """
        id,account_id,priority,opened,closed
        S1,A1,critical,2026-11-01,
        S2,A1,low,2026-10-01,2026-10-03
        """
    static let nps = """
        contact_id,date,score,comment
        C1,2026-10-15,9,"Great support, fast answers"
        C3,2026-10-20,4,"Trop de bugs
        depuis la mise à jour"
        """
    static let payments = """
        account_id,as_of,days_overdue
        A2,2026-11-20,35
        """
    static let activities = """
        id,account_id,type,direction,date,author,summary
        X1,A1,qbr,outbound,2026-10-01,ana,Q3 business review
        ,A2,email,inbound,2026-11-10,kenji,Replied about the renewal
        """

    /// Writes all eight files and returns their paths.
    static func write(to scratch: Scratch) -> [String] {
        [("users.csv", users), ("accounts.csv", accounts), ("contacts.csv", contacts), ("usage.csv", usage),
         ("cases.csv", cases), ("nps.csv", nps), ("payments.csv", payments), ("activities.csv", activities)]
            .map { scratch.write($0.0, $0.1 + "\n") }
    }
}

extension FolioDatabase {
    /// Every row of every table as text: two equal dumps mean an unchanged database.
    func dump() throws -> String {
        try read { db in
            var out = ""
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
            for table in tables {
                out += "## \(table)\n"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") {
                    out += row.description + "\n"
                }
            }
            return out
        }
    }

    func count(_ table: String) throws -> Int {
        try read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

func importer(_ db: FolioDatabase, kind: ImportKind? = nil, mapping: ImportMapping? = nil, limit: Int = 100) -> (([String]) throws -> ImportSummary) {
    { paths in
        try PortfolioImporter(database: db).run(paths: paths, options: .init(kind: kind, mapping: mapping, actor: "tester", at: 1_700_000_000, errorLimit: limit))
    }
}

/// Runs an import expected to fail and returns its problems as `file:line:column: message`
/// with the scratch folder's path removed.
func failures(_ scratch: Scratch, _ run: () throws -> ImportSummary) -> [String] {
    do {
        _ = try run()
        return []
    } catch let failed as ImportFailed {
        return failed.problems.map { $0.description.replacingOccurrences(of: scratch.url.path + "/", with: "") }
    } catch {
        return ["unexpected error: \(error)"]
    }
}

extension Database {
    /// Stores one account's snapshot of a day with no breakdown, as the daily run keeps it:
    /// for tests of what reads scores.
    func storeSnapshot(_ accountID: String, on date: String, score: Double?, band: String?, lowConfidence: Bool = false) throws {
        try execute(sql: "INSERT INTO measure_set (id, spec) VALUES (1, '') ON CONFLICT DO NOTHING")
        let key = try HealthHistory.assignKeys([accountID], in: self)
        _ = try HealthHistory.write(day: Day(iso: date)!, keys: key,
                                    scores: [HealthHistory.Score(score: score, band: band, lowConfidence: lowConfidence, measureSet: 1)],
                                    measures: [""], in: self)
    }

    /// Removes the accounts' snapshots of one day, or of every day.
    func removeSnapshots(of accountIDs: [String], on date: String? = nil) throws {
        let keys = try HealthHistory.keysByAccount(in: self)
        for day in try HealthHistory.days(in: self) where date.map({ $0 == day.iso }) ?? true {
            for id in accountIDs {
                guard let key = keys[id] else { continue }
                let number = key / Int64(SnapshotBlock.size)
                guard var block = try HealthHistory.block(number, on: day, measures: true, in: self) else { continue }
                let k = Int(key % Int64(SnapshotBlock.size))
                guard k < block.scores.count else { continue }
                block.scores[k] = nil
                block.measures[k] = nil
                try HealthHistory.save(block, number: number, on: day, in: self)
            }
        }
    }

    /// Snapshots stored, every day and account.
    func snapshotCount() throws -> Int {
        var count = 0
        for row in try Row.fetchAll(self, sql: "SELECT scores FROM snapshot_block") {
            count += try SnapshotBlock.decodeScores([UInt8](row[0] as Data)).count { $0 != nil }
        }
        return count
    }
}
