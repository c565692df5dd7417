import Foundation
import TMKit

/// Sentence aligner: every dev set end to end (units/s, peak memory, strict F1), and a synthetic long pair built
/// from the dev data at 5k, 10k and 20k units per side (time and peak memory must grow linearly).
let alignSuite = BenchmarkSuite(name: "align") {
    let sizes = (ProcessInfo.processInfo.environment["TMKIT_BENCH_ALIGN_SIZES"] ?? "5000,10000,20000").split(separator: ",").compactMap { Int($0) }
    let onlySynthetic = ProcessInfo.processInfo.environment["TMKIT_BENCH_ALIGN_SYNTHETIC_ONLY"] != nil
    let folder = testdata + "/align"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jsonl") }.sorted()
    for file in files where !onlySynthetic {
        let cases = try AlignmentCase.load(path: folder + "/" + file)
        resetPeakMemory()
        var report: AlignEvaluation.Report?
        let seconds = try measure { report = try AlignEvaluation.run(cases: cases, by: .none) }
        guard let report else { continue }
        let units = report.total.units
        print("  \(file.padding(toLength: 22, withPad: " ", startingAt: 0)) \(cases.count) cases, \(units) units: "
              + "\(fmt(seconds, 2)) s = \(Int(Double(units) / seconds)) units/s (\(ProcessInfo.processInfo.activeProcessorCount) cores), "
              + "peak \(fmt(peakMemoryMB())) MB, strict F1 \(fmt(report.total.score.strict.f1, 3))")
        fflush(nil)
    }

    // A long pair: clean EN–RU news concatenated, then edited the way agencies edit (drops, merges, insertions).
    let cases = try AlignmentCase.load(path: folder + "/wmt22-en-ru.jsonl").filter { $0.variant == "clean" }
    var source: [String] = [], target: [String] = []
    while source.count < 21_000 {
        for c in cases { source += c.source; target += c.target }
    }
    // Each edited unit remembers the original position it came from, so both sides of a prefix end together.
    var editedSource: [(text: String, origin: Int)] = [], editedTarget: [(text: String, origin: Int)] = []
    for k in 0..<min(source.count, target.count) {
        if k % 23 != 5 { editedSource.append((source[k], k)) }                       // dropped on the source side
        if k % 31 == 7, let last = editedTarget.popLast() {                           // two target units merged
            editedTarget.append((last.text + " " + target[k], k))
        } else if k % 29 != 11 {                                                      // dropped on the target side
            editedTarget.append((target[k], k))
        }
        if k % 37 == 3 { editedTarget.append((target[(k * 7919) % target.count], k)) }  // an unrelated line
    }
    let aligner = SentenceAligner(from: .en, to: .ru)
    for size in sizes {
        let a = editedSource.prefix(size).map(\.text)
        let end = editedSource.prefix(size).last?.origin ?? 0
        let b = editedTarget.prefix { $0.origin <= end }.map(\.text)
        resetPeakMemory()
        let before = peakMemoryMB()
        var beads: [Bead] = []
        let seconds = measure { beads = aligner.align(a, b) }
        let peak = peakMemoryMB()
        // A digest of the beads and their confidences' bits, so a change meant only for speed can show it changed nothing.
        var digest: UInt64 = 0xcbf2_9ce4_8422_2325
        for bead in beads {
            for value in [UInt64(bead.source.lowerBound), UInt64(bead.target.lowerBound), bead.confidence.bitPattern] {
                digest = (digest ^ value) &* 0x100_0000_01b3
            }
        }
        print("  synthetic \(a.count) × \(b.count) units: \(fmt(seconds, 2)) s = \(Int(Double(a.count + b.count) / seconds)) units/s, "
              + "peak \(fmt(peak)) MB (+\(fmt(peak - before)) MB over the inputs), \(beads.count) beads (digest \(String(digest, radix: 16)))")
        fflush(nil)
    }
}
