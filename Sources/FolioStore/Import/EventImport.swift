import Foundation
import FolioDomain
import GRDB
import GRDBSQLite

/// Product-analytics events (Mixpanel, Amplitude, Segment, or any CSV of events) rolled up
/// while they are read into weekly usage per account: active users are the distinct users
/// of the week, logins the configured login events (or distinct sessions), key actions the
/// mapping's `key_events`, features used the distinct features of its `event → feature`
/// map. Weeks start on Monday in the account's time zone; a week the export does not cover
/// from Monday to Sunday is marked partial. What each week has counted is kept (64-bit
/// fingerprints of its events, by event id, else by content), so importing the same events
/// again counts them once.
///
/// Events are read into a compact array and, every couple of million, sorted by account
/// and week and written: memory stays bounded whatever the file's size or order.
final class EventImport {
    unowned let session: ImportSession
    let path: String
    let mapping: ImportMapping?

    static let chunkSize = 2_000_000

    /// One event, packed: `group` is account slot (32 bits) | week (16) | feature (14) | key action | login.
    struct Entry {
        var group: UInt64
        var event: UInt64
        var user: UInt64
        var session: UInt64
    }

    private var entries: [Entry] = []
    /// Accounts met: slot → id and the zone its weeks are counted in.
    private var slotIDs: [String] = []
    private var slotZones: [Int] = []
    private var zones: [ZoneTable] = []
    private var zoneIndex: [String: Int] = [:]
    /// Account reference fingerprint → slot (−1: not an account Folio knows).
    private var slotByReference = FingerprintMap<Int32>(capacity: 1 << 16)
    /// Weeks written per slot in this import, and whether the account had roll-ups before.
    private var writtenWeeks: [[UInt16]] = []
    private var hadRollups: [Bool] = []
    /// Event name fingerprint → (key action, login, feature index + 1).
    private var eventInfo = FingerprintMap<(key: Bool, login: Bool, feature: UInt16)>()
    private var featureNames: [UInt64] = []
    private var featureIndex: [UInt64: UInt16] = [:]
    private var keyEvents: Set<String> = []
    private var loginEvents: Set<String> = []
    private var featureMap: [String: String] = [:]
    private let defaultZone: Int
    private let naiveZone: ZoneTable
    /// The span the file's events cover (instants).
    private var coveredFrom = Int64.max
    private var coveredUntil = Int64.min
    private var unknown: [String: Int] = [:]
    private var unknownCount = 0
    private var withoutAccount = 0
    private var withoutUser = 0
    private var weeksWritten = 0
    private var rowsRead = 0
    private var usageStatement: Statement?
    private var rollupStatement: Statement?
    private var loadStatement: Statement?
    private var hadStatement: Statement?
    private var usageInsert: Statement?
    private var rollupInsert: Statement?
    /// Whether the account had usage rows before this import (from usage files or roll-ups).
    private var hadUsage: [Bool] = []

    /// Whether an events CSV may be read in parts on both cores (false: read again the ordinary way).
    private let scanning: Bool

    /// Below this size per part, a file is read in one part.
    @TaskLocal static var minimumPartBytes = 8 << 20

    init(session: ImportSession, path: String, mapping: ImportMapping?, scanning: Bool = true) {
        self.session = session
        self.path = path
        self.mapping = mapping
        self.scanning = scanning
        let utc = ZoneTable.utc
        zones = [utc]
        zoneIndex["UTC"] = 0
        naiveZone = mapping?.zone.map(ZoneTable.init) ?? utc
        if let name = mapping?.timezone {
            zones.append(naiveZone)
            zoneIndex[name] = 1
            defaultZone = 1
        } else {
            defaultZone = 0
        }
        keyEvents = Set(mapping?.keyEvents.map { $0.lowercased() } ?? [])
        loginEvents = Set(mapping?.loginEvents.map { $0.lowercased() } ?? [])
        for (event, feature) in mapping?.features ?? [:] { featureMap[event.lowercased()] = feature }
    }

    // MARK: - Reading

