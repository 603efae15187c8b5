/// How a country writes numbers and short dates, for exports saved by a spreadsheet or a
/// CRM in the user's locale (`locale:` in a mapping): `1.657,50` and `05.01.2026` in
/// Germany, `1,657.50` and `1/5/2026` in the United States.
public struct ImportLocale: Sendable, Equatable {
    public var identifier: String
    /// `,` in `1.657,50`; `.` in `1,657.50`.
    public var decimalSeparator: Character
    /// Characters that group thousands (a space and its non-breaking kinds are always allowed).
    public var groupingSeparators: Set<Character>
    /// The short date as the locale writes it, as a pattern (`M/d/yyyy`); a time may follow.
    public var datePattern: String

    /// No locale given: plain decimals with a point (thousands by comma accepted), ISO dates.
    public static let neutral = ImportLocale(identifier: "", decimalSeparator: ".", groupingSeparators: [","],
                                             datePattern: "")

    /// The locale named by a mapping (`en-US`, `de`, `fr_FR`), or nil when unknown.
    public static func named(_ name: String) -> ImportLocale? {
        let id = name.replacingOccurrences(of: "_", with: "-")
        let parts = id.split(separator: "-").map { $0.lowercased() }
        guard let language = parts.first else { return nil }
        let region = parts.count > 1 ? parts[1] : ""
        let point: Set<Character> = [","], dot: Set<Character> = ["."], swiss: Set<Character> = ["'", "’"]
        switch (language, region) {
        case ("en", "us"), ("en", ""), ("en", "ph"):
            return ImportLocale(identifier: id, decimalSeparator: ".", groupingSeparators: point, datePattern: "M/d/yyyy")
        case ("en", "ca"):
            return ImportLocale(identifier: id, decimalSeparator: ".", groupingSeparators: point, datePattern: "yyyy-MM-dd")
        case ("en", "in"), ("en", "au"), ("en", "nz"), ("en", "gb"), ("en", "ie"), ("en", "za"), ("en", "sg"):
            return ImportLocale(identifier: id, decimalSeparator: ".", groupingSeparators: point, datePattern: "d/M/yyyy")
        case ("de", "ch"), ("fr", "ch"), ("it", "ch"):
            return ImportLocale(identifier: id, decimalSeparator: ".", groupingSeparators: swiss, datePattern: "d.M.yyyy")
        case ("de", _), ("da", _), ("fi", _), ("nb", _), ("no", _), ("nn", _), ("ru", _), ("pl", _), ("cs", _), ("tr", _), ("uk", _), ("sk", _), ("ro", _), ("hu", _):
            return ImportLocale(identifier: id, decimalSeparator: ",", groupingSeparators: dot, datePattern: language == "hu" ? "yyyy.M.d" : "d.M.yyyy")
        case ("fr", _), ("es", _), ("it", _), ("pt", _), ("el", _), ("ca", _):
            return ImportLocale(identifier: id, decimalSeparator: ",", groupingSeparators: dot, datePattern: "d/M/yyyy")
        case ("nl", _):
            return ImportLocale(identifier: id, decimalSeparator: ",", groupingSeparators: dot, datePattern: "d-M-yyyy")
        case ("sv", _), ("lt", _):
            return ImportLocale(identifier: id, decimalSeparator: ",", groupingSeparators: dot, datePattern: "yyyy-MM-dd")
        case ("ja", _), ("zh", _), ("ko", _):
            return ImportLocale(identifier: id, decimalSeparator: ".", groupingSeparators: point, datePattern: "yyyy/M/d")
        case ("he", _), ("th", _), ("ms", _), ("id", _):
            return ImportLocale(identifier: id, decimalSeparator: language == "id" ? "," : ".", groupingSeparators: language == "id" ? dot : point,
                                datePattern: "d/M/yyyy")
        default:
            return nil
        }
    }

    static let examples = "en-US, en-GB, de-DE, fr-FR, es-ES, it-IT, nl-NL, pt-BR, sv-SE, ja-JP, de-CH"
}
