import FolioDomain

/// Stores a snapshot's measures as compact text in two parts. What every account of a
/// tier shares — each measure's name, group, weight and (since issue 15) source — is the
/// *measure set*, stored once (table `measure_set`) and referenced; what is the account's
/// own is one line per measure: raw value (a number, or `"` and the word of a categorical
/// attribute), score, effective weight, the input's age in days before the snapshot, stale.
/// Points are score × effective weight / 100 and are not stored. Hand-written rather than
/// JSON: the daily run writes one per account, 100,000 at a time, every day.
enum SnapshotCodec {
    /// One measure of a measure set.
    struct Slot: Equatable {
        var name: String
        var group: String
        var weight: Double
        /// What the measure read; nil in sets stored before sources were recorded.
        var source: MeasureSource? = nil
    }

    static func slots(of measures: [HealthSnapshot.MeasureResult], sources: [MeasureSource]? = nil) -> [Slot] {
        measures.enumerated().map { k, m in
            Slot(name: m.name, group: m.group, weight: m.weight, source: sources.flatMap { k < $0.count ? $0[k] : nil })
        }
    }

    /// True when the measures are laid out as `slots` (the same profile and tier).
    static func measures(_ measures: [HealthSnapshot.MeasureResult], match slots: [Slot]) -> Bool {
        // Sources are not in a result; a tier's list fixes them, so name, group and weight tell.
        guard measures.count == slots.count else { return false }
        for (m, s) in zip(measures, slots) where m.name != s.name || m.group != s.group || m.weight != s.weight {
            return false
        }
        return true
    }

    static func encode(slots: [Slot]) -> String {
        var out: [UInt8] = []
        for (i, slot) in slots.enumerated() {
            if i > 0 { out.append(0x0A) }
            text(slot.name, into: &out); out.append(0x09)
            text(slot.group, into: &out); out.append(0x09)
            number(slot.weight, into: &out)
            if let source = slot.source {
                out.append(0x09)
                text(source.rawValue, into: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(slots text: String) -> [Slot] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: true).compactMap { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 3 || f.count == 4 else { return nil }
            return Slot(name: String(f[0]), group: String(f[1]), weight: Double(f[2]) ?? 0,
                        source: f.count == 4 ? MeasureSource(rawValue: String(f[3])) : nil)
        }
    }

    /// The account's own part of its measures, on the snapshot's day.
    static func encode(_ measures: [HealthSnapshot.MeasureResult], on day: Day) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(measures.count * 28)
        for (i, m) in measures.enumerated() {
            if i > 0 { out.append(0x0A) }
            if let category = m.category {
                out.append(0x22)
                text(category, into: &out)
            } else {
                number(m.raw, into: &out)
            }
            out.append(0x09)
            number(m.score, into: &out); out.append(0x09)
            number(m.effectiveWeight, into: &out); out.append(0x09)
            if let input = m.inputDate { number(Double(input.days(until: day)), into: &out) }
            out.append(0x09)
            out.append(m.stale ? 0x31 : 0x30)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The measures back, whole: the account's lines laid over the measure set.
    static func decode(_ text: String, slots: [Slot], on day: Day) -> [HealthSnapshot.MeasureResult] {
        let lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false)
        return zip(slots, lines).compactMap { slot, line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5 else { return nil }
            let score = Double(f[1]), effective = Double(f[2]) ?? 0
            let category = f[0].first == "\"" ? String(f[0].dropFirst()) : nil
            return HealthSnapshot.MeasureResult(
                name: slot.name, group: slot.group, raw: category == nil ? Double(f[0]) : nil, score: score,
                weight: slot.weight, effectiveWeight: effective, points: ((score ?? 0) * effective / 100 * 10_000).rounded() / 10_000,
                inputDate: Int(f[3]).map { day.adding(days: -$0) }, stale: f[4] == "1", category: category)
        }
    }

    /// Each line's measure score (its second field), with the line's index; lines without one
    /// (no data) are skipped. Read byte by byte, without splitting: a backtest reads every
    /// measure of every account on its days. Gives what `Double` reads from the same text.
    static func eachScore(in text: String, _ body: (_ line: Int, _ score: Double) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var line = 0, field = 0, start = 0, i = 0
            while i <= bytes.count {
                let b = i < bytes.count ? bytes[i] : 0x0A
                if b == 0x09 || b == 0x0A {
                    if field == 1, i > start, let score = number(bytes, start, i) { body(line, score) }
                    if b == 0x0A { line += 1; field = 0 } else { field += 1 }
                    start = i + 1
                }
                i += 1
            }
        }
    }

    private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]

    /// The number in `bytes[from..<to]`: `-`, digits, `.`, digits as `number(_:into:)` writes
    /// them, divided once (so correctly rounded, as `Double` parses it); anything else by `Double`.
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Double? {
        var i = from, negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 }
        var digits: UInt64 = 0, count = 0, decimals = -1
        while i < to {
            let b = bytes[i]
            if b == 0x2E, decimals < 0 {
                decimals = 0
            } else if b >= 0x30, b <= 0x39, count < 15 {
                digits = digits * 10 + UInt64(b - 0x30)
                count += 1
                if decimals >= 0 { decimals += 1 }
            } else {
                return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
            }
            i += 1
        }
        guard count > 0, decimals < powersOfTen.count else {
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self))
        }
        let value = Double(digits) / powersOfTen[max(0, decimals)]
        return negative ? -value : value
    }

    /// Four decimals are more than any measure needs and keep the text short and stable:
    /// 0.5234, 12, -41.5. Written digit by digit (this runs for every measure of every account).
    private static func number(_ value: Double?, into out: inout [UInt8]) {
        guard let value, value.isFinite else { return }
        let scaled = (value * 10_000).rounded()
        guard abs(scaled) < 1e17 else {
            out.append(contentsOf: String(value).utf8)
            return
        }
        var n = Int64(scaled)
        if n < 0 { out.append(0x2D); n = -n }
        digits(UInt64(n / 10_000), into: &out)
        var fraction = Int(n % 10_000)
        guard fraction != 0 else { return }
        out.append(0x2E)
        var divisor = 1000
        while fraction != 0 {
            out.append(UInt8(0x30 + fraction / divisor))
            fraction %= divisor
            divisor /= 10
        }
    }

    private static func digits(_ value: UInt64, into out: inout [UInt8]) {
        var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, count = 0
        withUnsafeMutableBytes(of: &buffer) { buf in
            repeat {
                buf[19 - count] = UInt8(0x30 + v % 10)
                v /= 10
                count += 1
            } while v > 0
            out.append(contentsOf: buf[(20 - count)...])
        }
    }

    /// Names are written as they are, with tabs and line breaks (impossible in a valid
    /// profile) turned into spaces so a line stays one measure.
    private static func text(_ text: String, into out: inout [UInt8]) {
        for byte in text.utf8 {
            out.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte)
        }
    }
}
