import Foundation
import TMKit

/// Transliteration: forward throughput per scheme on the dev sets' Russian and Belarusian sentences, and the
/// latency of reverse candidates for the Latin names in them.
let translitSuite = BenchmarkSuite(name: "translit") {
    for language in [Language.ru, .be] {
        let sentences = try DevSets.sentences(languages: [language.rawValue])
        let megabytes = Double(sentences.reduce(0) { $0 + $1.utf8.count }) / 1e6
        for scheme in TransliterationScheme.all where scheme.languages.contains(language) {
            _ = try Transliteration.transliterate("прогрев", scheme: scheme.name, language: language)
            var total = 0
            let seconds = try measure {
                for line in sentences { total &+= try Transliteration.transliterate(line, scheme: scheme.name, language: language).utf8.count }
            }
            print("  \(scheme.name) (\(language)): \(sentences.count) sentences, \(fmt(megabytes, 2)) MB in \(fmt(seconds, 2)) s = \(fmt(megabytes / seconds, 2)) MB/s")
        }
    }
    // Reverse: capitalized Latin words of the English sentences (names, mostly), each read back in ru and be.
    let english = try DevSets.sentences(languages: ["en"])
    var names: [String] = []
    var seen = Set<String>()
    for line in english {
        for word in line.split(whereSeparator: { !$0.isLetter }) where word.count >= 4 && word.first?.isUppercase == true {
            if seen.insert(String(word)).inserted { names.append(String(word)) }
            if names.count == 2000 { break }
        }
        if names.count == 2000 { break }
    }
    _ = try Transliteration.candidates(for: "Minsk")
    var latencies: [Double] = []
    for name in names {
        latencies.append(try measure { _ = try Transliteration.candidates(for: name, limit: 5) } * 1000)
    }
    latencies.sort()
    func percentile(_ p: Double) -> Double { latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
    print("  reverse (ru+be, 5 each): \(names.count) capitalized words, p50 \(fmt(percentile(0.5), 2)) ms, p95 \(fmt(percentile(0.95), 2)) ms, max \(fmt(latencies.last ?? 0, 2)) ms, peak \(fmt(peakMemoryMB())) MB")
}

/// Reverse quality: every word of the iuliia samples (ru) and of the Belarusian golden names (be) is romanized by
/// each scheme of its language, then read back with all schemes; the figure is how often the original word is
/// the first candidate, or among the first five, for that language.
let translitRoundTripSuite = BenchmarkSuite(name: "translit-roundtrip") {
    let samples = try String(contentsOfFile: testdata + "/translit/iuliia/iuliia_samples.tsv", encoding: .utf8)
    let golden = try String(contentsOfFile: FileManager.default.currentDirectoryPath + "/Tests/TMTextTests/Golden/translit.tsv",
                            encoding: .utf8)
    func words(_ text: String, column: Int) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count > column else { continue }
            for word in fields[column].split(whereSeparator: { !$0.isLetter }) where word.count > 1 {
                if seen.insert(String(word)).inserted { out.append(String(word)) }
            }
        }
        return out
    }
    let belarusian = golden.split(separator: "\n").filter { $0.split(separator: "\t").dropFirst().first == "be" }.joined(separator: "\n")
    for (language, list) in [(Language.ru, words(samples, column: 1)), (Language.be, words(belarusian, column: 2))] {
        for scheme in TransliterationScheme.all where scheme.languages.contains(language) {
            var first = 0, topFive = 0
            for word in list {
                let latin = try Transliteration.transliterate(word, scheme: scheme.name, language: language)
                let found = try Transliteration.candidates(for: latin, languages: [language], limit: 5).map(\.text)
                if found.first == word { first += 1 }
                if found.contains(word) { topFive += 1 }
            }
            print("  \(scheme.name) (\(language)): \(list.count) words, top-1 \(first) (\(fmt(100 * Double(first) / Double(list.count)))%), top-5 \(topFive) (\(fmt(100 * Double(topFive) / Double(list.count)))%)")
        }
    }
}
