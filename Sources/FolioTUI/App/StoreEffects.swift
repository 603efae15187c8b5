import FolioDomain
import FolioStore
import Foundation

/// Runs effects against the database and answers with the action that carries the
/// result. Each read is one read transaction; each change one write transaction with its
/// audit entry (in `AlertDesk`, `ActivityLog`, `RenewalDesk`), and its answer — the flash
/// the screen shows — is made only after that transaction committed.
public struct StoreEffects: Sendable {
    public let database: FolioDatabase
    /// Who acts: every change is made and audited as this user.
    public let user: User
    public let asOf: Day
    public let profile: HealthProfile
    /// The moment of a person's action on the as-of day (an acknowledgement's response time).
    public let now: @Sendable () -> Int64
    /// The wall clock, for "moved at" and audit times (as the CLI records them).
    public let wallClock: @Sendable () -> Int64
    /// Whose book the views read: the user's own, or another's after `:as`.
    let subject: BookSubject
    /// The recovery sequences and templates; nil when none are configured (`r` says so).
    public let sequences: SequenceLibrary?

    /// `now` and `wallClock` come from the executable (nothing below it reads the clock);
    /// by default both are the start of the as-of day.
    public init(database: FolioDatabase, user: User, asOf: Day, profile: HealthProfile,
                now: (@Sendable () -> Int64)? = nil, wallClock: (@Sendable () -> Int64)? = nil, sequences: SequenceLibrary? = nil) {
        self.sequences = sequences
        self.database = database
        self.user = user
        self.asOf = asOf
        self.profile = profile
        let start = Int64(asOf.ordinal) * 86_400
        self.now = now ?? { start }
        self.wallClock = wallClock ?? { start }
        subject = BookSubject(user)
    }

    public var bands: [String] { profile.bands.bands.map(\.name) }

    /// The action an effect results in; nil for effects the loop handles itself.
    public func run(_ effect: Effect) -> Action? {
        if effect.isChange, user.role == .ae {
            // The reducer says so first; the store side holds the line too.
            return .changeFinished(ChangeResult(message: "\(user.login) is an account executive: accounts are read-only for AEs", isError: true))
        }
        let reader = subject.user
        switch effect {
        case .loadBookStart(let rows):
            do {
                let (page, scoresAsOf) = try database.read { db in
                    (try Book.firstPage(for: reader, asOf: asOf, bands: bands, limit: rows, in: db),
                     try AccountDetail.latestScoreDay(asOf: asOf, in: db))
                }
                return .bookStarted(page.entries, total: page.total, scoresAsOf: scoresAsOf)
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the book: \(error)")
            }
        case .loadBook:
            do {
                let (entries, scoresAsOf) = try database.read { db in
                    (try Book.entries(for: reader, asOf: asOf, bands: bands, in: db), try AccountDetail.latestScoreDay(asOf: asOf, in: db))
                }
                return .bookLoaded(LoadedBook(entries, scoresAsOf: scoresAsOf, owner: reader.login))
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the book: \(error)")
            }
        case .loadAccount(let id):
            return loadAccount(id)
        case .loadAlerts:
            do {
                // The inbox: alerts routed to the person, and any on accounts they own.
                let listings = try database.read { db in try AlertDesk.list(for: reader, scope: .mine, in: db) }
                return .alertsLoaded(listings, now: now())
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the alerts: \(error)")
            }
        case .loadCheckIns:
            do {
                return .checkInsLoaded(try database.read { db in try CheckInBoard.load(for: reader, asOf: asOf, bands: bands, in: db) })
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the check-ins: \(error)")
            }
        case .loadRenewals:
            do {
                return .renewalsLoaded(try database.read { db in try RenewalBoard.load(for: reader, asOf: asOf, bands: bands, in: db) })
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the renewals: \(error)")
            }
        case .loadTeam:
            do {
                let moment = now()
                return .teamLoaded(try database.read { db in try TeamBoard.load(for: user, asOf: asOf, now: moment, bands: bands, in: db) })
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the team: \(error)")
            }
        case .loadDashboard(let period):
            do {
                return .dashboardLoaded(try database.read { db in
                    try ProgrammeDashboard.load(for: reader, period: period, asOf: asOf, bands: bands, in: db)
                })
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the dashboard: \(error)")
            }
        case .switchBook(let login):
            return switchBook(to: login)
        case .loadOutbox:
            do {
                let listings = try database.read { db in try Outbox.list(for: reader, scope: .natural(for: reader), in: db) }
                return .outboxLoaded(listings, now: now())
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the outbox: \(error)")
            }
        case .prepareRecovery(let accountID, let sequence):
            return prepareRecovery(accountID, sequence: sequence)
        case .startRecovery(let accountID, let sequence):
            return .changeFinished(startRecovery(accountID, sequence: sequence))
        case .changeOutbox(let id, let change):
            return .changeFinished(changeOutbox(id, change))
        case .changeAlerts(let ids, let change):
            return .changeFinished(changeAlerts(ids, change))
        case .logActivity(let accountID, let draft):
            return .changeFinished(log(draft, on: accountID))
        case .moveRenewal(let id, let stage, let expected):
            return .changeFinished(moveRenewal(id, to: stage, expecting: expected))
        case .redraw:
            return nil
        }
    }