    func run() throws -> ImportSummary.File? {
        let isJSON = ImportKind.isJSON(path: path)
        let lower = path.lowercased()
        if lower.hasSuffix(".gz") || lower.hasSuffix(".zip") {
            try session.report(ImportProblem(file: path, line: 1, column: 1, message: "is compressed; decompress it first (gunzip / unzip): Amplitude and Segment exports come gzipped"))
            return nil
        }
        var prefetcher: Prefetcher<Chunk>
        var header: ImportHeader
        var headerProblems: [ImportProblem] = []
        var first: Chunk?
        let totalBytes: Int64
        do {
            if isJSON {
                let names = Self.jsonPaths(mapping)
                let reader = try JSONRecordReader(path: path, paths: names)
                totalBytes = reader.totalBytes
                header = ImportHeader(kind: .events, record: CSVRecord(line: 0, fields: names), mapping: mapping, file: path,
                                      alternatives: true) { headerProblems.append($0) }
                let box = JSONBox(reader: reader)
                prefetcher = Prefetcher { () throws(ImportProblem) -> Chunk? in
                    guard let batch = try box.reader.nextBatch() else { return nil }
                    return Chunk(batch: batch, bytesRead: box.reader.bytesRead)
                }
            } else {
                let reader = try CSVRecordReader(path: path, displayName: path, format: mapping?.format ?? CSVFormat())
                totalBytes = reader.totalBytes
                guard let batch = try reader.nextBatch(), batch.count > 0 else {
                    throw ImportProblem(file: path, line: 1, column: 1, message: "the file is empty; expected a header row: \(ImportKind.events.columnNames.joined(separator: ","))")
                }
                header = ImportHeader(kind: .events, record: batch.record(0), mapping: mapping, file: path) { headerProblems.append($0) }
                if headerProblems.isEmpty, scanning, let plan = scanPlan(header, delimiter: reader.delimiter, first: batch),
                   let mapped = MappedFile(path: path), let start = EventScanner.dataStart(of: mapped),
                   batch.count < 2 || batch.lines[1] == start.line,
                   !(mapped.count >= 2 && ((mapped.bytes[0] == 0xFF && mapped.bytes[1] == 0xFE) || (mapped.bytes[0] == 0xFE && mapped.bytes[1] == 0xFF))) {
                    return try scan(plan, mapped, from: start, header: header, totalBytes: totalBytes)
                }
                first = Chunk(batch: batch, bytesRead: reader.bytesRead)
                let box = CSVBox(reader: reader)
                prefetcher = Prefetcher { () throws(ImportProblem) -> Chunk? in
                    guard let batch = try box.reader.nextBatch() else { return nil }
                    return Chunk(batch: batch, bytesRead: box.reader.bytesRead)
                }
            }
        } catch let problem as ImportProblem {
            try session.report(problem)
            return nil
        }
        defer { prefetcher.cancel() }
        guard headerProblems.isEmpty else {
            try session.report(headerProblems)
            return nil
        }
        let columns = Columns(header)
        var file = ImportSummary.File(path: path, kind: .events, rows: 0, added: 0)
        file.mapping = mapping?.name
        let clock = ContinuousClock()
        var lastProgress = clock.now
        entries.reserveCapacity(Self.chunkSize)
        do {
            var skipHeader = !isJSON
            var chunk = first
            if chunk == nil { chunk = try prefetcher.next() }
            while let current = chunk {
                try read(current.batch, from: skipHeader ? 1 : 0, header: header, columns: columns, file: &file)
                skipHeader = false
                if let progress = session.options.progress, clock.now - lastProgress > .milliseconds(200) {
                    lastProgress = clock.now
                    progress(ImportProgress(file: path, rows: rowsRead, bytesRead: current.bytesRead, totalBytes: totalBytes))
                }
                chunk = try prefetcher.next()
            }
        } catch let problem as ImportProblem {
            try session.report(problem)
            return nil
        }
        try flush()
        return try finish(header: header, file: &file)
    }

    /// The weeks no event reached, the summary and the notes.
    private func finish(header: ImportHeader, file: inout ImportSummary.File) throws -> ImportSummary.File? {
        try settlePartialWeeks()
        try writeQuietWeeks()
        file.rows = rowsRead - file.quarantined
        file.weeks = weeksWritten
        file.added = weeksWritten
        if rowsRead == 0 && file.skipped == 0 {
            try session.report(ImportProblem(file: path, line: 2, column: 1, message: "no events after the header"))
            return nil
        }
        file.notes = header.notes + notes()
        return file
    }

    // MARK: - Reading in parts

    /// What the parts need, when the file can be read by them: a CSV in UTF-8 whose events
    /// columns are plain fields, with no `only:` filter, and whose first rows' timestamps
    /// are in a form read from bytes (else every row would go to the general reader).
    private func scanPlan(_ header: ImportHeader, delimiter: UInt8, first batch: CSVBatch) -> EventScanner.Plan? {
        let encoding = mapping?.format.encoding
        guard encoding == nil || encoding == .utf8, header.filters.isEmpty else { return nil }
        let columns = Columns(header)
        guard columns.feature == nil else { return nil }
        /// A plain field's position, −1 for a column the file lacks, nil for anything else.
        func position(_ source: ImportHeader.Source?) -> Int? {
            switch source {
            case nil: return -1
            case .field(let i)?: return i
            default: return nil
            }
        }
        guard let timestamp = position(columns.timestamp), let account = position(columns.account), let user = position(columns.user),
              let event = position(columns.event), let eventID = position(columns.eventID), let sessionField = position(columns.session),
              timestamp >= 0 else { return nil }
        var unreadable = 0
        for r in 1..<max(1, min(batch.count, 101)) {
            let fields = batch.fieldRange(record: r)
            guard fields.count == header.fieldCount else { continue }
            let range = batch.byteRange(field: fields.lowerBound + timestamp)
            batch.bytes.withUnsafeBytes { raw in
                if case .invalid = EventTime.parse(UnsafeRawBufferPointer(rebasing: raw[range])) { unreadable += 1 }
            }
        }
        // A bad row now and then is the general reader's to explain; a format it alone reads is not.
        guard unreadable * 10 <= min(batch.count - 1, 100) else { return nil }
        var featureOfEvent: [String: UInt16] = [:]
        for (event, feature) in featureMap { featureOfEvent[event] = self.feature(Fingerprint.of(feature.lowercased())) }
        var plan = EventScanner.Plan(delimiter: delimiter, fieldCount: header.fieldCount, accounts: session.linker.accounts,
                                     accountZones: session.linker.accountZones, defaultZone: zones[defaultZone], naiveZone: naiveZone,
                                     keyEvents: keyEvents, loginEvents: loginEvents, featureOfEvent: featureOfEvent, features: featureNames,
                                     chunkSize: 1 << 19)
        plan.timestamp = timestamp
        plan.account = account
        plan.user = user
        plan.event = event
        plan.eventID = eventID
        plan.session = sessionField
        return plan
    }

