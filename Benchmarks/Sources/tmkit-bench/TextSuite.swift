import Foundation
import TMKit

/// Text layer: matching key throughput (the text helper extends this with transliteration, segmentation and uconv).
let textSuite = BenchmarkSuite(name: "text") {
    let sentences = try DevSets.sentences(languages: ["ru"])
    let text = sentences.joined(separator: "\n")
    let megabytes = Double(text.utf8.count) / 1e6
    resetPeakMemory()
    var total = 0
    let seconds = measure { for line in sentences { total &+= MatchingKey.make(line, language: .ru).utf8.count } }
    print("  matching key (ru): \(fmt(megabytes)) MB in \(fmt(seconds, 2)) s = \(fmt(megabytes / seconds)) MB/s, peak \(fmt(peakMemoryMB())) MB")
}

/// Sentences of the alignment dev sets, the benchmarks' real-text corpus.
enum DevSets {
    /// All `src`/`tgt` units in the given languages across the `clean` cases of every dev set.
    static func sentences(languages: Set<String>) throws -> [String] {
        let folder = testdata + "/align"
        var out: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where file.hasSuffix(".jsonl") {
            let data = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in data.split(separator: "\n") {
                guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                      object["variant"] as? String == "clean" else { continue }
                for side in ["src", "tgt"] where languages.contains(object["\(side)_lang"] as? String ?? "") {
                    out += object[side] as? [String] ?? []
                }
            }
        }
        return out
    }
}
