import FolioDomain

/// The daily run, defined once (DESIGN §1.5): which steps run, in which order, with which
/// configuration. `folio tick`, the demo's replay and the tests run it; `DailyRun` is the
/// machinery underneath (the inputs read once, the day written in short transactions, a summary).
public struct DailyPipeline {
    public var profile: HealthProfile
    /// Thresholds, SLAs, routing and the control group; also the run's hour, for every step.
    public var policy: AlertPolicy
    /// The recovery sequences; nil when none are configured (no sequence step then).
    public var sequences: SequenceLibrary?
    /// On the very first run, raise the conditions already present instead of recording them
    /// as the baseline.
    public var raiseExisting: Bool

    public init(profile: HealthProfile = .standard, policy: AlertPolicy = .standard, sequences: SequenceLibrary? = nil,
                raiseExisting: Bool = false) {
        self.profile = profile
        self.policy = policy
        self.sequences = sequences
        self.raiseExisting = raiseExisting
    }

    /// Scoring first (the steps after it read the day's scores), alerts next (check-ins,
    /// renewals and sequences read them), outcomes after renewals (which close the renewals
    /// of churned accounts), sequences next (they answer the day's alerts), the history's
    /// thinning last (it keeps each account's crossings of the policy's thresholds).
    public var steps: [any TickStep] {
        var steps: [any TickStep] = [ScoreStep(), AlertStep(policy: policy, raiseExisting: raiseExisting), CheckInStep(), RenewalStep(),
                                     OutcomeStep()]
        if let sequences { steps.append(SequenceStep(library: sequences, policy: policy)) }
        steps.append(HistoryStep(policy: policy))
        return steps
    }

    /// Runs the day `asOf` (`DailyRun`); running it again on the same data changes nothing.
    @discardableResult
    public func run(asOf: Day, in database: FolioDatabase, now: Int64, progress: ProgressHandler? = nil) throws -> TickSummary {
        var run = DailyRun(profile: profile, steps: steps)
        run.progress = progress
        return try run.run(asOf: asOf, in: database, now: now)
    }
}
