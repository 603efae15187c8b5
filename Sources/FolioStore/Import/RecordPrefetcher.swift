import Foundation

/// Reads a file on a second thread while the importing thread checks and writes what was
/// read: parsing and SQLite each keep one core busy. The queue between them is short, so
/// memory stays flat whatever the file's size; items and a read problem arrive in file order.
final class Prefetcher<Item: Sendable>: @unchecked Sendable {
    static var maxQueued: Int { 4 }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queued: [Item] = []
    private var finished = false
    private var failure: ImportProblem?
    private var cancelled = false
    /// Items the importing thread is done with, freed on the reading thread (`recycle`).
    private var spent: [Item] = []

    /// Starts reading: `produce` is called on the reading thread until it returns nil or throws.
    init(_ produce: @escaping @Sendable () throws(ImportProblem) -> Item?) {
        let thread = Thread { [self] in self.run(produce) }
        thread.name = "folio-import-reader"
        thread.start()
    }

    /// The next item, or nil at the end; throws where the file could not be read further.
    func next() throws(ImportProblem) -> Item? {
        condition.lock()
        while queued.isEmpty && !finished { condition.wait() }
        if queued.isEmpty {
            let failure = self.failure
            self.failure = nil
            condition.unlock()
            if let failure { throw failure }
            return nil
        }
        let item = queued.removeFirst()
        condition.broadcast()
        condition.unlock()
        return item
    }

    /// Hands back an item the importing thread is done with: the reading thread, which made
    /// its memory, frees it, so the importing thread neither pays for that nor takes the
    /// allocator's lock of the other thread's arena.
    func recycle(_ item: Item) {
        condition.lock()
        spent.append(item)
        condition.unlock()
    }

    /// Stops the reading thread (the import stopped early); safe to call more than once.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func run(_ produce: () throws(ImportProblem) -> Item?) {
        var problem: ImportProblem?
        while true {
            do {
                guard let item = try produce() else { break }
                guard push(item) else { return }
            } catch {
                problem = error
                break
            }
        }
        condition.lock()
        failure = problem
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues an item, waiting while the queue is full; false when cancelled.
    private func push(_ item: Item) -> Bool {
        var done: [Item] = []
        // Freed after the lock is let go.
        defer { withExtendedLifetime(done) {} }
        condition.lock()
        defer { condition.unlock() }
        while queued.count >= Self.maxQueued && !cancelled { condition.wait() }
        swap(&done, &spent)
        if cancelled { return false }
        queued.append(item)
        condition.broadcast()
        return true
    }
}

/// A file's records one at a time, parsed (strings made) on the reading thread and, when a
/// `RowPreparer` is given, read against the header and checked there too: the importing
/// thread, which also runs SQLite, then only resolves references and writes.
final class RecordPrefetcher {
    private struct Chunk: Sendable {
        var records: [CSVRecord]
        var prepared: [PreparedRow?]
        var bytesRead: Int64
    }

    private let prefetcher: Prefetcher<Chunk>
    private var current: [CSVRecord] = []
    private var currentPrepared: [PreparedRow?] = []
    private var position = 0
    /// Raw bytes of the file read up to the records handed out so far.
    private(set) var bytesRead: Int64 = 0

    /// Touched only by the reading thread once reading starts.
    private final class ReaderBox: @unchecked Sendable {
        let reader: CSVRecordReader
        /// Records read and not yet handed on.
        var pending: ArraySlice<CSVRecord>

        init(reader: CSVRecordReader, first: [CSVRecord]) {
            self.reader = reader
            pending = first[...]
        }
    }

    /// Prepared rows take several times the bytes of their text: they are handed on a few
    /// thousand at a time, so the few chunks queued stay small.
    static var preparedChunk: Int { 4096 }

    /// `first`: records the caller already read (after the header), handed on first.
    init(_ reader: CSVRecordReader, first: [CSVRecord] = [], prepare: RowPreparer? = nil) {
        let box = ReaderBox(reader: reader, first: first)
        prefetcher = Prefetcher { () throws(ImportProblem) -> Chunk? in
            while box.pending.isEmpty {
                guard let batch = try box.reader.nextBatch() else { return nil }
                box.pending = batch.records[...]
            }
            guard let prepare else {
                defer { box.pending = [] }
                return Chunk(records: Array(box.pending), prepared: [], bytesRead: box.reader.bytesRead)
            }
            let records = Array(box.pending.prefix(Self.preparedChunk))
            box.pending = box.pending.dropFirst(records.count)
            return Chunk(records: records, prepared: records.map { prepare.prepare($0) }, bytesRead: box.reader.bytesRead)
        }
    }

    func next() throws(ImportProblem) -> CSVRecord? {
        while position >= current.count {
            guard let chunk = try prefetcher.next() else { return nil }
            if !current.isEmpty {
                prefetcher.recycle(Chunk(records: current, prepared: currentPrepared, bytesRead: bytesRead))
            }
            current = chunk.records
            currentPrepared = chunk.prepared
            bytesRead = chunk.bytesRead
            position = 0
        }
        position += 1
        return current[position - 1]
    }

    /// What the reading thread made of the record `next` returned last; nil when the writer
    /// must read it itself (no preparer, or the row has a problem or needs the database).
    var prepared: PreparedRow? {
        position - 1 < currentPrepared.count ? currentPrepared[position - 1] : nil
    }

    func cancel() { prefetcher.cancel() }
}
