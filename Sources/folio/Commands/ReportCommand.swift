import ArgumentParser
import FolioDomain
import FolioStore
import FolioTUI
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Measure the programme: did alerting help, the team's response and coverage, renewals, health by week.",
        discussion: """
            Each report covers a period (--from, --to; by default the 90 days up to the as-of day; for alerts, up to a horizon before it) of the accounts you may see: \
            a CSM their own, a manager their team's, a VP all. A group with nothing to count says "not enough data" rather than a zero rate. \
            --json prints one document and --csv one table with a header row (README, "folio report --json").
            """,
        subcommands: [Program.self, Team.self, Renewals.self, Health.self, Alerts.self]
    )

    /// The history of the period in the user's scope, with what every report needs around it.
    struct Loaded {
        var context: AppContext
        var period: ReportPeriod
        var history: ProgrammeHistory
        var names: [String: String]
        var frame: ReportFrame
        var heading: String
        var glyphs: Glyphs { context.glyphs }
    }

    /// The opening every report shares: the options loaded, the database opened read-only as
    /// the user, the period's history read in their scope; then `body`.
    static func run(_ name: String, global: GlobalOptions, options: ReportOptions, alerts: AlertsOption? = nil,
                    profile: ProfileOption? = nil, _ body: (Loaded, AlertPolicy) throws -> Void) throws {
        try AppContext.run(global, profile: profile, readonly: true, prepare: { try alerts?.load() ?? .standard }) { context, policy in
            let period = try options.period(asOf: context.asOf)
            let (history, names) = try context.database.read { db in
                let history = try ProgrammeData.load(for: context.user, period: period, asOf: context.asOf, policy: policy, in: db)
                let names = Dictionary(try Book.users(in: db).map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a })
                return (history, names)
            }
            let scope = PortfolioScope.natural(for: context.user)
            let frame = ReportFrame(report: name, asOf: context.asOf.iso, from: period.from.iso, to: period.to.iso, scope: scope.rawValue)
            try body(Loaded(context: context, period: period, history: history, names: names, frame: frame,
                            heading: scope.label(for: context.user)), policy)
        }
    }

    struct Program: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "program",
            abstract: "Did alerting help? Recovery and churn of alerted health drops against the control group, with group sizes.",
            discussion: """
                The control group's drops were recorded as shadow alerts and routed to no one. An alert is recovered when the score \
                came back at or above the threshold it was raised below within 60 days; alerts still inside their 60 days are \
                pending and left out of the rate. Groups under 10 accounts are flagged as too small to compare. Recovery \
                sequences: of those started in the period that emailed the customer, the share answered (a reply or a meeting).
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions
        @OptionGroup var alertsOption: AlertsOption

        func run() throws {
            try ReportCommand.run("program", global: global, options: options, alerts: alertsOption) { l, policy in
                let asOf = l.context.asOf
                let comparison = ControlComparison(l.history, period: l.period, asOf: asOf)
                let speed = ResponseSpeed(l.history, period: l.period, asOf: asOf)
                let sequences = SequenceResponse(l.history.sequences)
                try options.emit(l.frame, json: { ProgrammeReport.json(comparison, speed: speed, sequences: sequences,
                                                                   heldOutKinds: policy.holdoutKinds) },
                                 csv: { ProgrammeReport.csv(comparison, speed: speed) },
                                 text: { width in ProgrammeReport.lines(comparison, speed: speed, sequences: sequences,
                                                                        heldOutKinds: policy.holdoutKinds, frame: l.frame,
                                                                        heading: l.heading, maxWidth: width, glyphs: l.glyphs) })
            }
        }
    }

    struct Team: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "team",
            abstract: "Per CSM: time to acknowledge health drops (median, p90), answered within SLA, recovery, check-in coverage.",
            discussion: """
                Time to acknowledge runs from the alert to the first acknowledgement, snooze or resolve by a person. Coverage is \
                taken on the period's last day; a CSM or team under 80 % is flagged.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions
        @OptionGroup var alertsOption: AlertsOption

        func run() throws {
            try ReportCommand.run("team", global: global, options: options, alerts: alertsOption) { l, policy in
                let asOf = l.context.asOf
                let speed = ResponseSpeed(l.history, period: l.period, asOf: asOf)
                let recovery = RecoveryRate(l.history, period: l.period, asOf: asOf)
                let coverage = try l.context.database.read { db in
                    try CheckInBoard.load(for: l.context.user, asOf: l.period.to, bands: BandSet.redYellowGreen.bands.map(\.name),
                                          policy: policy.checkIns, in: db).coverage
                }
                try options.emit(l.frame, json: { TeamReport.json(speed: speed, recovery: recovery, coverage: coverage, names: l.names) },
                                 csv: { TeamReport.csv(speed: speed, recovery: recovery, coverage: coverage, names: l.names) },
                                 text: { width in TeamReport.text(speed: speed, recovery: recovery, coverage: coverage, names: l.names, frame: l.frame,
                                                heading: l.heading, maxWidth: width, glyphs: l.glyphs) })
            }
        }
    }

    struct Renewals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "renewals",
            abstract: "Renewal rate (closed won over closed in the period) and the lift of covered accounts over uncovered ones."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions
        @OptionGroup var alertsOption: AlertsOption

        func run() throws {
            try ReportCommand.run("renewals", global: global, options: options, alerts: alertsOption) { l, policy in
                let rate = RenewalRate(l.history.renewals, period: l.period, policy: policy.checkIns)
                try options.emit(l.frame, json: { RenewalRateReport.json(rate, names: l.names) },
                                 csv: { RenewalRateReport.csv(rate) },
                                 text: { width in RenewalRateReport.text(rate, names: l.names, frame: l.frame, heading: l.heading,
                                                       maxWidth: width, glyphs: l.glyphs) })
            }
        }
    }

    struct Health: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "health",
            abstract: "How many accounts were in each band, week by week."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions
        @OptionGroup var profileOption: ProfileOption

        func run() throws {
            try ReportCommand.run("health", global: global, options: options, profile: profileOption) { l, _ in
                let distribution = HealthDistribution(l.history.scores, period: l.period, bands: l.context.bands)
                try options.emit(l.frame, json: { HealthReport.json(distribution) },
                                 csv: { HealthReport.csv(distribution) },
                                 text: { width in HealthReport.text(distribution, frame: l.frame, heading: l.heading, maxWidth: width,
                                                  glyphs: l.glyphs) })
            }
        }
    }

    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alerts",
            abstract: "Alert quality per kind: followed by churn or contraction (precision, lift over any account, against the control group), noise, load per CSM.",
            discussion: """
                An alert is followed when its account churned or contracted within --horizon (90 days) of it, by the outcomes on \
                record; alerts still inside their horizon are pending. The period ends a horizon before the as-of day unless --to \
                says otherwise. Noise: alerts a person resolved as false positive or no action. Load: alerts routed to each CSM, per week.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: ReportOptions
        @OptionGroup var alertsOption: AlertsOption

        @Option(help: ArgumentHelp("How far after an alert a churn or contraction counts: 90d, 12w or a number of days.", valueName: "span"))
        var horizon: String = "90d"

        func run() throws {
            var model = ModelOptions()
            model.horizon = horizon
            let days = try model.horizonDays()
            try AppContext.run(global, readonly: true, prepare: { try alertsOption.load() }) { context, policy in
                let period = try options.period(asOf: options.to == nil ? context.asOf.adding(days: -days) : context.asOf)
                let (quality, names) = try context.database.read { db in
                    (try AlertQualityData.load(for: context.user, period: period, asOf: context.asOf, horizonDays: days, in: db),
                     Dictionary(try Book.users(in: db).map { ($0.login, $0.name) }, uniquingKeysWith: { a, _ in a }))
                }
                let scope = PortfolioScope.natural(for: context.user)
                let frame = ReportFrame(report: "alerts", asOf: context.asOf.iso, from: period.from.iso, to: period.to.iso, scope: scope.rawValue)
                try options.emit(frame, json: { AlertQualityReport.json(quality, heldOutKinds: policy.holdoutKinds, names: names) },
                                 csv: { AlertQualityReport.csv(quality) },
                                 text: { width in AlertQualityReport.lines(quality, heldOutKinds: policy.holdoutKinds, names: names, frame: frame,
                                                                          heading: scope.label(for: context.user), maxWidth: width,
                                                                          glyphs: context.glyphs) })
            }
        }
    }
}
