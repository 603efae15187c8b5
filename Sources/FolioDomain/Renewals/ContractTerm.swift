/// The length of a contract term, which a closed-won renewal rolls the renewal date by:
/// the account's `termMonths` (imported as `term_months`, 12 unless said otherwise).
public enum ContractTerm {
    /// The next renewal date after `renewal` is won.
    public static func rolled(_ renewal: Day, months: Int) -> Day {
        renewal.adding(months: max(1, months))
    }

    /// "1 year", "2 years", "6 months", "18 months".
    public static func text(months: Int) -> String {
        if months % 12 == 0 { return months == 12 ? "1 year" : "\(months / 12) years" }
        return months == 1 ? "1 month" : "\(months) months"
    }
}
