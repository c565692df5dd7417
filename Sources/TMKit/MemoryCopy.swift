import Foundation

extension MemoryWorkflows {
    /// Copies the units `filter` selects from `source` into `target` (any backends), streaming, in one
    /// transaction on the target: when reading or writing fails, nothing of the copy is stored. Units whose
    /// content the target already holds are counted as duplicates. Everything a unit carries travels: variants
    /// with their markup and inline codes, provenance, status, notes, props and attributes.
    /// - Complexity: O(units); memory bounded by a few hundred units (the source is read on its own thread
    ///   while the target writes).
    public static func copy(from source: any TranslationMemoryStore, to target: any TranslationMemoryStore,
                            filter: UnitFilter = UnitFilter()) throws -> AddResult {
        guard source !== target else { throw StoreError("cannot copy a memory onto itself") }
        let handoff = UnitHandoff()
        nonisolated(unsafe) let reader = source
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                try reader.forEachUnit(matching: filter) { try handoff.put($0.unit) }
                handoff.finish(nil)
            } catch {
                handoff.finish(error)
            }
            done.signal()
        }
        thread.start()
        do {
            let result = try target.add { try handoff.take() }
            done.wait()
            return result
        } catch {
            handoff.cancel()
            done.wait()
            throw error
        }
    }
}

/// A bounded queue of units from the thread reading a memory to the one writing another.
/// Sendable notes: every field is read and written only while holding `condition`.
private final class UnitHandoff: @unchecked Sendable {
    private struct Cancelled: Error {}
    private let condition = NSCondition()
    private var buffer: [TranslationUnit] = []
    private var head = 0
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let capacity = 256

    /// Waits for room, then queues `unit`; throws when the writer has given up.
    func put(_ unit: TranslationUnit) throws {
        condition.lock()
        defer { condition.unlock() }
        while buffer.count - head >= capacity && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        buffer.append(unit)
        condition.broadcast()
    }

    /// The reader is done; `error` is why it stopped early.
    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The writer gave up; the reader's next `put` throws.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next unit, nil at the end; rethrows the reader's error.
    func take() throws -> TranslationUnit? {
        condition.lock()
        defer { condition.unlock() }
        while head == buffer.count && !finished { condition.wait() }
        if head < buffer.count {
            let unit = buffer[head]
            head += 1
            if head >= capacity {
                buffer.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return unit
        }
        if let failure { throw failure }
        return nil
    }
}
