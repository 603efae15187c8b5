import FolioDomain
import FolioStore

/// Runs effects against the database and answers with the action that carries the
/// result. Reads only; each effect is one read transaction.
public struct StoreEffects: Sendable {
    public let database: FolioDatabase
    public let user: User
    public let asOf: Day
    public let profile: HealthProfile

    public init(database: FolioDatabase, user: User, asOf: Day, profile: HealthProfile) {
        self.database = database
        self.user = user
        self.asOf = asOf
        self.profile = profile
    }

    public var bands: [String] { profile.bands.bands.map(\.name) }

    /// The action an effect results in; nil for effects the loop handles itself.
    public func run(_ effect: Effect) -> Action? {
        switch effect {
        case .loadBookStart(let rows):
            do {
                let (page, scoresAsOf) = try database.read { db in
                    (try Book.firstPage(for: user, asOf: asOf, bands: bands, limit: rows, in: db),
                     try AccountDetail.latestScoreDay(asOf: asOf, in: db))
                }
                return .bookStarted(page.entries, total: page.total, scoresAsOf: scoresAsOf)
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the book: \(error)")
            }
        case .loadBook:
            do {
                let (entries, scoresAsOf) = try database.read { db in
                    (try Book.entries(for: user, asOf: asOf, bands: bands, in: db), try AccountDetail.latestScoreDay(asOf: asOf, in: db))
                }
                return .bookLoaded(LoadedBook(entries, scoresAsOf: scoresAsOf))
            } catch {
                return .loadFailed(accountID: nil, message: "could not load the book: \(error)")
            }
        case .loadAccount(let id):
            do {
                return try database.read { db -> Action in
                    guard let account = try Account.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) else {
                        return .loadFailed(accountID: id, message: "account \(id) is gone")
                    }
                    let explanation = try AccountExplanation.load(account: account, asOf: asOf, profile: profile, in: db)
                    let detail = try AccountDetail.load(accountID: id, asOf: asOf, in: db)
                    let owner = try AccountDetail.userName(account.owner, in: db) ?? account.owner
                    let ae = try account.ae.map { try AccountDetail.userName($0, in: db) ?? $0 }
                    let sources = Dictionary(profile.measures(for: account.tier).map { ($0.name, $0.source) }, uniquingKeysWith: { a, _ in a })
                    let page = AccountPage(account: account, ownerName: owner, aeName: ae, entry: nil, explanation: explanation,
                                           detail: detail, bands: bands) { name, value in
                        sources[name]?.format(value) ?? AccountView.format1(value)
                    }
                    return .accountLoaded(page)
                }
            } catch {
                return .loadFailed(accountID: id, message: "could not load \(id): \(error)")
            }
        case .redraw:
            return nil
        }
    }
}
