import Testing
@testable import TMKit

@Suite struct LanguageTagTests {
    @Test func canonicalizesCase() {
        #expect(LanguageTag("EN-gb")?.code == "en-GB")
        #expect(LanguageTag("sr_latn_rs")?.code == "sr-Latn-RS")
        #expect(LanguageTag("RU")?.language == .ru)
        #expect(LanguageTag("") == nil)
        #expect(LanguageTag("e n") == nil)
        #expect(LanguageTag("en")!.matches(LanguageTag("en-US")!))
    }
}
