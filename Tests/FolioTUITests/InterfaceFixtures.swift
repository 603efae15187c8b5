import Foundation
import FolioDomain
@testable import FolioStore
@testable import FolioTUI

/// A small, fixed book and one account page for reducer and snapshot tests.
enum InterfaceFixtures {
    static let asOf = Day(year: 2026, month: 11, day: 23)!
    static let bands = ["Red", "Yellow", "Green"]

    static func entry(_ id: String, _ name: String, tier: Account.Tier = .midMarket, arr: Int64 = 50_000, score: Double? = 55,
                      band: String? = "Yellow", renewalIn: Int = 200, activityDaysAgo: Int? = 5, startedDaysAgo: Int = 400,
                      history: [Double?]? = nil, owner: String = "Amélie Durand") -> BookEntry {
        let account = Account(id: id, name: name, tier: tier, owner: "amelie.durand", ae: "mateusz.wojcik", arr: Money(units: arr),
                              contractStart: asOf.adding(days: -startedDaysAgo), renewalDate: asOf.adding(days: renewalIn), seats: 100)
        var series: [Double?] = history ?? []
        if history == nil {
            for week in 0..<8 {
                let wobble = Double((week * 7 + Int(id.suffix(2))!) % 11) - 5
                series.append(score.map { $0 + wobble })
            }
        }
        return BookEntry(account: account, ownerName: owner, lastActivity: activityDaysAgo.map { asOf.adding(days: -$0) },
                         stage: LifecycleStage.of(account, asOf: asOf, isGreen: band == "Green", latestNPS: nil),
                         score: score, band: band, lowConfidence: false, history: series)
    }

    /// Attention order, as `Book.entries` returns it.
    static let entries: [BookEntry] = named + filler

    static let named: [BookEntry] = [
        entry("ACC-0001", "Ferrovia Verde S.p.A.", arr: 118_000, score: 33, band: "Red", renewalIn: 84, activityDaysAgo: 17),
        entry("ACC-0002", "Kovács & Társa Építőipari Kft.", arr: 41_000, score: 40, band: "Red", renewalIn: 119, activityDaysAgo: 40),
        entry("ACC-0003", "Nordlicht Versicherungsgruppe AG", tier: .enterprise, arr: 486_000, score: 56, renewalIn: 56, activityDaysAgo: 12),
        entry("ACC-0004", "上海青松软件有限公司", arr: 56_000, score: 64, renewalIn: 16, activityDaysAgo: 3),
        entry("ACC-0005", "Quillback Veterinary Clinics", tier: .smb, arr: 15_400, score: 53, renewalIn: 5, activityDaysAgo: 3),
        entry("ACC-0006", "Thistledown Logistics Pty Ltd", tier: .enterprise, arr: 234_500, score: 48, renewalIn: 170, activityDaysAgo: 60),
        entry("ACC-0007", "Bluefin Marine Supplies", arr: 52_500, score: 55, renewalIn: 148, activityDaysAgo: 103),
        entry("ACC-0008", "Café Crème Bistro 😀 Group", tier: .smb, arr: 9_000, score: 71, band: "Green", renewalIn: 300),
        entry("ACC-0009", "Cobalt Ridge Freight Co.", tier: .enterprise, arr: 876_500, score: 96, band: "Green", renewalIn: 133),
        entry("ACC-0010", "Ashgrove Realty Co.", arr: 61_500, score: 97, band: "Green", renewalIn: 237, startedDaysAgo: 120),
        entry("ACC-0011", "Solvik Rederi AS", arr: 50_800, score: 100, band: "Green", renewalIn: 233),
        entry("ACC-0012", "New Horizon Startup", tier: .smb, arr: 3_000, score: nil, band: nil, renewalIn: 340, activityDaysAgo: nil,
              startedDaysAgo: 20, history: Array(repeating: nil, count: 8)),
    ]

    static let filler: [BookEntry] = (13...40).map { (index: Int) -> BookEntry in
        entry(String(format: "ACC-%04d", index), "Filler Account \(index) Holdings", tier: index % 3 == 0 ? .smb : .midMarket,
              arr: Int64(10_000 + index * 1_000), score: 75 + Double(index % 20), band: "Green", renewalIn: 100 + index * 5)
    }

    static let viewer = Viewer(login: "amelie.durand", name: "Amélie Durand", role: "csm", database: "folio.db", asOf: asOf)

    static func state(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode, entries: [BookEntry] = entries,
                      viewer: Viewer = viewer, keymap: Keymap = .standard) -> AppState {
        var state = AppState(size: ScreenSize(width: width, height: height), glyphs: glyphs, viewer: viewer, keymap: keymap,
                             bands: bands)
        _ = reduce(&state, .bookLoaded(LoadedBook(entries, scoresAsOf: asOf.adding(days: -1))))
        return state
    }

    static func measure(_ name: String, _ group: String, raw: Double?, score: Double?, weight: Double, effective: Double,
                        daysAgo: Int = 1, stale: Bool = false) -> HealthSnapshot.MeasureResult {
        .init(name: name, group: group, raw: raw, score: score, weight: weight, effectiveWeight: effective,
              points: (score ?? 0) * effective / 100, inputDate: raw == nil ? nil : asOf.adding(days: -daysAgo), stale: stale)
    }

