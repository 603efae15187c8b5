import Foundation
import GRDB
import GRDBSQLite

/// A value bound to or read from SQLite by hand.
enum SQLValue: Hashable, Sendable {
    case null
    case int(Int64)
    case real(Double)
    case text(String)

    init(_ text: String?) { self = text.map(SQLValue.text) ?? .null }
    init(_ int: Int?) { self = int.map { .int(Int64($0)) } ?? .null }
    init(_ bool: Bool) { self = .int(bool ? 1 : 0) }

    /// As JSON for the audit log.
    var json: String {
        switch self {
        case .null: return "null"
        case .int(let v): return String(v)
        case .real(let v): return v.isFinite ? String(v) : "null"
        case .text(let s): return JSONText.quoted(s)
        }
    }
}

/// Keys of rows an import found unchanged, per table: such rows are left as they are (not
/// rewritten to mark them as met), so a key given twice is recognised here. 128 bits of
/// fingerprint per key: two keys of one import sharing them is not a practical concern.
final class UnchangedKeys {
    struct Print: Equatable {
        var a: UInt64
        var b: UInt64
    }

    /// One table's keys: open addressing on the first half (already well mixed), where a
    /// `Set` would hash every key again; a first half of 0 marks an empty slot.
    final class Table {
        private var slots: [Print] = Array(repeating: Print(a: 0, b: 0), count: 1024)
        private var count = 0

        /// Adds a key; false when it was there already.
        func insert(_ key: Print) -> Bool {
            if (count + 1) * 4 > slots.count * 3 { grow() }
            let k = Self.stored(key)
            let inserted = slots.withUnsafeMutableBufferPointer { slots -> Bool in
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: k.a) & mask
                while slots[i].a != 0 {
                    if slots[i] == k { return false }
                    i = (i + 1) & mask
                }
                slots[i] = k
                return true
            }
            if inserted { count += 1 }
            return inserted
        }

        func contains(_ key: Print) -> Bool {
            let k = Self.stored(key)
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var i = Int(truncatingIfNeeded: k.a) & mask
                while slots[i].a != 0 {
                    if slots[i] == k { return true }
                    i = (i + 1) & mask
                }
                return false
            }
        }

        private static func stored(_ key: Print) -> Print { key.a == 0 ? Print(a: 1, b: key.b) : key }

        private func grow() {
            let old = slots
            slots = Array(repeating: Print(a: 0, b: 0), count: old.count * 2)
            count = 0
            for k in old where k.a != 0 { _ = insert(k) }
        }
    }

    private var tables: [String: Table] = [:]

    /// Lets a table's keys go (no file left in the import writes it): at millions of rows they
    /// are most of a re-import's memory.
    func forget(_ name: String) { tables[name] = nil }

    func table(_ name: String) -> Table {
        if let t = tables[name] { return t }
        let t = Table()
        tables[name] = t
        return t
    }
}

/// Writes one kind's records by key: a new key inserts, a known key updates only the columns
/// the file carries and only when a value differs, recording before and after of what
/// changed; a key met twice in one import is reported. Statements are prepared once per file
/// and stepped by hand: at millions of rows, GRDB's argument boxing cost more than SQLite.
final class RecordUpsert {
    enum Outcome {
        case inserted
        case updated([Change])
        case unchanged
        /// The key was already written earlier in this import.
        case duplicate
        /// Not insertable (the file lacks what a new record needs) and not there to update.
        case absent
    }

    struct Change {
        var column: String
        var before: SQLValue
        var after: SQLValue
    }

    let table: String
    let columns: [String]
    let key: [String]
    /// Positions in `columns` of the columns an update writes (those the file carries).
    private let updated: [Int]
    private let keyPositions: [Int]
    private let insert: Statement
    private let select: Statement
    private let update: Statement?
    private let batch: Int64
    private let unchangedKeys: UnchangedKeys.Table
    /// The text each statement is bound to for the row being written (one buffer per statement).
    private let insertTexts = BoundTexts(), selectTexts = BoundTexts(), updateTexts = BoundTexts()
    /// Whether the last row written was there already: a file imported again finds every row,
    /// and then reading first spares the insert that would fail.
    private var lastExisted = false

