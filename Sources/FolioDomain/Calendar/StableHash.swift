/// FNV-1a, 64 bits: a hash that stays the same across runs, machines and Swift versions
/// (Swift's own `Hasher` is seeded per process). For choices that must never move: who is
/// in the control group, the demo's simulated decisions, ids made from content.
public struct StableHash: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public init(_ text: String) { add(text) }

    public mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte) }
    }

    public mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01b3
    }
}