    /// Reads the events in parts, each on its own thread, writing each part's chunks as they
    /// come; then the records the parts left to the general reader, in file order.
    private func scan(_ plan: EventScanner.Plan, _ mapped: MappedFile, from start: (offset: Int, line: Int), header: ImportHeader,
                      totalBytes: Int64) throws -> ImportSummary.File? {
        let whole = start.offset..<mapped.count
        let ranges = EventScanner.split(mapped, whole, parts: whole.count >= 2 * Self.minimumPartBytes ? 2 : 1)
        let queue = EventChunkQueue(parts: ranges.count, limit: ranges.count)
        let scanners = ranges.enumerated().map { k, range in
            EventScanner(file: mapped, range: range, part: k, firstLine: k == 0 ? start.line : 1, plan: plan, queue: queue)
        }
        var file = ImportSummary.File(path: path, kind: .events, rows: 0, added: 0)
        file.mapping = mapping?.name
        // Two tables grow at two places each (one per part): a larger page cache keeps their
        // pages from being spilled and read back (bounded, 128 MiB, for this file only).
        let cacheSize = try Int.fetchOne(session.db, sql: "PRAGMA cache_size") ?? -2000
        try session.db.execute(sql: "PRAGMA cache_size = \(min(cacheSize, -131_072))")
        defer { try? session.db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        try session.db.execute(sql: "SAVEPOINT event_parts")
        var slots = Array(repeating: [Int32](), count: ranges.count)
        var ends = [EventScanner.End?](repeating: nil, count: ranges.count)
        var positions = Array(repeating: 0, count: ranges.count)
        let clock = ContinuousClock()
        var lastProgress = clock.now
        for scanner in scanners { scanner.start() }
        do {
            while let chunk = queue.pop() {
                if chunk.end?.failed == true {
                    // Something the general reader must explain: read the file again its way.
                    queue.cancel()
                    queue.waitForParts()
                    try session.db.execute(sql: "ROLLBACK TO event_parts; RELEASE event_parts")
                    return try EventImport(session: session, path: path, mapping: mapping, scanning: false).run()
                }
                for id in chunk.newAccounts { slots[chunk.part].append(slot(forID: id)) }
                rowsRead += chunk.rows
                coveredFrom = min(coveredFrom, chunk.from)
                coveredUntil = max(coveredUntil, chunk.until)
                try write(chunk.weeks, slots: slots[chunk.part])
                positions[chunk.part] = chunk.position
                if let end = chunk.end { ends[chunk.part] = end }
                if let progress = session.options.progress, clock.now - lastProgress > .milliseconds(200) {
                    lastProgress = clock.now
                    progress(ImportProgress(file: path, rows: rowsRead, bytesRead: Int64(start.offset + positions.reduce(0, +)), totalBytes: totalBytes))
                }
            }
        } catch {
            queue.cancel()
            queue.waitForParts()
            try? session.db.execute(sql: "RELEASE event_parts")
            throw error
        }
        try session.db.execute(sql: "RELEASE event_parts")
        // What the parts counted, and the records they left, with their lines counted from the file's start.
        let columns = Columns(header)
        var nextLine = start.line
        for (k, end) in ends.enumerated() {
            guard var end else { continue }
            let offset = k == 0 ? 0 : nextLine - 1
            nextLine = end.nextLine + offset
            withoutAccount += end.withoutAccount
            withoutUser += end.withoutUser
            unknownCount += end.unknownCount
            for (reference, count) in end.unknown where unknown.count < 1000 || unknown[reference] != nil { unknown[reference, default: 0] += count }
            for r in end.deferred.lines.indices { end.deferred.lines[r] += offset }
            do {
                try read(end.deferred, from: 0, header: header, columns: columns, file: &file)
            } catch let problem as ImportProblem {
                try session.report(problem)
                return nil
            }
        }
        try flush()
        return try finish(header: header, file: &file)
    }

    private struct Chunk: Sendable {
        var batch: CSVBatch
        var bytesRead: Int64
    }

    private struct CSVBox: @unchecked Sendable { let reader: CSVRecordReader }
    private struct JSONBox: @unchecked Sendable { let reader: JSONRecordReader }

    /// The JSON paths to read: every foreign name the mapping gives an events column, the
    /// columns its templates and filters use, and the Folio names themselves.
    static func jsonPaths(_ mapping: ImportMapping?) -> [String] {
        var paths: [String] = []
        func add(_ p: String) { if !paths.contains(p) { paths.append(p) } }
        for (foreign, target) in (mapping?.columns ?? [:]).sorted(by: { $0.key < $1.key }) where ImportKind.events.accepts(target) { add(foreign) }
        for templates in (mapping?.templates ?? [:]).values { for t in templates { for c in Template(t).columns { add(ImportMapping.normalize(c)) } } }
        for column in (mapping?.only ?? [:]).keys { add(column) }
        for column in ImportKind.events.columnNames where !(mapping?.columns.values.contains(column) ?? false) && mapping?.templates[column] == nil {
            add(column)
        }
        return paths
    }

    /// Where each events column is in a record.
    struct Columns {
        var timestamp: ImportHeader.Source?
        var account: ImportHeader.Source?
        var user: ImportHeader.Source?
        var event: ImportHeader.Source?
        var eventID: ImportHeader.Source?
        var session: ImportHeader.Source?
        var feature: ImportHeader.Source?

        init(_ h: ImportHeader) {
            timestamp = h.source(for: "timestamp")
            account = h.source(for: "account_id")
            user = h.source(for: "user")
            event = h.source(for: "event")
            eventID = h.source(for: "event_id")
            session = h.source(for: "session")
            feature = h.source(for: "feature")
        }
    }

    /// A field's bytes, or (for joined columns) its text made once.
    private func value(_ source: ImportHeader.Source?, _ batch: CSVBatch, _ fields: Range<Int>, _ header: ImportHeader,
                       _ record: inout CSVRecord?, _ r: Int, _ column: String, _ body: (UnsafeRawBufferPointer) -> Void) {
        switch source {
        case .field(let i)?:
            let range = batch.byteRange(field: fields.lowerBound + i)
            batch.bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        case .firstOf(let list)?:
            let range = list.lazy.map { batch.byteRange(field: fields.lowerBound + $0) }.first { !$0.isEmpty } ?? 0..<0
            batch.bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
        case nil:
            body(UnsafeRawBufferPointer(start: nil, count: 0))
        default:
            if record == nil { record = batch.record(r) }
            var text = ImportRow(header: header, record: record!, file: path).text(column) ?? ""
            text.withUTF8 { body(UnsafeRawBufferPointer($0)) }
        }
    }

    private func read(_ batch: CSVBatch, from start: Int, header: ImportHeader, columns: Columns, file: inout ImportSummary.File) throws {
        let filtering = !header.filters.isEmpty
        // Events come grouped by account (or by time, in few zones): the last zone is kept at hand.
        var zoneIndexInUse = -1
        var zone = ZoneTable.utc
        for r in start..<batch.count {
            let fields = batch.fieldRange(record: r)
            if fields.count == 1 && batch.byteRange(field: fields.lowerBound).isEmpty { continue } // a blank line
            var record: CSVRecord?
            if fields.count != header.fieldCount {
                rowsRead += 1
                try refuse(batch, r, header: header, "expected \(header.fieldCount) fields as in the header, found \(fields.count)", column: min(fields.count, header.fieldCount) + 1, file: &file)
                continue
            }
            if filtering {
                record = batch.record(r)
                if header.filterOut(record!) != nil { file.skipped += 1; continue }
            }
            rowsRead += 1
            // Account: its slot, found once per distinct reference.
            var slot: Int32 = -2
            var accountFP: UInt64 = 0
            value(columns.account, batch, fields, header, &record, r, "account_id") { b in
                guard b.count > 0 else { return }
                accountFP = Fingerprint.of(b)
                slot = slotByReference[accountFP] ?? resolve(b, fingerprint: accountFP)
            }
            if slot == -2 { withoutAccount += 1; continue }
            if slot < 0 { unknownCount += 1; continue }
            var instant: Int64?
            var timeFP: UInt64 = 0
            value(columns.timestamp, batch, fields, header, &record, r, "timestamp") { b in
                timeFP = Fingerprint.of(b)
                switch EventTime.parse(b) {
                case .instant(let t): instant = t
                case .naive(let t): instant = naiveZone.instant(naive: t)
                case .invalid: instant = nil
                }
            }
            if instant == nil {
                if record == nil { record = batch.record(r) }
                var row = ImportRow(header: header, record: record!, file: path)
                if let v = row.dateTime("timestamp") {
                    instant = v.epochSeconds(naiveZone: mapping?.zone)
                } else {
                    try refuse(row, file: &file)
                    continue
                }
            }
            var user: UInt64 = 0
            value(columns.user, batch, fields, header, &record, r, "user") { b in
                if b.count > 0 { user = Fingerprint.of(b) }
            }
            if user == 0 { withoutUser += 1; continue }
            var info: (key: Bool, login: Bool, feature: UInt16) = (false, false, 0)
            var eventFP: UInt64 = 0
            value(columns.event, batch, fields, header, &record, r, "event") { b in
                guard b.count > 0 else { return }
                eventFP = Fingerprint.of(b)
                info = eventInfo[eventFP] ?? describe(b, fingerprint: eventFP)
            }
            if eventFP == 0 {
                if record == nil { record = batch.record(r) }
                var row = ImportRow(header: header, record: record!, file: path)
                row.report("event", "is empty; every event needs its name")
                try refuse(row, file: &file)
                continue
            }
            if let source = columns.feature {
                value(source, batch, fields, header, &record, r, "feature") { b in
                    if b.count > 0 { info.feature = feature(Fingerprint.of(b)) }
                }
            }
            var id: UInt64 = 0
            if let source = columns.eventID {
                value(source, batch, fields, header, &record, r, "event_id") { b in
                    if b.count > 0 { id = Fingerprint.of(b, seed: 0x51ED_270B_2719_08A7) }
                }
            }
            if id == 0 {
                // Without an id, an event is its content: time, account, user and name.
                id = Fingerprint.combine(Fingerprint.combine(timeFP, accountFP), Fingerprint.combine(user, eventFP))
            }
            var sessionFP: UInt64 = 0
            if let source = columns.session {
                value(source, batch, fields, header, &record, r, "session") { b in
                    // Amplitude writes -1 for "no session".
                    if b.count > 0 && !(b.count == 2 && b[0] == 0x2D && b[1] == 0x31) { sessionFP = Fingerprint.of(b) }
                }
            }
            let t = instant!
            if t < coveredFrom { coveredFrom = t }
            if t > coveredUntil { coveredUntil = t }
            let z = slotZones[Int(slot)]
            if z != zoneIndexInUse {
                zoneIndexInUse = z
                zone = zones[z]
            }
            let day = zone.day(at: t)
            let week = (day - 4).floorDivided(by: 7)
            guard week >= 0, week < Int(UInt16.max) else {
                if record == nil { record = batch.record(r) }
                var row = ImportRow(header: header, record: record!, file: path)
                row.report("timestamp", "is out of range")
                try refuse(row, file: &file)
                continue
            }
            let group = UInt64(UInt32(slot)) << 32 | UInt64(week) << 16 | UInt64(info.feature) << 2
                | (info.key ? 2 : 0) | (info.login ? 1 : 0)
            entries.append(Entry(group: group, event: id, user: user, session: sessionFP))
            if entries.count >= Self.chunkSize { try flush() }
        }
    }

    private func refuse(_ batch: CSVBatch, _ r: Int, header: ImportHeader, _ message: String, column: Int, file: inout ImportSummary.File) throws {
        var row = ImportRow(header: header, record: batch.record(r), file: path)
        row.problems.append(ImportProblem(file: path, line: batch.lines[r], column: column, message: message))
        try refuse(row, file: &file)
    }

    private func refuse(_ row: ImportRow, file: inout ImportSummary.File) throws {
        if session.options.quarantine { file.quarantined += 1 }
        try session.refuse(row)
    }

    /// The slot of an account reference met for the first time.
    private func resolve(_ bytes: UnsafeRawBufferPointer, fingerprint: UInt64) -> Int32 {
        let reference = String(decoding: bytes, as: UTF8.self)
        guard case .found(let id) = session.linker.accounts.find(ImportRow.trimmed(reference)) else {
            if unknown.count < 1000 || unknown[reference] != nil { unknown[reference, default: 0] += 1 }
            slotByReference[fingerprint] = -1
            return -1
        }
        let slot = slot(forID: id)
        slotByReference[fingerprint] = slot
        return slot
    }

    /// An account's slot, made when it is first met.
    private func slot(forID id: String) -> Int32 {
        if let existing = slotOfID[id] { return existing }
        let slot = Int32(slotIDs.count)
        slotIDs.append(id)
        slotOfID[id] = slot
        writtenWeeks.append([])
        hadRollups.append(false)
        var zone = defaultZone
        if let name = session.linker.accountZones[id], let tz = TimeZone(identifier: name) {
            if let known = zoneIndex[name] { zone = known } else {
                zones.append(ZoneTable(tz))
                zone = zones.count - 1
                zoneIndex[name] = zone
            }
        }
        slotZones.append(zone)
        return slot
    }

    private var slotOfID: [String: Int32] = [:]

    /// Whether an event name is a key action, a login, or a feature (names compared without case).
    private func describe(_ bytes: UnsafeRawBufferPointer, fingerprint: UInt64) -> (key: Bool, login: Bool, feature: UInt16) {
        let name = String(decoding: bytes, as: UTF8.self).lowercased()
        var info: (key: Bool, login: Bool, feature: UInt16) = (keyEvents.contains(name), loginEvents.contains(name), 0)
        if let f = featureMap[name] { info.feature = feature(Fingerprint.of(f.lowercased())) }
        eventInfo[fingerprint] = info
        return info
    }

    private func feature(_ fingerprint: UInt64) -> UInt16 {
        if let i = featureIndex[fingerprint] { return i }
        guard featureNames.count < 16_000 else { return 0 }
        featureNames.append(fingerprint)
        let i = UInt16(featureNames.count)
        featureIndex[fingerprint] = i
        return i
    }

    // MARK: - Writing

    /// Sorts what was read by account and week and writes each week, merged with what
    /// earlier imports counted for it.
    private func flush() throws {
        guard !entries.isEmpty else { return }
        entries.sort { a, b in
            let ga = a.group >> 16, gb = b.group >> 16
            return ga != gb ? ga < gb : a.event < b.event
        }
        try write(sorted: entries)
        entries.removeAll(keepingCapacity: true)
    }

    /// Writes events whose weeks are grouped (each account's week together, its events sorted).
    private func write(sorted entries: [Entry]) throws {
        guard !entries.isEmpty else { return }
        try write(EventScanner.Weeks(sorted: entries, features: featureNames), slots: nil)
    }

    /// Writes each week of `weeks`, merged with what earlier imports counted for it; `slots`
    /// turns a part's own account slots into this import's.
    private func write(_ weeks: EventScanner.Weeks, slots: [Int32]?) throws {
        guard !weeks.keys.isEmpty else { return }
        try prepare()
        try weeks.events.withUnsafeBufferPointer { events in
            try weeks.flags.withUnsafeBufferPointer { flags in
                try weeks.users.withUnsafeBufferPointer { users in
                    try weeks.sessions.withUnsafeBufferPointer { sessions in
                        try weeks.features.withUnsafeBufferPointer { features in
                            var e = 0, u = 0, s = 0, f = 0
                            for (k, key) in weeks.keys.enumerated() {
                                let local = Int(key >> 16)
                                let slot = slots.map { Int($0[local]) } ?? local
                                try writeWeek(slot: slot, week: Int(key & 0xFFFF),
                                              events: UnsafeBufferPointer(rebasing: events[e..<weeks.eventEnds[k]]),
                                              flags: UnsafeBufferPointer(rebasing: flags[e..<weeks.eventEnds[k]]),
                                              users: UnsafeBufferPointer(rebasing: users[u..<weeks.userEnds[k]]),
                                              sessions: UnsafeBufferPointer(rebasing: sessions[s..<weeks.sessionEnds[k]]),
                                              features: UnsafeBufferPointer(rebasing: features[f..<weeks.featureEnds[k]]))
                                e = weeks.eventEnds[k]
                                u = weeks.userEnds[k]
                                s = weeks.sessionEnds[k]
                                f = weeks.featureEnds[k]
                            }
                        }
                    }
                }
            }
        }
    }

    private func prepare() throws {
        guard usageStatement == nil else { return }
        let db = session.db
        usageStatement = try db.makeStatement(sql: """
            INSERT INTO usage (account_id, week, active_users, logins, key_actions, features_used, features_available, partial, import_batch)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, week) DO UPDATE SET active_users = excluded.active_users, logins = excluded.logins,
                key_actions = excluded.key_actions, features_used = excluded.features_used,
                features_available = COALESCE(excluded.features_available, usage.features_available), partial = excluded.partial,
                import_batch = excluded.import_batch
            """)
        rollupStatement = try db.makeStatement(sql: """
            INSERT INTO usage_rollup (account_id, week, events, users, sessions, features, logins, key_actions, covered_from, covered_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(account_id, week) DO UPDATE SET events = excluded.events, users = excluded.users, sessions = excluded.sessions,
                features = excluded.features, logins = excluded.logins, key_actions = excluded.key_actions,
                covered_from = excluded.covered_from, covered_until = excluded.covered_until
            """)
        loadStatement = try db.makeStatement(sql: """
            SELECT events, users, sessions, features, logins, key_actions, covered_from, covered_until FROM usage_rollup WHERE account_id = ? AND week = ?
            """)
        hadStatement = try db.makeStatement(sql: "SELECT EXISTS (SELECT 1 FROM usage_rollup WHERE account_id = ?), EXISTS (SELECT 1 FROM usage WHERE account_id = ?)")
        // An account with no usage and no roll-ups yet takes plain inserts (one search of the table, not two).
        usageInsert = try db.makeStatement(sql: """
            INSERT INTO usage (account_id, week, active_users, logins, key_actions, features_used, features_available, partial, import_batch)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        rollupInsert = try db.makeStatement(sql: """
            INSERT INTO usage_rollup (account_id, week, events, users, sessions, features, logins, key_actions, covered_from, covered_until)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    private struct Stored {
        var events: [UInt64] = [], users: [UInt64] = [], sessions: [UInt64] = [], features: [UInt64] = []
        var logins = 0, keyActions = 0
        var from = Int64.max, until = Int64.min
    }

    private var checkedHad: [Bool] = []

    /// What earlier imports (or an earlier part of this one) counted for the week.
    private func stored(slot: Int, week: Int) throws -> Stored? {
        while checkedHad.count <= slot { checkedHad.append(false) }
        if !checkedHad[slot] {
            checkedHad[slot] = true
            let h = hadStatement!.sqliteStatement
            sqlite3_reset(h)
            RecordUpsert.bind(.text(slotIDs[slot]), to: h, at: 1)
            RecordUpsert.bind(.text(slotIDs[slot]), to: h, at: 2)
            let found = sqlite3_step(h) == SQLITE_ROW
            hadRollups[slot] = found && sqlite3_column_int64(h, 0) != 0
            while hadUsage.count <= slot { hadUsage.append(true) }
            hadUsage[slot] = !found || sqlite3_column_int64(h, 1) != 0
            sqlite3_reset(h)
        }
        guard hadRollups[slot] || writtenWeeks[slot].contains(UInt16(week)) else { return nil }
        let s = loadStatement!.sqliteStatement
        sqlite3_reset(s)
        RecordUpsert.bind(.text(slotIDs[slot]), to: s, at: 1)
        RecordUpsert.bind(.text(mondayText(week)), to: s, at: 2)
        defer { sqlite3_reset(s) }
        guard sqlite3_step(s) == SQLITE_ROW else { return nil }
        func blob(_ c: Int32) -> [UInt64] {
            guard let p = sqlite3_column_blob(s, c) else { return [] }
            return FingerprintSet.decode(UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, c))))
        }
        return Stored(events: blob(0), users: blob(1), sessions: blob(2), features: blob(3),
                      logins: Int(sqlite3_column_int64(s, 4)), keyActions: Int(sqlite3_column_int64(s, 5)),
                      from: sqlite3_column_int64(s, 6), until: sqlite3_column_int64(s, 7))
    }

