import TMCore
@testable import TMStore
import Testing
import TestSupport

@Suite struct MatchScoringTests {
    @Test func wordsDropPunctuationAndKeepCyrillicAndDigits() {
        #expect(LookupText.words(ofKey: "\"совет безопасности\" - 15 членов, ёлка.") == ["совет", "безопасности", "15", "членов", "ёлка"])
        #expect(LookupText.skeleton(ofKey: "in 2011 exports grew by 5 percent.") == "in 0 exports grew by 0 percent")
    }

    @Test func fuzzyIsWordLevenshteinOverTheLongerSideCappedAt94() {
        let query = LookupText.words(ofKey: "a b c d e f g h i j")
        #expect(MatchScoring.fuzzy(query: query, memory: LookupText.words(ofKey: "a b c d e f g h x y")) == 80)
        #expect(MatchScoring.fuzzy(query: query, memory: LookupText.words(ofKey: "a b c d e f g h i")) == 90)
        #expect(MatchScoring.fuzzy(query: query, memory: query) == 94)
        #expect(MatchScoring.fuzzy(query: query, memory: []) == 0)
    }

    @Test func nearExactNamesWhatDiffers() {
        let quotes = MatchScoring.nearExact(query: "He said “yes”.", queryKey: LookupText.key("He said “yes”.", language: .en),
                                            memory: "He said \"yes\".", memoryKey: LookupText.key("He said \"yes\".", language: .en))
        #expect(quotes.score == 99)
        #expect(quotes.notes == ["quotes differ"])
        let numbers = MatchScoring.nearExact(query: "Page 12", queryKey: "page 12", memory: "Page 13.", memoryKey: "page 13.")
        #expect(numbers.score == 95)
        #expect(numbers.notes == ["numbers differ: 13 → 12", "punctuation differs"])
    }

    /// The surface comparison works on scalars; on text without combining marks after whitespace it names the
    /// same differences as the rule spelled out on characters (grapheme clusters).
    @Test func surfaceDifferencesAgreeWithTheRuleOnCharacters() {
        func byCharacters(_ a: String, _ b: String) -> [String] {
            func runs(_ text: String) -> [String] {
                var out: [String] = [], run = ""
                for c in text {
                    if c.isWhitespace { run.append(c) } else if !run.isEmpty { out.append(run); run = "" }
                }
                if !run.isEmpty { out.append(run) }
                return out
            }
            func fold(_ text: String) -> String {
                String(text.map { c -> Character in
                    switch c {
                    case "\"", "«", "»", "“", "”", "„", "‟": "\""
                    case "'", "‘", "’", "‚", "‛", "ʼ", "`", "´": "'"
                    case "‐", "‑", "‒", "–", "—", "―", "−": "-"
                    default: c
                    }
                })
            }
            let ca = a.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let cb = b.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            let qa = fold(ca), qb = fold(cb)
            var notes: [String] = []
            if runs(a) != runs(b) || a.first?.isWhitespace != b.first?.isWhitespace { notes.append("whitespace differs") }
            if qa != qb && qa.lowercased() == qb.lowercased() { notes.append("case differs") }
            if ca.lowercased() != cb.lowercased() && qa.lowercased() == qb.lowercased() { notes.append("quotes differ") }
            return notes
        }
        let alphabet: [Character] = ["a", "B", "я", "Ж", "1", " ", " ", "\t", "\n", "\u{A0}", "\u{2000}", "\u{2002}", "\u{2003}", "\"", "“",
                                     "«", "'", "’", "`", "-", "—", "−", ".", "é", "e\u{301}"]
        var random = SeededGenerator(seed: 42)
        var differing = 0
        for _ in 0..<3_000 {
            let a = String((0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            // b: a with a few characters swapped for others, so that most pairs are close.
            var b = Array(a)
            for _ in 0..<Int.random(in: 0...2, using: &random) where !b.isEmpty {
                b[Int.random(in: 0..<b.count, using: &random)] = alphabet.randomElement(using: &random) ?? "a"
            }
            let expected = byCharacters(a, String(b))
            #expect(MatchScoring.surfaceDifferences(a, String(b)) == expected, "\(a.debugDescription) vs \(String(b).debugDescription)")
            if !expected.isEmpty { differing += 1 }
        }
        #expect(differing > 500)
    }

    /// A key's punctuation is what lies outside its words and is no whitespace: the characters that are no
    /// letter, number or whitespace (marks belong to the letter before them).
    @Test func punctuationIsWhatIsNeitherWordNorWhitespace() {
        let alphabet: [Character] = ["a", "я", "ў", "1", "٣", " ", "\u{2028}", ".", ",", "«", "»", "-", "(", "%", "$", "e\u{301}", "ʼ", "’", "😀"]
        var random = SeededGenerator(seed: 7)
        for _ in 0..<2_000 {
            let key = String((0..<Int.random(in: 0...14, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? "a" })
            let expected = key.filter { !$0.isLetter && !$0.isNumber && !$0.isWhitespace }
            #expect(String(decoding: LookupText.punctuation(ofKey: key), as: UTF8.self) == expected, "\(key.debugDescription)")
        }
    }

    @Test func differencesMarkTheMemoryText() {
        let memoryText = "The council met on Friday."
        let surface = LookupText.surfaceWords(memoryText)
        let keys = surface.map { Substring(LookupText.key(String($0), language: .en)) }
        let query = LookupText.words(ofKey: LookupText.key("The council met again on Monday", language: .en))
        let (differences, marked) = MatchScoring.differences(query: query, memory: keys, memoryText: memoryText, memorySurface: surface,
                                                             querySurface: LookupText.surfaceWords("The council met again on Monday"))
        #expect(differences == [WordDifference(operation: .insert, memory: "", query: "again"),
                                WordDifference(operation: .replace, memory: "Friday", query: "Monday")])
        #expect(marked == "The council met {+again+} on [-Friday-]{+Monday+}.")
        let short = "The council met."
        let shortSurface = LookupText.surfaceWords(short)
        let trailing = MatchScoring.differences(query: ["the", "council", "met", "today"], memory: ["the", "council", "met"], memoryText: short,
                                                memorySurface: shortSurface, querySurface: ["The", "council", "met", "today"])
        #expect(trailing.marked == "The council met {+today+}.")
    }
}
