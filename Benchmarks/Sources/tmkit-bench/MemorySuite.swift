import Foundation
import TMKit
import TestSupport

/// Translation memory: TMX import (units/s, peak RSS), export (units/s), lookup latency (exact and fuzzy p50/p95)
/// on memories generated from the dev-set sentence pairs, at 10k and 100k units (1M with TMKIT_BENCH_FULL=1),
/// and translate-toolkit's matcher on the same 100k memory and queries when .build/tmkit-venv has it.
let memorySuite = BenchmarkSuite(name: "memory") {
    let pairs = try MemoryBenchData.pairs()
    print("  corpus: \(pairs.count) en-ru sentence pairs from the clean dev-set cases, varied to each size")
    var sizes = [10_000, 100_000]
    if ProcessInfo.processInfo.environment["TMKIT_BENCH_FULL"] == "1" { sizes.append(1_000_000) }
    if let only = ProcessInfo.processInfo.environment["TMKIT_BENCH_SIZES"] { sizes = only.split(separator: ",").compactMap { Int($0) } }
    let folder = FileManager.default.currentDirectoryPath + "/Benchmarks/.data/memory"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for size in sizes {
        print("  -- \(size) units")
        let tmx = folder + "/generated-\(size).tmx"
        if !FileManager.default.fileExists(atPath: tmx) { try MemoryBenchData.writeTMX(pairs: pairs, count: size, to: tmx) }
        let database = folder + "/memory-\(size).tmdb"
        // TMKIT_BENCH_REUSE=1 keeps an existing memory (to profile lookups without importing again).
        let reuse = ProcessInfo.processInfo.environment["TMKIT_BENCH_REUSE"] == "1" && FileManager.default.fileExists(atPath: database)
        if !reuse { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }

        resetPeakMemory()
        let store = try SQLiteStore(path: database)
        if !reuse {
            var report: MemoryWorkflows.ImportReport?
            let cpuStart = processCPUSeconds(), writerStart = threadCPUSeconds()
            let importSeconds = try measure { report = try MemoryWorkflows.importTMX(tmx, into: store) }
            let added = report?.result.added ?? 0
            // The store writes on the calling thread: its CPU time is the import's critical path on an idle machine.
            print("  import: \(added) units (\(report?.result.duplicates ?? 0) duplicates) in \(fmt(importSeconds, 2)) s = "
                  + "\(Int(Double(added) / importSeconds)) units/s, CPU \(fmt(processCPUSeconds() - cpuStart, 2)) s (all threads), "
                  + "writing thread \(fmt(threadCPUSeconds() - writerStart, 2)) s, peak RSS \(fmt(peakMemoryMB())) MB")
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: database)[.size] as? Int) ?? 0
        print("  database: \(fmt(Double(bytes) / 1e6)) MB")

        let exported = folder + "/exported-\(size).tmx"
        if !reuse || !FileManager.default.fileExists(atPath: exported) {
            var exportCount = 0
            let cpuStart = processCPUSeconds()
            let exportSeconds = try measure { exportCount = try MemoryWorkflows.exportTMX(from: store, to: exported) }
            print("  export: \(exportCount) units in \(fmt(exportSeconds, 2)) s = \(Int(Double(exportCount) / exportSeconds)) units/s, "
                  + "CPU \(fmt(processCPUSeconds() - cpuStart, 2)) s")
        }

        let queries = MemoryBenchData.queries(pairs: pairs, count: size, samples: 200)
        for (name, texts) in [("exact", queries.exact), ("fuzzy", queries.fuzzy)] {
            var latencies: [Double] = [], cpu: [Double] = []
            var found = 0
            for text in texts {
                var matches: [Match] = []
                let cpuStart = threadCPUSeconds()
                latencies.append(try measure { matches = try store.search(SearchQuery(text: text, source: .en, target: .ru, minimum: 70, limit: 5)) } * 1000)
                cpu.append((threadCPUSeconds() - cpuStart) * 1000)
                if !matches.isEmpty { found += 1 }
            }
            latencies.sort()
            cpu.sort()
            print("  search \(name): \(texts.count) queries, \(found) with a match, wall p50 \(fmt(percentile(latencies, 0.5), 2)) ms, "
                  + "p95 \(fmt(percentile(latencies, 0.95), 2)) ms; CPU p50 \(fmt(percentile(cpu, 0.5), 2)) ms, p95 \(fmt(percentile(cpu, 0.95), 2)) ms")
        }
        var concordance: [Double] = []
        for word in ["president", "minister", "government", "council", "economy"] {
            concordance.append(try measure { _ = try store.concordance(ConcordanceQuery(text: word, language: .en)) } * 1000)
        }
        concordance.sort()
        print("  concordance (5 common words, first page): p50 \(fmt(percentile(concordance, 0.5), 2)) ms, max \(fmt(concordance.last ?? 0, 2)) ms")

        if size == 100_000 && ProcessInfo.processInfo.environment["TMKIT_BENCH_SKIP_TT"] != "1" { try translateToolkitComparison(tmx: exported, queries: Array(queries.fuzzy.prefix(20)), ours: store) }
    }
}

/// CPU time of the calling thread (unaffected by other processes competing for the cores), in seconds.
private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// CPU time (user + system) of the whole process, every thread, in seconds.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let seconds = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

private func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
}

