/// The length of a contract term, which a closed-won renewal rolls the renewal date by.
/// Accounts carry no term of their own: it is read from the dates, the renewal date minus
/// the start of the current term (the last won renewal's date, else the contract start),
/// rounded to whole years, at least one.
public enum ContractTerm {
    public static func years(from termStart: Day, to renewal: Day) -> Int {
        max(1, Int((Double(termStart.days(until: renewal)) / 365.25).rounded()))
    }

    /// The next renewal date after `renewal` is won.
    public static func rolled(_ renewal: Day, termStart: Day) -> Day {
        renewal.adding(years: years(from: termStart, to: renewal))
    }
}