    private func writeWeek(slot: Int, week: Int, events: UnsafeBufferPointer<UInt64>, flags: UnsafeBufferPointer<UInt8>,
                           users: UnsafeBufferPointer<UInt64>, sessions: UnsafeBufferPointer<UInt64>, features: UnsafeBufferPointer<UInt64>) throws {
        if var total = try stored(slot: slot, week: week) {
            // Counted before: only events not counted yet add to the logins and key actions.
            var newEvents: [UInt64] = []
            for (k, e) in events.enumerated() where !FingerprintSet.contains(total.events, e) {
                newEvents.append(e)
                if flags[k] & 2 != 0 { total.keyActions += 1 }
                if flags[k] & 1 != 0 { total.logins += 1 }
            }
            total.events = FingerprintSet.union(total.events, newEvents)
            total.users = FingerprintSet.union(total.users, Array(users))
            total.sessions = FingerprintSet.union(total.sessions, Array(sessions))
            total.features = FingerprintSet.union(total.features, Array(features))
            total.from = min(total.from, coveredFrom)
            total.until = max(total.until, coveredUntil)
            try save(slot: slot, week: week, total)
        } else {
            var logins = 0, keyActions = 0
            for f in flags {
                if f & 2 != 0 { keyActions += 1 }
                if f & 1 != 0 { logins += 1 }
            }
            try save(slot: slot, week: week, events: UnsafeRawBufferPointer(events), users: UnsafeRawBufferPointer(users),
                     sessions: UnsafeRawBufferPointer(sessions), features: UnsafeRawBufferPointer(features),
                     logins: logins, keyActions: keyActions, from: coveredFrom, until: coveredUntil)
        }
        if !writtenWeeks[slot].contains(UInt16(week)) {
            writtenWeeks[slot].append(UInt16(week))
            weeksWritten += 1
        }
    }

