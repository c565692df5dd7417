import Testing
import TMCore
import TestSupport
@testable import TMText

/// Language identification on every clean dev-set unit (short segments, names, product titles included).
@Suite struct LanguageIdentifierDevSetTests {
    @Test func unitsOfEachLanguageAreIdentified() throws {
        var total: [Language: Int] = [:], right: [Language: Int] = [:]
        for document in try SegmentationDevSetTests.documents() {
            for unit in document.units {
                total[document.language, default: 0] += 1
                if LanguageIdentifier.identify(unit) == document.language { right[document.language, default: 0] += 1 }
            }
        }
        for language in Language.allCases {
            let accuracy = Double(right[language] ?? 0) / Double(max(1, total[language] ?? 0))
            print("identify \(language): \(right[language] ?? 0)/\(total[language] ?? 0) = \(accuracy)")
            // Measured 99.8–99.97%; the rest are Russian product titles in Latin letters and a URL.
            #expect(accuracy >= 0.995, "\(language)")
        }
    }

    @Test func shortBelarusianWithoutЎorІ() {
        // No ў, і or apostrophe: the pairs дз, ць, шч and words such as гэта, ён decide.
        #expect(LanguageIdentifier.identify("Яна казала: «Гэта так жудасна».") == .be)
        #expect(LanguageIdentifier.identify("Розэнштэйн абверг гэта.") == .be)
        #expect(LanguageIdentifier.identify("Вось з чаго варта пачаць.") == .be)
        #expect(LanguageIdentifier.identify("Он сказал: «Это так ужасно».") == .ru)
        #expect(LanguageIdentifier.identify("Желаю Вам хорошего дня!") == .ru)
        #expect(LanguageIdentifier.identify("Матрас Lonax Cocos TFK 130x185.") == .ru)
    }
}
