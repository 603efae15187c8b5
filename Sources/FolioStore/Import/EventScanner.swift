import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads one part of an events CSV, mapped into memory, on its own thread: fields are looked
/// at as bytes where they lie (no string per field), accounts and event names are found once
/// per distinct value by a 64-bit fingerprint, and the events are packed, sorted by account
/// and week, and handed over in chunks for the importing thread to write. Two parts, split
/// at a line break outside quotes, keep both cores busy.
///
/// What only the general reader can do is left to it: a record with the wrong number of
/// fields, an empty event name, a timestamp in another format or out of range is copied out
/// (`deferred`) and read by the importing thread in file order; a file the reader would
/// refuse (a stray quote, invalid UTF-8, a record running past its part) makes the part
/// `failed`, and the file is read again the ordinary way.
final class EventScanner: @unchecked Sendable {
    /// What every part needs to know; read-only while the parts run.
    struct Plan: Sendable {
        var delimiter: UInt8
        var fieldCount: Int
        /// Field positions (−1: the file has no such column).
        var timestamp = -1, account = -1, user = -1, event = -1, eventID = -1, session = -1
        var accounts: RecordLinker.Index
        var accountZones: [String: String]
        /// The zone of an account that names none, and the zone of timestamps without an offset.
        var defaultZone: ZoneTable
        var naiveZone: ZoneTable
        var keyEvents: Set<String>
        var loginEvents: Set<String>
        /// Lower-cased event name → feature index + 1.
        var featureOfEvent: [String: UInt16]
        /// Feature index → the feature's fingerprint.
        var features: [UInt64]
        var chunkSize: Int
    }

    /// Each account's weeks in a chunk, ready to write: the week's distinct events (with
    /// their key action and login bits), users, sessions and features, laid end to end.
    struct Weeks: Sendable {
        /// Local account slot << 16 | week, one per week.
        var keys: [UInt64] = []
        var events: [UInt64] = [], flags: [UInt8] = [], users: [UInt64] = [], sessions: [UInt64] = [], features: [UInt64] = []
        /// Where each week's events, users, sessions and features end.
        var eventEnds: [Int] = [], userEnds: [Int] = [], sessionEnds: [Int] = [], featureEnds: [Int] = []

        /// Groups events sorted by (slot, week, event) into weeks.
        init(sorted entries: [EventImport.Entry], features names: [UInt64]) {
            events.reserveCapacity(entries.count)
            flags.reserveCapacity(entries.count)
            users.reserveCapacity(entries.count / 2)
            var i = 0
            let n = entries.count
            while i < n {
                let g = entries[i].group >> 16
                let usersStart = users.count, sessionsStart = sessions.count, featuresStart = features.count
                var last: UInt64?
                var j = i
                while j < n && entries[j].group >> 16 == g {
                    let e = entries[j]
                    if e.event != last {
                        events.append(e.event)
                        flags.append(UInt8(e.group & 3))
                        last = e.event
                    }
                    users.append(e.user)
                    if e.session != 0 { sessions.append(e.session) }
                    let f = Int((e.group >> 2) & 0x3FFF)
                    if f > 0 { features.append(names[f - 1]) }
                    j += 1
                }
                Self.sortUnique(&users, from: usersStart)
                Self.sortUnique(&sessions, from: sessionsStart)
                Self.sortUnique(&features, from: featuresStart)
                keys.append(g)
                eventEnds.append(events.count)
                userEnds.append(users.count)
                sessionEnds.append(sessions.count)
                featureEnds.append(features.count)
                i = j
            }
        }

        /// Sorts `a[start...]` and drops its repeats.
        private static func sortUnique(_ a: inout [UInt64], from start: Int) {
            guard a.count - start > 1 else { return }
            a[start...].sort()
            var kept = start + 1
            for i in (start + 1)..<a.count where a[i] != a[kept - 1] {
                a[kept] = a[i]
                kept += 1
            }
            a.removeSubrange(kept...)
        }
    }

