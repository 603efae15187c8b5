/// A support case raised by the customer.
public struct SupportCase: Hashable, Sendable, Codable {
    public enum Priority: String, CaseIterable, Sendable, Codable, Comparable {
        case low, medium, high, critical

        public static func < (a: Priority, b: Priority) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var id: String
    public var accountID: String
    public var priority: Priority
    public var opened: Day
    public var closed: Day?

    public init(id: String, accountID: String, priority: Priority, opened: Day, closed: Day? = nil) {
        self.id = id
        self.accountID = accountID
        self.priority = priority
        self.opened = opened
        self.closed = closed
    }

    /// Open on `day`: opened by then and not yet closed.
    public func isOpen(on day: Day) -> Bool {
        opened <= day && (closed.map { $0 > day } ?? true)
    }
}
