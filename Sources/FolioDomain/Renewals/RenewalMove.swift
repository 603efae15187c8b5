/// A person moving a renewal opportunity (DESIGN §2.5): to `committed`, `closed won` or
/// `churned`, and only the owner CSM, a manager above them or a VP (`Access`); account
/// executives read renewals but do not move them.
public enum RenewalMove {
    /// The stages a person may move an opportunity to.
    public static let personStages: [RenewalOpportunity.Stage] = [.committed, .closedWon, .churned]

    /// Why a move is refused, in words the person can act on. `subject` names the
    /// opportunity ("renewal 12 (ACC-0093 Ferrovia Verde S.p.A.)").
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        case notAPersonStage(RenewalOpportunity.Stage)
        /// It is already at the stage asked for, or closed: who moved it there, and when.
        case alreadyMoved(subject: String, stage: RenewalOpportunity.Stage, by: String, at: Moment?)
        case readOnly(login: String)
        case notYours(subject: String, login: String, owner: String, managers: [String])

        public var description: String {
            switch self {
            case .notAPersonStage(let stage):
                let allowed = RenewalMove.personStages.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
                return "\"\(stage.rawValue)\" is set by the daily run; a person moves a renewal to \(allowed)"
            case let .alreadyMoved(subject, stage, by, at):
                let when = at.map { " at \($0.utc)" } ?? ""
                let who = by == RenewalRules.engine ? "the daily run" : by
                return "\(subject) was already moved to \(stage.rawValue) by \(who)\(when)"
            case .readOnly(let login):
                return "\(login) is an account executive: renewals are read-only for AEs; ask the owner CSM to move it"
            case let .notYours(subject, login, owner, managers):
                let chain = managers.isEmpty ? "" : ", their manager\(managers.count == 1 ? "" : "s") (\(managers.joined(separator: ", ")))"
                return "\(login) may not move \(subject): only its owner \(owner)\(chain) or a VP may"
            }
        }
    }

    /// Nil when `user` may move `opportunity` (on an account owned by `accountOwner`, whose
    /// managers up the chain are `ownerManagers`) to `target`; else why not.
    public static func refusal(moving opportunity: RenewalOpportunity, to target: RenewalOpportunity.Stage, by user: User,
                               accountOwner: String, ownerManagers: [String], subject: String) -> Refusal? {
        guard personStages.contains(target) else { return .notAPersonStage(target) }
        if user.role == .ae { return .readOnly(login: user.login) }
        // The opportunity's own owner counts as the account's CSM (they differ only until the next run).
        let people = AccountPeople(accountID: opportunity.accountID, owner: accountOwner, managers: ownerManagers)
        let asOwner = AccountPeople(accountID: opportunity.accountID, owner: opportunity.owner, managers: ownerManagers)
        guard Access.may(user, .moveRenewal, on: people) || Access.may(user, .moveRenewal, on: asOwner) else {
            return .notYours(subject: subject, login: user.login, owner: accountOwner, managers: ownerManagers)
        }
        if opportunity.stage.isClosed || opportunity.stage == target {
            return .alreadyMoved(subject: subject, stage: opportunity.stage, by: opportunity.movedBy ?? RenewalRules.engine, at: opportunity.movedAt)
        }
        return nil
    }
}