    init(db: Database, table: String, columns: [String], key: [String], carried: Set<String>, batch: Int64,
         unchangedKeys: UnchangedKeys) throws {
        self.table = table
        self.columns = columns
        self.key = key
        self.batch = batch
        self.unchangedKeys = unchangedKeys.table(table)
        keyPositions = key.map { k in columns.firstIndex(of: k)! }
        updated = columns.indices.filter { carried.contains(columns[$0]) && !key.contains(columns[$0]) }
        let all = columns + ["import_batch"]
        let whereKey = key.map { "\($0) = ?" }.joined(separator: " AND ")
        insert = try db.makeStatement(sql: """
            INSERT INTO \(table) (\(all.joined(separator: ", "))) VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(\(key.joined(separator: ", "))) DO NOTHING
            """)
        let selected = updated.map { columns[$0] } + ["import_batch"]
        select = try db.makeStatement(sql: "SELECT \(selected.joined(separator: ", ")) FROM \(table) WHERE \(whereKey)")
        update = updated.isEmpty ? nil : try db.makeStatement(sql: """
            UPDATE \(table) SET \(updated.map { "\(columns[$0]) = ?" }.joined(separator: ", ")), import_batch = ? WHERE \(whereKey)
            """)
    }

    /// Writes one record; `fields` follow `columns`. When the record cannot be inserted (it
    /// is known to exist, or the file lacks what a new one needs) only an update is tried.
    func write(_ fields: [ImportWriter.Field], insertable: Bool = true) throws -> Outcome {
        if insertable && !lastExisted {
            if try insert(fields) { return .inserted }
            lastExisted = true
        }

        // The key may exist: what does the row hold now?
        let sel = select.sqliteStatement
        sqlite3_reset(sel)
        selectTexts.reserve(keyPositions.lazy.map { fields[$0].value })
        var i: Int32 = 1
        for p in keyPositions { selectTexts.bind(fields[p].value, to: sel, at: i); i += 1 }
        guard sqlite3_step(sel) == SQLITE_ROW else {
            sqlite3_reset(sel)
            lastExisted = false
            if !insertable { return .absent }
            if try insert(fields) { return .inserted }
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "\(table): a row that conflicted on insert cannot be read back", sql: select.sql)
        }
        lastExisted = true
        var changes: [Change] = []
        for (k, p) in updated.enumerated() {
            if Self.same(sel, Int32(k), fields[p].value) { continue }
            changes.append(Change(column: columns[p], before: Self.read(sel, Int32(k)), after: fields[p].value))
        }
        let lastBatch = sqlite3_column_int64(sel, Int32(updated.count))
        sqlite3_reset(sel)
        if lastBatch == batch { return .duplicate }
        if changes.isEmpty {
            // Left as it is; remembered so the same key given again is a duplicate.
            return unchangedKeys.insert(keyPrint(fields)) ? .unchanged : .duplicate
        }
        if unchangedKeys.contains(keyPrint(fields)) { return .duplicate }
        let up = update!.sqliteStatement
        sqlite3_reset(up)
        updateTexts.reserve((updated + keyPositions).lazy.map { fields[$0].value })
        i = 1
        for p in updated { updateTexts.bind(fields[p].value, to: up, at: i); i += 1 }
        sqlite3_bind_int64(up, i, batch)
        i += 1
        for p in keyPositions { updateTexts.bind(fields[p].value, to: up, at: i); i += 1 }
        try Self.step(up, update!)
        return .updated(changes)
    }

    /// Inserts the record unless its key exists; whether it did.
    private func insert(_ fields: [ImportWriter.Field]) throws -> Bool {
        let ins = insert.sqliteStatement
        sqlite3_reset(ins)
        insertTexts.reserve(fields.lazy.map(\.value))
        var i: Int32 = 1
        for f in fields { insertTexts.bind(f.value, to: ins, at: i); i += 1 }
        sqlite3_bind_int64(ins, i, batch)
        try Self.step(ins, insert)
        return sqlite3_changes(sqlite3_db_handle(ins)) > 0
    }

    /// The record's key as two independent 64-bit fingerprints.
    private func keyPrint(_ fields: [ImportWriter.Field]) -> UnchangedKeys.Print {
        var a: UInt64 = 0x243F_6A88_85A3_08D3, b: UInt64 = 0x1319_8A2E_0370_7344
        for p in keyPositions {
            let (x, y) = Self.prints(fields[p].value)
            a = Fingerprint.combine(a, x)
            b = Fingerprint.combine(b, y)
        }
        return UnchangedKeys.Print(a: a, b: b)
    }

    private static func prints(_ value: SQLValue) -> (UInt64, UInt64) {
        switch value {
        case .null: return (1, 1)
        case .int(let v): return (Fingerprint.mix(UInt64(bitPattern: v) ^ 2), Fingerprint.mix(UInt64(bitPattern: v) &* 0x9E37_79B9_7F4A_7C15 ^ 3))
        case .real(let v): return (Fingerprint.mix(v.bitPattern ^ 4), Fingerprint.mix(v.bitPattern &* 0x9E37_79B9_7F4A_7C15 ^ 5))
        case .text(var s):
            return s.withUTF8 { buf in
                let raw = UnsafeRawBufferPointer(buf)
                return (Fingerprint.of(raw), Fingerprint.of(raw, seed: 0xA409_3822_299F_31D0))
            }
        }
    }

    /// Whether the stored value of a selected column equals `value`: the bytes first, without
    /// making a string, then as before (SQLite gives back integers for whole reals in REAL
    /// columns; text equal as Swift compares it).
    static func same(_ statement: OpaquePointer, _ column: Int32, _ value: SQLValue) -> Bool {
        switch (sqlite3_column_type(statement, column), value) {
        case (SQLITE_NULL, .null): return true
        case (SQLITE_INTEGER, .int(let v)) where sqlite3_column_int64(statement, column) == v: return true
        case (SQLITE_TEXT, .text(var s)):
            if let text = sqlite3_column_text(statement, column) {
                let count = Int(sqlite3_column_bytes(statement, column))
                if s.withUTF8({ $0.count == count && (count == 0 || memcmp($0.baseAddress!, text, count) == 0) }) { return true }
            }
        default: break
        }
        switch (read(statement, column), value) {
        case let (.int(x), .real(y)), let (.real(y), .int(x)): return Double(x) == y
        case let (a, b): return a == b
        }
    }

    /// Steps a statement that returns no rows, turning a failure into GRDB's error.
    static func step(_ handle: OpaquePointer, _ statement: Statement) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(handle)))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
    }

    static func bind(_ value: SQLValue, to statement: OpaquePointer, at index: Int32) {
        switch value {
        case .null:
            sqlite3_bind_null(statement, index)
        case .int(let v):
            sqlite3_bind_int64(statement, index, v)
        case .real(let v):
            sqlite3_bind_double(statement, index, v)
        case .text(var s):
            s.withUTF8 { buf in
                _ = sqlite3_bind_text(statement, index, buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                      Int32(buf.count), transient)
            }
        }
    }

    static func read(_ statement: OpaquePointer, _ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .int(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(statement, column))
        default:
            guard let text = sqlite3_column_text(statement, column) else { return .null }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        }
    }

    /// SQLite copies the bytes before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// The text values of one row, copied into one buffer that stays put until the next row, and
