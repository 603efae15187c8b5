import Foundation
import FolioDomain
import FolioStore
import FolioTUI
import GRDB
import Testing

/// Triage in the real interface, in tmux, on the demo: each action by its key, checked
/// through `folio alerts --json` and friends; two sessions at once; who may act.
@Suite("triage in tmux", .enabled(if: TmuxSession.isAvailable), .serialized)
struct TriageTmuxTests {
    static func alerts(_ folio: Folio, _ db: String, _ user: String, resolved: Bool = false) throws -> [[String: Any]] {
        let args = ["alerts", "--db", db, "--user", user, "--json"] + (resolved ? ["--resolved"] : [])
        let result = try folio.run(args)
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func alert(_ id: Int, in list: [[String: Any]]) -> [String: Any]? { list.first { $0["id"] as? Int == id } }

    /// The PID of the folio a session runs (the pane's shell runs it as its child).
    static func folioPID(_ session: TmuxSession) throws -> Int32 {
        let pid = try session.tmux("list-panes", "-F", "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        let child = try String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8).split(separator: " ").first
        return try #require(child.flatMap { Int32($0) })
    }

    /// Jonas's audit entries acknowledging alert `id`.
    static func audited(_ id: Int, in path: String) throws -> Int {
        try FolioDatabase(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_entry WHERE actor = 'jonas.muller' AND action = 'alert.acknowledge' AND subject = ?",
                             arguments: ["alert \(id)"]) ?? 0
        }
    }

    /// Builds the demo in the test's folder; its path.
    static func demo(_ folio: Folio) throws -> String {
        let db = folio.home.appendingPathComponent("folio.db").path
        #expect(try folio.run("demo", "--db", db).status == 0)
        return db
    }

    @Test func acknowledgeIsCommittedBeforeTheScreenSaysSoAndSurvivesKill9() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let before = try Self.alerts(folio, db, "jonas.muller")
        let row = try #require(before.firstIndex { $0["state"] as? String == "open" })
        let id = try #require(before[row]["id"] as? Int)

        let auditedBefore = try Self.audited(id, in: db)
        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user jonas.muller")
        session.waitFor("Book of Jonas Müller")
        try session.send("2")
        session.waitFor("the inbox with its alerts") { $0.contains("Alerts of Jonas Müller") && $0.contains("REASON") && $0.contains("not yet acknowledged") }
        for _ in 0..<row { try session.send("j") }
        try session.send("a")
        session.waitFor("alert \(id) acknowledged")
        // The flash came from the committed write: killing the process now loses nothing.
        kill(try Self.folioPID(session), SIGKILL)
        session.waitFor("FOLIO-EXITED-137")
        let after = try #require(Self.alert(id, in: try Self.alerts(folio, db, "jonas.muller")))
        #expect(after["state"] as? String == "acknowledged")
        #expect(after["acknowledgedBy"] as? String == "jonas.muller")
        // And audited in the same transaction (the demo's replay may have audited earlier acknowledgements of it).
        #expect(try Self.audited(id, in: db) == auditedBefore + 1)
    }

    @Test func snoozeResolveLogAndMoveARenewalByTheirKeys() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let list = try Self.alerts(folio, db, "jonas.muller")
        // The inbox puts the alerts not yet acknowledged first: the second of them is snoozed, the first resolved.
        let waiting = list.filter { $0["state"] as? String == "open" }
        let snoozed = try #require(waiting[1]["id"] as? Int), resolved = try #require(waiting[0]["id"] as? Int)

        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user jonas.muller")
        session.waitFor("Book of Jonas Müller")
        try session.send("2")
        session.waitFor("the inbox with its alerts") { $0.contains("Alerts of Jonas Müller") && $0.contains("REASON") && $0.contains("not yet acknowledged") }

        // Snooze the second alert: the form refuses an empty reason in place, then 1w.
        try session.send("j", "s")
        session.waitFor("Snooze alert \(snoozed)")
        try session.send("Enter")
        session.waitFor("say why it can wait")
        try session.send("BTab", "Right", "Right", "Tab")
        try session.tmux(["send-keys", "-l", "waiting on their CFO"])
        try session.send("Enter")
        session.waitFor("alert \(snoozed) snoozed until 2026-11-30")
        let s = try #require(Self.alert(snoozed, in: try Self.alerts(folio, db, "jonas.muller")))
        #expect(s["state"] as? String == "snoozed" && s["snoozedUntil"] as? String == "2026-11-30")
        #expect(s["snoozeReason"] as? String == "waiting on their CFO")

