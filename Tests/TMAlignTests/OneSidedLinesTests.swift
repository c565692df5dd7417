import Foundation
import Testing
import TestSupport
@testable import TMAlign
import TMCore

@Suite struct OneSidedLinesTests {
    @Test func bundledListsRecognizeAgencyBoilerplate() throws {
        #expect(OneSidedLines.bundled(LanguageTag.ru).matches("Читайте также: Лукашенко провел переговоры с премьер-министром Казахстана"))
        #expect(OneSidedLines.bundled(LanguageTag.be).matches("Чытайце таксама: Лукашэнка правёў перамовы"))
        #expect(OneSidedLines.bundled(LanguageTag.be).matches("Фота: БЕЛТА"))
        #expect(OneSidedLines.bundled(LanguageTag.en).matches("  Read also: Lukashenko holds talks"))
        #expect(OneSidedLines.bundled(LanguageTag.ru).matches("«Фото: пресс-служба»"))
        // Ordinary sentences are not boilerplate, even with the words inside.
        #expect(!OneSidedLines.bundled(LanguageTag.ru).matches("Президент также читайте отметил, что фото: нет."))
        #expect(!OneSidedLines.bundled(LanguageTag.en).matches("Photographers were there."))
        let german = try #require(LanguageTag("de"))
        #expect(OneSidedLines.bundled(german).prefixes.isEmpty)
    }

    @Test func parsingSkipsCommentsAndBlankLines() {
        let lines = OneSidedLines(parsing: "# comment\n\nPhoto:\n  see also:  \n")
        #expect(lines.prefixes == ["photo:", "see also:"])
        #expect(lines.matches("PHOTO: Reuters"))
    }

    /// A "read also" line inserted in the Russian, next to an English sentence the Russian dropped: both are
    /// left unaligned instead of being paired with each other.
    @Test func readAlsoLineIsLeftUnaligned() {
        let english = [
            "President Alexander Lukashenko met with Nikolai Patrushev, Secretary of the Security Council of Russia, on 1 March.",
            "The talks focused on military cooperation in the Collective Security Treaty Organization.",
            "Lukashenko said the organization had become more dynamic in recent years.",
            "According to the President, the role of the CIS and its bodies is absolutely evident.",
        ]
        let russian = [
            "Президент Александр Лукашенко встретился 1 марта с секретарем Совета безопасности России Николаем Патрушевым.",
            "Переговоры были посвящены военному сотрудничеству в Организации Договора о коллективной безопасности.",
            "Читайте также: Лукашенко провел переговоры с премьер-министром Казахстана",
            "По словам Президента, роль СНГ и его органов абсолютно очевидна.",
        ]
        let beads = SentenceAligner(from: .en, to: .ru).align(english, russian)
        #expect(beads.contains { $0.source.isEmpty && $0.target == 2..<3 })
        #expect(beads.contains { $0.source == 2..<3 && $0.target.isEmpty })
        #expect(beads.contains { $0.source == 3..<4 && $0.target == 3..<4 })
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: BelarusianRussianLexicon.dictionaryPath), "apertium-bel-rus not installed"))
    func apertiumLexiconMapsCommonBelarusianWords() throws {
        let lexicon = try #require(try BelarusianRussianLexicon.load(cacheFolder: nil))
        #expect(lexicon.stateCount > 10_000)
        #expect(lexicon.russian(of: "урад") == ["правительство"])
        #expect(lexicon.russian(of: "сёння") == ["сегодня"])
        #expect(lexicon.russian(of: "краіна") == ["страна"])
        #expect(lexicon.russian(of: "калі").contains("когда"))
        #expect(lexicon.russian(of: "урадх").isEmpty)
        #expect(lexicon.russian(of: "ура").isEmpty)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: BelarusianRussianLexicon.dictionaryPath), "apertium-bel-rus not installed"))
    func belarusianNonCognatesReachTheRussianPivot() throws {
        // "вельмі дрэнна" shares its pivot keys with "очень плохо", and the English side reaches them through the
        // EN–RU dictionary.
        let interner = Interner()
        let be = FeatureExtractor(language: .be, useLexicon: true, interner: interner)
        let ru = FeatureExtractor(language: .ru, useLexicon: true, interner: interner)
        let belarusian = be.features(of: "Гэта вельмі дрэнна, сказаў урад.")
        let russian = ru.features(of: "Это очень плохо, сказало правительство.")
        #expect(PairTable.found(belarusian, in: russian).nonzeroBitCount >= 3)
        let unrelated = ru.features(of: "Футбольный матч закончился вничью.")
        #expect(PairTable.found(belarusian, in: unrelated) == 0)
    }
}
