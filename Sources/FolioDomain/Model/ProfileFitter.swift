/// `folio model fit`: a health profile fitted to what happened, by k-fold cross-validation
/// over accounts. Each measure of the base profile, and each other source with data, gets
/// monotone thresholds (or a table) from the outcomes (`MeasureFit`); the measures get
/// non-negative weights (`WeightFit`); the bands get cut-offs at churn-rate targets
/// (`BandFit`). Every fold is fitted without its accounts and scored on them, so the
/// held-out AUC says how the fitted profile ranks accounts it has not seen, next to the
/// base profile's on the same cases. The profile written is fitted on every case.
public enum ProfileFitter {
    public struct Options: Sendable {
        public var folds = 5
        /// A fit needs at least this many accounts that churned, and that stayed.
        public var minimumAccounts = 30
        /// Cases the curves and weights are fitted on, at most (a stable sample beyond).
        public var maximumRows = 120_000
        /// Band targets: multiples of the overall churn rate (or rates, when `absoluteRates`).
        public var lowestBandRate = 2.0
        public var topBandRate = 0.5
        public var absoluteRates = false
        /// A source with data for fewer cases than this share is not added as a new measure.
        public var minimumCoverage = 0.05

        public init() {}
    }

    public static func fit(_ data: FitData, base: HealthProfile, options: Options = Options()) throws(FitRefusal) -> FittedProfile {
        let (churnedAccounts, stayedAccounts) = data.accountCounts
        let churnedCases = data.churned.reduce(0) { $0 + ($1 ? 1 : 0) }
        if churnedAccounts == 0 || stayedAccounts == 0 {
            throw FitRefusal(reason: .oneClass, churned: churnedAccounts, stayed: stayedAccounts, cases: data.count,
                             minimum: options.minimumAccounts)
        }
        if churnedAccounts < options.minimumAccounts || stayedAccounts < options.minimumAccounts {
            throw FitRefusal(reason: .tooFew, churned: churnedAccounts, stayed: stayedAccounts, cases: data.count,
                             minimum: options.minimumAccounts)
        }
        let plan = Plan(data: data, base: base, options: options)

        // Out-of-fold scores: each fold scored by a profile fitted without it.
        var heldOutNew = [Double](repeating: .nan, count: data.count)
        let folds = Swift.max(2, options.folds)
        for fold in 0..<folds {
            let training = (0..<data.count).filter { Int(data.folds[$0]) % folds != fold }
            let fitted = plan.fit(rows: plan.sample(training))
            let testing = data.subset(data.folds.map { Int($0) % folds == fold })
            let scores = testing.scores(fitted.profile)
            var k = 0
            for i in 0..<data.count where Int(data.folds[i]) % folds == fold {
                heldOutNew[i] = scores[k]
                k += 1
            }
        }
        let old = data.scores(base)
        func auc(_ scores: [Double]) -> RankingAUC? {
            RankingAUC(risk: scores.map { $0.isNaN ? .nan : -$0 }, positive: data.churned)
        }
        var final = plan.fit(rows: plan.sample(Array(0..<data.count)))
        let allScores = data.scores(final.profile)
        let bands = BandFit(scores: allScores, churned: data.churned, base: base.bands, lowest: options.lowestBandRate,
                            top: options.topBandRate, absolute: options.absoluteRates)
        final.profile.bands = bands.bands
        let calibration = CalibrationTable(scores: allScores.filter { !$0.isNaN },
                                           churned: zip(allScores, data.churned).filter { !$0.0.isNaN }.map(\.1), bands: bands.bands)
        return FittedProfile(profile: final.profile, measures: final.evidence, bands: bands, calibration: calibration,
                             heldOutOld: auc(old), heldOutNew: auc(heldOutNew), inSampleNew: auc(allScores), folds: folds,
                             cases: data.count, churnedCases: churnedCases, churnedAccounts: churnedAccounts,
                             stayedAccounts: stayedAccounts)
    }

    /// What is fitted: the base measures and the other sources with enough data.
    struct Plan {
        struct Candidate {
            var base: HealthMeasure?
            var column: FitData.Column
            var name: String
            var group: String
        }

        let data: FitData
        let base: HealthProfile
        let options: Options
        var candidates: [Candidate] = []
        /// Base measures with no data at all: kept as they are, weight 0 in the evidence.
        var absent: [HealthMeasure] = []