    /// Events handed over, grouped into each account's weeks.
    struct Chunk: Sendable {
        var part: Int
        var weeks: Weeks
        /// Account ids of the local slots first met since the previous chunk, in slot order.
        var newAccounts: [String]
        /// Rows counted since the previous chunk.
        var rows: Int
        /// The span of the part's events so far.
        var from: Int64
        var until: Int64
        /// Bytes of the part read so far.
        var position: Int
        /// Set on a part's last chunk.
        var end: End?
    }

    struct End: Sendable {
        var withoutAccount = 0
        var withoutUser = 0
        var unknownCount = 0
        var unknown: [String: Int] = [:]
        /// Records for the importing thread, lines counted from the part's first line.
        var deferred = CSVBatch()
        /// The line the next record would start on.
        var nextLine = 1
        var failed = false
    }

    let file: MappedFile
    let range: Range<Int>
    let part: Int
    /// The line the part starts on (counted from 1 for a part whose start line is not known yet).
    let firstLine: Int
    let plan: Plan
    let queue: EventChunkQueue

    init(file: MappedFile, range: Range<Int>, part: Int, firstLine: Int, plan: Plan, queue: EventChunkQueue) {
        self.file = file
        self.range = range
        self.part = part
        self.firstLine = firstLine
        self.plan = plan
        self.queue = queue
    }

    // Per-part state (touched by the part's thread only).
    private var entries: [EventImport.Entry] = []
    private var slotByReference = FingerprintMap<Int32>(capacity: 1 << 12)
    private var slotOfID: [String: Int32] = [:]
    private var slotZones: [Int32] = []
    private var newAccounts: [String] = []
    private var zones: [ZoneTable] = []
    private var zoneIndex: [String: Int32] = [:]
    private var eventInfo = FingerprintMap<UInt64>(capacity: 64)
    private var end = End()
    private var rows = 0
    private var from = Int64.max
    private var until = Int64.min
    private var scratch = CSVBatch()
    private var position = 0
    /// The importing thread stopped taking chunks.
    private var stopping = false

