import TMCore
import TMText

/// A candidate glossary entry mined from aligned pairs.
public struct TermSuggestion: Hashable, Sendable {
    /// The English name and the Cyrillic words (the shortest form seen) paired with it.
    public var english: String
    public var cyrillic: String
    /// Pairs where both occur.
    public var count: Int
    /// How close the Cyrillic words' romanization is to the English name, in [0, 1].
    public var similarity: Double
    /// `count × similarity`; suggestions are ranked by it.
    public var score: Double { Double(count) * similarity }
}

/// Mines candidate entries from aligned English–Cyrillic pairs: runs of capitalized English words paired with runs
/// of capitalized Cyrillic words of the same length in the same pair whose romanized stems are close (normalized
/// edit distance), skipping names the glossary already has.
public struct TermSuggester: Sendable {
    public let matcher: GlossaryMatcher
    public let romanize: Romanize
    public let language: Language
    /// The lowest similarity kept.
    public var threshold = 0.6

    /// A suggester for English–`language` pairs; `matcher` knows the names already in the glossary.
    public init(matcher: GlossaryMatcher, language: Language, romanize: @escaping Romanize) {
        self.matcher = matcher
        self.language = language
        self.romanize = romanize
    }

    /// Ranked suggestions (score, then longer names first, then English name) from `(english, cyrillic)` pairs.
    /// - Complexity: O(p·r²) for p pairs with r name runs each.
    public func suggest(_ pairs: some Collection<(english: String, cyrillic: String)>) -> [TermSuggestion] {
        var mining = TermMining(self)
        for pair in pairs { mining.notice(cyrillic: pair.cyrillic) }
        for pair in pairs { mining.add(english: pair.english, cyrillic: pair.cyrillic) }
        return mining.suggestions
    }

    struct Run { var text: String; var words: [Substring]; var key: String }

    /// Runs of up to four capitalized words not covered by a glossary term (every contiguous part of a longer run).
    /// A word starting a sentence counts when the dictionary does not know it as a common word, or it is in
    /// `namesInside`.
    func nameRuns(_ text: String, language: Language, namesInside: Set<String>) -> [Run] {
        let covered = matcher.matches(in: text, languages: [language]).map(\.range)
        let words = WordTokenizer.tokens(text).filter { word in
            word.isCapitalized && !covered.contains { $0.overlaps(word.range) }
                && word.text.unicodeScalars.contains { Script.of($0) == (language == .en ? .latin : .cyrillic) }
                && !word.text.allSatisfy { $0.isUppercase || $0.isNumber }
                && !(word.startsSentence && matcher.keys.isCommonWord(word.text, language: language)
                     && !namesInside.contains(matcher.keys.nameStem(word.text)))
        }
        var runs: [Run] = []
        var start = 0
        while start < words.count {
            var end = start + 1
            while end < words.count, text[words[end - 1].range.upperBound..<words[end].range.lowerBound].allSatisfy({ $0 == " " }) { end += 1 }
            let slice = Array(words[start..<end])
            func run(_ ws: [WordToken]) -> Run {
                let surface = String(text[ws[0].range.lowerBound..<ws[ws.count - 1].range.upperBound])
                let key = ws.map { language == .en ? matcher.keys.nameStem($0.text) : matcher.keys.nameKey($0.text, language: language) }
                    .joined(separator: " ")
                return Run(text: surface, words: ws.map(\.text), key: key)
            }
            for length in 1...min(4, slice.count) {
                for first in 0...(slice.count - length) { runs.append(run(Array(slice[first..<(first + length)]))) }
            }
            start = end
        }
        return runs
    }

    static func asciiLower(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.isASCII && $0.properties.isAlphabetic }.map(Character.init))
    }

    /// 1 − edit distance / length, comparing the English word cut to the romanized stem's length plus one
    /// (the stem has lost its ending: Lukashenko ~ lukashenk).
    static func similarity(_ english: String, _ stem: String) -> Double {
        let a = Array(english.prefix(stem.count + 1)), b = Array(stem)
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return max(0, 1 - Double(previous[b.count]) / Double(max(a.count, b.count)))
    }
}

/// Suggestion mining over a stream of pairs read twice (a memory of millions of units is never held whole):
/// first `notice` every pair's Cyrillic side, so that names seen inside sentences are known, then `add` every
/// pair, then read `suggestions`. Holds one tally per distinct (English, Cyrillic) name pair.
public struct TermMining: Sendable {
    public let suggester: TermSuggester
    private var namesInside: Set<String> = []
    private var tallies: [String: Tally] = [:]
    private var romanized: [String: String] = [:]

    private struct Tally: Sendable { var english: String; var cyrillic: String; var count = 0; var similarity = 0.0 }

    /// An empty mining with `suggester`'s glossary, language and romanization.
    public init(_ suggester: TermSuggester) { self.suggester = suggester }

    /// First pass: capitalized words inside sentences are names, so the same words starting a sentence are too.
    public mutating func notice(cyrillic: String) {
        for word in WordTokenizer.tokens(cyrillic) where word.isCapitalized && !word.startsSentence {
            namesInside.insert(suggester.matcher.keys.nameStem(word.text))
        }
    }

    /// Second pass: tallies the name runs of one pair whose romanized stems are close enough.
    public mutating func add(english: String, cyrillic: String) {
        let keys = suggester.matcher.keys
        let englishRuns = suggester.nameRuns(english, language: .en, namesInside: [])
        let cyrillicRuns = suggester.nameRuns(cyrillic, language: suggester.language, namesInside: namesInside)
        var seenInPair: Set<String> = []
        for e in englishRuns {
            for c in cyrillicRuns where e.words.count == c.words.count {
                var total = 0.0
                for (ew, cw) in zip(e.words, c.words) {
                    let stem = keys.nameStem(cw)
                    let latin = romanized[stem] ?? TermSuggester.asciiLower(suggester.romanize(stem))
                    romanized[stem] = latin
                    total += TermSuggester.similarity(TermSuggester.asciiLower(String(ew)), latin)
                }
                let similarity = total / Double(e.words.count)
                guard similarity >= suggester.threshold else { continue }
                let key = e.key + "\u{1}" + c.key
                guard seenInPair.insert(key).inserted else { continue }
                var tally = tallies[key] ?? Tally(english: e.text, cyrillic: c.text)
                // Show the shortest form seen (the nominative, for most names).
                if (c.text.count, c.text) < (tally.cyrillic.count, tally.cyrillic) { tally.cyrillic = c.text }
                tally.count += 1
                tally.similarity = max(tally.similarity, similarity)
                tallies[key] = tally
            }
        }
    }

    /// The suggestions so far, ranked by score, then longer names first, then English name.
    public var suggestions: [TermSuggestion] {
        tallies.values.map { TermSuggestion(english: $0.english, cyrillic: $0.cyrillic, count: $0.count, similarity: $0.similarity) }
            .sorted { a, b in
                let wordsA = a.english.split(separator: " ").count, wordsB = b.english.split(separator: " ").count
                return (b.score, wordsB, a.english, a.cyrillic) < (a.score, wordsA, b.english, b.cyrillic)
            }
    }
}
