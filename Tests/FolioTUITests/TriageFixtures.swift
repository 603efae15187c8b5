import Foundation
import FolioDomain
@testable import FolioStore
@testable import FolioTUI

/// Alerts, check-ins, renewals and a team for the triage views' reducer and snapshot tests.
enum TriageFixtures {
    typealias F = InterfaceFixtures
    static let dayStart = Int64(F.asOf.ordinal) * 86_400
    /// 10:00 UTC on the fixtures' day.
    static let now = dayStart + 10 * 3_600

    static func listing(_ id: Int64, _ account: BookEntry, _ kind: Alert.Kind, _ severity: Alert.Severity, reason: String,
                        raisedHoursAgo: Int64, dueInHours: Int64, state: Alert.State = .open, owner: String = "amelie.durand") -> AlertListing {
        var alert = Alert(id: id, accountID: account.account.id, kind: kind, severity: severity, reason: reason,
                          raisedOn: Moment(seconds: now - raisedHoursAgo * 3_600).day, raisedAt: now - raisedHoursAgo * 3_600,
                          dueBy: now + dueInHours * 3_600, recipients: [owner, "marta.novak"], state: state)
        if state == .acknowledged { alert.acknowledgedBy = owner; alert.acknowledgedAt = now - 3_600 }
        if state == .snoozed { alert.snoozedUntil = F.asOf.adding(days: 3); alert.snoozeReason = "on holiday" }
        return AlertListing(alert: alert, accountName: account.account.name, owner: owner, tier: account.account.tier, arr: account.account.arr)
    }

    static let listings: [AlertListing] = [
        listing(12, F.entries[0], .healthDrop, .red, reason: "score 49 → 33, below 45 (red), driven by seat utilisation 0.81 → 0.47",
                raisedHoursAgo: 30, dueInHours: -20),
        listing(15, F.entries[2], .detractor, .orange, reason: "NPS 3 from Sören Wagner: \u{1B}[2J“the dashboards are slow”",
                raisedHoursAgo: 4, dueInHours: 44),
        listing(7, F.entries[1], .usageDrop, .orange, reason: "key actions −42 % over 4 weeks: 1,210 → 702", raisedHoursAgo: 200,
                dueInHours: -80, state: .acknowledged),
        listing(21, F.entries[3], .checkinOverdue, .amber, reason: "no activity for 49 days (mid-market limit 30)", raisedHoursAgo: 2,
                dueInHours: 70),
        listing(22, F.entries[4], .paymentOverdue, .orange, reason: "invoice 31 days overdue", raisedHoursAgo: 50, dueInHours: -2,
                state: .snoozed),
        listing(30, F.entries[7], .usageSurge, .info, reason: "key actions +35 % over 4 weeks", raisedHoursAgo: 100, dueInHours: 236),
    ]

    static func alertsState(width: Int = 80, height: Int = 24, viewer: Viewer = F.viewer, keymap: Keymap = .standard) -> AppState {
        var state = F.state(width: width, height: height, viewer: viewer, keymap: keymap)
        _ = reduce(&state, .run(.alerts))
        _ = reduce(&state, .alertsLoaded(listings, now: now))
        return state
    }

    static let coverage = CheckInCoverage(
        (0..<20).map { CheckInCoverage.Entry(owner: $0 < 12 ? "amelie.durand" : "jonas.muller", tier: .midMarket,
                                             lastCheckIn: F.asOf.adding(days: $0 % 4 == 0 ? -45 : -5)) }, asOf: F.asOf)

    static func checkInLine(_ entry: BookEntry, _ kind: CheckIn.Kind, dueIn: Int, _ standing: CheckInOutcome.Standing, title: String,
                            hint: String) -> CheckInBoard.Line {
        let due = F.asOf.adding(days: dueIn)
        return CheckInBoard.Line(checkIn: CheckIn(accountID: entry.account.id, kind: kind, due: due, opens: due.adding(days: -7),
                                                  closes: due.adding(days: 14)),
                                 standing: standing, title: title, accountName: entry.account.name, tier: entry.account.tier,
                                 owner: "amelie.durand", ownerName: "Amélie Durand", stage: entry.stage, hint: hint)
    }

