import FolioDomain
import FolioStore

/// Everything the account view shows, read by the account screen's load.
public struct AccountPage: Sendable {
    public var account: Account
    public var ownerName: String
    public var aeName: String?
    /// The account's line in the book (score, band, stage, last activity), when it is in it.
    public var entry: BookEntry?
    public var explanation: AccountExplanation?
    public var detail: AccountDetail
    /// Band names, worst first (for glyphs and "already in the top band").
    public var bands: [String]
    /// A measure's raw value as a person reads it ("62 %", "14 days"), from the profile.
    public var formatRaw: @Sendable (_ measure: String, _ value: Double) -> String

    public init(account: Account, ownerName: String, aeName: String?, entry: BookEntry?, explanation: AccountExplanation?,
                detail: AccountDetail, bands: [String],
                formatRaw: @escaping @Sendable (_ measure: String, _ value: Double) -> String) {
        self.account = account
        self.ownerName = ownerName
        self.aeName = aeName
        self.entry = entry
        self.explanation = explanation
        self.detail = detail
        self.bands = bands
        self.formatRaw = formatRaw
    }
}
