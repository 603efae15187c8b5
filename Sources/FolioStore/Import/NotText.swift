import Foundation

/// A file an import cannot read as text, known by its first bytes whatever its name says
/// (an `.xlsx` saved as `accounts.csv` is still a workbook), or by its name when it is empty
/// or unreadable: what it is, and what to do.
enum NotText {
    static func what(_ path: String) -> String? {
        let head = FileHandle(forReadingAtPath: path).flatMap { handle in
            defer { try? handle.close() }
            return try? handle.read(upToCount: 8)
        }.map { [UInt8]($0) } ?? []
        let lower = path.lowercased()
        func starts(_ magic: [UInt8]) -> Bool { head.starts(with: magic) }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            return lower.hasSuffix(".zip") ? "is compressed; decompress it first (unzip)"
                : "is an Excel workbook (.xlsx, a zip), not CSV; save it as CSV UTF-8 (File › Save As › CSV UTF-8) first"
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "is an Excel 97–2003 workbook (.xls), not CSV; save it as CSV UTF-8 (File › Save As › CSV UTF-8) first"
        }
        if starts([0x1F, 0x8B]) { return "is compressed (gzip); decompress it first (gunzip)" }
        if head.isEmpty, lower.hasSuffix(".gz") || lower.hasSuffix(".zip") { return "is compressed; decompress it first (gunzip / unzip)" }
        if head.isEmpty, lower.hasSuffix(".xlsx") || lower.hasSuffix(".xls") { return "is a spreadsheet; save it as CSV (UTF-8) first" }
        return nil
    }
}
