import FolioDomain
import FolioStore
@testable import FolioTUI

// The screens' reads and what comes back, by name, for the viewer's own book: what a key
// asks of the store, and what the tests hand the reducer as the store's answer.

extension Effect {
    static var loadBook: Effect { BookScreen.whole(book: nil) }
    static func loadBookStart(rows: Int) -> Effect { BookScreen.firstRows(rows, book: nil) }
    static func loadAccount(id: String) -> Effect { AccountScreen.load(id, book: nil) }
    static var loadAlerts: Effect { AlertsScreen.load(book: nil) }
    static var loadCheckIns: Effect { CheckInsScreen.load(book: nil) }
    static var loadRenewals: Effect { RenewalsScreen.load(book: nil) }
    static var loadTeam: Effect { TeamScreen.load(book: nil) }
    static var loadOutbox: Effect { OutboxScreen.load(book: nil) }
    static func loadDashboard(_ period: ReportPeriod) -> Effect { DashboardScreen.load(period, book: nil) }
}

extension Action {
    static func bookStarted(_ entries: [BookEntry], total: Int, scoresAsOf: Day?) -> Action {
        .loaded(ScreenID(.book), book: nil, BookScreen.FirstRows(entries: entries, total: total, scoresAsOf: scoresAsOf))
    }
    /// A whole book, its `owner`'s (nil: the viewer's own).
    static func bookLoaded(_ book: LoadedBook) -> Action { .loaded(ScreenID(.book), book: book.owner, book) }
    static func accountLoaded(_ page: AccountPage) -> Action {
        .loaded(ScreenID(.account, key: page.account.id), book: nil, AccountScreen.Loaded.page(page))
    }
    static func alertsLoaded(_ listings: [AlertListing], now: Int64) -> Action {
        .loaded(ScreenID(.alerts), book: nil, AlertsScreen.Loaded(listings: listings, now: now))
    }
    static func checkInsLoaded(_ board: CheckInBoard) -> Action { .loaded(ScreenID(.checkIns), book: nil, board) }
    static func renewalsLoaded(_ board: RenewalBoard) -> Action { .loaded(ScreenID(.renewals), book: nil, board) }
    static func teamLoaded(_ board: TeamBoard) -> Action { .loaded(ScreenID(.team), book: nil, board) }
    static func outboxLoaded(_ listings: [OutboxListing], now: Int64) -> Action {
        .loaded(ScreenID(.outbox), book: nil, OutboxScreen.Loaded(listings: listings, now: now))
    }
    static func dashboardLoaded(_ dashboard: ProgrammeDashboard) -> Action { .loaded(ScreenID(.dashboard), book: nil, dashboard) }
}

extension AppState {
    var alerts: AlertsScreen { self[AlertsScreen.self] }
    var checkIns: CheckInsScreen { self[CheckInsScreen.self] }
    var renewals: RenewalsScreen { self[RenewalsScreen.self] }
    var team: TeamScreen { self[TeamScreen.self] }
    var outbox: OutboxScreen { self[OutboxScreen.self] }
    var dashboard: DashboardScreen { self[DashboardScreen.self] }
}
