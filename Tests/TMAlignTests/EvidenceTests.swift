import Testing
import TestSupport
@testable import TMAlign
import TMText
import TMCore

@Suite struct EvidenceTests {
    @Test func numbersAgreeAcrossConventions() {
        #expect(NumberScanner.numbers(in: "1,000 people") == ["1000"])
        #expect(NumberScanner.numbers(in: "1 000 человек") == ["1000"])
        #expect(NumberScanner.numbers(in: "1\u{A0}000\u{A0}000") == ["1000000"])
        #expect(NumberScanner.numbers(in: "3.5%") == ["3.5"])
        #expect(NumberScanner.numbers(in: "3,5%") == ["3.5"])
        #expect(NumberScanner.numbers(in: "in 2012, 15 of 20") == ["2012", "15", "20"])
        #expect(NumberScanner.numbers(in: "on 1 March") == NumberScanner.numbers(in: "1 марта"))
    }

    @Test func monthsMeetAcrossLanguages() {
        #expect(Months.number(of: "march") == 3)
        #expect(Months.number(of: "марта") == 3)
        #expect(Months.number(of: "сакавіка") == 3)
        #expect(Months.number(of: "mars") == 3)
        #expect(Months.number(of: "marsh") == nil)
    }

    @Test func namesMeetAcrossScripts() {
        let en = FeatureExtractor(language: .en, useLexicon: false, interner: Interner())
        let ru = FeatureExtractor(language: .ru, useLexicon: false, interner: Interner())
        let be = FeatureExtractor(language: .be, useLexicon: false, interner: Interner())
        #expect(en.skeleton(of: "patrushev") == ru.skeleton(of: "патрушев"))
        #expect(ru.skeleton(of: "патрушев") == be.skeleton(of: "патрушаў"))
        #expect(en.skeleton(of: "lukashenko") == be.skeleton(of: "лукашэнка"))
        #expect(en.skeleton(of: "kovacic") == ru.skeleton(of: "ковачич"))
        #expect(en.skeleton(of: "minsk") != en.skeleton(of: "moscow"))
    }

    @Test func belarusianMeetsRussianSpelling() {
        #expect(FeatureExtractor.cyrillicPrefix("масква") == FeatureExtractor.cyrillicPrefix("москва"))
        #expect(FeatureExtractor.russianized("прэзідэнт") == "президент")
        #expect(FeatureExtractor.russianized("дзень") == "день")
    }

    @Test func theDictionaryLexiconTranslatesStems() throws {
        let lexicon = try #require(Lexicon.englishRussian, "mueller7-dict must be installed (scripts/setup.sh)")
        #expect(lexicon.count > 20_000)
        #expect(lexicon.russianStems(ofEnglishStem: "presid").contains("президент"))
        #expect(lexicon.russianStems(ofEnglishStem: "secur").contains { $0.hasPrefix("безопасн") })
        // Usage examples are not translations: "acme" gives высшая точка, not совершенство from "acme of perfection".
        let stems = lexicon.russianStems(ofEnglishStem: "acm")
        #expect(stems.contains("высш") && stems.contains("точк") && !stems.contains("совершенств"))
    }

    @Test func dictdOffsetsAreBase64() {
        #expect(Lexicon.base64Number("A") == 0)
        #expect(Lexicon.base64Number("BA") == 64)
        #expect(Lexicon.base64Number("C+m") == 2 * 4096 + 62 * 64 + 38)
        #expect(Lexicon.base64Number("é") == nil)
    }

    @Test func translatedPairsScoreAboveUnrelatedOnes() {
        let aligner = SentenceAligner(from: .en, to: .ru)
        let e = aligner.explain(["President Lukashenko met Nikolai Patrushev on 1 March.", "The weather was cold in Minsk."],
                                ["Президент Лукашенко встретился с Николаем Патрушевым 1 марта.", "В Минске было холодно."])
        #expect(e.similarity[0][0] > e.similarity[0][1] && e.similarity[1][1] > e.similarity[1][0])
    }
}

@Suite struct ParagraphAnchorTests {
    @Test func aMergeAcrossParagraphsCostsMore() {
        let aligner = SentenceAligner(from: .en, to: .ru)
        let source = ["The president met the minister of trade in Minsk on Monday.", "Talks covered trade and energy."]
        let target = ["В понедельник президент встретился в Минске с министром торговли, переговоры касались торговли и энергетики."]
        let free = aligner.align(source, target)
        #expect(free.map(\.shape) == [BeadShape(2, 1)])
        var strict = aligner
        strict.parameters.paragraphCost = 100
        let anchored = strict.align(source, target, sourceParagraphs: [0, 1], targetParagraphs: [0])
        #expect(anchored.map(\.shape) != [BeadShape(2, 1)])
        #expect(aligner.align(source, target, sourceParagraphs: [0, 0], targetParagraphs: [0]) == free)
    }
}