    static let checkIns = CheckInBoard(lines: [
        checkInLine(F.entries[1], .anniversary, dueIn: -20, .missed, title: "anniversary (year 2)", hint: "share support resources"),
        checkInLine(F.entries[11], .onboarding, dueIn: -3, .overdue, title: "onboarding day 30",
                    hint: CheckInHints.early),
        checkInLine(F.entries[4], .qbrPrep, dueIn: 0, .due, title: "QBR preparation (2026-Q4)", hint: CheckInHints.preRenewal),
        checkInLine(F.entries[9], .onboarding, dueIn: 4, .due, title: "onboarding day 120", hint: CheckInHints.expansion),
        checkInLine(F.entries[8], .anniversary, dueIn: 20, .upcoming, title: "anniversary (year 3)", hint: "ask for a reference"),
    ], coverage: coverage, names: ["amelie.durand": "Amélie Durand", "jonas.muller": "Jonas Müller"])

    static func opportunity(_ id: Int64, _ entry: BookEntry, _ stage: RenewalOpportunity.Stage, closeIn: Int) -> RenewalOpportunity {
        RenewalOpportunity(id: id, accountID: entry.account.id, amount: entry.account.arr, closeDate: F.asOf.adding(days: closeIn),
                           stage: stage, owner: "amelie.durand", openedOn: F.asOf.adding(days: closeIn - 90),
                           closedOn: stage.isClosed ? F.asOf.adding(days: closeIn) : nil, movedBy: "folio")
    }

    static let renewals: RenewalBoard = {
        let open: [(RenewalOpportunity, BookEntry)] = [
            (opportunity(3, F.entries[4], .sixtyDaysOut, closeIn: 5), F.entries[4]),
            (opportunity(4, F.entries[3], .committed, closeIn: 16), F.entries[3]),
            (opportunity(5, F.entries[2], .sixtyDaysOut, closeIn: 56), F.entries[2]),
            (opportunity(6, F.entries[0], .atRisk, closeIn: 84), F.entries[0]),
        ]
        let closed = [opportunity(1, F.entries[10], .closedWon, closeIn: -40), opportunity(2, F.entries[6], .churned, closeIn: -70)]
        let lines = open.map { o, e in
            RenewalBoard.Line(opportunity: o, accountName: e.account.name, ownerName: e.ownerName, score: e.score, band: e.band,
                              daysToClose: F.asOf.days(until: o.closeDate),
                              nextAction: o.stage == .atRisk ? NextAction.outreach : "lead with a value summary at the renewal")
        }
        return RenewalBoard(from: RenewalPipeline.firstDay(asOf: F.asOf), pipeline: RenewalPipeline(open.map(\.0) + closed), open: lines)
    }()

    static let team = TeamBoard(rows: [
        TeamBoard.Line(login: "amelie.durand", name: "Amélie Durand", accounts: 26, arr: Money(units: 2_512_000), red: 2, openAlerts: 7,
                       overdueAlerts: 3, medianAckHours: 9.04, coverage: coverage.byOwner[0].rate),
        TeamBoard.Line(login: "chen.wei", name: "陈伟 (Chen Wei)", accounts: 25, arr: Money(units: 2_600_000), red: 0, openAlerts: 10,
                       overdueAlerts: 0, medianAckHours: 30.2, coverage: nil),
        TeamBoard.Line(login: "jonas.muller", name: "Jonas Müller", accounts: 25, arr: Money(units: 1_300_000), red: 4, openAlerts: 14,
                       overdueAlerts: 4, medianAckHours: nil, coverage: coverage.byOwner[1].rate),
    ], escalations: [listings[0], listings[2], listings[1]], period: ReportPeriod.standard(asOf: F.asOf), now: now)

    static let manager = Viewer(login: "marta.novak", name: "Marta Nováková", role: "manager", database: "folio.db", asOf: F.asOf)
    static let ae = Viewer(login: "mateusz.wojcik", name: "Mateusz Wójcik", role: "ae", database: "folio.db", asOf: F.asOf)

    /// The alert of a listing, by id.
    static func alert(_ id: Int64) -> Alert { listings.first { $0.alert.id == id }!.alert }

    /// What the store answers when open renewal `id` moved to `stage`.
    static func moved(_ id: Int64, to stage: RenewalOpportunity.Stage) -> RenewalDesk.Moved {
        let line = renewals.open.first { $0.opportunity.id == id }!
        var after = line.opportunity
        after.stage = stage
        let account = F.entries.first { $0.account.id == line.opportunity.accountID }!.account
        return RenewalDesk.Moved(before: line.opportunity, after: after, account: account, renewalRolled: nil, accountChurned: false)
    }
}
