import Testing
import FolioDomain

/// Who may do what (DESIGN §5): one table for the command line, the interface and the server.
@Suite struct AccessTests {
    /// ana owns A1; max manages her, vera manages max; sam sells to A1; helena is a VP outside
    /// the chain; kenji is another CSM, olga another team's manager, tom another AE.
    static let people = AccountPeople(accountID: "A1", owner: "ana", managers: ["max", "vera"], ae: "sam")

    static func user(_ login: String, _ role: User.Role) -> User {
        User(login: login, name: login, email: "\(login)@example.com", role: role)
    }

    static let cast: [String: User] = [
        "ana": user("ana", .csm), "max": user("max", .manager), "vera": user("vera", .manager), "helena": user("helena", .vp),
        "sam": user("sam", .ae), "kenji": user("kenji", .csm), "olga": user("olga", .manager), "tom": user("tom", .ae),
    ]

    /// An alert on A1 routed to the CSM, the AE and kenji (who owned the account before).
    static let alert = Alert(id: 4, accountID: "A1", kind: .paymentOverdue, severity: .orange, reason: "payment 35 days overdue",
                             raisedOn: Day(iso: "2026-11-23")!, raisedAt: 1_795_420_800, dueBy: 1_795_593_600,
                             recipients: ["ana", "sam", "kenji"])

    // who, acknowledge, snooze/resolve/hand over, log, move renewal, email customers
    @Test(arguments: [
        ("ana", true, true, true, true, true),          // the owner CSM
        ("max", true, true, true, true, true),          // her manager
        ("vera", true, true, true, true, true),         // up the chain
        ("helena", true, true, true, true, true),       // any VP
        ("sam", true, false, true, false, false),       // the AE, told of the alert: acknowledges and logs
        ("kenji", true, false, false, false, false),    // another CSM, told of the alert: acknowledges only
        ("olga", false, false, false, false, false),    // another team's manager
        ("tom", false, false, false, false, false),     // another AE
    ])
    func theTable(_ login: String, _ ack: Bool, _ decide: Bool, _ log: Bool, _ move: Bool, _ email: Bool) throws {
        let user = try #require(Self.cast[login])
        #expect((Access.refusal(.acknowledgeAlert, on: Self.alert, by: user, people: Self.people) == nil) == ack)
        for act in [Access.Act.snoozeAlert, .resolveAlert, .handOverAlert] {
            #expect((Access.refusal(act, on: Self.alert, by: user, people: Self.people) == nil) == decide, "\(act)")
        }
        #expect((Access.refusalToLog(on: "A1 (Acme)", by: user, people: Self.people) == nil) == log)
        #expect(Access.may(user, .moveRenewal, on: Self.people) == move)
        #expect((Access.refusalToEmail(by: user, people: Self.people) == nil) == email)
    }

    @Test func refusalsSayWhoMay() throws {
        let olga = try #require(Self.cast["olga"]), sam = try #require(Self.cast["sam"])
        #expect(Access.refusal(.acknowledgeAlert, on: Self.alert, by: olga, people: Self.people)?.description
                == "only the account's CSM (ana), their managers, a VP or the alert's recipients may")
        #expect(Access.refusal(.snoozeAlert, on: Self.alert, by: sam, people: Self.people)?.description
                == "only the account's CSM (ana), their managers or a VP may snooze it; its recipients acknowledge it")
        #expect(Access.refusal(.resolveAlert, on: Self.alert, by: olga, people: Self.people)?.description
                == "only the account's CSM (ana), their managers or a VP may resolve it")
        #expect(Access.refusalToLog(on: "A1 (Acme)", by: olga, people: Self.people)?.description
                == "olga may not log activities on A1 (Acme): it is in the book of ana; only its owner, their managers, its AE or a VP may")
        #expect(Access.refusalToEmail(by: sam, people: Self.people)?.description
                == "sam may not email A1's contacts: only its CSM (ana), their managers or a VP may")
    }

    @Test func aControlGroupAlertIsForNoOne() throws {
        var shadow = Self.alert
        shadow.shadow = true
        shadow.recipients = []
        for login in ["ana", "helena"] {
            #expect(Access.refusal(.acknowledgeAlert, on: shadow, by: try #require(Self.cast[login]), people: Self.people) == .controlGroup)
        }
    }

    @Test(arguments: [
        // who opens whose book, allowed
        ("helena", "kenji", true), ("max", "ana", true), ("max", "kenji", false), ("ana", "kenji", false), ("sam", "ana", false),
        ("ana", "ana", true),
    ])
    func openingAnotherBook(_ login: String, _ target: String, _ allowed: Bool) throws {
        let team = ["max", "ana"] // max and everyone below him
        let refusal = Access.refusalToOpenBook(of: try #require(Self.cast[target]), by: try #require(Self.cast[login]), team: team)
        #expect((refusal == nil) == allowed)
    }

    @Test func openingRefusalsSayWhy() throws {
        let max = try #require(Self.cast["max"]), kenji = try #require(Self.cast["kenji"]), ana = try #require(Self.cast["ana"])
        #expect(Access.refusalToOpenBook(of: kenji, by: max, team: ["max", "ana"])?.description
                == "kenji is not in the team of max; a manager opens the books of their team (ana)")
        #expect(Access.refusalToOpenBook(of: kenji, by: ana, team: ["ana"])?.description
                == "ana is a csm: only managers and VPs open another person's book")
    }

    @Test(arguments: [
        (User.Role?.some(.vp), true, true), (.manager, true, true), (.csm, true, false), (.ae, true, false), (nil, true, false),
        (nil, false, true), (.csm, false, true),
    ])
    func importing(_ role: User.Role?, _ hasUsers: Bool, _ allowed: Bool) {
        let user = role.map { Self.user("someone", $0) }
        #expect((Access.refusalToImport(by: user, databaseHasUsers: hasUsers) == nil) == allowed)
    }
}