    private func loadAccount(_ id: String) -> Action {
        do {
            return try database.read { db -> Action in
                guard let account = try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) else {
                    return .loadFailed(accountID: id, message: "account \(id) is gone")
                }
                let explanation = try AccountExplanation.load(account: account, asOf: asOf, profile: profile, in: db)
                let detail = try AccountDetail.load(accountID: id, asOf: asOf, in: db)
                let owner = try AccountDetail.userName(account.owner, in: db) ?? account.owner
                let ae = try account.ae.map { try AccountDetail.userName($0, in: db) ?? $0 }
                let sources = Dictionary(profile.measures(for: account.tier).map { ($0.name, $0.source) }, uniquingKeysWith: { a, _ in a })
                let page = AccountPage(account: account, ownerName: owner, aeName: ae, entry: nil, explanation: explanation,
                                       detail: detail, bands: bands) { name, value in
                    sources[name]?.format(value) ?? AccountView.format1(value)
                }
                return .accountLoaded(page)
            }
        } catch {
            return .loadFailed(accountID: id, message: "could not load \(id): \(error)")
        }
    }

    /// `:as LOGIN`: a VP opens anyone's book, a manager those of their team, nobody else another's.
    private func switchBook(to login: String?) -> Action {
        guard let login, login != user.login else {
            subject.set(user)
            return .bookSwitched(nil)
        }
        do {
            let (target, team) = try database.read { db in (try Book.user(login, in: db), try Book.team(of: user, in: db)) }
            guard let target else {
                return .loadFailed(accountID: nil, message: "no user \"\(TerminalText.sanitize(login))\"; :as takes a login, e.g. :as \(team.dropFirst().first ?? user.login)")
            }
            switch user.role {
            case .vp:
                break
            case .manager where team.contains(login):
                break
            case .manager:
                return .loadFailed(accountID: nil, message: "\(login) is not in the team of \(user.login); a manager opens the books of their team (\(team.dropFirst().prefix(6).joined(separator: ", ")))")
            case .csm, .ae:
                return .loadFailed(accountID: nil, message: "\(user.login) is a \(user.role.rawValue): only managers and VPs open another person's book")
            }
            subject.set(target)
            return .bookSwitched(Person(login: target.login, name: target.name, role: target.role.rawValue))
        } catch {
            return .loadFailed(accountID: nil, message: "could not open the book of \(login): \(error)")
        }
    }

    private func changeAlerts(_ ids: [Int64], _ change: AlertChange) -> ChangeResult {
        let action: AlertAction
        let past: String
        switch change {
        case .acknowledge:
            action = .acknowledge
            past = "acknowledged"
        case .snooze(let until, let reason):
            action = .snooze(until: until, reason: reason)
            past = "snoozed until \(until)"
        case .resolve(let outcome, let note):
            action = .resolve(outcome: outcome, note: note)
            past = "resolved (\(outcome.rawValue))"
        }
        var done: [Alert] = []
        var failures: [String] = []
        let moment = now()
        for id in ids {
            do {
                done.append(try AlertDesk.perform(action, on: id, by: user, at: moment, asOf: asOf, in: database))
            } catch {
                failures.append("\(error)")
            }
        }
        var message: String
        if done.count == 1, let alert = done.first {
            message = "alert \(alert.id ?? 0) \(past) (\(alert.kind.title), \(alert.accountID))"
        } else {
            message = done.isEmpty ? "" : "\(done.count) alerts \(past)"
        }
        if !failures.isEmpty {
            let refused = failures.count > 2 ? failures.prefix(2).joined(separator: "; ") + "; and \(failures.count - 2) more refused"
                : failures.joined(separator: "; ")
            message = message.isEmpty ? refused : message + "; " + refused
        }
        return ChangeResult(message: TerminalText.sanitize(message), isError: !failures.isEmpty)
    }

    private func log(_ draft: ActivityDraft, on accountID: String) -> ChangeResult {
        do {
            guard let account = try database.read({ db in
                try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [accountID])
            }) else {
                return ChangeResult(message: "account \(accountID) is gone", isError: true)
            }
            let logged = try ActivityLog(database: database).record(draft, on: account, by: user, asOf: asOf, now: wallClock())
            let a = logged.activity
            var message = "logged \(a.direction.rawValue) \(a.kind.rawValue) on \(account.id) (\(account.name)) dated \(a.date)"
            if let c = logged.completed.first { message += "; completes the \(c.title(contractStart: account.contractStart)) check-in" }
            return ChangeResult(message: TerminalText.sanitize(message))
        } catch let failure as ActivityLog.Failure {
            if case .invalid(let problems) = failure {
                var byField: [String: String] = [:]
                for problem in problems { byField[FormSubmission.fieldID(problem.field)] = problem.message }
                return ChangeResult(message: "not logged", isError: true, problems: byField)
            }
            return ChangeResult(message: TerminalText.sanitize(failure.description), isError: true)
        } catch {
            return ChangeResult(message: TerminalText.sanitize("not logged: \(error)"), isError: true)
        }
    }

    private func moveRenewal(_ id: Int64, to stage: RenewalOpportunity.Stage, expecting: RenewalOpportunity.Stage) -> ChangeResult {
        do {
            let moved = try RenewalDesk(database: database).move(id: id, to: stage, by: user, asOf: asOf, now: wallClock(),
                                                                 expecting: expecting)
            var message = "renewal \(id) (\(moved.account.id) \(moved.account.name)) moved to \(stage.rawValue)"
            if let rolled = moved.renewalRolled { message += "; renews \(rolled.to) (was \(rolled.from))" }
            if moved.accountChurned { message += "; the account left the active book" }
            return ChangeResult(message: TerminalText.sanitize(message))
        } catch {
            return ChangeResult(message: TerminalText.sanitize("\(error)"), isError: true)
        }
    }
}

