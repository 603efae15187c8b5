/// A 64-bit fingerprint of some bytes (an event id, a user id, an account reference): eight
/// bytes at a time, then mixed (splitmix64's finaliser), so millions of events are told
/// apart without keeping their text.
enum Fingerprint {
    @inline(__always)
    static func of(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> UInt64 {
        var h = seed ^ UInt64(bytes.count) &* 0xFF51_AFD7_ED55_8CCD
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let v = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ mix(v)) &* 0xC2B2_AE3D_27D4_EB4F
            h = (h << 31) | (h >> 33)
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(bytes[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ mix(tail)) &* 0xC2B2_AE3D_27D4_EB4F
        }
        return mix(h)
    }

    static func of(_ text: String) -> UInt64 {
        var t = text
        return t.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }

    /// Combines fingerprints (an event without an id is its content).
    @inline(__always)
    static func combine(_ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(a ^ (b &* 0x9E37_79B9_7F4A_7C15) &+ 0x632B_E59B_D9B4_E019)
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sorted fingerprints as stored in a blob (8 bytes each, little-endian).
enum FingerprintSet {
    static func decode(_ bytes: UnsafeRawBufferPointer) -> [UInt64] {
        let count = bytes.count / 8
        return (0..<count).map { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
    }

    /// `a` and `b` sorted and unique: their union, sorted and unique.
    static func union(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [UInt64] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { out.append(a[i]); i += 1 } else if b[j] < a[i] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1; j += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo] == value
    }
}

/// A hash map keyed by fingerprints (already well mixed): open addressing on their low bits,
/// where Swift's `Dictionary` would hash them again for every event.
struct FingerprintMap<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        keys = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    /// 0 marks an empty slot: a fingerprint of 0 is stored as 1.
    @inline(__always)
    private static func key(_ fingerprint: UInt64) -> UInt64 { fingerprint == 0 ? 1 : fingerprint }

    @inline(__always)
    subscript(fingerprint: UInt64) -> Value? {
        get {
            let k = Self.key(fingerprint)
            var i = Int(truncatingIfNeeded: k) & mask
            while true {
                let found = keys[i]
                if found == k { return values[i] }
                if found == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let k = Self.key(fingerprint)
            var i = Int(truncatingIfNeeded: k) & mask
            while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1 }
            keys[i] = k
            values[i] = newValue
        }
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: nil, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (i, k) in oldKeys.enumerated() where k != 0 { self[k] = oldValues[i] }
    }
}
