@testable import TMStore
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
    }
}
