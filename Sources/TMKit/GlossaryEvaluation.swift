import Foundation

/// Term recognition measured on a terminology test set: JSON lines with `en`, `ru` and `proper` ({en term: ru term}),
/// as in WMT25's terminology task. All `proper` terms of the file form one glossary; each sentence's Russian
/// reference is searched with it.
public enum GlossaryEvaluation {
    /// Recall and spurious matches of one run.
    public struct Result: Sendable, CustomStringConvertible {
        /// Sentences read.
        public var sentences: Int
        /// Listed (sentence, Russian term) pairs; those the matcher recognizes (nested in a longer term included);
        /// those in its standard output (longest match first, no overlaps).
        public var listed: Int
        public var found: Int
        public var foundInOutput: Int
        /// Matches of terms not listed for their sentence (which may still be real occurrences).
        public var unlisted: Int
        /// Concepts in the glossary built from the file.
        public var concepts: Int
        /// The listed terms not found, as `sentence index: term`.
        public var misses: [String]

        /// found / listed.
        public var recall: Double { listed == 0 ? 0 : Double(found) / Double(listed) }
        /// foundInOutput / listed.
        public var outputRecall: Double { listed == 0 ? 0 : Double(foundInOutput) / Double(listed) }

        public var description: String {
            "recall \(fixed(recall)) (\(found) of \(listed) terms in \(sentences) sentences; \(fixed(outputRecall)) in the "
                + "non-overlapping output), \(unlisted) matches of unlisted terms, \(concepts) concepts"
        }

        private func fixed(_ value: Double) -> String {
            let scaled = Int((value * 10000).rounded())
            return "\(scaled / 10000).\(String(String(scaled % 10000 + 10000).dropFirst()))"
        }
    }

    /// One test sentence.
    struct Item: Decodable {
        let en: String
        let ru: String
        let proper: [String: String]
        let idx: Int?
    }

    /// Reads the file, builds the glossary and searches every Russian reference.
    public static func run(file: String) throws -> Result {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw GlossaryError("cannot read the file", at: SourceLocation(file: file))
        }
        var items: [Item] = []
        for (index, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
            do {
                items.append(try JSONDecoder().decode(Item.self, from: Data(line.utf8)))
            } catch {
                throw GlossaryError("not a test item: \(error)", at: SourceLocation(file: file, line: index + 1))
            }
        }
        let glossary = glossary(of: items)
        let matcher = GlossaryMatcher(glossary: glossary)
        var result = Result(sentences: items.count, listed: 0, found: 0, foundInOutput: 0, unlisted: 0, concepts: glossary.concepts.count, misses: [])
        for (index, item) in items.enumerated() {
            let listed = Set(item.proper.values.map { MatchingKey.make($0, language: .ru) })
            let foundKeys = Set(matcher.matches(in: item.ru, languages: [.ru], overlapping: true).flatMap { match in
                match.concept.terms(in: .ru).map { MatchingKey.make($0.text, language: .ru) }
            })
            let output = matcher.matches(in: item.ru, languages: [.ru])
            let outputKeys = Set(output.flatMap { match in match.concept.terms(in: .ru).map { MatchingKey.make($0.text, language: .ru) } })
            for (term, key) in item.proper.values.map({ ($0, MatchingKey.make($0, language: .ru)) }).sorted(by: { $0.1 < $1.1 }) {
                result.listed += 1
                if foundKeys.contains(key) { result.found += 1 } else { result.misses.append("\(item.idx ?? index): \(term)") }
                if outputKeys.contains(key) { result.foundInOutput += 1 }
            }
            result.unlisted += output.filter { match in
                !match.concept.terms(in: .ru).contains { listed.contains(MatchingKey.make($0.text, language: .ru)) }
            }.count
        }
        return result
    }

    /// One concept per distinct (English, Russian) pair, in first-seen order.
    static func glossary(of items: [Item]) -> Glossary {
        var seen: Set<String> = []
        var concepts: [Concept] = []
        for item in items {
            for (en, ru) in item.proper.sorted(by: { $0.key < $1.key }) where seen.insert(en + "\t" + ru).inserted {
                concepts.append(Concept(id: "term-\(concepts.count + 1)", type: .other,
                                        terms: [Term(language: .en, text: en), Term(language: .ru, text: ru)]))
            }
        }
        return Glossary(concepts: concepts)
    }
}
