import FolioDomain
import GRDB

/// `folio model backtest`: how well the score predicted churn over a window (DESIGN, issue
/// 15): every scored day's score against what followed within the horizon — AUC with its
/// interval, churn per band, top-decile lift, each measure's own AUC, the lead time from the
/// first day in the lowest band to the churn, overall and by tier.
public enum Backtester {
    public struct Result: Sendable {
        public var window: ModelWindow
        /// The profile re-scored with; nil when the stored scores were read as they are.
        public var profileName: String?
        public var quality: ScoreQuality
        public var measures: [MeasureRanking]
        /// The days the measures were ranked on (a sample of the window's).
        public var measureDays: [Day]
        public var leadTime: LeadTime
        public var accounts: Int
        /// Account-days with no score (no measure had data): left out.
        public var unscored: Int
        /// Accounts marked churned with no churned outcome on record: left out.
        public var undated: Int
    }

    /// Days the measures are ranked on, at most; days re-scored from the records, at most.
    public static let measureDays = 8
    public static let rescoredDays = 13
    /// How far before a churn a day in the lowest band counts as its warning.
    public static let leadLookbackDays = 365

    /// `rescore`: score every case with `profile` from the records as of its day (a sample
    /// of the days); otherwise read the stored scores (and `profile` only names the bands).
    /// `measures` false leaves each measure's own AUC out (the dashboard does not show it).
    /// `user`: the accounts they may see (`ModelBook.load(for:)`); nil, the whole book.
    public static func run(window: ModelWindow, profile: HealthProfile, rescore: Bool, measures withMeasures: Bool = true,
                           for user: User? = nil, in db: Database) throws -> Result {
        let book = try ModelBook.load(for: user, in: db)
        let lowest = profile.bands.bands.first?.name ?? "Red"
        if window.stored && !rescore {
            let stored = try StoredScores.read(window, book: book, lowestBand: lowest, in: db)
            let days = withMeasures ? window.sample(measureDays) : []
            let measures = try StoredScores.measureScores(on: days, book: book, horizonDays: window.horizonDays, in: db).map { s in
                MeasureRanking(name: s.name, source: profile.measures.first { $0.name == s.name }?.source, risk: s.risk,
                               churned: s.churned, accounts: s.accounts, cases: s.cases)
            }
            return Result(window: window, profileName: nil, quality: ScoreQuality(stored.cases, bands: profile.bands), measures: measures,
                          measureDays: days, leadTime: leadTime(window, book: book, lowestDays: stored.lowestDays),
                          accounts: Set(stored.cases.accounts).count, unscored: stored.unscored, undated: book.undated.count)
        }
        let loaded = try rescoringData(window: window, profiles: [profile], book: book, in: db)
        return rescored(loaded, window: window, profile: profile, book: book)
    }

    /// The records as of a sample of the window's days, for re-scoring.
    public struct Loaded: Sendable {
        public var days: [Day]
        public var data: FitData
        public var caseDays: [Day]
    }

    public static func rescoringData(window: ModelWindow, profiles: [HealthProfile], book: ModelBook, in db: Database) throws -> Loaded {
        let days = window.sample(rescoredDays)
        let sources = profiles.reduce(try ModelInputs.sources(in: db)) { $0.union($1.sources) }
        let (data, caseDays) = try ModelInputs.load(days: days, book: book, horizonDays: window.horizonDays, sources: sources, in: db)
        return Loaded(days: days, data: data, caseDays: caseDays)
    }

    /// The backtest of `profile` on records already read.
    public static func rescored(_ loaded: Loaded, window: ModelWindow, profile: HealthProfile, book: ModelBook) -> Result {
        let data = loaded.data, caseDays = loaded.caseDays
        let lowest = profile.bands.bands.first?.name ?? "Red"
        let scores = data.scores(profile)
        var cases = OutcomeCases()
        var lowestDays: [Int: [Day]] = [:]
        var unscored = 0
        var seen = Set<Int32>()
        for k in 0..<data.count {
            guard !scores[k].isNaN else { unscored += 1; continue }
            cases.append(score: scores[k], churned: data.churned[k], tier: data.tiers[k], day: caseDays[k], account: data.accounts[k])
            seen.insert(data.accounts[k])
            if profile.bands.band(for: scores[k]).name == lowest { lowestDays[Int(data.accounts[k]), default: []].append(caseDays[k]) }
        }
        let measures = profile.measures.map { m -> MeasureRanking in
            guard let column = data.column(m.source) else {
                return MeasureRanking(name: m.name, source: m.source, withData: 0, cases: data.count, auc: nil)
            }
            let risk = (0..<data.count).map { k in column.input(k, on: caseDays[k]).flatMap { MeasureRanking.risk(m, $0) } ?? .nan }
            return MeasureRanking(name: m.name, source: m.source, risk: risk, churned: data.churned, accounts: data.accounts, cases: data.count)
        }
        var rescoredWindow = window
        rescoredWindow.days = loaded.days
        return Result(window: rescoredWindow, profileName: profile.name, quality: ScoreQuality(cases, bands: profile.bands), measures: measures,
                      measureDays: loaded.days, leadTime: leadTime(rescoredWindow, book: book, lowestDays: lowestDays), accounts: seen.count,
                      unscored: unscored, undated: book.undated.count)
    }

    /// The churns the window's cases can see, each with its first scored day in the lowest
    /// band within the look-back.
    static func leadTime(_ window: ModelWindow, book: ModelBook, lowestDays: [Int: [Day]]) -> LeadTime {
        guard let first = window.days.first, let last = window.days.last else { return LeadTime([]) }
        let reach = first.adding(days: 1)...min(window.outcomesUntil, last.adding(days: window.horizonDays))
        guard reach.lowerBound <= reach.upperBound else { return LeadTime([]) }
        let churners = book.churns(in: reach).map { i, day in
            LeadTime.Churner(tier: book.accounts[i].tier, churnedOn: day,
                             firstInLowestBand: LeadTime.firstInLowestBand(scored: (lowestDays[i] ?? []).map { ($0, "lowest") },
                                                                            lowest: "lowest", churnedOn: day, lookbackDays: leadLookbackDays))
        }
        return LeadTime(churners)
    }
}
