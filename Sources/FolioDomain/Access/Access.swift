/// Who may do what (DESIGN §5): one policy for the command line, the interface and the SSH
/// server's team sessions. Seeing follows the role (`PortfolioScope`); acting on an account
/// follows how the person stands to it (`Ties`); someone who is not a user changes nothing
/// (`Identity`).
///
/// The rule, in a sentence per role: a VP may do anything; a manager what the CSMs below
/// them may; a CSM acts on their own book; an account executive sees the accounts they sell
/// to, acknowledges the alerts routed to them and logs what they did, but does not snooze or
/// resolve alerts, move renewals or email customers; anyone an alert is routed to may
/// acknowledge it.
public enum Access {
    /// A change a person makes on an account.
    public enum Act: String, CaseIterable, Hashable, Sendable {
        case acknowledgeAlert = "acknowledge"
        case snoozeAlert = "snooze"
        case resolveAlert = "resolve"
        case handOverAlert = "hand over"
        case logActivity = "log activities on"
        case moveRenewal = "move renewals of"
        /// Start or stop a recovery sequence; approve, cancel or retry its emails.
        case emailCustomers = "email the contacts of"
    }

    /// How a person stands to one account (and to the alert in question).
    public struct Ties: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// The account's CSM.
        public static let owner = Ties(rawValue: 1 << 0)
        /// A manager above the CSM in the reporting chain.
        public static let manager = Ties(rawValue: 1 << 1)
        /// Any VP.
        public static let vp = Ties(rawValue: 1 << 2)
        /// The account's account executive.
        public static let ae = Ties(rawValue: 1 << 3)
        /// Someone the alert is routed to.
        public static let recipient = Ties(rawValue: 1 << 4)

