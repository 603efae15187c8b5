/// A screen the `/` line filters as you type: today the book (`/` brings it to the front);
/// another list filters by adopting this and the `/` row running on the screen on top.
public protocol FilterableScreen: Screen {
    /// What was typed.
    var filterText: String { get }
    /// The terms it knows, for the line's help ("band:red tier:ent").
    var filterTerms: String { get }
    /// Filters by `text`, the matches from the top (every key of the line comes here).
    mutating func filter(by text: String)
}
