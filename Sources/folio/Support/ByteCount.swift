import Foundation

/// Sizes for people: `812 bytes`, `48.2 kB`, `12.4 MB`, `1.3 GB` (powers of 1000).
enum ByteCount {
    static func text(_ bytes: Int64) -> String {
        let value = Double(bytes)
        switch bytes {
        case ..<1_000: return "\(bytes) bytes"
        case ..<1_000_000: return String(format: "%.1f kB", value / 1e3)
        case ..<1_000_000_000: return String(format: "%.1f MB", value / 1e6)
        default: return String(format: "%.1f GB", value / 1e9)
        }
    }
}
