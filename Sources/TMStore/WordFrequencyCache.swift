import Foundation

/// Capped document frequencies of words (at most `SearchPlan.frequencyCap`, 0 for a word the memory does not
/// hold; PostgreSQL reads them from `word_frequency`, SQLite counts them in its word index), kept between the
/// fuzzy lookups of every store of one memory (a database URL, a SQLite file) in this process, so most lookups
/// skip reading them.
///
/// The frequencies only choose which query words find fuzzy candidates (`SearchPlan.fuzzyWords`); the
/// candidates are always read, scored and ranked from the current rows. Staleness: every add or delete through a
/// store of the same memory in this process empties the cache (so `tmkit serve`'s writes, made through a
/// store of their own, are seen at once); writes by other processes are seen once the cache is refilled, at most
/// `lifetime` later. Until then a lookup may choose other words than a fresh count would, and so propose other
/// candidates than it would with fresh counts. The cache holds at most `capacity` words; when full, or
/// `lifetime` after it was last emptied, it starts again empty.
///
/// Sendable notes: `counts`, `emptied` and `generation` are read and written only while holding `lock`.
final class WordFrequencyCache: @unchecked Sendable {
    /// The most words kept.
    static let capacity = 200_000
    /// How long counts are kept before they are read again.
    static let lifetime: TimeInterval = 30

    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private var emptied = Date()
    /// How many times the cache was emptied.
    private var generation = 0

    /// The cache shared by the stores of one memory (`url`: its database URL, or `sqlite:` and its file's path).
    static func shared(for url: String) -> WordFrequencyCache {
        registryLock.withLock {
            if let cache = registry[url] { return cache }
            let cache = WordFrequencyCache()
            registry[url] = cache
            return cache
        }
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registry: [String: WordFrequencyCache] = [:]

    /// The counts of `words` that the memory holds: the cached ones, and for the others what `read` returns
    /// (recorded for later lookups unless a write emptied the cache meanwhile).
    func frequencies(of words: [String], read: ([String]) throws -> [String: Int]) rethrows -> [String: Int] {
        let cached = counts(of: words)
        var frequency = cached.known.filter { $0.value > 0 }
        guard !cached.missing.isEmpty else { return frequency }
        let fresh = try read(cached.missing)
        record(fresh, for: cached.missing, generation: cached.generation)
        frequency.merge(fresh.filter { $0.value > 0 }) { $1 }
        return frequency
    }

    /// The cached counts of `words` (0: not in the memory), the words not cached, and the cache's generation
    /// to hand to `record` with the counts read for the missing words.
    private func counts(of words: [String]) -> (known: [String: Int], missing: [String], generation: Int) {
        lock.withLock {
            if Date().timeIntervalSince(emptied) > WordFrequencyCache.lifetime { empty() }
            var known: [String: Int] = [:], missing: [String] = []
            for word in words {
                if let count = counts[word] { known[word] = count } else { missing.append(word) }
            }
            return (known, missing, generation)
        }
    }

    /// Records the counts read for `words` (a word without a count is recorded as 0), unless the cache was
    /// emptied since `counts(of:)` gave `generation`: the counts may then predate a write.
    private func record(_ read: [String: Int], for words: [String], generation asked: Int) {
        lock.withLock {
            guard asked == generation else { return }
            if counts.count + words.count > WordFrequencyCache.capacity { empty() }
            for word in words { counts[word] = read[word] ?? 0 }
        }
    }

    /// Forgets every count (a write changed them).
    func invalidate() {
        lock.withLock { empty() }
    }

    private func empty() {
        counts.removeAll(keepingCapacity: true)
        emptied = Date()
        generation += 1
    }
}
