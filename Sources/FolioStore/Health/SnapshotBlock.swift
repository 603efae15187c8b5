import FolioDomain
import GRDB

/// One day's health snapshots of up to `size` accounts (those whose history key falls in
/// the block), stored as two compressed blobs: the scores (band, score, low confidence and
/// measure set of each account: fixed-width columns, about 2 bytes an account once
/// deflated) and the breakdowns (`SnapshotCodec`'s lines of every account, measure by measure
/// so like values sit together: about 25 bytes an account instead of 270 in rows of their own).
/// Readers that need only scores never inflate the breakdowns.
struct SnapshotBlock: Equatable {
    static let size = 4096

    /// An account's score on the day.
    struct Score: Equatable {
        var score: Double?
        var band: String?
        var lowConfidence: Bool
        var measureSet: Int64
    }

    /// Slot `k` holds the account with key `block × size + k`; nil where it has no snapshot.
    var scores: [Score?]
    /// Parallel to `scores`: the account's measure lines (`SnapshotCodec.encode`).
    var measures: [String?]

    init(count: Int = 0) {
        scores = Array(repeating: nil, count: count)
        measures = Array(repeating: nil, count: count)
    }

    var isEmpty: Bool { !scores.contains { $0 != nil } }

    /// Grows the block to hold slot `index`.
    mutating func reserve(_ index: Int) {
        if index >= scores.count {
            scores += Array(repeating: nil, count: index + 1 - scores.count)
            measures += Array(repeating: nil, count: index + 1 - measures.count)
        }
    }

    // MARK: Scores

    private static let version: UInt8 = 1
    private static let present: UInt8 = 1, scored: UInt8 = 2, lowConfidence: UInt8 = 4

    static func encodeScores(_ scores: [Score?]) throws -> [UInt8] {
        var bands: [String] = [], bandIndex: [String: UInt8] = [:]
        var sets: [Int64] = [], setIndex: [Int64: UInt8] = [:]
        var flags = [UInt8](repeating: 0, count: scores.count)
        var setColumn = flags, bandColumn = [UInt8](repeating: 0xFF, count: scores.count)
        var scoreColumn = [UInt8](repeating: 0, count: scores.count * 2)
        for (k, slot) in scores.enumerated() {
            guard let slot else { continue }
            flags[k] = present | (slot.score != nil ? scored : 0) | (slot.lowConfidence ? lowConfidence : 0)
            if let band = slot.band {
                if bandIndex[band] == nil {
                    guard bands.count < 255 else { throw overflow("band names") }
                    bandIndex[band] = UInt8(bands.count)
                    bands.append(band)
                }
                bandColumn[k] = bandIndex[band]!
            }
            if setIndex[slot.measureSet] == nil {
                guard sets.count < 256 else { throw overflow("measure sets") }
                setIndex[slot.measureSet] = UInt8(sets.count)
                sets.append(slot.measureSet)
            }
            setColumn[k] = setIndex[slot.measureSet]!
            // Scores are stored to two decimals (SnapshotStore.round): 0…10000 in hundredths.
            let hundredths = UInt16(clamping: Int(((slot.score ?? 0) * 100).rounded()))
            scoreColumn[2 * k] = UInt8(hundredths & 0xFF)
            scoreColumn[2 * k + 1] = UInt8(hundredths >> 8)
        }
        var out: [UInt8] = [version]
        VarInt.append(UInt64(scores.count), to: &out)
        VarInt.append(UInt64(bands.count), to: &out)
        for band in bands {
            VarInt.append(UInt64(band.utf8.count), to: &out)
            out += band.utf8
        }
        VarInt.append(UInt64(sets.count), to: &out)
        for set in sets { VarInt.append(signed: set, to: &out) }
        out += flags
        out += setColumn
        out += bandColumn
        out += scoreColumn
        return Deflate.compress(out)
    }

