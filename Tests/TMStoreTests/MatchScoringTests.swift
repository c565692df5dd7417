import TMCore
import TMStore
import Testing

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
