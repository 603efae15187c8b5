/// The hidden facts behind one generated account — where it is heading, how it pays, how
/// it feels about us — drawn once, first, so every record of the account tells the same
/// story (a declining account also files more cases and scores lower on NPS).
struct AccountStory {
    enum Trajectory: Equatable {
        case steady(slope: Double)
        /// Usage falls to `1 - depth` over `ramp` weeks, starting `onset` weeks before the end.
        case declining(onset: Int, ramp: Int, depth: Double)
        /// Usage rises to `1 + lift` over `ramp` weeks, starting `onset` weeks before the end.
        case surging(onset: Int, ramp: Int, lift: Double)
    }

    enum Payer {
        case onTime, sometimesLate
        /// The oldest unpaid invoice is this many days overdue the day before `asOf`.
        case overdue(days: Int)
    }

    enum Sentiment {
        case promoter, passive, detractor

        var meanScore: Double {
            switch self {
            case .promoter: return 9.2
            case .passive: return 7.8
            case .detractor: return 4.5
            }
        }
    }

    var trajectory: Trajectory
    /// Share of seats active in an ordinary week.
    var utilisation: Double
    var actionsPerUser: Double
    /// Share of the available advanced features in use.
    var depth: Double
    var payer: Payer
    var sentiment: Sentiment
    /// Days without any activity before `asOf` (0: no gap); nil: never any activity.
    var silentDays: Int?
    var sponsorLeft: Bool
    /// Days before `asOf` a burst of critical cases began, if there is one.
    var criticalBurst: Int?

    static func draw(tier: Account.Tier, using rng: inout SeededRandom) -> AccountStory {
        let roll = rng.unit()
        let trajectory: Trajectory
        if roll < 0.14 {
            trajectory = .declining(onset: rng.int(in: 4...8), ramp: rng.int(in: 1...3),
                                    depth: rng.uniform(0.35, 0.7))
        } else if roll < 0.23 {
            trajectory = .surging(onset: rng.int(in: 4...8), ramp: rng.int(in: 1...3),
                                  lift: rng.uniform(0.45, 1.2))
        } else {
            trajectory = .steady(slope: rng.uniform(-0.08, 0.08))
        }
        let declining: Bool
        if case .declining = trajectory { declining = true } else { declining = false }

        let utilisation = rng.chance(0.15) ? rng.uniform(0.2, 0.45) : rng.uniform(0.55, 0.95)
        let actionsPerUser: Double
        switch tier {
        case .enterprise: actionsPerUser = rng.uniform(40, 120)
        case .midMarket: actionsPerUser = rng.uniform(30, 90)
        case .smb: actionsPerUser = rng.uniform(15, 60)
        }
        let depth = rng.uniform(0.1, 0.8)

        let payRoll = rng.unit()
        let payer: Payer
        if payRoll < 0.78 { payer = .onTime }
        else if payRoll < 0.90 { payer = .sometimesLate }
        else if payRoll < 0.96 { payer = .overdue(days: rng.int(in: 30...59)) }
        else { payer = .overdue(days: rng.int(in: 60...120)) }

        let moodRoll = rng.unit() - (declining ? 0.2 : 0)
        let sentiment: Sentiment = moodRoll < 0.12 ? .detractor : moodRoll < 0.47 ? .passive : .promoter

        let silentDays: Int?
        let gapRoll = rng.unit()
        if tier == .smb && gapRoll < 0.03 { silentDays = nil }
        else if gapRoll < 0.18 { silentDays = rng.int(in: 35...130) }
        else { silentDays = 0 }

        let sponsorLeft = rng.chance(0.07)
        let burstChance = tier == .enterprise ? 0.08 : tier == .midMarket ? 0.04 : 0.015
        let criticalBurst = rng.chance(burstChance) ? rng.int(in: 2...25) : nil

        return AccountStory(trajectory: trajectory, utilisation: utilisation, actionsPerUser: actionsPerUser,
                            depth: depth, payer: payer, sentiment: sentiment, silentDays: silentDays,
                            sponsorLeft: sponsorLeft, criticalBurst: criticalBurst)
    }

    /// Usage level (1 = the account's ordinary week) `e` weeks before the last usage week.
    func level(weeksBeforeEnd e: Int) -> Double {
        switch trajectory {
        case .steady(let slope):
            return 1 - slope * Double(e) / 52
        case .declining(let onset, let ramp, let depth):
            return 1 - depth * AccountStory.progress(weeksBeforeEnd: e, onset: onset, ramp: ramp)
        case .surging(let onset, let ramp, let lift):
            return 1 + lift * AccountStory.progress(weeksBeforeEnd: e, onset: onset, ramp: ramp)
        }
    }

    /// 0 before the change starts, 1 once it is complete, linear in between.
    private static func progress(weeksBeforeEnd e: Int, onset: Int, ramp: Int) -> Double {
        if e >= onset { return 0 }
        let done = onset - e
        return done >= ramp ? 1 : Double(done) / Double(ramp)
    }
}
