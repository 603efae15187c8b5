/// Something that happened between us and the customer: a call, an email, a meeting.
public struct Activity: Hashable, Sendable, Codable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        case call, email, meeting, qbr
        case checkIn = "check-in"
        case note

        /// Kinds that count as a check-in being done (DESIGN §2.4).
        public var countsAsCheckIn: Bool { self == .checkIn || self == .call || self == .meeting || self == .qbr }
        /// Kinds that count as a meeting for the relationship measure.
        public var isMeeting: Bool { self == .meeting || self == .qbr }
    }

    public enum Direction: String, CaseIterable, Sendable, Codable {
        case outbound, inbound
    }

    public var id: String
    public var accountID: String
    public var kind: Kind
    /// Inbound: the customer reached us (an inbound email or call is a reply).
    public var direction: Direction
    public var date: Day
    /// Login of who logged it.
    public var author: String
    public var summary: String

    public init(id: String, accountID: String, kind: Kind, direction: Direction = .outbound, date: Day,
                author: String, summary: String = "") {
        self.id = id
        self.accountID = accountID
        self.kind = kind
        self.direction = direction
        self.date = date
        self.author = author
        self.summary = summary
    }

    /// A customer reply: inbound email or call.
    public var isCustomerReply: Bool { direction == .inbound && (kind == .email || kind == .call) }
}
