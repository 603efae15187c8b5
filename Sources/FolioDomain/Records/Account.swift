/// A customer account as the CRM knows it.
public struct Account: Hashable, Sendable, Codable {
    public enum Tier: String, CaseIterable, Sendable, Codable, Comparable {
        case enterprise
        case midMarket = "mid-market"
        case smb

        /// Enterprise first: the order a book is read in.
        public static func < (a: Tier, b: Tier) -> Bool { a.rank < b.rank }
        var rank: Int { self == .enterprise ? 0 : self == .midMarket ? 1 : 2 }

        /// Short label for narrow tables.
        public var short: String {
            switch self {
            case .enterprise: return "ent"
            case .midMarket: return "mid"
            case .smb: return "smb"
            }
        }
    }

    public enum Status: String, CaseIterable, Sendable, Codable {
        case active, churned
    }

    /// The CRM's id.
    public var id: String
    public var name: String
    public var tier: Tier
    /// Login of the owning CSM.
    public var owner: String
    /// Login of the account executive, if any.
    public var ae: String?
    public var arr: Money
    public var contractStart: Day
    public var renewalDate: Day
    public var seats: Int?
    /// IANA time zone name (`Europe/Paris`); nil means the team's default.
    public var timezone: String?
    public var emailOptOut: Bool
    public var status: Status
    /// The contract term a won renewal rolls the renewal date by (12: annual).
    public var termMonths: Int

    public init(id: String, name: String, tier: Tier, owner: String, ae: String? = nil, arr: Money,
                contractStart: Day, renewalDate: Day, seats: Int? = nil, timezone: String? = nil,
                emailOptOut: Bool = false, status: Status = .active, termMonths: Int = 12) {
        self.termMonths = termMonths
        self.id = id
        self.name = name
        self.tier = tier
        self.owner = owner
        self.ae = ae
        self.arr = arr
        self.contractStart = contractStart
        self.renewalDate = renewalDate
        self.seats = seats
        self.timezone = timezone
        self.emailOptOut = emailOptOut
        self.status = status
    }

    /// Days from `asOf` to the renewal date (negative once it has passed).
    public func daysToRenewal(asOf: Day) -> Int { asOf.days(until: renewalDate) }

    /// Whole days the customer has been with us on `asOf`.
    public func tenureDays(asOf: Day) -> Int { contractStart.days(until: asOf) }
}