    static func decodeScores(_ blob: [UInt8]) throws -> [Score?] {
        let bytes = try Deflate.decompress(blob)
        var at = 1
        guard bytes.first == version, let count = VarInt.read(bytes, at: &at).map(Int.init), count <= size,
              let bandCount = VarInt.read(bytes, at: &at) else { throw Deflate.damaged("its scores' header is unreadable") }
        var bands: [String] = []
        for _ in 0..<bandCount {
            guard let length = VarInt.read(bytes, at: &at).map(Int.init), at + length <= bytes.count else {
                throw Deflate.damaged("a band name is cut short")
            }
            bands.append(String(decoding: bytes[at..<(at + length)], as: UTF8.self))
            at += length
        }
        guard let setCount = VarInt.read(bytes, at: &at) else { throw Deflate.damaged("its measure sets are unreadable") }
        var sets: [Int64] = []
        for _ in 0..<setCount {
            guard let set = VarInt.readSigned(bytes, at: &at) else { throw Deflate.damaged("a measure set is unreadable") }
            sets.append(set)
        }
        guard bytes.count - at == count * 5 else { throw Deflate.damaged("its score columns have the wrong length") }
        let flags = at, setColumn = at + count, bandColumn = at + 2 * count, scoreColumn = at + 3 * count
        var out = [Score?](repeating: nil, count: count)
        for k in 0..<count where bytes[flags + k] & present != 0 {
            let f = bytes[flags + k]
            let set = Int(bytes[setColumn + k]), band = Int(bytes[bandColumn + k])
            guard set < sets.count, band == 0xFF || band < bands.count else { throw Deflate.damaged("a slot names a set or band it lacks") }
            let hundredths = Int(bytes[scoreColumn + 2 * k]) | Int(bytes[scoreColumn + 2 * k + 1]) << 8
            out[k] = Score(score: f & scored != 0 ? Double(hundredths) / 100 : nil, band: band == 0xFF ? nil : bands[band],
                           lowConfidence: f & lowConfidence != 0, measureSet: sets[set])
        }
        return out
    }

    // MARK: Breakdowns

    /// The present slots' line counts, then line 1 of every slot, line 2 of every slot…
    /// (a line never holds a line break: `SnapshotCodec` writes one measure a line).
    static func encodeMeasures(_ measures: [String?]) -> [UInt8] {
        let lines = measures.compactMap { $0.map { $0.isEmpty ? [] : $0.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) } }
        var out: [UInt8] = [version]
        for slot in lines { VarInt.append(UInt64(slot.count), to: &out) }
        let longest = lines.map(\.count).max() ?? 0
        for j in 0..<longest {
            for slot in lines where j < slot.count {
                out += slot[j]
                out.append(0x0A)
            }
        }
        return Deflate.compress(out)
    }

    /// The lines back, for the slots `present` says (the slots that have a score).
    static func decodeMeasures(_ blob: [UInt8], present: [Bool]) throws -> [String?] {
        let bytes = try Deflate.decompress(blob)
        var at = 1
        guard bytes.first == version else { throw Deflate.damaged("its breakdowns' version is unknown") }
        let slots = present.indices.filter { present[$0] }
        var counts: [Int] = []
        counts.reserveCapacity(slots.count)
        for _ in slots {
            guard let count = VarInt.read(bytes, at: &at), count < 10_000 else { throw Deflate.damaged("a breakdown's size is unreadable") }
            counts.append(Int(count))
        }
        var lines = counts.map { [ArraySlice<UInt8>](repeating: [], count: $0) }
        for j in 0..<(counts.max() ?? 0) {
            for s in counts.indices where j < counts[s] {
                guard let end = bytes[at...].firstIndex(of: 0x0A) else { throw Deflate.damaged("a breakdown is cut short") }
                lines[s][j] = bytes[at..<end]
                at = end + 1
            }
        }
        var out = [String?](repeating: nil, count: present.count)
        for (s, k) in slots.enumerated() {
            var text: [UInt8] = []
            for (j, line) in lines[s].enumerated() {
                if j > 0 { text.append(0x0A) }
                text += line
            }
            out[k] = String(decoding: text, as: UTF8.self)
        }
        return out
    }

    private static func overflow(_ what: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_TOOBIG, message: "a block of the health history cannot hold more than 255 \(what)")
    }
}