/// Who is at the keyboard: a user, a guest of the demo who changes nothing, or refused.
@Suite struct IdentityTests {
    static let marta = User(login: "marta.novak", name: "Marta", email: "m@example.com", role: .manager)
    static let chen = User(login: "chen.wei", name: "Chen", email: "c@example.com", role: .csm)
    static let logins = ["chen.wei", "marta.novak"]

    @Test func aUserActsAsThemselves() throws {
        let identity = try Identity.resolve(login: "chen.wei", user: Self.chen, standIn: Self.marta, logins: Self.logins).get()
        #expect(identity.viewer == Self.chen)
        #expect(try identity.actingUser() == Self.chen)
    }

    @Test(arguments: ["intruder", "Chen.Wei", nil] as [String?])
    func aGuestOfTheDemoSeesItsManagersBookAndChangesNothing(_ login: String?) throws {
        let identity = try Identity.resolve(login: login, user: nil, standIn: Self.marta, logins: Self.logins).get()
        #expect(identity.viewer == Self.marta)
        #expect(throws: Access.Refusal.self) { try identity.actingUser() }
        do {
            _ = try identity.actingUser()
        } catch {
            let text = error.description
            #expect(text.contains("changes are recorded under a real user's name, so nothing was changed"))
            #expect(text.contains("put a line like \"\(login ?? "login"),Their Name,them@example.com,csm,marta.novak\" in a users.csv"))
            #expect(text.contains("did you mean chen.wei?") == (login == "Chen.Wei"))
        }
    }

    @Test func elsewhereAStrangerIsRefusedWithHowToAddThem() {
        guard case .failure(let refusal) = Identity.resolve(login: "stranger", user: nil, standIn: nil, logins: Self.logins) else {
            Issue.record("a stranger got in"); return
        }
        #expect(refusal.description == "\"stranger\" is not a user of this database; use --user or FOLIO_USER with one of: chen.wei, marta.novak; "
                + "to add stranger, put a line like \"stranger,Their Name,them@example.com,csm,marta.novak\" in a users.csv "
                + "(login,name,email,role,manager) and run folio import users.csv")
        guard case .failure(let empty) = Identity.resolve(login: "x", user: nil, standIn: nil, logins: []) else { return }
        #expect(empty.description == "the database has no users yet; import users.csv first (folio import)")
    }
}

/// What a role may ever do, before any account is known: the interface asks this first.
@Suite struct AccessByRoleTests {
    @Test(arguments: [
        // role, acknowledge, snooze, log, move, email
        (User.Role.vp, true, true, true, true, true), (.manager, true, true, true, true, true), (.csm, true, true, true, true, true),
        (.ae, true, false, true, false, false),
    ])
    func whatARoleMayEverDo(_ role: User.Role, _ ack: Bool, _ snooze: Bool, _ log: Bool, _ move: Bool, _ email: Bool) {
        let acts: [(Access.Act, Bool)] = [(.acknowledgeAlert, ack), (.snoozeAlert, snooze), (.resolveAlert, snooze), (.handOverAlert, snooze),
                                          (.logActivity, log), (.moveRenewal, move), (.emailCustomers, email)]
        for (act, allowed) in acts {
            #expect((Access.refusal(act, byRole: role, login: "x") == nil) == allowed, "\(role) \(act)")
        }
    }

    @Test func anAccountExecutiveIsToldWhatTheyMayDo() {
        #expect(Access.refusal(.snoozeAlert, byRole: .ae, login: "sam")?.description
                == "sam is an account executive: AEs acknowledge the alerts routed to them and log what they did; snoozing alerts is for the account's CSM, their managers and VPs")
        #expect(Access.opensOtherBooks(.manager) && Access.opensOtherBooks(.vp) && !Access.opensOtherBooks(.csm) && !Access.opensOtherBooks(.ae))
    }
}
