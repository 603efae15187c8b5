import FolioDomain

/// A data row as far as it can be read without the database, on the reading thread: its
/// values read and checked against the header, the references it makes as written (an
/// account, a user) and the record's fields laid out for its table with those references in
/// place. The importing thread resolves the references and writes; a reference that
/// resolves to another id replaces the one written.
struct PreparedRow: Sendable {
    /// The account the row names, as written (an NPS answer's contact is its `id`).
    var account: String?
    /// The user the row names (an activity's author), as written.
    var user: String?
    /// The login `user` names among the users known when the file began (users change only
    /// while a users file is read); nil: the importing thread looks it up, and reports.
    var knownUser: String?
    /// The record's own key or date (a case id, a contact id; a usage week, a payment's day),
    /// as written.
    var id: String?
    var day: Day?
    /// External keys the record gives itself (a contact's `keys`), checked on the importing thread.
    var keys: [String] = []
    /// The record's fields, in the order its writer stores them.
    var fields: [ImportWriter.Field]
}

/// Prepares one kind's rows on the reading thread, for files whose rows read the same there
/// as on the importing thread: nothing may decide, while the row is read, whether it makes a
/// new record (no required column the file lacks, no mapping defaults), and a date that needs
/// the account's time zone (a date-time, or a mapping's pattern) sends its row the usual way.
struct RowPreparer: @unchecked Sendable {
    // Unchecked: the header is not changed after it is made, and only read here.
    let header: ImportHeader
    let file: String
    let read: (inout ImportRow) -> PreparedRow?
    /// The users known when the file began (a copy: the importing thread's changes do not reach it).
    let users: RecordLinker.Index?

    init?(kind: ImportKind, header: ImportHeader, file: String, users: RecordLinker.Index? = nil) {
        guard header.missingForNew.isEmpty, header.defaults.isEmpty, let read = ImportWriter.preparation(of: kind) else { return nil }
        self.header = header
        self.file = file
        self.read = read
        self.users = users
    }

    /// The prepared row, or nil when the importing thread must read it (with every problem it
    /// has). A row with nothing but its first field could be a report's footer: it too goes
    /// the usual way, so a prepared row is never one (`ReportTrailer`).
    func prepare(_ record: CSVRecord) -> PreparedRow? {
        guard record.count == header.fieldCount, !(1..<record.count).allSatisfy(record.isEmpty),
              header.filterOut(record) == nil else { return nil }
        var row = ImportRow(header: header, record: record, file: file)
        guard var prepared = read(&row), row.problems.isEmpty else { return nil }
        if let user = prepared.user, let users, case .found(let login) = users.find(user) { prepared.knownUser = login }
        return prepared
    }
}