    private func save(slot: Int, week: Int, _ total: Stored) throws {
        try total.events.withUnsafeBytes { events in
            try total.users.withUnsafeBytes { users in
                try total.sessions.withUnsafeBytes { sessions in
                    try total.features.withUnsafeBytes { features in
                        try save(slot: slot, week: week, events: events, users: users, sessions: sessions, features: features,
                                 logins: total.logins, keyActions: total.keyActions, from: total.from, until: total.until)
                    }
                }
            }
        }
    }

    /// Writes a week's roll-up (sorted fingerprints, 8 bytes each) and its usage row.
    private func save(slot: Int, week: Int, events: UnsafeRawBufferPointer, users: UnsafeRawBufferPointer, sessions: UnsafeRawBufferPointer,
                      features: UnsafeRawBufferPointer, logins: Int, keyActions: Int, from: Int64, until: Int64) throws {
        let monday = week * 7 + 4
        let zone = zones[slotZones[slot]]
        let fromDay = zone.day(at: from), untilDay = zone.day(at: until)
        let partial = events.isEmpty ? false : fromDay > monday || untilDay < monday + 6
        if partial { partialWeeks.append((Int32(slot), UInt16(week))) }
        let id = slotIDs[slot], weekText = mondayText(week)
        // `stored` has looked at the account first; a week not written yet in this import is new.
        let new = slot < hadUsage.count && !writtenWeeks[slot].contains(UInt16(week))
        let rollup = new && !hadRollups[slot] ? rollupInsert! : rollupStatement!
        let r = rollup.sqliteStatement
        sqlite3_reset(r)
        RecordUpsert.bind(.text(id), to: r, at: 1)
        RecordUpsert.bind(.text(weekText), to: r, at: 2)
        // Bound without a copy: the statement runs while the blobs are in reach.
        Self.bindBlob(events, to: r, at: 3)
        Self.bindBlob(users, to: r, at: 4)
        Self.bindBlob(sessions, to: r, at: 5)
        Self.bindBlob(features, to: r, at: 6)
        sqlite3_bind_int64(r, 7, Int64(logins))
        sqlite3_bind_int64(r, 8, Int64(keyActions))
        sqlite3_bind_int64(r, 9, from)
        sqlite3_bind_int64(r, 10, until)
        try RecordUpsert.step(r, rollup)

        let usage = new && !hadUsage[slot] ? usageInsert! : usageStatement!
        let u = usage.sqliteStatement
        sqlite3_reset(u)
        RecordUpsert.bind(.text(id), to: u, at: 1)
        RecordUpsert.bind(.text(weekText), to: u, at: 2)
        sqlite3_bind_int64(u, 3, Int64(users.count / 8))
        sqlite3_bind_int64(u, 4, Int64(mapping?.loginsFromSessions == true ? sessions.count / 8 : logins))
        sqlite3_bind_int64(u, 5, Int64(keyActions))
        if featureMapCount > 0 || !features.isEmpty { sqlite3_bind_int64(u, 6, Int64(features.count / 8)) } else { sqlite3_bind_null(u, 6) }
        if let available = featuresAvailable { sqlite3_bind_int64(u, 7, Int64(available)) } else { sqlite3_bind_null(u, 7) }
        sqlite3_bind_int64(u, 8, partial ? 1 : 0)
        sqlite3_bind_int64(u, 9, session.batch)
        try RecordUpsert.step(u, usage)
    }

