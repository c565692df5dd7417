import Foundation
import TMKit
import TestSupport

/// Glossary: term recall on the WMT25 terminology dev set, and lookup throughput with the shipped glossary and a
/// generated 100,000-entry one, on the dev sets' sentences (one core).
let glossarySuite = BenchmarkSuite(name: "glossary") {
    let evaluation = try GlossaryEvaluation.run(file: testdata + "/glossary/wmt25-terms-en-ru.dev.jsonl")
    print("  WMT25 en-ru dev, all proper terms as one glossary: \(evaluation)")

    let sentences = try DevSets.sentences(languages: ["en", "ru", "be"])
    let shipped = FileManager.default.fileExists(atPath: GlossaryFiles.defaultPath)
        ? try GlossaryFiles.load(GlossaryFiles.defaultPath).glossary : Glossary()
    if shipped.concepts.isEmpty {
        print("  (no Glossaries/ folder in the working directory: shipped-glossary figures skipped)")
    } else {
        try lookupThroughput(label: "shipped glossary", glossary: shipped, sentences: sentences)
    }
    try lookupThroughput(label: "generated glossary", glossary: GeneratedGlossary.make(count: 100_000, seed: 42), sentences: sentences)
}

/// Builds a matcher and looks up every sentence twice (cold key cache, then warm); prints sentences/s.
private func lookupThroughput(label: String, glossary: Glossary, sentences: [String]) throws {
    resetPeakMemory()
    var matcher: GlossaryMatcher?
    let build = measure { matcher = GlossaryMatcher(glossary: glossary) }
    guard let matcher else { return }
    let terms = glossary.concepts.reduce(0) { $0 + $1.terms.count }
    print("  \(label): \(glossary.concepts.count) concepts, \(terms) terms, index built in \(fmt(build, 2)) s")
    for pass in ["cold", "warm"] {
        var found = 0
        let cpuStart = threadCPUSeconds()
        let seconds = measure { for sentence in sentences { found &+= matcher.matches(in: sentence).count } }
        let cpu = threadCPUSeconds() - cpuStart
        print("    \(pass) pass: \(sentences.count) sentences in \(fmt(seconds, 2)) s wall = \(fmt(Double(sentences.count) / seconds, 0)) sentences/s; "
              + "\(fmt(cpu, 2)) s CPU = \(fmt(Double(sentences.count) / cpu, 0)) sentences per CPU-second; \(found) matches, peak \(fmt(peakMemoryMB())) MB")
    }
}

/// CPU time of the calling thread, in seconds: on a shared machine it measures the work, not the waiting.
private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A synthetic glossary of pronounceable names in en/ru/be, 1–3 words per term, from a seeded generator.
enum GeneratedGlossary {
    static func make(count: Int, seed: UInt64) -> Glossary {
        var generator = SeededGenerator(seed: seed)
        let latin = ["ka", "lo", "mi", "sen", "tor", "va", "ri", "dan", "bel", "gor", "ost", "in", "er", "ul", "zak", "pra"]
        let cyrillic = ["ка", "ло", "ми", "сен", "тор", "ва", "ри", "дан", "бел", "гор", "ост", "ин", "ер", "ул", "зак", "пра"]
        var concepts: [Concept] = []
        concepts.reserveCapacity(count)
        for n in 0..<count {
            let words = Int(generator.next() % 3) + 1
            var en: [String] = [], ru: [String] = []
            for _ in 0..<words {
                let syllables = (0..<(Int(generator.next() % 3) + 2)).map { _ in Int(generator.next() % UInt64(latin.count)) }
                en.append(syllables.map { latin[$0] }.joined().capitalized)
                ru.append(syllables.map { cyrillic[$0] }.joined().capitalized)
            }
            concepts.append(Concept(id: "gen-\(n)", type: .place, terms: [
                Term(language: .en, text: en.joined(separator: " ")),
                Term(language: .ru, text: ru.joined(separator: " ")),
                Term(language: .be, text: ru.joined(separator: " ").replacingOccurrences(of: "и", with: "і")),
            ]))
        }
        return Glossary(concepts: concepts)
    }
}
