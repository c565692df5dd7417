@testable import TMStore
import TestSupport
import Testing

/// The choice of the words fuzzy candidates are looked up by, which both backends share.
@Suite struct SearchPlanTests {
    @Test func fuzzyWordsAreTheRarestWithinThePostingsBudget() {
        // The rarest three always, then more while the postings stay under 2,000 (ties by code point).
        let words = SearchPlan.fuzzyWords(frequency: ["minsk": 40, "council": 40, "met": 900, "the": 2_000, "talks": 300, "a": 2_000, "x": 0])
        #expect(words.words == ["council", "minsk", "talks", "met"])
        #expect(words.paired == 0)
        #expect(SearchPlan.fuzzyWords(frequency: ["b": 5, "a": 5]).words == ["a", "b"])
        #expect(SearchPlan.fuzzyWords(frequency: ["gone": 0]).words.isEmpty)
    }

    @Test func candidatesHoldTwoOfTheThreeRarestWhenTheyAreNotRare() {
        // One of the three rarest is common.
        #expect(SearchPlan.fuzzyWords(frequency: ["a": 10, "b": 20, "the": 2_000]).paired == 3)
        // The three rarest are together in more than 1,000 variants.
        let common = SearchPlan.fuzzyWords(frequency: ["a": 390, "b": 391, "c": 400, "d": 500])
        #expect(common.paired == 3 && common.words == ["a", "b", "c", "d"])
        #expect(SearchPlan.fuzzyWords(frequency: ["a": 300, "b": 300, "c": 400, "d": 500]).paired == 0)
        // Fewer than three words: any of them.
        #expect(SearchPlan.fuzzyWords(frequency: ["a": 1_500, "b": 2_000]).paired == 0)
    }

