/// Response rate of recovery sequences (DESIGN §2.7): of the sequences that emailed the
/// customer at least once, the share the customer answered — a reply, or a meeting.
public struct SequenceResponse: Hashable, Sendable {
    public struct Outcome: Hashable, Sendable {
        public var sequence: String
        /// At least one of its emails was sent.
        public var emailed: Bool
        /// It stopped because the customer replied or a meeting was logged.
        public var answered: Bool

        public init(sequence: String, emailed: Bool, answered: Bool) {
            self.sequence = sequence
            self.emailed = emailed
            self.answered = answered
        }
    }

    public var overall: Ratio
    /// By sequence name, in name order.
    public var bySequence: [(sequence: String, rate: Ratio)]

    public static func == (a: SequenceResponse, b: SequenceResponse) -> Bool {
        a.overall == b.overall && a.bySequence.map(\.sequence) == b.bySequence.map(\.sequence) && a.bySequence.map(\.rate) == b.bySequence.map(\.rate)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(overall) }

    public init(_ outcomes: [Outcome]) {
        var overall = Ratio.empty
        var by: [String: Ratio] = [:]
        for o in outcomes where o.emailed {
            overall.add(o.answered)
            by[o.sequence, default: .empty].add(o.answered)
        }
        self.overall = overall
        bySequence = by.keys.sorted().map { ($0, by[$0]!) }
    }
}