        init(data: FitData, base: HealthProfile, options: Options) {
            self.data = data
            self.base = base
            self.options = options
            var used = Set<MeasureSource>()
            for m in base.measures {
                if let column = data.column(m.source) {
                    candidates.append(Candidate(base: m, column: column, name: m.name, group: m.group))
                    used.insert(m.source)
                } else {
                    absent.append(m)
                }
            }
            let names = Set(base.measures.map(\.name))
            for column in data.columns where !used.contains(column.source) {
                guard Double(column.withData) >= options.minimumCoverage * Double(data.count) else { continue }
                var name = column.source.title
                if names.contains(name) { name += " (\(column.source.rawValue))" }
                let group = column.source.attributeName != nil ? "attributes"
                    : HealthProfile.standard.measures.first { $0.source == column.source }?.group ?? "other"
                candidates.append(Candidate(base: nil, column: column, name: name, group: group))
            }
        }

        /// At most `maximumRows` of the rows, the same ones every time (every k-th).
        func sample(_ rows: [Int]) -> [Int] {
            guard rows.count > options.maximumRows else { return rows }
            let step = Double(rows.count) / Double(options.maximumRows)
            return (0..<options.maximumRows).map { rows[Int(Double($0) * step)] }
        }

        func fit(rows: [Int]) -> (profile: HealthProfile, evidence: [MeasureFit.Evidence]) {
            var fits = candidates.map { c in
                MeasureFit(base: c.base, column: c.column, name: c.name, group: c.group, data: data, rows: rows)
            }
            let usable = fits.indices.filter { fits[$0].measure != nil }
            let scores: [[Double]] = usable.map { j in
                let m = fits[j].measure!, column = candidates[j].column
                return rows.map { i in column.input(i, on: Day(ordinal: 0)).flatMap(m.score(for:)) ?? .nan }
            }
            let churned = rows.map { data.churned[$0] }
            // Under 2 points of 100 a measure adds nothing people should weigh: left out.
            let weights = WeightFit.whole(WeightFit(scores: scores, churned: churned).weights, floor: 2)
            var measures: [HealthMeasure] = []
            for (k, j) in usable.enumerated() {
                fits[j].evidence.weight = weights[k]
                guard weights[k] > 0, var m = fits[j].measure else { continue }
                m.weight = weights[k]
                measures.append(m)
            }
            var profile = base
            profile.name = base.name == "standard" ? "fitted" : "\(base.name)-fitted"
            profile.measures = measures.isEmpty ? base.measures : measures
            // One list for every tier: a tier's overrides were for the base's thresholds.
            profile.tierMeasures = [:]
            let evidence = fits.map(\.evidence) + absent.map { m in
                MeasureFit.Evidence(name: m.name, source: m.source, withData: 0, cases: rows.count, auc: nil, poorEnd: nil,
                                    healthyEnd: nil, values: [], weight: 0, unfit: "no data")
            }
            return (profile, evidence)
        }
    }
}

/// A fitted profile and what the data showed.
public struct FittedProfile: Sendable {
    public var profile: HealthProfile
    /// Every measure considered, kept (weight > 0) or not.
    public var measures: [MeasureFit.Evidence]
    public var bands: BandFit
    /// Churn per fitted band, on every case.
    public var calibration: CalibrationTable
    /// Out-of-fold AUC of the base profile and of the fitted one, on the same cases.
    public var heldOutOld: RankingAUC?
    public var heldOutNew: RankingAUC?
    /// The fitted profile's AUC on the cases it was fitted on (optimistic).
    public var inSampleNew: RankingAUC?
    public var folds: Int
    public var cases: Int
    public var churnedCases: Int
    public var churnedAccounts: Int
    public var stayedAccounts: Int
}

/// Why a fit was refused, in numbers.
public struct FitRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable { case tooFew, oneClass }
    public var reason: Reason
    public var churned: Int
    public var stayed: Int
    public var cases: Int
    public var minimum: Int

    public init(reason: Reason, churned: Int, stayed: Int, cases: Int, minimum: Int) {
        self.reason = reason
        self.churned = churned
        self.stayed = stayed
        self.cases = cases
        self.minimum = minimum
    }

    public var description: String {
        switch reason {
        case .oneClass where churned == 0 && stayed == 0:
            return "no outcomes to fit on: no scored account had its horizon complete; import outcomes (folio import outcomes.csv) or widen --from/--to"
        case .oneClass where churned == 0:
            return "all \(Self.count(stayed, "account")) stayed (\(Self.count(cases, "scored case"))): nothing tells churners from the rest; a fit needs accounts that churned"
        case .oneClass:
            return "all \(Self.count(churned, "account")) churned (\(Self.count(cases, "scored case"))): nothing to compare them with; a fit needs accounts that stayed"
        case .tooFew:
            return "too few outcomes to fit: \(Self.count(churned, "account")) churned and \(stayed) stayed (\(Self.count(cases, "scored case"))); "
                + "a fit needs at least \(minimum) of each"
        }
    }

    /// "1 account", "1,126 scored cases".
    static func count(_ n: Int, _ thing: String) -> String {
        "\(Money(cents: Int64(n) * 100).grouped) \(thing)\(n == 1 ? "" : "s")"
    }
}
