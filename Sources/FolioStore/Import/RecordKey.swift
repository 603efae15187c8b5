/// How ids and other keys from foreign systems are compared: a Salesforce id by its
/// 15-character form (the 18-character form adds a case checksum: both name the same
/// record), anything else trimmed and in lower case.
enum RecordKey {
    static func normalized(_ raw: String) -> String {
        let t = ImportRow.trimmed(raw)
        if let id = SalesforceID.canonical(t) { return id }
        return ImportMapping.normalize(t)
    }
}

/// Salesforce record ids: 15 case-sensitive characters, or 18 with a 3-character suffix
/// that encodes the case of the first 15 (so case-insensitive tools can compare them).
enum SalesforceID {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345".utf8)

    /// The 15-character form when `id` looks like a Salesforce id (15 alphanumerics, or 18
    /// whose suffix is the checksum of the first 15); nil otherwise.
    static func canonical(_ id: String) -> String? {
        let count = id.utf8.count
        guard count == 15 || count == 18 else { return nil }
        let bytes = Array(id.utf8)
        guard bytes.allSatisfy(Self.isAlphanumeric) else { return nil }
        let head = Array(bytes[0..<15])
        if bytes.count == 15 { return id }
        let suffix = bytes[15..<18].map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        guard suffix == checksum(head) else { return nil }
        return String(decoding: head, as: UTF8.self)
    }

    /// The 18-character form of a 15-character id.
    static func eighteen(_ id15: String) -> String? {
        let bytes = Array(id15.utf8)
        guard bytes.count == 15, bytes.allSatisfy(Self.isAlphanumeric) else { return nil }
        return id15 + String(decoding: checksum(bytes), as: UTF8.self)
    }

    static func checksum(_ head: [UInt8]) -> [UInt8] {
        (0..<3).map { chunk in
            var n = 0
            for k in 0..<5 where head[chunk * 5 + k] >= 0x41 && head[chunk * 5 + k] <= 0x5A { n |= 1 << k }
            return alphabet[n]
        }
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
    }
}