extension StoreEffects {
    static let noSequences = "no recovery sequences are configured (sequences.yaml: --sequences, FOLIO_SEQUENCES or SampleData)"

    func account(_ id: String) throws -> Account? {
        try database.read { db in try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) }
    }

    /// Renders the sequence for the account: every step as the customer gets it, and whether it can start.
    func prepareRecovery(_ accountID: String, sequence: String?) -> Action {
        guard let sequences else { return .loadFailed(accountID: nil, message: Self.noSequences) }
        do {
            guard let account = try account(accountID) else { return .loadFailed(accountID: nil, message: "account \(accountID) is gone") }
            let desk = SequenceDesk(library: sequences)
            let moment = now()
            let preview = try database.read { db in try desk.preview(account, sequence: sequence, asOf: asOf, now: moment, in: db) }
            let situation = preview.situation
            var blocked: String?
            if let active = situation.active {
                blocked = "\(account.id) is already in \(active.sequence) (since \(active.startedOn)); its emails are in the outbox (6)"
            } else if let why = preview.noRecipient {
                blocked = "cannot start \(preview.sequence.name) on \(account.id): \(why)"
            }
            let plan = RecoveryPlan(accountID: account.id, accountName: account.name, sequence: preview.sequence.name,
                                    title: preview.sequence.title, suggestedBy: preview.suggestedBy,
                                    others: situation.choices.map(\.name).filter { $0 != preview.sequence.name },
                                    lines: preview.stepLines.map(TerminalText.sanitize), isDraft: account.tier == .enterprise, blocked: blocked)
            return .recoveryPrepared(plan)
        } catch {
            return .loadFailed(accountID: nil, message: TerminalText.sanitize("\(error)"))
        }
    }

    func startRecovery(_ accountID: String, sequence: String) -> ChangeResult {
        guard let sequences else { return ChangeResult(message: Self.noSequences, isError: true) }
        do {
            guard let account = try account(accountID) else { return ChangeResult(message: "account \(accountID) is gone", isError: true) }
            let started = try SequenceDesk(library: sequences).start(account, sequence: sequence, by: user, asOf: asOf, now: now(),
                                                                   in: database)
            guard let m = started.message else { return ChangeResult(message: "started \(sequence) on \(account.id)") }
            let when = Moment(seconds: m.scheduledAt).utc
            if m.state == .draft {
                return ChangeResult(message: TerminalText.sanitize("started \(sequence) on \(account.id): draft \(m.id ?? 0) to \(m.toName) waits for your approval (A)"),
                                    then: .outbox)
            }
            return ChangeResult(message: TerminalText.sanitize("started \(sequence) on \(account.id): email \(m.id ?? 0) to \(m.toName) goes \(when) (the outbox, 6, can cancel it)"))
        } catch {
            return ChangeResult(message: TerminalText.sanitize("\(error)"), isError: true)
        }
    }

    func changeOutbox(_ id: Int64, _ change: OutboxChange) -> ChangeResult {
        guard let sequences else { return ChangeResult(message: Self.noSequences, isError: true) }
        do {
            let m = try Outbox(library: sequences).perform(change == .approve ? .approve : .cancel(reason: nil), on: id, by: user,
                                                          now: now(), in: database)
            let what = change == .approve ? "approved: it goes \(Moment(seconds: m.scheduledAt).utc)" : "cancelled; its sequence stopped"
            return ChangeResult(message: TerminalText.sanitize("email \(id) to \(m.toName) \(what)"))
        } catch {
            return ChangeResult(message: TerminalText.sanitize("\(error)"), isError: true)
        }
    }
}

/// Whose book the views read, changed by `:as` from the loop's thread and read by
/// background loads: behind a lock.
final class BookSubject: @unchecked Sendable {
    private let lock = NSLock()
    private var current: User

    init(_ user: User) { current = user }

    var user: User { lock.withLock { current } }
    func set(_ user: User) { lock.withLock { current = user } }
}