    static let page: AccountPage = {
        let account = entries[2].account
        let measures = [
            measure("seat utilisation", "usage activity", raw: 0.44, score: 11, weight: 15, effective: 15),
            measure("key-action trend", "usage activity", raw: -0.29, score: 2, weight: 15, effective: 15),
            measure("feature depth", "product depth", raw: 0.38, score: 44, weight: 15, effective: 15),
            measure("days since last activity", "relationship", raw: 12, score: 100, weight: 8, effective: 8),
            measure("executive sponsor present", "relationship", raw: 1, score: 100, weight: 6, effective: 6),
            measure("NPS mean", "sentiment", raw: 8, score: 67, weight: 10, effective: 10, daysAgo: 200, stale: true),
            measure("open critical cases", "support", raw: nil, score: nil, weight: 5, effective: 0),
            measure("days to renewal", "renewal proximity", raw: 56, score: 17, weight: 5, effective: 5.5),
        ]
        let snapshot = HealthSnapshot(accountID: account.id, date: asOf, score: 56, band: "Yellow", lowConfidence: false, measures: measures)
        let previous = HealthSnapshot(accountID: account.id, date: asOf.adding(days: -7), score: 60, band: "Yellow", lowConfidence: false,
                                      measures: measures)
        let explanation = AccountExplanation(
            account: account, snapshot: snapshot, previous: previous,
            changes: [MeasureChange(name: "key-action trend", rawBefore: -0.26, rawAfter: -0.29, pointsBefore: 2, pointsAfter: 0.3),
                      MeasureChange(name: "feature depth", rawBefore: 0.42, rawAfter: 0.38, pointsBefore: 8.2, pointsAfter: 6.6)],
            lift: BandLift(band: "Green", measure: "key-action trend", from: -0.29, to: 0, resultingScore: 71,
                           sentence: "key-action trend from -29 % to 0 % → Green"),
            summary: "Scores 56 of 100: Yellow (41–70); Green starts at 71. Pulling it down most: key-action trend and seat utilisation.")
        let usage = (0..<12).map { week in
            UsageWeek(accountID: account.id, week: asOf.weekStart.adding(days: -7 * (11 - week)), activeUsers: 600 - week * 15,
                      logins: 2000 - week * 20, keyActions: 30_000 - week * 800, featuresUsed: 9, featuresAvailable: 24)
        }
        let contacts = [
            AccountDetail.ContactLine(contact: Contact(id: "C1", accountID: account.id, name: "Maximilian Becker", email: "m@x.de", roles: [.sponsor]),
                                      latestNPS: nil),
            AccountDetail.ContactLine(contact: Contact(id: "C2", accountID: account.id, name: "Lena Becker", email: "l@x.de", roles: [.champion],
                                                       leftCompany: true),
                                      latestNPS: NPSResponse(contactID: "C2", date: asOf.adding(days: -160), score: 9)),
            AccountDetail.ContactLine(contact: Contact(id: "C3", accountID: account.id, name: "Sören Wagner", email: "s@x.de", roles: [.primary]),
                                      latestNPS: NPSResponse(contactID: "C3", date: asOf.adding(days: -75), score: 6)),
        ]
        let activities = [
            Activity(id: "A1", accountID: account.id, kind: .email, date: asOf.adding(days: -12), author: "amelie.durand",
                     summary: "Follow-up to Sören Wagner: proposed a working session before the renewal."),
            Activity(id: "A2", accountID: account.id, kind: .call, direction: .inbound, date: asOf.adding(days: -20), author: "amelie.durand",
                     summary: "Sören called about the \u{1B}]0;pwned\u{07} dashboards."),
            Activity(id: "A3", accountID: account.id, kind: .qbr, date: asOf.adding(days: -74), author: "marta.novak",
                     summary: "QBR: value review, next-quarter goals."),
        ].map { AccountDetail.ActivityLine(activity: $0, authorName: $0.author == "marta.novak" ? "Marta Nováková" : "Amélie Durand") }
        let detail = AccountDetail(contacts: contacts, activities: activities, usage: usage,
                                   openCases: [SupportCase(id: "S1", accountID: account.id, priority: .high, opened: asOf.adding(days: -3))])
        return AccountPage(account: account, ownerName: "Amélie Durand", aeName: "Mateusz Wójcik", entry: entries[2],
                           explanation: explanation, detail: detail, bands: bands) { name, value in
            switch name {
            case "key-action trend": return "\(Int((value * 100).rounded())) %"
            case "days since last activity", "days to renewal": return "\(Int(value)) days"
            case "executive sponsor present": return value >= 0.5 ? "yes" : "no"
            default: return String(format: "%.2f", value)
            }
        }
    }()

    /// The state with the account page open.
    static func accountState(width: Int = 80, height: Int = 24, glyphs: Glyphs = .unicode) -> AppState {
        var state = self.state(width: width, height: height, glyphs: glyphs)
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .run(.moveDown))
        _ = reduce(&state, .run(.open))
        _ = reduce(&state, .accountLoaded(page))
        return state
    }
}

extension AppState {
    /// What the loop does after each action: draws a frame and tells the state what it
    /// showed (where the screen scrolled to, how far Page Down goes).
    mutating func drawFrame() {
        if let shown = InterfaceView.frame(self).shown { _ = reduce(&self, .drawn(shown)) }
    }

    /// One turn of the loop: the action, then a frame.
    @discardableResult
    mutating func step(_ action: Action) -> [Effect] {
        let effects = reduce(&self, action)
        drawFrame()
        return effects
    }
}
