import Foundation
import TMCore

/// Reading and preparing units on one thread while the caller writes them on another: `next` is called (and
/// each unit prepared: keys, hashes, JSON) on a helper thread, batches of `PreparedUnit`s wait in a small
/// bounded queue, and `write` receives them on the calling thread, in input order. On two cores parsing and
/// matching keys overlap with the database's inserts; memory stays bounded by `depth` batches.
enum PreparePipeline {
    /// Units per batch handed from the reading thread to the writing one.
    static let batchSize = 256
    /// Batches that may wait prepared before the reader pauses.
    static let depth = 8

    /// Calls `write` with each prepared batch of the units `next` yields, until `next` returns nil.
    /// An error thrown by `next` reaches the caller after the batches read before it were written; an error
    /// thrown by `write` stops the reader. `next` is called on another thread, never concurrently with itself.
    static func run(reading next: () throws -> TranslationUnit?,
                    write: ([PreparedUnit]) throws -> Void) throws {
        try withoutActuallyEscaping(next) { next in
            let channel = Channel()
            let reader = Reader(next)
            let done = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                reader.produce(into: channel)
                done.signal()
            }
            // The reader must have stopped and dropped `next` before `next` stops being valid (the end of
            // this closure).
            defer {
                channel.cancel()
                done.wait()
            }
            while let batch = try channel.take() { try write(batch) }
        }
    }

    /// `next`, carried to the reading thread. Sendable by construction of `run`: only the reading thread calls
    /// it, and `run` waits for that thread to drop it before returning.
    private final class Reader: @unchecked Sendable {
        private var next: (() throws -> TranslationUnit?)?

        init(_ next: @escaping () throws -> TranslationUnit?) { self.next = next }

        /// Reads and prepares every unit into `channel`, then drops `next`.
        func produce(into channel: Channel) {
            defer { next = nil }
            guard let next else { return }
            do {
                var batch: [PreparedUnit] = []
                batch.reserveCapacity(batchSize)
                while let unit = try next() {
                    batch.append(PreparedUnit(unit))
                    if batch.count == batchSize {
                        guard channel.put(batch) else { return }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if !batch.isEmpty, !channel.put(batch) { return }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
    }

    /// The bounded queue between the two threads.
    fileprivate final class Channel: @unchecked Sendable {
        // Every stored property is read and written only with `condition` locked.
        private let condition = NSCondition()
        private var batches: [[PreparedUnit]] = []
        private var finished = false
        private var failure: (any Error)?
        private var cancelled = false

        /// Queues a batch, waiting while the queue is full; false when the writer has stopped.
        func put(_ batch: [PreparedUnit]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while batches.count >= PreparePipeline.depth && !cancelled { condition.wait() }
            guard !cancelled else { return false }
            batches.append(batch)
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

        /// The next batch; nil at the end; throws the reader's error once the batches before it are taken.
        func take() throws -> [PreparedUnit]? {
            condition.lock()
            defer { condition.unlock() }
            while batches.isEmpty && !finished { condition.wait() }
            if !batches.isEmpty {
                condition.broadcast()
                return batches.removeFirst()
            }
            if let failure { throw failure }
            return nil
        }

        /// The writer's end: the reader stops at its next batch.
        func cancel() {
            condition.lock()
            cancelled = true
            batches.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }
}
