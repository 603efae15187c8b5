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
    }

    public var id: Int64?
    public var accountID: String
    public var amount: Money
    public var closeDate: Day
    public var stage: Stage
    /// Login of the CSM who owns the renewal.
    public var owner: String

    public init(id: Int64? = nil, accountID: String, amount: Money, closeDate: Day, stage: Stage, owner: String) {
        self.id = id
        self.accountID = accountID
        self.amount = amount
        self.closeDate = closeDate
        self.stage = stage
        self.owner = owner
    }
}