/// bound from there without SQLite copying each value again (SQLITE_STATIC): at millions of
/// rows, SQLite's allocation, copy and free of every bound text showed in the profile.
/// Every parameter of the statement is bound again before each step, so a binding never
/// outlives the row it was made for.
final class BoundTexts {
    private var buffer: UnsafeMutableRawPointer
    private var capacity: Int
    private var used = 0

    init() {
        capacity = 1024
        buffer = .allocate(byteCount: capacity, alignment: 1)
    }

    deinit { buffer.deallocate() }

    /// Makes room for the texts among `values` (the row about to be bound), forgetting the last row's.
    func reserve<Values: Sequence>(_ values: Values) where Values.Element == SQLValue {
        used = 0
        var needed = 0
        for case .text(let s) in values { needed += s.utf8.count }
        guard needed > capacity else { return }
        buffer.deallocate()
        capacity = max(needed, capacity * 2)
        buffer = .allocate(byteCount: capacity, alignment: 1)
    }

    /// Binds `value`; a text must be among those `reserve` made room for.
    func bind(_ value: SQLValue, to statement: OpaquePointer, at index: Int32) {
        guard case .text(var s) = value else { return RecordUpsert.bind(value, to: statement, at: index) }
        let start = buffer + used
        let count = s.utf8.count
        precondition(used + count <= capacity, "a text bound without room reserved for it")
        s.withUTF8 { utf8 in
            if let base = utf8.baseAddress { start.copyMemory(from: base, byteCount: utf8.count) }
        }
        used += count
        _ = sqlite3_bind_text(statement, index, start.assumingMemoryBound(to: CChar.self), Int32(count), nil)
    }
}

/// JSON text written by hand for the audit log's before/after: small objects, built per
/// changed record, where an encoder per record would cost more than the write.
enum JSONText {
    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func object(_ pairs: [(String, SQLValue)]) -> String {
        "{" + pairs.map { "\(quoted($0.0)):\($0.1.json)" }.joined(separator: ",") + "}"
    }
}