    /// Starts the part on a thread of its own.
    func start() {
        let thread = Thread { [self] in self.run() }
        thread.name = "folio-events-\(part)"
        thread.stackSize = 1 << 20
        thread.start()
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Bytes of `v` equal to the byte in every lane of `pattern` have their high bit set (the
    /// lowest such byte is always exact).
    @inline(__always)
    private static func matches(_ v: UInt64, _ pattern: UInt64) -> UInt64 {
        let x = v ^ pattern
        return (x &- ones) & ~x & highs
    }

    func run() {
        zones = [plan.defaultZone]
        entries.reserveCapacity(plan.chunkSize)
        let fieldCount = plan.fieldCount
        let starts = UnsafeMutablePointer<Int>.allocate(capacity: fieldCount + 1)
        let ends = UnsafeMutablePointer<Int>.allocate(capacity: fieldCount + 1)
        defer { starts.deallocate(); ends.deallocate() }
        let p = file.bytes
        let stop = range.upperBound
        let delim = plan.delimiter
        let delimLanes = UInt64(delim) &* Self.ones, lf = UInt64(0x0A) &* Self.ones, cr = UInt64(0x0D) &* Self.ones, quote = UInt64(0x22) &* Self.ones
        var line = firstLine
        var i = range.lowerBound
        var released = i
        scanning: while i < stop {
            if stopping { break scanning }
            let recordStart = i
            position = i - range.lowerBound
            var n = 0
            var high: UInt64 = 0
            var quoted = false
            fields: while true {
                if i < stop && p[i] == 0x22 { quoted = true; break fields }
                let fieldStart = i
                while i + 8 <= stop {
                    let v = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                    let m = Self.matches(v, delimLanes) | Self.matches(v, lf) | Self.matches(v, cr) | Self.matches(v, quote)
                    if m != 0 {
                        let k = m.trailingZeroBitCount >> 3
                        high |= k == 0 ? 0 : (v | Self.matches(v, 0)) & (~0 >> UInt64(64 - 8 * k))
                        i += k
                        break
                    }
                    high |= v | Self.matches(v, 0)
                    i += 8
                }
                while i < stop {
                    let c = p[i]
                    if c == delim || c == 0x0A || c == 0x0D || c == 0x22 { break }
                    high |= c == 0 ? 0x80 : UInt64(c)
                    i += 1
                }
                if n <= fieldCount { starts[n] = fieldStart; ends[n] = i }
                n += 1
                if i - fieldStart > CSVRecordReader.fieldLimit { end.failed = true; break scanning }
                if i >= stop {
                    // The part must end at a line break, unless it is the end of the file.
                    if stop != file.count { end.failed = true; break scanning }
                    break fields
                }
                let c = p[i]
                if c == delim { i += 1; continue fields }
                if c == 0x22 { end.failed = true; break scanning } // a stray quote: the reader explains it
                i += (c == 0x0D && i + 1 < stop && p[i + 1] == 0x0A) ? 2 : 1
                break fields
            }
            if quoted {
                // Quoted fields: read the record the careful way, then take its fields from there.
                guard let next = slowRecord(at: recordStart, line: line) else { end.failed = true; break scanning }
                i = next.index
                let lines = next.lines
                if !process(scratch, line: line) { end.failed = true; break scanning }
                line += lines
            } else {
                // A byte ≥ 0x80 or a NUL (both marked in `high`): the one check decides, and the
                // reader explains a refusal.
                if high & Self.highs != 0 && !CSVRecordReader.isUTF8(p + recordStart, count: i - recordStart) { end.failed = true; break scanning }
                if n == 1 && starts[0] == ends[0] { line += 1; continue } // a blank line
                if n != fieldCount || !process(p, starts, ends, line: line) {
                    guard slowRecord(at: recordStart, line: line) != nil else { end.failed = true; break scanning }
                    keep(scratch)
                }
                line += 1
            }
            if i - released >= 16 << 20 {
                file.release(released..<i)
                released = i
            }
        }
        end.nextLine = line
        file.release(range.lowerBound..<stop)
        push(position: i - range.lowerBound, last: true)
    }

    /// Rolls up one record whose fields lie in the file; false when the importing thread must read it.
    private func process(_ p: UnsafePointer<UInt8>, _ starts: UnsafeMutablePointer<Int>, _ ends: UnsafeMutablePointer<Int>, line: Int) -> Bool {
        @inline(__always) func field(_ k: Int) -> UnsafeRawBufferPointer {
            k < 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : UnsafeRawBufferPointer(start: p + starts[k], count: ends[k] - starts[k])
        }
        return rollUp(field)
    }

    /// Rolls up the one record in `scratch`; false when it is not one to roll up here.
    private func process(_ batch: CSVBatch, line: Int) -> Bool {
        let fields = batch.fieldRange(record: 0)
        if fields.count == 1 && batch.byteRange(field: fields.lowerBound).isEmpty { return true } // a blank line
        guard fields.count == plan.fieldCount else { keep(batch); return true }
        let handled = batch.bytes.withUnsafeBytes { raw -> Bool in
            func field(_ k: Int) -> UnsafeRawBufferPointer {
                k < 0 ? UnsafeRawBufferPointer(start: nil, count: 0) : UnsafeRawBufferPointer(rebasing: raw[batch.byteRange(field: k)])
            }
            return rollUp(field)
        }
        if !handled { keep(batch) }
        return true
    }

    /// The roll-up of one record, as `EventImport.read` does it; false (nothing counted) when
    /// the record needs the general reader: an unusual timestamp, no event name, a week out of range.
    @inline(__always)
    private func rollUp(_ field: (Int) -> UnsafeRawBufferPointer) -> Bool {
        let a = field(plan.account)
        guard a.count > 0 else { rows += 1; end.withoutAccount += 1; return true }
        let accountFP = Fingerprint.of(a)
        let slot = slotByReference[accountFP] ?? resolve(a, fingerprint: accountFP)
        guard slot >= 0 else { rows += 1; end.unknownCount += 1; return true }
        let tb = field(plan.timestamp)
        let t: Int64
        switch EventTime.parse(tb) {
        case .instant(let v): t = v
        case .naive(let v): t = plan.naiveZone.instant(naive: v)
        case .invalid: return false
        }
        let u = field(plan.user)
        guard u.count > 0 else { rows += 1; end.withoutUser += 1; return true }
        let user = Fingerprint.of(u)
        let e = field(plan.event)
        guard e.count > 0 else { return false }
        let eventFP = Fingerprint.of(e)
        let info = eventInfo[eventFP] ?? describe(e, fingerprint: eventFP)
        let zone = zones[Int(slotZones[Int(slot)])]
        let week = (zone.day(at: t) - 4).floorDivided(by: 7)
        guard week >= 0, week < Int(UInt16.max) else { return false }
        var id: UInt64 = 0
        let idBytes = field(plan.eventID)
        if idBytes.count > 0 { id = Fingerprint.of(idBytes, seed: 0x51ED_270B_2719_08A7) }
        if id == 0 {
            let timeFP = Fingerprint.of(tb)
            id = Fingerprint.combine(Fingerprint.combine(timeFP, accountFP), Fingerprint.combine(user, eventFP))
        }
        var sessionFP: UInt64 = 0
        let s = field(plan.session)
        // Amplitude writes -1 for "no session".
        if s.count > 0 && !(s.count == 2 && s[0] == 0x2D && s[1] == 0x31) { sessionFP = Fingerprint.of(s) }
        if t < from { from = t }
        if t > until { until = t }
        rows += 1
        entries.append(EventImport.Entry(group: UInt64(UInt32(slot)) << 32 | UInt64(week) << 16 | info, event: id, user: user, session: sessionFP))
        if entries.count >= plan.chunkSize { push(position: position, last: false) }
        return true
    }

    /// The local slot of an account reference met for the first time (−1: not an account Folio knows).
    private func resolve(_ bytes: UnsafeRawBufferPointer, fingerprint: UInt64) -> Int32 {
        let reference = String(decoding: bytes, as: UTF8.self)
        guard case .found(let id) = plan.accounts.find(ImportRow.trimmed(reference)) else {
            if end.unknown.count < 1000 || end.unknown[reference] != nil { end.unknown[reference, default: 0] += 1 }
            slotByReference[fingerprint] = -1
            return -1
        }
        let slot: Int32
        if let known = slotOfID[id] {
            slot = known
        } else {
            slot = Int32(slotZones.count)
            slotOfID[id] = slot
            newAccounts.append(id)
            var zone: Int32 = 0
            if let name = plan.accountZones[id], let tz = TimeZone(identifier: name) {
                if let known = zoneIndex[name] { zone = known } else {
                    zones.append(ZoneTable(tz))
                    zone = Int32(zones.count - 1)
                    zoneIndex[name] = zone
                }
            }
            slotZones.append(zone)
        }
        slotByReference[fingerprint] = slot
        return slot
    }

    /// An event name's low bits of the group: feature index + 1, key action, login.
    private func describe(_ bytes: UnsafeRawBufferPointer, fingerprint: UInt64) -> UInt64 {
        let name = String(decoding: bytes, as: UTF8.self).lowercased()
        let info = UInt64(plan.featureOfEvent[name] ?? 0) << 2 | (plan.keyEvents.contains(name) ? 2 : 0) | (plan.loginEvents.contains(name) ? 1 : 0)
        eventInfo[fingerprint] = info
        return info
    }

    /// Copies a record out for the importing thread.
    private func keep(_ batch: CSVBatch) {
        let base = end.deferred.bytes.count
        end.deferred.bytes.append(contentsOf: batch.bytes)
        for e in batch.fieldEnds { end.deferred.fieldEnds.append(base + e) }
        end.deferred.recordEnds.append(end.deferred.fieldEnds.count)
        end.deferred.lines.append(batch.lines[0])
    }

    /// Hands the events read so far over, sorted.
    private func push(position: Int, last: Bool) {
        entries.sort { a, b in
            let ga = a.group >> 16, gb = b.group >> 16
            return ga != gb ? ga < gb : a.event < b.event
        }
        let chunk = Chunk(part: part, weeks: Weeks(sorted: entries, features: plan.features), newAccounts: newAccounts, rows: rows,
                          from: from, until: until, position: position, end: last ? end : nil)
        entries.removeAll(keepingCapacity: !last)
        newAccounts = []
        rows = 0
        if !queue.push(chunk) { stopping = true }
    }

    /// Reads one record RFC 4180's way (quotes, doubled quotes, line breaks inside quotes)
    /// into `scratch`: where the next record starts and how many lines this one took; nil
    /// where the general reader would refuse the file (it then says why, and where).
    private func slowRecord(at start: Int, line: Int) -> (index: Int, lines: Int)? {
        let p = file.bytes
        let stop = range.upperBound
        let delim = plan.delimiter
        scratch.bytes.removeAll(keepingCapacity: true)
        scratch.fieldEnds.removeAll(keepingCapacity: true)
        scratch.recordEnds.removeAll(keepingCapacity: true)
        scratch.lines.removeAll(keepingCapacity: true)
        var i = start
        var lines = 1
        while true {
            if i < stop && p[i] == 0x22 {
                i += 1
                while true {
                    guard i < stop else { return nil } // unterminated, or running past the part
                    let c = p[i]
                    if c == 0x22 {
                        if i + 1 < stop && p[i + 1] == 0x22 { scratch.bytes.append(0x22); i += 2; continue }
                        i += 1
                        break
                    }
                    if c == 0x0A || c == 0x0D {
                        lines += 1
                        if c == 0x0D && i + 1 < stop && p[i + 1] == 0x0A { scratch.bytes.append(0x0D); scratch.bytes.append(0x0A); i += 2; continue }
                    }
                    scratch.bytes.append(c)
                    i += 1
                }
                if i < stop {
                    let c = p[i]
                    guard c == delim || c == 0x0A || c == 0x0D else { return nil }
                }
            } else {
                while i < stop {
                    let c = p[i]
                    if c == delim || c == 0x0A || c == 0x0D { break }
                    if c == 0x22 { return nil }
                    scratch.bytes.append(c)
                    i += 1
                }
            }
            if scratch.bytes.count - (scratch.fieldEnds.last ?? 0) > CSVRecordReader.fieldLimit { return nil }
            scratch.fieldEnds.append(scratch.bytes.count)
            if i >= stop {
                guard stop == file.count else { return nil }
                break
            }
            if p[i] == delim { i += 1; continue }
            i += (p[i] == 0x0D && i + 1 < stop && p[i + 1] == 0x0A) ? 2 : 1
            break
        }
        let valid = scratch.bytes.withUnsafeBufferPointer { b in
            b.isEmpty || CSVRecordReader.isUTF8(b.baseAddress!, count: b.count)
        }
        guard valid else { return nil }
        scratch.recordEnds.append(scratch.fieldEnds.count)
        scratch.lines.append(line)
        return (i, lines)
    }

    // MARK: - Splitting

    /// Where the data after the header starts (after a UTF-8 BOM and the header record,
    /// quotes respected) and the line it starts on; nil when the header never ends.
    static func dataStart(of file: MappedFile) -> (offset: Int, line: Int)? {
        let p = file.bytes, n = file.count
        var i = n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
        var line = 1
        var inQuotes = false
        while i < n {
            let c = p[i]
            i += 1
            if c == 0x22 { inQuotes.toggle(); continue }
            if c == 0x0A { line += 1; if !inQuotes { return (i, line) }; continue }
            if c == 0x0D {
                if i < n && p[i] == 0x0A { i += 1 }
                line += 1
                if !inQuotes { return (i, line) }
            }
        }
        return (n, line)
    }

    /// Splits `range` into up to `parts` ranges that each start a record: just after a line
    /// break outside quotes (an even number of quotes before it, as in any file the reader
    /// accepts; in one it refuses, the first part meets the problem and says so).
    static func split(_ file: MappedFile, _ range: Range<Int>, parts: Int) -> [Range<Int>] {
        guard parts > 1, range.count > parts else { return [range] }
        var cuts = [range.lowerBound]
        var quotes = 0
        var counted = range.lowerBound
        let p = file.bytes
        for k in 1..<parts {
            let target = range.lowerBound + range.count * k / parts
            guard target > cuts.last! else { continue }
            // Quotes before the target, found with memchr (quotes are rare in events files).
            // Block by block, giving the pages back: the first part reads them again in its turn.
            while counted < target {
                let blockEnd = min(target, counted + (16 << 20))
                var i = counted
                while i < blockEnd, let hit = memchr(p + i, 0x22, blockEnd - i) {
                    quotes += 1
                    i = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - p + 1
                }
                file.release(counted..<blockEnd)
                counted = blockEnd
            }
            var inQuotes = quotes % 2 == 1
            var j = target
            var cut: Int?
            while j < range.upperBound {
                let c = p[j]
                j += 1
                if c == 0x22 { inQuotes.toggle(); quotes += 1 } else if c == 0x0A && !inQuotes { cut = j; break }
            }
            counted = j
            guard let cut, cut < range.upperBound else { break }
            cuts.append(cut)
        }
        cuts.append(range.upperBound)
        return (0..<(cuts.count - 1)).map { cuts[$0]..<cuts[$0 + 1] }
    }
}

/// The chunks of every part, for the importing thread; a part waits while a few are queued,
/// so memory stays flat.
final class EventChunkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var queued: [EventScanner.Chunk] = []
    private var running: Int
    private var cancelled = false
    private let limit: Int

    init(parts: Int, limit: Int) {
        running = parts
        self.limit = limit
    }

    /// Queues a chunk, waiting while the queue is full; false once the import stopped taking them.
    @discardableResult
    func push(_ chunk: EventScanner.Chunk) -> Bool {
        condition.lock()
        while queued.count >= limit && chunk.end == nil && !cancelled { condition.wait() }
        if !cancelled { queued.append(chunk) }
        if chunk.end != nil { running -= 1 }
        let taken = !cancelled
        condition.broadcast()
        condition.unlock()
        return taken
    }

    /// Stops taking chunks (the import stopped early): the parts run to their end unblocked.
    func cancel() {
        condition.lock()
        cancelled = true
        queued.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every part has ended (after `cancel`, so none outlives the import).
    func waitForParts() {
        condition.lock()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    /// The next chunk, or nil when every part has ended and all were taken.
    func pop() -> EventScanner.Chunk? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty && running > 0 { condition.wait() }
        if queued.isEmpty { return nil }
        condition.broadcast()
        return queued.removeFirst()
    }
}

/// A file mapped read-only into memory; pages already read are given back as a part goes, so
/// the import's resident memory does not grow with the file.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    private let mapping: UnsafeMutableRawPointer?

    init?(path: String) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
        count = Int(st.st_size)
        guard let m = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), m != MAP_FAILED else { return nil }
        mapping = m
        bytes = UnsafePointer(m.assumingMemoryBound(to: UInt8.self))
        _ = madvise(m, count, MADV_SEQUENTIAL)
    }

    /// Gives back the whole pages inside `range`.
    func release(_ range: Range<Int>) {
        guard let mapping else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lo = (range.lowerBound + page - 1) / page * page
        let hi = range.upperBound / page * page
        if hi > lo { _ = madvise(mapping + lo, hi - lo, MADV_DONTNEED) }
    }

    deinit {
        if let mapping { munmap(mapping, count) }
    }
}
