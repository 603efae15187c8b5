import FolioDomain
import FolioStore

/// The book as a plain-text table (`folio accounts`, and `folio` until the interface opens):
/// name, tier, ARR, owner, stage, days since the last activity (with `!` past the tier's
/// limit) and days to renewal. Narrow terminals drop the owner and stage first.
public enum BookTable {
    public static func lines(_ entries: [BookEntry], asOf: Day, maxWidth: Int?, glyphs: Glyphs = .unicode,
                             policy: CheckInPolicy = .standard) -> [String] {
        var table = TextTable(columns: [
            .init("ACCOUNT", minWidth: 12, maxWidth: 48, priority: 10, isFlexible: true),
            .init("TIER", priority: 6),
            .init("ARR", alignment: .right, priority: 8),
            .init("OWNER", maxWidth: 20, priority: 2),
            .init("STAGE", priority: 3),
            .init("LAST ACT", alignment: .right, priority: 7),
            .init("RENEWAL", alignment: .right, priority: 9),
        ])
        table.showsRule = true
        for entry in entries {
            let account = entry.account
            let since = entry.daysSinceActivity(asOf: asOf)
            let overdue = policy.isOverdue(tier: account.tier, daysSinceActivity: since)
            let lastActivity = since.map { "\($0)d\(overdue ? "!" : " ")" } ?? "never!"
            let toRenewal = account.daysToRenewal(asOf: asOf)
            let renewal = toRenewal >= 0 ? "in \(toRenewal)d" : "\(-toRenewal)d ago"
            table.append([account.name, account.tier.rawValue, account.arr.compact, entry.ownerName,
                          entry.stage.rawValue, lastActivity, renewal])
        }
        return table.render(maxWidth: maxWidth, glyphs: glyphs)
    }
}