    /// Mondays as text, made once per week rather than once per account's week.
    private var mondays: [Int: String] = [:]

    private func mondayText(_ week: Int) -> String {
        if let text = mondays[week] { return text }
        let text = Day(ordinal: week * 7 + 4).iso
        mondays[week] = text
        return text
    }

    /// Weeks saved as partial while the file was still being read.
    private var partialWeeks: [(slot: Int32, week: UInt16)] = []

    /// Weeks written before the whole file was read knew only part of the span it covers:
    /// those saved as partial are saved again with the whole span (a week the file covers
    /// from Monday to Sunday is not partial, whichever part of the file its events were in).
    private func settlePartialWeeks() throws {
        let weeks = partialWeeks
        partialWeeks = []
        guard coveredFrom <= coveredUntil else { return }
        for (slot, week) in weeks {
            guard var total = try stored(slot: Int(slot), week: Int(week)), total.from > coveredFrom || total.until < coveredUntil else { continue }
            total.from = min(total.from, coveredFrom)
            total.until = max(total.until, coveredUntil)
            try save(slot: Int(slot), week: Int(week), total)
        }
    }

    /// How many features the mapping's event → feature map names.
    private lazy var featureMapCount = Set(featureMap.values.map { $0.lowercased() }).count

    /// Features available: the mapping's figure, else the number of features its map names.
    private lazy var featuresAvailable: Int? = mapping?.featuresAvailable ?? (featureMapCount > 0 ? featureMapCount : nil)

