/// Whether a check-in is done, missed or still due, given what was logged (DESIGN §2.4):
/// done by the first check-in, call, meeting or QBR dated inside its window (and not after
/// the day being judged); missed once the window has closed with none.
public enum CheckInOutcome {
    /// A logged activity that may complete a check-in.
    public struct Logged: Hashable, Sendable {
        public var id: String
        public var kind: Activity.Kind
        public var date: Day

        public init(id: String, kind: Activity.Kind, date: Day) {
            self.id = id
            self.kind = kind
            self.date = date
        }
    }

    /// The check-in as it stands on `asOf`. A done check-in stays done; a missed one turns
    /// done when an activity inside its window turns up (logged late).
    public static func judge(_ checkIn: CheckIn, activities: [Logged], asOf: Day) -> CheckIn {
        guard checkIn.state != .done else { return checkIn }
        var judged = checkIn
        let last = min(checkIn.closes, asOf)
        let first = activities
            .filter { $0.kind.countsAsCheckIn && $0.date >= checkIn.opens && $0.date <= last }
            .min { ($0.date, $0.id) < ($1.date, $1.id) }
        if let first {
            judged.state = .done
            judged.activityID = first.id
        } else {
            judged.state = asOf > checkIn.closes ? .missed : .due
            judged.activityID = nil
        }
        return judged
    }

    /// How a check-in reads on `asOf` in a list of what is owed.
    public enum Standing: String, CaseIterable, Sendable, Codable {
        /// Due within the horizon; its window has not opened yet.
        case upcoming
        /// The window is open and the due date is today or later.
        case due
        /// Past the due date, the window still open.
        case overdue
        /// The window closed with nothing logged.
        case missed
        case done
    }

    public static func standing(of checkIn: CheckIn, asOf: Day) -> Standing {
        switch checkIn.state {
        case .done: return .done
        case .missed: return .missed
        case .due:
            if asOf > checkIn.closes { return .missed }
            if asOf > checkIn.due { return .overdue }
            if asOf < checkIn.opens { return .upcoming }
            return .due
        }
    }
}