    @Test func conditionsNameAnyWordOrAnyPairOfTheRarest() {
        #expect(SearchPlan.anyOf(["'a'", "'b'", "'c'", "'d'"], paired: 0, or: "|", and: "&") == "'a' | 'b' | 'c' | 'd'")
        #expect(SearchPlan.anyOf(["\"a\"", "\"b\"", "\"c\"", "\"d\""], paired: 3, or: "OR", and: "AND")
                == "(\"a\" AND \"b\") OR (\"a\" AND \"c\") OR (\"b\" AND \"c\")")
        // PostgreSQL looks each alternative up on its own.
        #expect(SearchPlan.clauses(["'a'", "'b'", "'c'", "'d'"], paired: 3, and: "&") == ["('a' & 'b')", "('a' & 'c')", "('b' & 'c')"])
        #expect(SearchPlan.clauses(["'a'", "'b'"], paired: 0, and: "&") == ["'a'", "'b'"])
    }

    @Test func frequencyWordsAreDistinctSortedAndIndexableByBothBackends() {
        let long = String(repeating: "a", count: 1_001), longest = String(repeating: "b", count: 1_000)
        let plan = SearchPlan(SearchQuery(text: "minsk council \(long) minsk \(longest)", source: .en, target: .ru))
        #expect(plan.frequencyWords == [longest, "council", "minsk"])
    }

    @Test func theBandedDistanceIsTheFullDistanceWhenWithinTheLimit() {
        // The textbook table, in full, to check the band against.
        func distance(_ a: [Int], _ b: [Int]) -> Int {
            var table = (0...a.count).map { i in (0...b.count).map { j in i == 0 ? j : (j == 0 ? i : 0) } }
            for i in a.indices { for j in b.indices {
                table[i + 1][j + 1] = min(table[i][j + 1] + 1, table[i + 1][j] + 1, table[i][j] + (a[i] == b[j] ? 0 : 1))
            } }
            return table[a.count][b.count]
        }
        var random = SeededGenerator(seed: 6)
        for _ in 0..<2_000 {
            // Few distinct words, so sequences share words in varying order.
            let a = (0..<Int.random(in: 0...12, using: &random)).map { _ in Int.random(in: -1...4, using: &random) }
            let b = (0..<Int.random(in: 0...12, using: &random)).map { _ in Int.random(in: -1...4, using: &random) }
            let full = distance(a, b)
            for limit in 0...13 {
                let banded = a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in MatchScoring.levenshtein(a, b, atMost: limit) } }
                #expect(banded == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
            }
            let longest = max(a.count, b.count)
            let score = longest == 0 ? 0 : min(94, 100 * (longest - full) / longest)
            for minimum in [0, 50, score, score + 1, 94, 95] {
                #expect(MatchScoring.fuzzy(query: a, memory: b[...], atLeast: minimum) == (score >= minimum ? score : nil))
            }
        }
    }

    @Test func wordsOfAWordsColumnAreNumberedByTheirBytes() {
        let numbering = WordNumbering([("council", 0), ("minsk", 1), ("ёлка", 2), ("of", 4)])
        func numbers(_ column: String) -> [Int] {
            var numbers: [Int] = []
            Array(column.utf8).withUnsafeBytes { numbering.appendNumbers(ofColumn: $0, to: &numbers) }
            return numbers
        }
        #expect(numbers(" the council of minsk") == [-1, 0, 4, 1])
        #expect(numbers(" councils minsky ёлка ёлк") == [-1, -1, 2, -1])
        #expect(numbers("") == [])
        #expect(numbering.number(of: "minsk"[...]) == 1)
        // Many words share the table's slots: each still finds its own number.
        let many = WordNumbering((0..<300).map { (Substring("w\($0)"), $0) })
        #expect((0..<300).allSatisfy { many.number(of: Substring("w\($0)")) == $0 })
        #expect(many.number(of: "w300"[...]) == -1)
    }

    @Test func aKeysWordsAreFoundAlikeInItsBytesAndInItsScalars() {
        // The rule spelled out on scalars, to check the byte tokenizer against.
        func reference(_ key: String) -> [String] {
            var words: [String] = [], word = ""
            for scalar in key.unicodeScalars {
                if LookupText.isWordValue(scalar.value) { word.unicodeScalars.append(scalar) } else if !word.isEmpty { words.append(word); word = "" }
            }
            return word.isEmpty ? words : words + [word]
        }
        // ASCII letters, digits and punctuation; Cyrillic (ё, the excluded ҂); a combining acute; Greek; CJK;
        // an emoji; Arabic-Indic digits; spaces.
        let pieces = ["a", "Z", "7", ".", "-", "'", " ", "ё", "ж", "\u{482}", "\u{301}", "λ", "中", "😀", "٣", "ß", "\u{A0}"]
        var random = SeededGenerator(seed: 8)
        for _ in 0..<2_000 {
            let key = (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let expected = reference(key)
            #expect(LookupText.words(ofKey: key).map(String.init) == expected, "\(key.unicodeScalars.map(\.value))")
            let numbering = WordNumbering(Array(Set(expected)).sorted().enumerated().map { (Substring($0.element), $0.offset) })
            let numbers = numbering.numbers(ofKey: key)
            #expect(numbers == expected.map { numbering.number(of: Substring($0)) } && !numbers.contains(-1), "\(key)")
        }
    }

    @Test func rowsThatCannotReachTheShownScoresAreNotKept() {
        // Limit 2: once two units score 90, a row scoring 80 can never be shown; one scoring 90 still can (ties
        // are broken by the units' ranks).
        var plan = SearchPlan(SearchQuery(text: "a b c d e f g h i j", source: .en, target: .ru, minimum: 70, limit: 2))
        func consider(_ id: Int64, _ key: String) {
            plan.considerFuzzyRow(variantID: id, unitID: id, memoryNumbers: plan.numbering.numbers(ofKey: key)[...])
        }
        consider(1, "a b c d e f g h i x")
        #expect(plan.scoreFloor == 70)
        consider(2, "a b c d e f g h i y")
        #expect(plan.scoreFloor == 90)
        consider(3, "a b c d e f g h x y")
        consider(4, "a b c d e f g h i z")
        #expect(plan.best.keys.sorted() == [1, 2, 4])
    }

    @Test func aFuzzyCandidatesBoundIsNeverBelowItsScore() {
        // Words drawn from a few, so keys share words in varying order and number; "q" is no query word.
        var random = SeededGenerator(seed: 7)
        let vocabulary = ["a", "b", "c", "d", "q"]
        func key(_ count: ClosedRange<Int>) -> String {
            (0..<Int.random(in: count, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
        }
        for _ in 0..<2_000 {
            let plan = SearchPlan(SearchQuery(text: key(1...10).replacingOccurrences(of: "q", with: "a"), source: .en, target: .ru))
            var candidates = FuzzyCandidates(plan)
            let memory = plan.numbering.numbers(ofKey: key(0...12))
            candidates.add(row: 0, id: 1, unitID: 1) { $0 += memory }
            let score = MatchScoring.fuzzy(query: plan.queryNumbers, memory: memory)
            #expect(candidates.inScoringOrder[0].bound >= score, "\(plan.words) \(memory)")
        }
    }

    @Test func fuzzyCandidatesAreScoredBestBoundFirstUntilTheBoundFallsBelowTheFloor() {
        var plan = SearchPlan(SearchQuery(text: "council of minsk met council", source: .en, target: .ru, minimum: 50, limit: 1))
        var candidates = FuzzyCandidates(plan)
        for (id, words) in [" the council of minsk", " council council council", " councils minsky minsk", "",
                            " council of minsk council met", " council of minsk met council today"].enumerated() {
            candidates.add(row: id, id: Int64(id), unitID: Int64(id)) { numbers in
                Array(words.utf8).withUnsafeBytes { plan.numbering.appendNumbers(ofColumn: $0, to: &numbers) }
            }
        }
        // Shared words as multisets, over the longer word count: 3/5, 2/5, 1/5, 0, 5/5 (capped), 5/6.
        #expect(candidates.inScoringOrder.map(\.id) == [4, 5, 0, 1, 2, 3])
        #expect(candidates.inScoringOrder.map(\.bound) == [94, 83, 60, 40, 20, 0])
        // Id 4 scores 60 (two words swapped), id 5 then 83 (the floor for limit 1), and id 0 (bound 60) is never asked.
        var asked: [Int64] = []
        candidates.score(into: &plan) { asked.append($0.id); return true }
        #expect(asked == [4, 5])
        #expect(plan.best.values.map(\.score).sorted() == [60, 83])
    }
}

extension WordNumbering {
    /// The numbers of a key's words (`appendNumbers(ofKey:to:)` on its UTF-8 bytes).
    func numbers(ofKey key: String) -> [Int] {
        var key = key, numbers: [Int] = []
        key.withUTF8 { appendNumbers(ofKey: $0, to: &numbers) }
        return numbers
    }
}
