import FolioDomain
import FolioStore
import Foundation

/// Runs effects against the database and answers with the action that carries the
/// result, typed: the screens write the words. Each read is one read transaction (the
/// screen's own `ScreenLoad`); each change one write transaction with its audit entry (in
/// `AlertDesk`, `ActivityLog`, `RenewalDesk`, `SequenceDesk`, `Outbox`), answered only
/// after that transaction committed. It keeps nothing between effects: whose book to read
/// comes with each effect.
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
    /// The recovery sequences and templates; nil when none are configured (`r` says so).
    public let sequences: SequenceLibrary?
    /// Set when the person is not a user of the database (a guest of the demo, reading as
    /// `user`): every change is refused with how to become one.
    public let guest: NotAUser?

    /// `now` and `wallClock` come from the executable (nothing below it reads the clock);
    /// by default both are the start of the as-of day.
    public init(database: FolioDatabase, user: User, asOf: Day, profile: HealthProfile,
                now: (@Sendable () -> Int64)? = nil, wallClock: (@Sendable () -> Int64)? = nil, sequences: SequenceLibrary? = nil,
                guest: NotAUser? = nil) {
        self.sequences = sequences
        self.guest = guest
        self.database = database
        self.user = user
        self.asOf = asOf
        self.profile = profile
        let start = Int64(asOf.ordinal) * 86_400
        self.now = now ?? { start }
        self.wallClock = wallClock ?? { start }
    }

    public var bands: [String] { profile.bands.bands.map(\.name) }

    /// The action an effect results in; nil for effects the loop handles itself.
    public func run(_ effect: Effect) -> Action? {
        if effect.isChange, let guest {
            // The reducer says so first; the store side holds the line too. Who else may
            // change what is each desk's to check (`Access`), with the account in hand.
            return .changeFinished(.refused(.notAUser(guest)))
        }
        switch effect {
        case .load(let load):
            do {
                let reader = try reader(for: load.book)
                return .loaded(load.screen, book: load.book, try load.run(reader))
            } catch {
                return .loadFailed(load.screen, book: load.book, error)
            }
        case .switchBook(let login):
            return switchBook(to: login)
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
            do {
                let moved = try RenewalDesk(database: database).move(id: id, to: stage, by: user, asOf: asOf, now: wallClock(),
                                                                     expecting: expected)
                return .changeFinished(.renewalMoved(id: id, to: stage, moved))
            } catch {
                return .changeFinished(.failed(.renewal, error))
            }
        case let .reassignAccount(accountID, login, note):
            do {
                return .changeFinished(.accountReassigned(try AccountReassignment.reassign(accountID, to: login, note: note, by: user,
                                                                                           at: wallClock(), sequences: sequences, in: database)))
            } catch {
                return .changeFinished(.failed(.account, error))
            }
        case let .recordDecision(alertID, accountID, owner, nextStep, due):
            let decision = HuddleDecision(at: wallClock(), by: user.login, alertID: alertID, accountID: accountID, owner: owner,
                                          nextStep: nextStep, due: due)
            do {
                return .changeFinished(.decisionRecorded(try Huddle.decide(decision, by: user, asOf: asOf, in: database)))
            } catch {
                return .changeFinished(.failed(.decision, error))
            }
        case .loadHandoffs:
            // Shown once: a read-only session (or a guest) reads them without marking them shown.
            let handoffs = try? (database.isReadOnly || guest != nil
                ? database.read { db in try Handoffs.unseen(by: user.login, in: db) }
                : Handoffs.takeUnseen(by: user.login, at: wallClock(), in: database))
            return handoffs.map { .handoffsLoaded($0) }
        case .undo(let step):
            return .changeFinished(undo(step))
        case .loadPeople:
            return loadPeople()
        case .redraw:
            return nil
        }
    }

    /// Takes back each record of a change; the first refusal stops it (the rest stay done).
    private func undo(_ step: UndoStep) -> ChangeOutcome {
        var last = UndoDesk.Undone(summary: "", notes: [])
        var summaries: [String] = []
        for change in step.changes {
            do {
                last = try UndoDesk.undo(change, by: user, asOf: asOf, at: wallClock(), in: database)
                summaries.append(last.summary)
            } catch {
                return .failed(.undo, error)
            }
        }
        if summaries.count > 1 { last.summary = summaries.count > 3 ? "\(summaries.count) alerts are as they were" : summaries.joined(separator: "; ") }
        return .undone(step, last)
    }

    /// The people a manager (their team) or a VP (everyone) may open the book of.
    private func loadPeople() -> Action? {
        do {
            let people = try database.read { db -> [Person] in
                let logins = user.role == .vp ? nil : Set(try Book.team(of: user, in: db))
                return try Book.users(in: db).filter { logins?.contains($0.login) ?? true }.sorted { $0.login < $1.login }
                    .map { Person(login: $0.login, name: $0.name, role: $0.role.rawValue) }
            }
            return .peopleLoaded(people)
        } catch {
            return nil
        }
    }

    /// What a screen's read works with, for the book of `login` (nil: the user's own).
    private func reader(for login: String?) throws -> StoreReader {
        var reader = user
        if let login, login != user.login {
            guard let other = try database.read({ db in try Book.user(login, in: db) }) else {
                throw BookRefusal.noSuchUser(login: login, example: user.login)
            }
            reader = other
        }
        return StoreReader(database: database, user: user, reader: reader, asOf: asOf, profile: profile, bands: bands, now: now(),
                           sequences: sequences)
    }

    /// `:as LOGIN`: whether the user may open that book is `Access`'s to say.
    private func switchBook(to login: String?) -> Action {
        guard let login, login != user.login else { return .bookSwitched(nil) }
        do {
            let (target, team) = try database.read { db in (try Book.user(login, in: db), try Book.team(of: user, in: db)) }
            if let refusal = InterfaceAccess.refusalToOpenBook(of: target, login: login, by: user, team: team) {
                return .bookRefused(refusal)
            }
            guard let target else { return .bookRefused(.noSuchUser(login: login, example: user.login)) }
            return .bookSwitched(Person(login: target.login, name: target.name, role: target.role.rawValue))
        } catch {
            return .bookRefused(.unreadable(login: login, reason: "\(error)"))
        }
    }

    private func changeAlerts(_ ids: [Int64], _ change: AlertChange) -> ChangeOutcome {
        let action: AlertAction = switch change {
        case .acknowledge: .acknowledge
        case let .snooze(until, reason, onWorse, onReply): .snooze(until: until, reason: reason, onWorse: onWorse, onReply: onReply)
        case .resolve(let outcome, let note): .resolve(outcome: outcome, note: note)
        case .handOver(let login, let note): .handOver(to: login, note: note)
        }
        var done: [Alert] = []
        var refusals: [String] = []
        let moment = now()
        for id in ids {
            do {
                done.append(try AlertDesk.perform(action, on: id, by: user, at: moment, asOf: asOf, in: database))
            } catch {
                refusals.append("\(error)")
            }
        }
        return .alertsChanged(change, done: done, refusals: refusals)
    }

    private func log(_ draft: ActivityDraft, on accountID: String) -> ChangeOutcome {
        do {
            guard let account = try database.read({ db in try Account.find(id: accountID, in: db) }) else {
                return .refused(.accountGone(accountID))
            }
            let logged = try ActivityLog(database: database).record(draft, on: account, by: user, asOf: asOf, now: wallClock())
            return .activityLogged(logged, on: account)
        } catch {
            return .failed(.activity, error)
        }
    }

    /// Renders the sequence for the account: every step as the customer gets it, and whether it can start.
    private func prepareRecovery(_ accountID: String, sequence: String?) -> Action {
        guard let sequences else { return .recoveryFailed(ChangeRefusal.noSequences) }
        do {
            guard let account = try database.read({ db in try Account.find(id: accountID, in: db) }) else {
                return .recoveryFailed(ChangeRefusal.accountGone(accountID))
            }
            let desk = SequenceDesk(library: sequences)
            let moment = now()
            let preview = try database.read { db in try desk.preview(account, sequence: sequence, asOf: asOf, now: moment, in: db) }
            let situation = preview.situation
            var blocked: RecoveryPlan.Blocked?
            if let active = situation.active {
                blocked = .alreadyIn(account: account.id, sequence: active.sequence, since: active.startedOn)
            } else if let why = preview.noRecipient {
                blocked = .noRecipient(account: account.id, sequence: preview.sequence.name, reason: why)
            }
            return .recoveryPrepared(RecoveryPlan(accountID: account.id, accountName: account.name, sequence: preview.sequence.name,
                                                  title: preview.sequence.title, suggestedBy: preview.suggestedBy,
                                                  others: situation.choices.map(\.name).filter { $0 != preview.sequence.name },
                                                  lines: preview.stepLines, isDraft: account.tier == .enterprise, blocked: blocked))
        } catch {
            return .recoveryFailed(error)
        }
    }

    private func startRecovery(_ accountID: String, sequence: String) -> ChangeOutcome {
        guard let sequences else { return .refused(.noSequences) }
        do {
            guard let account = try database.read({ db in try Account.find(id: accountID, in: db) }) else {
                return .refused(.accountGone(accountID))
            }
            let started = try SequenceDesk(library: sequences).start(account, sequence: sequence, by: user, asOf: asOf, now: now(),
                                                                   in: database)
            return .sequenceStarted(sequence, on: account, first: started.message, enrolment: started.enrolment.id)
        } catch {
            return .failed(.recovery, error)
        }
    }

    private func changeOutbox(_ id: Int64, _ change: OutboxChange) -> ChangeOutcome {
        guard let sequences else { return .refused(.noSequences) }
        do {
            let m = try Outbox(library: sequences).perform(change == .approve ? .approve : .cancel(reason: nil), on: id, by: user,
                                                          now: now(), in: database)
            return .emailChanged(id: id, change, m)
        } catch {
            return .failed(.email, error)
        }
    }
}