        // Resolve the first: no outcome is assumed; → chooses saved, then recovered; with a note.
        try session.send("g", "x")
        session.waitFor("Resolve alert \(resolved)")
        try session.send("Enter")
        session.waitFor("choose how it ended")
        try session.send("Right", "Right", "Tab")
        try session.tmux(["send-keys", "-l", "usage is back"])
        try session.send("Enter")
        session.waitFor("alert \(resolved) resolved (recovered)")
        let r = try #require(Self.alert(resolved, in: try Self.alerts(folio, db, "jonas.muller", resolved: true)))
        #expect(r["state"] as? String == "resolved" && r["outcome"] as? String == "recovered" && r["note"] as? String == "usage is back")

        // Log a call on the selected alert's account.
        try session.send("l")
        session.waitFor("Log an activity")
        try session.send("Tab", "Tab", "Tab")
        try session.tmux(["send-keys", "-l", "Called the sponsor about the dip"])
        try session.send("Enter")
        session.waitFor("logged outbound call on")
        let logged = try FolioDatabase(path: db).read { db in
            try Row.fetchOne(db, sql: "SELECT author, type, date FROM activity WHERE summary = ?", arguments: ["Called the sponsor about the dip"])
        }
        #expect(logged?["author"] as String? == "jonas.muller" && logged?["type"] as String? == "call" && logged?["date"] as String? == "2026-11-23")

