import Foundation
import TMKit

/// Text layer: matching key, transliteration (tmkit vs ICU's own `uconv`), sentence segmentation (throughput and
/// peak memory on the NTREX texts repeated to ~50 MB), and the segmentation quality figures on the dev sets.
/// Throughput is printed per wall-clock second and per CPU second (getrusage): on a shared machine the CPU figure
/// is the steadier one. TMKIT_BENCH_MB sets the input size, TMKIT_BENCH_PARTS the parts to run.
let textSuite = BenchmarkSuite(name: "text") {
    let environment = ProcessInfo.processInfo.environment
    let targetBytes = Int((environment["TMKIT_BENCH_MB"].flatMap(Double.init) ?? 50) * 1_000_000)
    // TMKIT_BENCH_PARTS=key,translit,translit-icu,segment,quality runs only those parts (all by default).
    let parts = Set((environment["TMKIT_BENCH_PARTS"] ?? "key,translit,translit-icu,segment,quality").split(separator: ",").map(String.init))

    // Matching key: unit by unit, as a memory import computes it.
    for language in [Language.ru, .en] where parts.contains("key") {
        let units = repeated(try DevSets.ntrexUnits(language: language), toBytes: targetBytes)
        let megabytes = Double(units.reduce(0) { $0 + $1.utf8.count }) / 1e6
        resetPeakMemory()
        var total = 0
        let cpuBefore = cpuSeconds(RUSAGE_SELF)
        let seconds = measure { for unit in units { total &+= MatchingKey.make(unit, language: language).utf8.count } }
        let cpu = cpuSeconds(RUSAGE_SELF) - cpuBefore
        print("  matching key (\(language)): \(units.count) units, \(fmt(megabytes)) MB, wall \(fmt(seconds, 2)) s = "
              + "\(fmt(megabytes / seconds)) MB/s (\(fmt(Double(units.count) / seconds / 1e3, 0))k units/s), CPU \(fmt(cpu, 2)) s = "
              + "\(fmt(megabytes / cpu)) MB/s, peak \(fmt(peakMemoryMB())) MB")
    }

    // Transliteration: the same file through tmkit (in process, streamed: read, transliterate, write) and uconv.
    // The main line is tmkit's `bgn-pcgn` scheme, with uconv running the very rules tmkit compiles
    // (`Transliteration.rules`, passed to `uconv -x`): the same job, except tmkit's all-caps fix-up, which uconv
    // cannot do. tmkit streams on one thread; a second tmkit line runs the whole file in one call, on every core.
    // Part `translit-icu` runs ICU's system `Russian-Latin/BGN` in both tools, and then compares tmkit's `bgn-pcgn`
    // with `uconv -x Russian-Latin/BGN`, the reference the issue names (the same table, with ’ ” for ʹ ʺ).
    if parts.contains("translit") || parts.contains("translit-icu") {
        let russian = repeated(try DevSets.ntrexUnits(language: .ru), toBytes: targetBytes).joined(separator: "\n") + "\n"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("ru.txt")
        try Data(russian.utf8).write(to: input)
        let megabytes = Double(russian.utf8.count) / 1e6
        let batchBytes = environment["TMKIT_BENCH_BATCH"].flatMap(Int.init) ?? 1 << 16
        let uconv = ["/usr/bin/uconv", "/usr/local/bin/uconv"].first(where: FileManager.default.isExecutableFile)
        var scheme: UconvComparison? = nil
        if parts.contains("translit") {
            let rules = try Transliteration.rules(scheme: "bgn-pcgn", language: .ru)
            let transform = { (text: String) in try Transliteration.transliterate(text, scheme: "bgn-pcgn", language: .ru) }
            scheme = try compareWithUconv(label: "bgn-pcgn", input: input, megabytes: megabytes, batchBytes: batchBytes,
                                          uconv: uconv, uconvTransform: rules, folder: folder, transform: transform)
            // The whole file in one call: ICU gets it in pieces cut at line ends, one part per core.
            let whole = folder.appendingPathComponent("tmkit-whole.txt")
            var best = Timing(wall: .infinity, cpu: .infinity)
            for _ in 0..<3 {
                let cpuBefore = cpuSeconds(RUSAGE_SELF)
                let wall = try measure {
                    let text = try TextInput.decode(Array(try Data(contentsOf: input)), source: input.path)
                    try Data(try transform(text).utf8).write(to: whole)
                }
                best = Timing(wall: min(best.wall, wall), cpu: min(best.cpu, cpuSeconds(RUSAGE_SELF) - cpuBefore))
            }
            let same = try Data(contentsOf: whole) == Data(contentsOf: outputFile(folder, tool: "tmkit", label: "bgn-pcgn"))
            print("  translit bgn-pcgn, tmkit (whole file in one call, \(ProcessInfo.processInfo.activeProcessorCount) cores, best of 3): "
                  + "wall \(fmt(best.wall, 2)) s = \(fmt(megabytes / best.wall)) MB/s, CPU \(fmt(best.cpu, 2)) s = "
                  + "\(fmt(megabytes / best.cpu)) MB/s; output the same as streamed: \(same ? "yes" : "no")"
                  + (scheme.flatMap(\.uconv).map { "; wall ratio to uconv \(fmt($0.wall / best.wall, 2))x" } ?? ""))
        }
        if parts.contains("translit-icu") {
            let transliterator = try ICUTransliterator(id: "Russian-Latin/BGN")
            let system = try compareWithUconv(label: "ICU Russian-Latin/BGN", input: input, megabytes: megabytes,
                                              batchBytes: batchBytes, uconv: uconv, uconvTransform: "Russian-Latin/BGN",
                                              folder: folder) { transliterator.transliterate($0) }
            if let ours = scheme?.tmkit, let theirs = system.uconv {
                // BGN/PCGN as published writes ’ ” where ICU's table writes ʹ ʺ: map those, then compare.
                let published = try String(contentsOf: outputFile(folder, tool: "uconv", label: "ICU Russian-Latin/BGN"), encoding: .utf8)
                    .replacingOccurrences(of: "ʹ", with: "’").replacingOccurrences(of: "ʺ", with: "”")
                let same = try String(contentsOf: outputFile(folder, tool: "tmkit", label: "bgn-pcgn"), encoding: .utf8) == published
                print("  translit tmkit bgn-pcgn (streamed) vs uconv -x Russian-Latin/BGN: wall \(fmt(theirs.wall / ours.wall, 2))x, "
                      + "CPU \(fmt(theirs.cpu / ours.cpu, 2))x (above 1: tmkit faster); outputs identical after ʹ ʺ → ’ ”: \(same ? "yes" : "no")")
            }
        }
    }

    // Segmentation: NTREX documents (units joined by spaces, a blank line between documents) repeated to ~50 MB.
    for language in Language.allCases where parts.contains("segment") {
        let documents = try DevSets.ntrexDocuments(language: language).map { $0.joined(separator: " ") }
        let base = documents.joined(separator: "\n\n")
        let copies = max(1, targetBytes / max(1, base.utf8.count))
        let segmenter = try SentenceSegmenter(language: language)
        resetPeakMemory()
        var sentences = 0
        let cpuBefore = cpuSeconds(RUSAGE_SELF)
        let seconds = try measure { for _ in 0..<copies { sentences += try segmenter.segment(base).count } }
        let cpu = cpuSeconds(RUSAGE_SELF) - cpuBefore
        let mb = Double(base.utf8.count * copies) / 1e6
        print("  segmentation (\(language)): \(fmt(mb)) MB, \(sentences) sentences, wall \(fmt(seconds, 2)) s = "
              + "\(fmt(mb / seconds)) MB/s, CPU \(fmt(cpu, 2)) s = \(fmt(mb / cpu)) MB/s, peak \(fmt(peakMemoryMB())) MB")
    }

    // Segmentation of short texts one by one (the aligner's and the memory import's case): per-call overhead.
    if parts.contains("segment") {
        let units = try DevSets.ntrexUnits(language: .ru)
        let segmenter = try SentenceSegmenter(language: .ru)
        var sentences = 0
        let seconds = try measure { for unit in units { sentences += try segmenter.segment(unit).count } }
        print("  segmentation unit by unit (ru): \(units.count) units in \(fmt(seconds, 2)) s = "
              + "\(fmt(Double(units.count) / seconds / 1e3, 1))k units/s")
    }

    // Segmentation quality: clean dev-set documents joined by spaces and split again.
    for language in Language.allCases where parts.contains("quality") {
        let segmenter = try SentenceSegmenter(language: language)
        var evaluation = SegmentationEvaluation()
        for (label, units) in try DevSets.cleanDocuments(language: language) {
            try evaluation.add(document: label, units: units, segmenter: segmenter)
        }
        print("  segmentation boundaries (\(language), clean dev sets): \(evaluation.found)/\(evaluation.boundaries) = "
              + "\(fmt(100 * evaluation.recall, 2))% of all, \(evaluation.foundPunctuated)/\(evaluation.punctuatedBoundaries) = "
              + "\(fmt(100 * evaluation.punctuatedRecall, 2))% after sentence punctuation; extra splits inside units: \(evaluation.extraSplits.count)")
        if ProcessInfo.processInfo.environment["TMKIT_BENCH_VERBOSE"] != nil {
            for split in evaluation.extraSplits { print("    extra \(split.document) #\(split.unit): \(split.pieces.joined(separator: " ‖ "))") }
            for miss in evaluation.misses where miss.punctuated { print("    missed \(miss.document) #\(miss.unit): …\(miss.before) | \(miss.after)…") }
        }
    }
}

