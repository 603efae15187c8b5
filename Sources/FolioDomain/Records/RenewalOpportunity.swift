/// The renewal of one contract term, tracked from 90 days out to its close.
public struct RenewalOpportunity: Hashable, Sendable, Codable {
    public enum Stage: String, CaseIterable, Sendable, Codable {
        case ninetyDaysOut = "90 days out"
        case sixtyDaysOut = "60 days out"
        case atRisk = "at risk"
        case committed
        case closedWon = "closed won"
        case churned

        public var isClosed: Bool { self == .closedWon || self == .churned }
        /// The stages the daily run sets by itself; the others are a person's call.
        public var isSetByEngine: Bool { self == .ninetyDaysOut || self == .sixtyDaysOut || self == .atRisk }
    }

    public var id: Int64?
    public var accountID: String
    public var amount: Money
    public var closeDate: Day
    public var stage: Stage
    /// Login of the CSM who owns the renewal.
    public var owner: String
    /// The day the daily run opened it.
    public var openedOn: Day?
    /// The day it was closed (won or churned).
    public var closedOn: Day?
    /// Who set the current stage: a login, or `folio` for the daily run.
    public var movedBy: String?
    /// When the current stage was set.
    public var movedAt: Moment?
    /// The CRM's id when the opportunity came from the CRM (an import): its amount and close
    /// date are the CRM's, not the account's.
    public var crmID: String?

    public init(id: Int64? = nil, accountID: String, amount: Money, closeDate: Day, stage: Stage, owner: String,
                openedOn: Day? = nil, closedOn: Day? = nil, movedBy: String? = nil, movedAt: Moment? = nil, crmID: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.closeDate = closeDate
        self.stage = stage
        self.owner = owner
        self.openedOn = openedOn
        self.closedOn = closedOn
        self.movedBy = movedBy
        self.movedAt = movedAt
        self.crmID = crmID
    }

    public var isOpen: Bool { !stage.isClosed }
}
