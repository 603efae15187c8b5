/// Email addresses as Folio will send to them: a plain `local@domain`, printable ASCII, no
/// spaces, quotes, angle brackets or control characters — so no address from data can
/// carry a header or a second recipient.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")),
              at > 0, at < bytes.count - 1, bytes.firstIndex(of: UInt8(ascii: "@")) == at else { return false }
        let allowedLocal = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-".utf8)
        let allowedDomain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-".utf8)
        let local = bytes[..<at], domain = bytes[(at + 1)...]
        guard local.count <= 64, local.allSatisfy(allowedLocal.contains), domain.allSatisfy(allowedDomain.contains) else { return false }
        guard local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."), !text.contains(".."),
              domain.contains(UInt8(ascii: ".")), domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: "."),
              domain.first != UInt8(ascii: "-") else { return false }
        return true
    }

    /// The part after the `@`.
    public static func domain(of address: String) -> String {
        address.split(separator: "@").last.map(String.init) ?? "localhost"
    }
}