/// User + system CPU seconds of this process (`RUSAGE_SELF`) or of its waited-for children (`RUSAGE_CHILDREN`).
func cpuSeconds(_ who: __rusage_who) -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(who.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Transliterates `input` with tmkit (`transform`, streamed by `transliterateFile`) and with `uconv -x uconvTransform`,
/// alternately, five rounds; each keeps its best round. The machine is shared, so the CPU time (user + system, from
/// getrusage: the process for tmkit, the waited-for child for uconv) is printed beside the wall time and is the
/// steadier figure. Then compares the outputs line by line: a line that differs only in case where tmkit made an
/// all-caps word all-caps is counted apart.
@discardableResult
func compareWithUconv(label: String, input: URL, megabytes: Double, batchBytes: Int, uconv: String?, uconvTransform: String,
                      folder: URL, transform: (String) throws -> String) throws -> UconvComparison {
    let tmkitOutput = outputFile(folder, tool: "tmkit", label: label), uconvOutput = outputFile(folder, tool: "uconv", label: label)
    var tmkitBest = (wall: Double.infinity, cpu: Double.infinity), uconvBest = (wall: Double.infinity, cpu: Double.infinity)
    resetPeakMemory()
    for _ in 0..<5 {
        let cpuBefore = cpuSeconds(RUSAGE_SELF)
        let wall = try measure { try transliterateFile(input, to: tmkitOutput, batchBytes: batchBytes, transform: transform) }
        tmkitBest = (min(tmkitBest.wall, wall), min(tmkitBest.cpu, cpuSeconds(RUSAGE_SELF) - cpuBefore))
        guard let uconv else { continue }
        let childBefore = cpuSeconds(RUSAGE_CHILDREN)
        let uconvWall = try measure {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: uconv)
            // uconv reads the -x argument in the locale's encoding: the rules are UTF-8.
            process.environment = ProcessInfo.processInfo.environment.merging(["LC_ALL": "C.UTF-8"]) { $1 }
            process.arguments = ["-f", "utf-8", "-t", "utf-8", "-x", uconvTransform, "-o", uconvOutput.path, input.path]
            try process.run()
            process.waitUntilExit()
        }
        uconvBest = (min(uconvBest.wall, uconvWall), min(uconvBest.cpu, cpuSeconds(RUSAGE_CHILDREN) - childBefore))
    }
    print("  translit \(label), tmkit (\(batchBytes / 1024) KB line blocks, best of 5): \(fmt(megabytes)) MB, "
          + "wall \(fmt(tmkitBest.wall, 2)) s = \(fmt(megabytes / tmkitBest.wall)) MB/s, "
          + "CPU \(fmt(tmkitBest.cpu, 2)) s = \(fmt(megabytes / tmkitBest.cpu)) MB/s, peak \(fmt(peakMemoryMB())) MB")
    guard uconv != nil else {
        print("  uconv not found (Debian package icu-devtools): no comparison")
        return UconvComparison(tmkit: Timing(wall: tmkitBest.wall, cpu: tmkitBest.cpu), uconv: nil)
    }
    print("  translit \(label), uconv (best of 5): \(fmt(megabytes)) MB, wall \(fmt(uconvBest.wall, 2)) s = "
          + "\(fmt(megabytes / uconvBest.wall)) MB/s, CPU \(fmt(uconvBest.cpu, 2)) s = \(fmt(megabytes / uconvBest.cpu)) MB/s")
    let ours = try String(contentsOf: tmkitOutput, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let theirs = try String(contentsOf: uconvOutput, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    var differing = 0, allCaps = 0
    for (line, other) in zip(ours, theirs) where line != other {
        differing += 1
        if line.uppercased() == other.uppercased() { allCaps += 1 }
    }
    differing += abs(ours.count - theirs.count)
    let verdict = differing == 0 ? "yes" : "no: \(differing) of \(theirs.count) lines differ, \(allCaps) of them only by tmkit's "
        + "all-caps fix-up (ТОЕ → TOYE, uconv TOYe), \(differing - allCaps) otherwise"
    print("  translit \(label) tmkit/uconv speed ratio: wall \(fmt(uconvBest.wall / tmkitBest.wall, 2))x, CPU "
          + "\(fmt(uconvBest.cpu / tmkitBest.cpu, 2))x (above 1: tmkit faster); outputs identical: \(verdict)")
    return UconvComparison(tmkit: Timing(wall: tmkitBest.wall, cpu: tmkitBest.cpu),
                           uconv: Timing(wall: uconvBest.wall, cpu: uconvBest.cpu))
}

/// Where `compareWithUconv` leaves a tool's output for a job.
func outputFile(_ folder: URL, tool: String, label: String) -> URL {
    folder.appendingPathComponent("\(tool)-" + label.map { $0.isLetter || $0.isNumber ? String($0) : "-" }.joined() + ".txt")
}

/// Seconds of wall-clock and CPU time (user + system).
struct Timing {
    var wall: Double
    var cpu: Double
}

/// The best times of tmkit and uconv on one job (uconv's nil when it is not installed).
struct UconvComparison {
    var tmkit: Timing
    var uconv: Timing?
}

/// Streams a UTF-8 file through `transform` the way `uconv -x` does: 64 KB reads cut at line ends, transformed in
/// `batchBytes` blocks of whole lines, written as they are done (memory stays bounded).
func transliterateFile(_ input: URL, to output: URL, batchBytes: Int, transform: (String) throws -> String) throws {
    let reader = try FileHandle(forReadingFrom: input)
    defer { try? reader.close() }
    guard FileManager.default.createFile(atPath: output.path, contents: nil) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output.path])
    }
    let writer = try FileHandle(forWritingTo: output)
    defer { try? writer.close() }
    var pending: [UInt8] = []
    var offset = 0
    while true {
        let data = try reader.read(upToCount: 1 << 16) ?? Data()
        pending += data
        let end = data.isEmpty ? pending.count : (pending.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
        if end > 0 {
            let text = try TextInput.decode(Array(pending[..<end]), source: "\(input.path) from byte \(offset)")
            var result = ""
            for batch in lineBatches(text, bytes: batchBytes) { result += try transform(String(batch)) }
            try writer.write(contentsOf: Data(result.utf8))
            pending.removeFirst(end)
            offset += end
        }
        if data.isEmpty { break }
    }
}