        // Move the second open renewal to committed: No first (the default), then Yes.
        let renewals = try #require(try folio.json("renewals", "--db", db, "--user", "jonas.muller", "--json") as? [String: Any])
        let opportunity = try #require((renewals["opportunities"] as? [[String: Any]])?[1])
        let renewalID = try #require(opportunity["id"] as? Int)
        try session.send("4")
        session.waitFor("the renewals") { $0.contains("Renewals of Jonas Müller") && $0.contains("Open renewals") }
        try session.send("j", "m")
        session.waitFor("Move renewal \(renewalID)")
        try session.send("Enter")
        session.waitFor("[ No ]")
        try session.send("Enter")
        session.waitFor("not moved")
        try session.send("m", "Enter")
        session.waitFor("[ No ]")
        try session.send("y")
        session.waitFor("renewal \(renewalID) (")
        session.waitFor("moved to committed")
        let after = try #require(try folio.json("renewals", "--db", db, "--user", "jonas.muller", "--json") as? [String: Any])
        let moved = try #require((after["opportunities"] as? [[String: Any]])?.first { $0["id"] as? Int == renewalID })
        #expect(moved["stage"] as? String == "committed" && moved["movedBy"] as? String == "jonas.muller")
        // `q` in the renewals view goes back to the book; there it quits.
        try session.send("q")
        session.waitFor("the book") { $0.contains("Book of Jonas Müller") }
        try session.send("q")
        session.waitFor("FOLIO-EXITED-0")
    }

    @Test func twoSessionsSeeEachOthersChangesWithoutAKey() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        // Jonas's first alert still waiting for him that is routed to his manager too.
        let jonas = try Self.alerts(folio, db, "jonas.muller")
        let marta = try Self.alerts(folio, db, "marta.novak")
        let waiting = try #require(jonas.firstIndex { a in
            a["state"] as? String == "open" && marta.contains { $0["id"] as? Int == a["id"] as? Int }
        })
        let id = try #require(jonas[waiting]["id"] as? Int)
        let row = try #require(marta.firstIndex { $0["id"] as? Int == id })

        let watcher = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user jonas.muller")
        let actor = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user marta.novak")
        watcher.waitFor("Book of Jonas Müller")
        try watcher.send("2")
        watcher.waitFor("jonas's inbox") { $0.contains("Alerts of Jonas Müller") && $0.contains("OVERDUE") }
        for _ in 0..<waiting { try watcher.send("j") }
        // The inbox clips long names: the first words are enough.
        let name = try #require(jonas[waiting]["accountName"] as? String).prefix(12)
        let first = watcher.waitFor("jonas's alert \(id) selected") { watcher.selectedLine($0)?.contains(name) == true }
        let selected = try #require(watcher.selectedLine(first))
        #expect(!selected.contains("ack'd"))

        actor.waitFor("Book of Marta")
        try actor.send("2")
        actor.waitFor("marta's inbox with its alerts") { $0.contains("Alerts of Marta") && $0.contains("REASON") && $0.contains("not yet acknowledged") }
        for _ in 0..<row { try actor.send("j") }
        try actor.send("a")
        actor.waitFor("alert \(id) acknowledged")
        // With no key pressed, on the same row: the loop asks every second and loads at once (about
        // 1.1 s here); the deadline leaves room for a busy machine, so the test does not flake.
        watcher.waitFor("the other session's acknowledgement", timeout: 5) { watcher.selectedLine($0)?.contains("ack'd") == true }

        // A command-line change shows too.
        let second = try #require(jonas.first { $0["state"] as? String == "open" && $0["id"] as? Int != id }?["id"] as? Int)
        #expect(try folio.run("alerts", "ack", String(second), "--db", db, "--user", "jonas.muller").status == 0)
        watcher.waitFor("the command line's acknowledgement", timeout: 5) { screen in
            screen.split(separator: "\n").filter { $0.contains("ack'd") }.count >= 2
        }
    }

    /// #18: one rule for an AE, here as on the command line: they acknowledge an alert routed
    /// to them, and are told at once that snoozing is not theirs; a CSM opens no other book.
    @Test func anAccountExecutiveAcknowledgesButDoesNotSnoozeAndACSMCannotOpenAnotherBook() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let before = try Self.alerts(folio, db, "mateusz.wojcik")
        let row = try #require(before.firstIndex { $0["state"] as? String == "open" && ($0["recipients"] as? [String] ?? []).contains("mateusz.wojcik") })
        let id = try #require(before[row]["id"] as? Int)
        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user mateusz.wojcik")
        session.waitFor("Book of Mateusz")
        try session.send("2")
        // The list loads in the background: press keys once its alerts are there, not its header.
        let first = try #require(before[0]["accountName"] as? String).prefix(12)
        session.waitFor("the AE's inbox") { $0.contains("Alerts of Mateusz") && $0.contains("REASON") && $0.contains(first) }
        for _ in 0..<row { try session.send("j") }
        let name = try #require(before[row]["accountName"] as? String).prefix(12)
        session.waitFor("alert \(id) selected") { session.selectedLine($0)?.contains(name) == true }
        try session.send("s")
        session.waitFor("mateusz.wojcik is an account executive: AEs acknowledge the alerts routed to them")
        #expect(try Self.alerts(folio, db, "mateusz.wojcik").map { $0["state"] as? String } == before.map { $0["state"] as? String })
        try session.send("a")
        session.waitFor("alert \(id) acknowledged")
        let after = try #require(Self.alert(id, in: try Self.alerts(folio, db, "mateusz.wojcik")))
        #expect(after["state"] as? String == "acknowledged" && after["acknowledgedBy"] as? String == "mateusz.wojcik")

        let csm = try TmuxSession(width: 100, height: 30, arguments: "--db '\(db)' --user lucia.fernandez")
        csm.waitFor("Book of Lucía")
        try csm.send(":")
        try csm.tmux(["send-keys", "-l", "as jonas.muller"])
        try csm.send("Enter")
        csm.waitFor("only managers (their team's) and VPs (anyone's) open another person's book")
    }

    /// Below the keys: the store refuses a CSM acting on another CSM's alert, an AE acting on
    /// an alert not routed to them, and any change by a guest of the demo.
    @Test func theStoreRefusesWhoMayNotAct() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let id = try #require(try Self.alerts(folio, db, "jonas.muller").first {
            $0["state"] as? String == "open" && !($0["recipients"] as? [String] ?? []).contains("mateusz.wojcik")
        }?["id"] as? Int)
        let database = try FolioDatabase(path: db)
        func effects(_ login: String, guest: NotAUser? = nil) throws -> StoreEffects {
            let user = try #require(try database.read { try Book.user(login, in: $0) })
            return StoreEffects(database: database, user: user, asOf: DemoPortfolio.asOf, profile: .standard, guest: guest)
        }
        guard case .changeFinished(let lucia) = try effects("lucia.fernandez").run(.changeAlerts(ids: [Int64(id)], .acknowledge)) else {
            Issue.record("no answer"); return
        }
        #expect(lucia.isError && lucia.message.contains("lucia.fernandez may not act on alert \(id)"))
        guard case .changeFinished(let ae) = try effects("mateusz.wojcik").run(.changeAlerts(ids: [Int64(id)], .acknowledge)) else {
            Issue.record("no answer"); return
        }
        #expect(ae.isError && ae.message.contains("mateusz.wojcik may not act on alert \(id)"), "\(ae.message)")
        let intruder = NotAUser(login: "intruder", logins: ["marta.novak"], standIn: "marta.novak")
        guard case .changeFinished(let guest) = try effects("marta.novak", guest: intruder).run(.changeAlerts(ids: [Int64(id)], .acknowledge)) else {
            Issue.record("no answer"); return
        }
        #expect(guest.isError && guest.message.contains("\"intruder\" is not a user of this database"), "\(guest.message)")
        #expect(Self.alert(id, in: try Self.alerts(folio, db, "jonas.muller"))?["state"] as? String == "open")
    }

    /// #18: on the demo, someone who is not one of its people looks through its manager's
    /// eyes, and an action key says how to become a user instead of acting as her.
    @Test func aGuestOfTheDemoLooksButChangesNothing() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let before = try Self.alerts(folio, db, "marta.novak")
        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user intruder")
        session.waitFor("the banner") { $0.contains("Demo: intruder is not one of its people") && $0.contains("looking only") }
        try session.send("2")
        session.waitFor("Marta's inbox") { $0.contains("Alerts of Marta") && $0.contains("REASON") }
        try session.send("a")
        session.waitFor("how to become a user") { $0.contains("\"intruder\" is not a user of this database") }
        #expect(try Self.alerts(folio, db, "marta.novak").map { $0["state"] as? String } == before.map { $0["state"] as? String })
    }

    @Test func theDemoOpensAsItsManagerWithABannerAndElsewhereAStrangerIsRefused() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let demo = try TmuxSession(width: 120, height: 30, arguments: "--db '\(db)' --user nobody")
        let screen = demo.waitFor("the banner") { $0.contains("Demo: nobody is not one of its people, so this is Marta Nováková") }
        #expect(screen.contains("Book of Marta Nováková"))
        try demo.send("q")
        demo.waitFor("FOLIO-EXITED-0")

        try FolioDatabase(path: db).write { db in try db.execute(sql: "DELETE FROM setting WHERE key = 'demo_user'") }
        let refused = try TmuxSession(width: 200, height: 12, arguments: "--db '\(db)' --user stranger")
        // The message wraps in the pane: read it as one line.
        let text = refused.waitFor("FOLIO-EXITED-2").replacingOccurrences(of: "\n", with: "")
        #expect(text.contains("\"stranger\" is not a user of this database"))
        #expect(text.contains("import users.csv"))
        #expect(!text.contains("Book of"))
    }

    /// The issue's demo: the manager's team view, an overdue escalation, the account's
    /// explanation, acknowledge, log a call, start the suggested sequence with its preview,
    /// and the outbox shows the email.
    @Test func theManagersMorningFromAnEscalationToALoggedCall() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        let routed = try Self.alerts(folio, db, "marta.novak").filter { alert in
            (alert["recipients"] as? [String])?.contains("marta.novak") == true && alert["overdue"] as? Bool == true
        }
        let first = try #require(routed.min { ($0["dueBy"] as! String) < ($1["dueBy"] as! String) })
        let id = try #require(first["id"] as? Int)
        let name = try #require(first["accountName"] as? String)

        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user marta.novak")
        session.waitFor("Book of Marta")
        try session.send("5")
        let team = session.waitFor("the team view") { $0.contains("Escalations") && $0.contains("MEDIAN ACK") }
        let csms = team.split(separator: "\n").filter { $0.contains("%") && !$0.contains("MEDIAN") }.count
        for _ in 0..<csms { try session.send("j") }
        session.waitFor("the first escalation selected") { session.selectedLine($0)?.contains("OVERDUE") == true }
        try session.send("Enter")
        session.waitFor("the account's explanation") { $0.contains(String(name.prefix(12))) && $0.contains("MEASURE") && $0.contains("Health ") }
        try session.send("a")
        // An account with more than one open alert asks which: choose the escalation's.
        let asked = session.waitFor("the acknowledgement or the question which alert") {
            $0.contains("Acknowledge an alert") || ($0.contains("acknowledged") && $0.contains("alert \(id) "))
        }
        if asked.contains("Acknowledge an alert") {
            // The choices stand in a row, the chosen one in brackets: move right to the escalation's.
            let row = asked.split(separator: "\n").first { $0.contains("▸ Alert") }.map { String($0) } ?? ""
            // Each choice is "#ID kind"; the chosen one has "[" before its "#".
            let pieces = row.components(separatedBy: "#").dropFirst()
            let ids = pieces.compactMap { Int($0.prefix { $0.isNumber }) }
            let before = row.components(separatedBy: "#").dropLast()
            let chosen = zip(before, ids).first { $0.0.hasSuffix("[") }?.1 ?? id
            let steps = (ids.firstIndex(of: id) ?? 0) - (ids.firstIndex(of: chosen) ?? 0)
            for _ in 0..<max(0, steps) { try session.send("Right") }
            session.waitFor("the escalation chosen") { $0.contains("[#\(id) ") }
            try session.send("Enter")
        }
        session.waitFor("the acknowledgement") { $0.contains("acknowledged") && $0.contains("alert \(id) ") }
        #expect(Self.alert(id, in: try Self.alerts(folio, db, "marta.novak"))?["acknowledgedBy"] as? String == "marta.novak")
        try session.send("l", "Tab", "Tab", "Tab")
        try session.tmux(["send-keys", "-l", "Rescue call with the sponsor"])
        try session.send("Enter")
        session.waitFor("logged outbound call on")
        try session.send("Escape")
        session.waitFor("the escalation acknowledged in the team view") { session.selectedLine($0)?.contains("ack'd") == true }

        // The suggested recovery sequence, previewed step by step; Yes starts it.
        let account = try #require(first["account"] as? String)
        try session.send("Enter")
        session.waitFor("the account again") { $0.contains("MEASURE") }
        try session.send("r")
        let preview = session.waitFor("the preview") { $0.contains("Start ") && $0.contains("── step 1 of") && $0.contains("Subject:") }
        #expect(preview.contains("suggested by the"))
        // Inside the panel (between its borders), past the line naming the alert: the emails.
        let panel = preview.split(separator: "\n").compactMap { line -> String? in
            guard let open = line.firstIndex(of: "│"), let close = line.lastIndex(of: "│"), open < close else { return nil }
            return String(line[line.index(after: open)..<close])
        }
        let emails = panel.drop { !$0.contains("── step 1 of") }.joined(separator: "\n").lowercased()
        for word in ["score", "health", "risk", "churn"] { #expect(!emails.contains(word), "the preview says \(word)") }
        try session.send("y")
        session.waitFor("the sequence started") { $0.contains("started ") && $0.contains(account) }
        try session.send("6")
        session.waitFor("the outbox with the email") { $0.contains("Outbox of") && $0.contains(String(name.prefix(10))) }
        let messages = try #require(try folio.json("outbox", "--db", db, "--user", "marta.novak", "--json") as? [[String: Any]])
        #expect(messages.contains { $0["account"] as? String == account && ["scheduled", "draft"].contains($0["state"] as? String ?? "") })
    }

    @Test func inTheOutboxADraftIsApprovedAndAnEmailCancelledAfterAYes() throws {
        let folio = Folio()
        defer { folio.remove() }
        let db = try Self.demo(folio)
        func outbox(_ user: String) throws -> [[String: Any]] {
            try #require(try folio.json("outbox", "--db", db, "--user", user, "--json", "--all") as? [[String: Any]])
        }
        // Björn's enterprise detractor follow-up waits as a draft.
        let draft = try #require(try outbox("bjorn.lindqvist").first { $0["state"] as? String == "draft" })
        let draftID = try #require(draft["id"] as? Int)
        let session = try TmuxSession(width: 120, height: 35, arguments: "--db '\(db)' --user bjorn.lindqvist")
        session.waitFor("Book of Björn")
        try session.send("6")
        session.waitFor("the outbox") { $0.contains("Outbox of") && $0.contains("DRAFT") }
        // The view lists what `folio outbox` lists, in its order.
        let pending = try #require(try folio.json("outbox", "--db", db, "--user", "bjorn.lindqvist", "--json") as? [[String: Any]])
        let row = try #require(pending.firstIndex { $0["id"] as? Int == draftID })
        for _ in 0..<row { try session.send("j") }
        session.waitFor("the draft selected") { session.selectedLine($0)?.contains("DRAFT") == true }
        try session.send("A")
        session.waitFor("the approval question") { $0.contains("Approve email \(draftID)") && $0.contains("Subject:") }
        try session.send("Enter")  // No is the default
        session.waitFor("nothing approved") { $0.contains("still a draft") }
        #expect(try outbox("bjorn.lindqvist").first { $0["id"] as? Int == draftID }?["state"] as? String == "draft")
        try session.send("A")
        session.waitFor("the approval question again") { $0.contains("Approve email \(draftID)") }
        try session.send("y")
        session.waitFor("approved") { $0.contains("email \(draftID)") && $0.contains("approved") }
        let approved = try #require(try outbox("bjorn.lindqvist").first { $0["id"] as? Int == draftID })
        #expect(approved["state"] as? String == "scheduled" && approved["approvedBy"] as? String == "bjorn.lindqvist")
        // Now scheduled: cancelled after a Yes, and its sequence stops.
        try session.send("c")
        session.waitFor("the cancel question") { $0.contains("Cancel email \(draftID)") }
        try session.send("y")
        session.waitFor("cancelled") { $0.contains("cancelled; its sequence stopped") }
        #expect(try outbox("bjorn.lindqvist").first { $0["id"] as? Int == draftID }?["state"] as? String == "cancelled")
    }
}
