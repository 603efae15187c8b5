/// Are the alerts worth the attention they take? Per alert kind: the share of alerts
/// followed by a churn or a contraction within the horizon (precision) against every
/// account's rate over the same span (lift), the same for the control group's shadow alerts
/// of that kind, the share that people resolved as a false positive or with no action
/// (noise), and how many alerts each CSM gets a week.
public struct AlertQuality: Sendable, Equatable {
    /// One alert as the report reads it.
    public struct RaisedAlert: Hashable, Sendable {
        public var kind: Alert.Kind
        public var accountID: String
        public var raisedOn: Day
        public var shadow: Bool
        public var recipients: [String]
        /// How a person resolved it, if a person did (the run's own recoveries are not a verdict).
        public var resolvedByPerson: Alert.Outcome?

        public init(kind: Alert.Kind, accountID: String, raisedOn: Day, shadow: Bool, recipients: [String],
                    resolvedByPerson: Alert.Outcome?) {
            self.kind = kind
            self.accountID = accountID
            self.raisedOn = raisedOn
            self.shadow = shadow
            self.recipients = recipients
            self.resolvedByPerson = resolvedByPerson
        }
    }

    /// Alerts of one group (a kind's real or shadow alerts, or all of them).
    public struct Group: Sendable, Equatable {
        public var alerts: Int
        /// Alerts whose horizon is over by the as-of day (or whose account churned).
        public var decided: Int
        /// Followed by a churn or a contraction within the horizon, of `decided`.
        public var followed: Int
        public var pending: Int { alerts - decided }
        public var precision: Double? { decided > 0 ? Double(followed) / Double(decided) : nil }
    }

    public struct Kind: Sendable, Equatable {
        /// Nil for every kind together.
        public var kind: Alert.Kind?
        public var alerted: Group
        public var control: Group
        /// Alerted precision over the base rate: how much likelier an alerted account is to
        /// churn or contract than any account. Nil without a rate on either side.
        public var liftOverBase: Double?
        /// Alerted precision over the control group's: under 1, alerted accounts churned less
        /// than held-out ones with the same alert (people's action helped).
        public var liftOverControl: Double?
        /// Resolved by a person as false positive or no action, of those a person resolved.
        public var noise: Int
        public var resolvedByPeople: Int
        public var noiseRate: Double? { resolvedByPeople > 0 ? Double(noise) / Double(resolvedByPeople) : nil }
    }

    public struct Load: Sendable, Equatable {
        public var login: String
        public var alerts: Int
        /// alerts / the period's weeks.
        public var perWeek: Double
    }

    public var horizonDays: Int
    /// Of the accounts active on each week's first day in the period, the share that churned
    /// or contracted within the horizon after it (averaged over the weeks).
    public var baseRate: Double?
    public var kinds: [Kind]
    public var all: Kind?
    /// Per CSM (recipient), the most loaded first.
    public var load: [Load]
    public var weeks: Double

    /// `events` are each account's churn and contraction days; `active` the accounts active
    /// on a day (for the base rate); `csms` the logins whose load is counted.
    public init(alerts: [RaisedAlert], events: [String: [Day]], active: (Day) -> [String], csms: Set<String>,
                period: ReportPeriod, asOf: Day, horizonDays: Int) {
        self.horizonDays = horizonDays
        func followed(_ account: String, after day: Day) -> Bool? {
            let end = day.adding(days: horizonDays)
            if (events[account] ?? []).contains(where: { $0 > day && $0 <= min(end, asOf) }) { return true }
            return end <= asOf ? false : nil
        }
        // The base rate: weekly, the accounts active then, over the days whose horizon is over.
        var rates: [Double] = []
        var day = period.from
        while day <= period.to, day.adding(days: horizonDays) <= asOf {
            let accounts = active(day)
            if !accounts.isEmpty {
                let hit = accounts.reduce(0) { $0 + (followed($1, after: day) == true ? 1 : 0) }
                rates.append(Double(hit) / Double(accounts.count))
            }
            day = day.adding(days: 7)
        }
        baseRate = rates.isEmpty ? nil : rates.reduce(0, +) / Double(rates.count)
        let base = baseRate
        func group(_ list: [RaisedAlert]) -> Group {
            var g = Group(alerts: list.count, decided: 0, followed: 0)
            for a in list {
                guard let f = followed(a.accountID, after: a.raisedOn) else { continue }
                g.decided += 1
                if f { g.followed += 1 }
            }
            return g
        }
        func summary(_ kind: Alert.Kind?, _ list: [RaisedAlert]) -> Kind {
            let alerted = group(list.filter { !$0.shadow }), control = group(list.filter(\.shadow))
            let people = list.filter { !$0.shadow && $0.resolvedByPerson != nil }
            let noise = people.filter { $0.resolvedByPerson == .falsePositive || $0.resolvedByPerson == .noAction }.count
            return Kind(kind: kind, alerted: alerted, control: control,
                        liftOverBase: alerted.precision.flatMap { p in base.flatMap { $0 > 0 ? p / $0 : nil } },
                        liftOverControl: alerted.precision.flatMap { p in control.precision.flatMap { $0 > 0 ? p / $0 : nil } },
                        noise: noise, resolvedByPeople: people.count)
        }
        let inPeriod = alerts.filter { period.contains($0.raisedOn) }
        kinds = Alert.Kind.allCases.compactMap { kind in
            let list = inPeriod.filter { $0.kind == kind }
            return list.isEmpty ? nil : summary(kind, list)
        }
        // Every kind together; no control comparison (the control group sees only some kinds).
        all = inPeriod.isEmpty ? nil : {
            var k = summary(nil, inPeriod)
            k.control = Group(alerts: 0, decided: 0, followed: 0)
            k.liftOverControl = nil
            return k
        }()
        weeks = Double(period.from.days(until: period.to) + 1) / 7
        var counts: [String: Int] = [:]
        for a in inPeriod where !a.shadow {
            for login in Set(a.recipients) where csms.contains(login) { counts[login, default: 0] += 1 }
        }
        let w = weeks
        load = counts.map { Load(login: $0.key, alerts: $0.value, perWeek: w > 0 ? Double($0.value) / w : 0) }
            .sorted { ($0.alerts, $1.login) > ($1.alerts, $0.login) }
    }
}