/// The items repeated until their UTF-8 size reaches `bytes`.
func repeated(_ items: [String], toBytes bytes: Int) -> [String] {
    let size = items.reduce(0) { $0 + $1.utf8.count + 1 }
    guard size > 0 else { return [] }
    return Array(repeating: items, count: max(1, bytes / size)).flatMap { $0 }
}

/// Cuts a text into pieces of about `bytes` UTF-8 bytes, each ending at a line end.
func lineBatches(_ text: String, bytes: Int) -> [Substring] {
    var batches: [Substring] = []
    var start = text.startIndex
    let utf8 = text.utf8
    while start < text.endIndex {
        var end = utf8.index(start, offsetBy: bytes, limitedBy: text.endIndex) ?? text.endIndex
        if end < text.endIndex, let newline = utf8[end...].firstIndex(of: 0x0A) {
            end = utf8.index(after: newline)
        } else {
            end = text.endIndex
        }
        batches.append(text[start..<end])
        start = end
    }
    return batches
}

/// Sentences of the alignment dev sets, the benchmarks' real-text corpus.
enum DevSets {
    /// Every clean case's sides as (label, language, units).
    static func cleanSides() throws -> [(label: String, language: String, units: [String])] {
        let folder = testdata + "/align"
        var out: [(String, String, [String])] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".jsonl") {
            let data = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in data.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["variant"] as? String == "clean" else { continue }
                let id = object["id"] as? String ?? file
                for side in ["src", "tgt"] {
                    out.append(("\(id) \(side)", object["\(side)_lang"] as? String ?? "", object[side] as? [String] ?? []))
                }
            }
        }
        return out
    }

    /// All `src`/`tgt` units in the given languages across the `clean` cases of every dev set.
    static func sentences(languages: Set<String>) throws -> [String] {
        try cleanSides().filter { languages.contains($0.language) }.flatMap(\.units)
    }

    /// Clean documents in one language (sets in other languages, such as Text+Berg de-fr, are left out).
    static func cleanDocuments(language: Language) throws -> [(String, [String])] {
        try cleanSides().filter { $0.language == language.rawValue }.map { ($0.label, $0.units) }
    }

    /// The NTREX documents in one language, each once (the same text appears in two NTREX sets).
    static func ntrexDocuments(language: Language) throws -> [[String]] {
        var seen = Set<String>()
        var out: [[String]] = []
        for side in try cleanSides() where side.label.hasPrefix("ntrex") && side.language == language.rawValue {
            let key = side.units.joined(separator: "\n")
            if seen.insert(key).inserted { out.append(side.units) }
        }
        return out
    }

    static func ntrexUnits(language: Language) throws -> [String] { try ntrexDocuments(language: language).flatMap { $0 } }
}