/// translate-toolkit's `translate.search.match.matcher` on the same memory and queries, as a latency ratio.
private func translateToolkitComparison(tmx: String, queries: [String], ours store: SQLiteStore) throws {
    let python = FileManager.default.currentDirectoryPath + "/.build/tmkit-venv/bin/python3"
    guard FileManager.default.isExecutableFile(atPath: python) else {
        print("  translate-toolkit: not installed (scripts/test.sh installs it in .build/tmkit-venv); comparison not run")
        return
    }
    var ours: [Double] = []
    for text in queries {
        ours.append(try measure { _ = try store.search(SearchQuery(text: text, source: .en, target: .ru, minimum: 70, limit: 5)) } * 1000)
    }
    let queryFile = tmx + ".queries.json"
    try JSONSerialization.data(withJSONObject: queries).write(to: URL(fileURLWithPath: queryFile))
    let script = """
        import json, sys, time
        from translate.storage import tmx
        from translate.search import match
        with open(sys.argv[1], 'rb') as f:
            store = tmx.tmxfile.parsestring(f.read())
        start = time.perf_counter()
        # max_candidates=1: with more, translate-toolkit 3.x compares units on equal similarities and raises TypeError.
        matcher = match.matcher(store, max_candidates=1, min_similarity=70, max_length=1000)
        build = time.perf_counter() - start
        times, found = [], 0
        for q in json.load(open(sys.argv[2])):
            t = time.perf_counter()
            if matcher.matches(q): found += 1
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        print(json.dumps({"build": build, "p50": times[len(times) // 2], "p95": times[min(len(times) - 1, int(len(times) * 0.95))], "found": found}))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, tmx, queryFile]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let result = try? JSONSerialization.jsonObject(with: data) as? [String: Double],
          let p50 = result["p50"], let p95 = result["p95"] else {
        print("  translate-toolkit: the comparison script failed")
        return
    }
    ours.sort()
    let oursP50 = percentile(ours, 0.5), oursP95 = percentile(ours, 0.95)
    print("  translate-toolkit matcher, same 100k memory, \(queries.count) fuzzy queries (found \(Int(result["found"] ?? 0))): "
          + "index build \(fmt(result["build"] ?? 0, 1)) s, p50 \(fmt(p50, 1)) ms, p95 \(fmt(p95, 1)) ms; "
          + "tmkit p50 \(fmt(oursP50, 2)) ms, p95 \(fmt(oursP95, 2)) ms; ratio p50 \(fmt(p50 / max(oursP50, 0.001), 0))×")
}

/// The benchmark memory: real en-ru sentence pairs, varied deterministically to any size.
enum MemoryBenchData {
    /// 1-1 gold pairs of the clean en→ru cases (NTREX, WMT22).
    static func pairs() throws -> [(en: String, ru: String)] {
        var out: [(String, String)] = []
        for file in ["ntrex-en-ru.jsonl", "wmt22-en-ru.jsonl"] {
            let text = try String(contentsOfFile: testdata + "/align/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["variant"] as? String == "clean",
                      let src = object["src"] as? [String], let tgt = object["tgt"] as? [String],
                      let gold = object["gold"] as? [[[Int]]] else { continue }
                for bead in gold where bead.count == 2 && bead[0].count == 1 && bead[1].count == 1 {
                    let s = bead[0][0], t = bead[1][0]
                    if src.indices.contains(s), tgt.indices.contains(t) { out.append((src[s], tgt[t])) }
                }
            }
        }
        return out
    }

    /// Unit `k`: pair `k mod n`; from the second round on, one word replaced by a word of another sentence and
    /// the round number put in front, so the memory is full of near and fuzzy neighbours, as real ones are.
    static func unit(_ k: Int, pairs: [(en: String, ru: String)]) -> (en: String, ru: String) {
        let pair = pairs[k % pairs.count]
        let round = k / pairs.count
        guard round > 0 else { return pair }
        var words = pair.en.split(separator: " ").map(String.init)
        let donor = pairs[(k * 7919 + round) % pairs.count].en.split(separator: " ")
        if !words.isEmpty, !donor.isEmpty { words[(round * 31) % words.count] = String(donor[(round * 17) % donor.count]) }
        return ("\(round): " + words.joined(separator: " "), "\(round): " + pair.ru)
    }

    static func writeTMX(pairs: [(en: String, ru: String)], count: Int, to path: String) throws {
        let writer = try TMXWriter(path: path, sourceLanguage: .en, toolVersion: "bench")
        let base = Date(timeIntervalSince1970: 1_330_560_000)  // 2012-03-01
        for k in 0..<count {
            let (en, ru) = unit(k, pairs: pairs)
            let stamp = Stamp(date: base.addingTimeInterval(Double(k) * 60), user: "bench")
            try writer.write(TranslationUnit(id: String(k), variants: [Variant(.en, en), Variant(.ru, ru)],
                                             provenance: Provenance(created: stamp)))
        }
        try writer.finish()
    }

    /// Exact queries (units of the memory) and fuzzy ones (a unit's English with one word dropped and one added).
    static func queries(pairs: [(en: String, ru: String)], count: Int, samples: Int) -> (exact: [String], fuzzy: [String]) {
        var generator = SeededGenerator(seed: 42)
        var exact: [String] = [], fuzzy: [String] = []
        for _ in 0..<samples {
            let k = Int(generator.next() % UInt64(count))
            let en = unit(k, pairs: pairs).en
            exact.append(en)
            var words = en.split(separator: " ").map(String.init)
            if words.count > 4 {
                words.remove(at: Int(generator.next() % UInt64(words.count)))
                words.insert("reportedly", at: Int(generator.next() % UInt64(words.count)))
            }
            fuzzy.append(words.joined(separator: " "))
        }
        return (exact, fuzzy)
    }
}