    /// Weeks inside the export where an account it has events for had none: zero usage, not
    /// a gap (a customer who stopped using the product must show as a drop).
    private func writeQuietWeeks() throws {
        guard coveredFrom <= coveredUntil, !slotIDs.isEmpty else { return }
        try prepare()
        for slot in slotIDs.indices {
            let zone = zones[slotZones[slot]]
            // From the account's first week with events: before it, it may not have been a customer yet.
            guard let firstEvents = writtenWeeks[slot].min() else { continue }
            let firstWeek = max(Int(firstEvents), (zone.day(at: coveredFrom) - 4).floorDivided(by: 7))
            let lastWeek = (zone.day(at: coveredUntil) - 4).floorDivided(by: 7)
            guard firstWeek <= lastWeek else { continue }
            let written = Set(writtenWeeks[slot])
            for week in firstWeek...lastWeek where !written.contains(UInt16(week)) {
                if try stored(slot: slot, week: week) != nil { continue }
                var total = Stored()
                total.from = coveredFrom
                total.until = coveredUntil
                try save(slot: slot, week: week, total)
                weeksWritten += 1
            }
        }
    }

    /// Binds fingerprints without a copy (SQLITE_STATIC): the caller steps the statement while
    /// `raw` is valid and binds again before the next step.
    private static func bindBlob(_ raw: UnsafeRawBufferPointer, to statement: OpaquePointer, at index: Int32) {
        // Fingerprints are stored little-endian, which is this machine's order.
        _ = sqlite3_bind_blob(statement, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), nil)
    }

    private func notes() -> [String] {
        var notes: [String] = []
        if keyEvents.isEmpty {
            notes.append("the mapping names no key_events, so every week's key actions are 0; name the events that are your product's core action (key_events: [Report Created])")
        }
        if loginEvents.isEmpty && mapping?.loginsFromSessions != true {
            notes.append("the mapping names no login events, so logins are 0; name them (logins: [Logged In]) or count sessions (logins: sessions)")
        }
        if unknownCount > 0 {
            let sample = unknown.sorted { $0.value > $1.value }.prefix(5).map { "\"\(ImportRow.excerpt($0.key))\" (\($0.value))" }.joined(separator: ", ")
            notes.append("skipped \(unknownCount) event\(unknownCount == 1 ? "" : "s") of \(unknown.count) account\(unknown.count == 1 ? "" : "s") Folio does not know (\(sample)\(unknown.count > 5 ? ", …" : "")): \(RecordLinker.tried(.account)); add their ids as account keys to count them")
        }
        if withoutAccount > 0 { notes.append("skipped \(withoutAccount) event\(withoutAccount == 1 ? "" : "s") without an account (anonymous or not grouped)") }
        if withoutUser > 0 { notes.append("skipped \(withoutUser) event\(withoutUser == 1 ? "" : "s") without a user") }
        if coveredFrom <= coveredUntil {
            notes.append("events from \(Moment(seconds: coveredFrom).utc) to \(Moment(seconds: coveredUntil).utc); a week not covered from Monday to Sunday is marked partial and not scored as a drop")
        }
        return notes
    }
}

extension Int {
    /// Division rounding toward minus infinity (days before 1970 fall in the right week).
    func floorDivided(by d: Int) -> Int {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
