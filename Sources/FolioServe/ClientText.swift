/// Text a client chose (its user name, a command it asked for), made safe for a message
/// back to it: control characters escaped, at most 200 characters. (Log lines escape
/// everything on their own: `LogLine`.)
enum ClientText {
    static func loggable(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(200) {
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 200 ? result + "…" : result
    }
}