        /// The people an account belongs to: its CSM, the managers above them, a VP.
        public static let keepers: Ties = [.owner, .manager, .vp]
    }

    /// The rule as a table: the ties that allow each act.
    public static func allowing(_ act: Act) -> Ties {
        switch act {
        case .acknowledgeAlert: return Ties.keepers.union(.recipient)
        case .logActivity: return Ties.keepers.union(.ae)
        case .snoozeAlert, .resolveAlert, .handOverAlert, .moveRenewal, .emailCustomers: return .keepers
        }
    }

    public static func ties(of user: User, to people: AccountPeople, recipients: [String] = []) -> Ties {
        var ties: Ties = []
        if user.role == .vp { ties.insert(.vp) }
        if user.login == people.owner { ties.insert(.owner) }
        if people.managers.contains(user.login) { ties.insert(.manager) }
        if people.ae == user.login { ties.insert(.ae) }
        if recipients.contains(user.login) { ties.insert(.recipient) }
        return ties
    }

    public static func may(_ user: User, _ act: Act, on people: AccountPeople, recipients: [String] = []) -> Bool {
        !ties(of: user, to: people, recipients: recipients).isDisjoint(with: allowing(act))
    }

    /// The ties a person of `role` can have to some account: what they may ever do, before
    /// any particular account is known (the interface asks before it asks the store).
    public static func possibleTies(of role: User.Role) -> Ties {
        switch role {
        case .vp: return [.vp]
        case .manager: return [.owner, .manager, .recipient]
        case .csm: return [.owner, .recipient]
        case .ae: return [.ae, .recipient]
        }
    }

    /// Nil when someone of `role` may make `act` on some account; else why never.
    public static func refusal(_ act: Act, byRole role: User.Role, login: String) -> Refusal? {
        possibleTies(of: role).isDisjoint(with: allowing(act)) ? .never(act, login: login, role: role) : nil
    }

    /// Managers (their team's) and VPs (anyone's) open other people's books and have a team view.
    public static func opensOtherBooks(_ role: User.Role) -> Bool { role == .vp || role == .manager }

    /// Nil when `user` may make `act` (one of the alert acts) on `alert`; else why not.
    public static func refusal(_ act: Act, on alert: Alert, by user: User, people: AccountPeople) -> Refusal? {
        if alert.shadow { return .controlGroup }
        let ties = ties(of: user, to: people, recipients: alert.recipients)
        if !ties.isDisjoint(with: allowing(act)) { return nil }
        if act == .acknowledgeAlert { return .notOnAlert(owner: people.owner) }
        return .alertDecision(act, owner: people.owner, isRecipient: ties.contains(.recipient))
    }

    /// Nil when `user` may log an activity on the account; `account` names it ("A1 (Acme)").
    public static func refusalToLog(on account: String, by user: User, people: AccountPeople) -> Refusal? {
        may(user, .logActivity, on: people) ? nil : .notInBook(login: user.login, account: account, owner: people.owner)
    }

    /// Nil when `user` may write to the account's contacts (start, stop, approve, cancel, retry).
    public static func refusalToEmail(by user: User, people: AccountPeople) -> Refusal? {
        may(user, .emailCustomers, on: people) ? nil : .notYourCustomers(login: user.login, account: people.accountID, owner: people.owner)
    }

    /// Nil when `user` may open the book of `target` (`:as`): a VP anyone's, a manager those
    /// of the people below them (`team`: the manager and everyone down their chain).
    public static func refusalToOpenBook(of target: User, by user: User, team: [String]) -> Refusal? {
        if target.login == user.login { return nil }
        switch user.role {
        case .vp: return nil
        case .manager: return team.contains(target.login) ? nil : .outsideTeam(login: target.login, manager: user.login, team: team.filter { $0 != user.login })
        case .csm, .ae: return .ownBookOnly(login: user.login, role: user.role)
        }
    }

    /// The roles that may import when the database does not say otherwise: importing rewrites
    /// everyone's data (owners, ARR, dates).
    public static let defaultImportRoles: Set<User.Role> = [.vp, .manager]

    /// Nil when `user` may import: their role is one of `allowedRoles` (a database may widen
    /// or narrow the default), or the database has no users yet (the first import brings the
    /// team in). `login` is who asked when they are not a user.
    public static func refusalToImport(by user: User?, login: String? = nil, databaseHasUsers: Bool,
                                       allowedRoles: Set<User.Role> = defaultImportRoles) -> Refusal? {
        guard databaseHasUsers else { return nil }
        guard let user else { return .importer(login: login, role: nil, allowed: allowedRoles) }
        return allowedRoles.contains(user.role) ? nil : .importer(login: user.login, role: user.role, allowed: allowedRoles)
    }

    /// Nil when `user` may change which roles may import: a VP only.
    public static func refusalToChangeImportRoles(by user: User?, login: String) -> Refusal? {
        user?.role == .vp ? nil : .importRoles(login: user?.login ?? login, role: user?.role)
    }

    /// Reads a role list as written in settings or on the command line (`vp,manager`); nil
    /// when a name is not a role or the list is empty.
    public static func roles(from text: String) -> Set<User.Role>? {
        var roles = Set<User.Role>()
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }) {
            guard let role = User.Role(rawValue: part.lowercased()) else { return nil }
            roles.insert(role)
        }
        return roles.isEmpty ? nil : roles
    }

    /// A role list as stored: roles in their declared order, comma-separated.
    public static func text(of roles: Set<User.Role>) -> String {
        User.Role.allCases.filter(roles.contains).map(\.rawValue).joined(separator: ",")
    }

    /// Why a change was refused, in words the person can act on.
    public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
        /// Someone who is not a user of the database: nothing is changed under another's name.
        case notAUser(NotAUser)
        case controlGroup
        /// Neither a keeper of the account nor told of the alert.
        case notOnAlert(owner: String)
        /// Snoozing, resolving and handing over are for the account's keepers.
        case alertDecision(Act, owner: String, isRecipient: Bool)
        case notInBook(login: String, account: String, owner: String)
        case notYourCustomers(login: String, account: String, owner: String)
        case outsideTeam(login: String, manager: String, team: [String])
        case ownBookOnly(login: String, role: User.Role)
        /// Not allowed to import: not a user, or a role the database does not let import.
        case importer(login: String?, role: User.Role?, allowed: Set<User.Role>)
        /// Only a VP changes who may import.
        case importRoles(login: String, role: User.Role?)
        /// Nothing someone of this role does on any account allows the act.
        case never(Act, login: String, role: User.Role)

        public var description: String {
            switch self {
            case .notAUser(let who):
                return who.description
            case .controlGroup:
                return "it is a control-group alert, recorded but routed to no one"
            case .notOnAlert(let owner):
                return "only the account's CSM (\(owner)), their managers, a VP or the alert's recipients may"
            case let .alertDecision(act, owner, isRecipient):
                let recipients = isRecipient ? "; its recipients acknowledge it" : ""
                let what = act == .handOverAlert ? "hand it over" : "\(act.rawValue) it"
                return "only the account's CSM (\(owner)), their managers or a VP may \(what)\(recipients)"
            case let .notInBook(login, account, owner):
                return "\(login) may not log activities on \(account): it is in the book of \(owner); only its owner, their managers, its AE or a VP may"
            case let .notYourCustomers(login, account, owner):
                return "\(login) may not email \(account)'s contacts: only its CSM (\(owner)), their managers or a VP may"
            case let .outsideTeam(login, manager, team):
                return "\(login) is not in the team of \(manager); a manager opens the books of their team (\(team.prefix(6).joined(separator: ", ")))"
            case let .ownBookOnly(login, role):
                return "\(login) is a \(role.rawValue): only managers and VPs open another person's book"
            case let .never(act, login, role):
                let doing = switch act {
                case .acknowledgeAlert: "acknowledging alerts"
                case .snoozeAlert: "snoozing alerts"
                case .resolveAlert: "resolving alerts"
                case .handOverAlert: "handing alerts over"
                case .logActivity: "logging activities"
                case .moveRenewal: "moving renewals"
                case .emailCustomers: "emailing customers"
                }
                let does = role == .ae ? "AEs acknowledge the alerts routed to them and log what they did; " : ""
                return "\(login) is \(role == .ae ? "an account executive" : "a \(role.rawValue)"): \(does)\(doing) is for the account's CSM, their managers and VPs"
            case let .importer(login, role, allowed):
                let roles = User.Role.allCases.filter(allowed.contains).map(\.rawValue).joined(separator: ", ")
                guard let role, let login else {
                    let who = login.map { "\"\($0)\" is not a user of this database" } ?? "no user was given"
                    return "\(who); importing is recorded under a user whose role may import (\(roles)): pass --user LOGIN, or ask one of them to add you to users.csv and import it"
                }
                return "\(login) is a \(role.rawValue), and importing is allowed to \(roles) on this database (it changes owners, ARR and dates for everyone); ask one of them to import, or a VP to allow your role with `folio import --roles`"
            case let .importRoles(login, role):
                return "\(role.map { "\(login) is a \($0.rawValue)" } ?? "\"\(login)\" is not a user of this database"); only a VP may change who can import"
            }
        }
    }
}
