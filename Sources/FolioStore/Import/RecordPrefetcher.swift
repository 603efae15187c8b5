import Foundation

/// Reads a file's records on a second thread while the importing thread checks and writes
/// them: parsing and SQLite each keep one core busy. The queue between them is short, so
/// memory stays flat whatever the file's size; records and a read problem arrive in file order.
final class RecordPrefetcher: @unchecked Sendable {
    static let batchSize = 2048
    static let maxQueuedBatches = 8

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queued: [[CSVRecord]] = []
    private var finished = false
    private var failure: ImportProblem?
    private var cancelled = false
    // Owned by the consuming thread.
    private var current: [CSVRecord] = []
    private var position = 0

    private struct ReaderBox: @unchecked Sendable { let reader: CSVRecordReader }

    init(_ reader: CSVRecordReader) {
        let box = ReaderBox(reader: reader)
        let thread = Thread { [self] in self.produce(box.reader) }
        thread.name = "folio-csv-reader"
        thread.start()
    }

    /// The next record, or nil at the end; throws where the file could not be read further.
    func next() throws(ImportProblem) -> CSVRecord? {
        while position >= current.count {
            condition.lock()
            while queued.isEmpty && !finished { condition.wait() }
            if queued.isEmpty {
                let failure = self.failure
                self.failure = nil
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            current = queued.removeFirst()
            position = 0
            condition.broadcast()
            condition.unlock()
        }
        position += 1
        return current[position - 1]
    }

    /// Stops the reading thread (the import stopped early); safe to call more than once.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce(_ reader: CSVRecordReader) {
        var batch: [CSVRecord] = []
        batch.reserveCapacity(Self.batchSize)
        var problem: ImportProblem?
        while true {
            do {
                guard let record = try reader.next() else { break }
                batch.append(record)
                if batch.count == Self.batchSize {
                    guard push(batch) else { return }
                    batch.removeAll(keepingCapacity: true)
                }
            } catch {
                problem = error
                break
            }
        }
        condition.lock()
        if !batch.isEmpty { queued.append(batch) }
        failure = problem
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false when cancelled.
    private func push(_ batch: [CSVRecord]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queued.count >= Self.maxQueuedBatches && !cancelled { condition.wait() }
        if cancelled { return false }
        queued.append(batch)
        condition.broadcast()
        return true
    }
}
