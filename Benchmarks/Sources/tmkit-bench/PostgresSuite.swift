import Foundation
import TMKit

/// PostgreSQL beside SQLite on the same generated memory (the memory suite's corpus): TMX import (units/s) and
/// exact/fuzzy lookup latency (p50/p95/p99) on both, and how many queries give identical matches. 100k units
/// (1M with TMKIT_BENCH_FULL=1). Needs TMKIT_BENCH_POSTGRES_URL naming an EMPTY database (`make bench` starts a
/// throwaway server); the units it adds are deleted at the end.
let postgresSuite = BenchmarkSuite(name: "postgres") {
    guard let url = ProcessInfo.processInfo.environment["TMKIT_BENCH_POSTGRES_URL"], !url.isEmpty else {
        print("  not run: set TMKIT_BENCH_POSTGRES_URL to an empty database (make bench starts a throwaway server)")
        return
    }
    let postgres = try PostgresStore(url: url)
    guard try postgres.statistics().units == 0 else {
        print("  not run: \(postgres.location) is not empty; the benchmark needs an empty database")
        return
    }
    defer { _ = try? postgres.delete(matching: UnitFilter()) }
    let pairs = try MemoryBenchData.pairs()
    let size = ProcessInfo.processInfo.environment["TMKIT_BENCH_FULL"] == "1" ? 1_000_000 : 100_000
    let folder = FileManager.default.currentDirectoryPath + "/Benchmarks/.data/memory"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let tmx = folder + "/generated-\(size).tmx"
    if !FileManager.default.fileExists(atPath: tmx) { try MemoryBenchData.writeTMX(pairs: pairs, count: size, to: tmx) }
    let database = folder + "/postgres-side-\(size).tmdb"
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
    let sqlite = try SQLiteStore(path: database)
    print("  -- \(size) units, PostgreSQL at \(postgres.location) beside SQLite")

    let stores: [(name: String, store: any TranslationMemoryStore)] = [("PostgreSQL", postgres), ("SQLite", sqlite)]
    for (name, store) in stores {
        var report: MemoryWorkflows.ImportReport?
        let seconds = try measure { report = try MemoryWorkflows.importTMX(tmx, into: store) }
        let added = report?.result.added ?? 0
        print("  import \(name): \(added) units in \(fmt(seconds, 2)) s = \(Int(Double(added) / seconds)) units/s")
    }
    let queries = MemoryBenchData.queries(pairs: pairs, count: size, samples: 200)
    for (kind, texts) in [("exact", queries.exact), ("fuzzy", queries.fuzzy)] {
        var results: [String: [[Match]]] = [:]
        for (name, store) in stores {
            var latencies: [Double] = []
            var found = 0
            for text in texts {
                var matches: [Match] = []
                latencies.append(try measure { matches = try store.search(SearchQuery(text: text, source: .en, target: .ru, minimum: 70, limit: 5)) } * 1000)
                if !matches.isEmpty { found += 1 }
                results[name, default: []].append(matches)
            }
            latencies.sort()
            print("  search \(kind) \(name): \(texts.count) queries, \(found) with a match, p50 \(fmt(percentile(latencies, 0.5), 2)) ms, "
                  + "p95 \(fmt(percentile(latencies, 0.95), 2)) ms, p99 \(fmt(percentile(latencies, 0.99), 2)) ms")
        }
        let shown = { (matches: [Match]) in matches.map { "\($0.score) \($0.kind) \($0.source.segment.markup) → \($0.target.segment.markup)" } }
        let same = zip(results["PostgreSQL"] ?? [], results["SQLite"] ?? []).filter { shown($0) == shown($1) }.count
        print("  search \(kind): \(same) of \(texts.count) queries give the same matches and percentages on both backends")
    }
}

/// The value at fraction `p` of sorted figures (nearest rank), as the memory suite computes it.
private func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}
