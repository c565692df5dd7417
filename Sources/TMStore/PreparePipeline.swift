import Foundation
import TMCore

/// Reading, preparing and writing units on separate threads, in input order: `next` is called on a reading
/// thread (which only parses), batches of units are prepared (keys, hashes, JSON: `PreparedUnit`) by a few
/// worker threads, and `write` receives the prepared batches on the calling thread in the order they were
/// read. Parsing, preparing and the database's inserts overlap; memory stays bounded by `depth` batches in
/// flight (read and not yet written).
enum PreparePipeline {
    /// Units per batch handed from thread to thread.
    static let batchSize = 256
    /// Batches that may be in flight (read, being prepared, or prepared and waiting) before the reader pauses.
    static let depth = 12
    /// Threads preparing batches: one per core (the reader and the writer wait on them often enough).
    static var workerCount: Int { max(1, min(4, ProcessInfo.processInfo.activeProcessorCount)) }

    /// Calls `write` with each prepared batch of the units `next` yields, until `next` returns nil.
    /// An error thrown by `next` reaches the caller after the batches read before it were written; an error
    /// thrown by `write` stops the reader and the workers. `next` is called on another thread, never
    /// concurrently with itself.
    static func run(reading next: () throws -> TranslationUnit?,
                    write: ([PreparedUnit]) throws -> Void) throws {
        try withoutActuallyEscaping(next) { next in
            let channel = Channel()
            let reader = Reader(next)
            let workers = workerCount
            let done = DispatchGroup()
            done.enter()
            Thread.detachNewThread {
                lowerPriority()
                reader.produce(into: channel)
                done.leave()
            }
            for _ in 0..<workers {
                done.enter()
                Thread.detachNewThread {
                    lowerPriority()
                    channel.prepareBatches()
                    done.leave()
                }
            }
            // Every thread must have stopped, and the reader dropped `next`, before `next` stops being valid
            // (the end of this closure).
            defer {
                channel.cancel()
                done.wait()
            }
            while let batch = try channel.take() { try write(batch) }
        }
    }

    /// How much nicer than the writing thread the reading and preparing threads are. The writer is the
    /// critical path of an import (SQLite's inserts and the word index cannot be split); with equal priorities
    /// the three helpers, runnable at once on two cores, preempted it for about a third of its running time.
    static let helperNiceness: Int32 = 5

    /// Makes the calling thread `helperNiceness` nicer (Linux keeps a nice value per thread; `who` 0 is the
    /// calling thread). Failing to is harmless.
    private static func lowerPriority() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, getpriority(which, 0) + helperNiceness)
    }

    /// `next`, carried to the reading thread. Sendable by construction of `run`: only the reading thread calls
    /// it, and `run` waits for that thread to drop it before returning.
    private final class Reader: @unchecked Sendable {
        private var next: (() throws -> TranslationUnit?)?

        init(_ next: @escaping () throws -> TranslationUnit?) { self.next = next }

        /// Reads every unit into `channel` in batches, then drops `next`.
        func produce(into channel: Channel) {
            defer { next = nil }
            guard let next else { return }
            do {
                var batch: [TranslationUnit] = []
                batch.reserveCapacity(batchSize)
                while let unit = try next() {
                    batch.append(unit)
                    if batch.count == batchSize {
                        guard channel.put(batch) else { return }
                        batch = []
                        batch.reserveCapacity(batchSize)
                    }
                }
                if !batch.isEmpty, !channel.put(batch) { return }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
    }

    /// The queues between the threads: batches read and waiting for a worker, batches prepared and waiting for
    /// the writer (by sequence number, so they are written in reading order).
    fileprivate final class Channel: @unchecked Sendable {
        // Every stored property is read and written only with `condition` locked.
        private let condition = NSCondition()
        private var read: [(sequence: Int, units: [TranslationUnit])] = []
        private var prepared: [Int: [PreparedUnit]] = [:]
        /// Sequence numbers: of the next batch read, and of the next one the writer takes.
        private var nextRead = 0
        private var nextWritten = 0
        private var finished = false
        private var failure: (any Error)?
        private var cancelled = false

        /// Queues a batch read, waiting while `depth` batches are in flight; false when the writer has stopped.
        func put(_ units: [TranslationUnit]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while nextRead - nextWritten >= PreparePipeline.depth && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            read.append((nextRead, units))
            nextRead += 1
            condition.broadcast()
            return true
        }

        /// The reader's end: no more batches, and the error it stopped on, if any.
        func finish(_ error: (any Error)?) {
            condition.lock()
            finished = true
            failure = error
            condition.broadcast()
            condition.unlock()
        }

        /// A worker's loop: prepares read batches until the reading is over (or cancelled) and nothing is left.
        func prepareBatches() {
            while let (sequence, units) = takeRead() {
                let batch = units.map(PreparedUnit.init)
                condition.lock()
                if !cancelled { prepared[sequence] = batch }
                condition.broadcast()
                condition.unlock()
            }
        }

        private func takeRead() -> (Int, [TranslationUnit])? {
            condition.lock()
            defer { condition.unlock() }
            while read.isEmpty && !finished && !cancelled { condition.wait() }
            guard !cancelled, !read.isEmpty else { return nil }
            return read.removeFirst()
        }

        /// The next prepared batch in reading order; nil at the end; throws the reader's error once the batches
        /// read before it are taken.
        func take() throws -> [PreparedUnit]? {
            condition.lock()
            defer { condition.unlock() }
            while true {
                if let batch = prepared.removeValue(forKey: nextWritten) {
                    nextWritten += 1
                    condition.broadcast()
                    return batch
                }
                if finished && nextWritten == nextRead {
                    if let failure { throw failure }
                    return nil
                }
                condition.wait()
            }
        }

        /// The writer's end: the reader and the workers stop at their next batch.
        func cancel() {
            condition.lock()
            cancelled = true
            read.removeAll()
            prepared.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }
}
