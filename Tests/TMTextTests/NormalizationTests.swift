import Testing
import TMCore
import TestSupport
@testable import TMText

@Suite struct NormalizationTests {
    @Test func composesDecomposedLetters() {
        #expect("и\u{306}".normalized(.nfc) == "й")
        #expect("й".normalized(.nfd) == "и\u{306}")
        #expect("ﬁ".normalized(.nfkc) == "fi")
    }

    @Test func normalizationIsIdempotentOnRandomText() {
        var generator = SeededGenerator(seed: 2012_03_01)
        let alphabet = Array("аеёийўіщъ'’ Ae\u{301}\u{306}\u{308}ﬁ\u{00A0}«»—ЁЛКА")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            for form in NormalizationForm.allCases {
                #expect(text.normalized(form).normalized(form) == text.normalized(form))
            }
            let key = MatchingKey.make(text, language: .ru)
            #expect(MatchingKey.make(key, language: .ru) == key)
        }
    }
}

@Suite struct MatchingKeyTests {
    @Test func foldsCaseQuotesDashesAndSpaces() {
        #expect(MatchingKey.make("«Мoсква»  — ЁЛКА", language: .ru) == "\"москва\" - елка")
        #expect(MatchingKey.make("A\u{00A0}\u{2009}B\u{202F}c ", language: .en) == "a b c")
        #expect(MatchingKey.make("“quoted” ‘single’ don’t", language: .en) == "\"quoted\" 'single' don't")
    }

    @Test func removesSoftHyphensZeroWidthAndStress() {
        #expect(MatchingKey.make("Лука\u{00AD}шен\u{200B}ко", language: .ru) == "лукашенко")
        #expect(MatchingKey.make("замо\u{301}к за\u{300}мок", language: .ru) == "замок замок")
    }

    @Test func yoFoldsForRussianOnly() {
        #expect(MatchingKey.make("Пётр", language: .ru) == "петр")
        #expect(MatchingKey.make("Магілёў", language: .be) == "магілёў")
        #expect(MatchingKey.make("Магілёў") == "магілёў", "detected as Belarusian")
    }

    @Test func mapsLookAlikeLettersToTheWordsScript() {
        // "Мoсква" with a Latin o; "ранiца" with a Latin i; "Cтoл" mostly Latin look-alikes in a Cyrillic word.
        #expect(MatchingKey.make("Мoсква", language: .ru) == MatchingKey.make("Москва", language: .ru))
        #expect(MatchingKey.make("ранiца", language: .be) == "раніца")
        // A Cyrillic о inside an English word.
        #expect(MatchingKey.make("Lukashenkо", language: .en) == "lukashenko")
    }

    @Test func belarusianApostrophesAreUnified() {
        #expect(MatchingKey.make("сям'я", language: .be) == MatchingKey.make("сям’я", language: .be))
        #expect(MatchingKey.make("сямʼя", language: .be) == MatchingKey.make("сям‘я", language: .be))
    }
}

@Suite struct LanguageIdentifierTests {
    @Test func tellsTheThreeLanguagesApart() {
        #expect(LanguageIdentifier.identify("President of Belarus Alexander Lukashenko") == .en)
        #expect(LanguageIdentifier.identify("Президент Беларуси Александр Лукашенко") == .ru)
        #expect(LanguageIdentifier.identify("Прэзідэнт Беларусі Аляксандр Лукашэнка") == .be)
        #expect(LanguageIdentifier.identify("Der Bundesrat wählt über die Änderung") == nil)
        #expect(LanguageIdentifier.identify("12 345 — 67") == nil)
    }
}

@Suite struct TransliteratorTests {
    @Test func systemBGNRussian() throws {
        let t = try ICUTransliterator(id: "Russian-Latin/BGN")
        #expect(t.transliterate("Лукашенко") == "Lukashenko")
    }

    @Test func compiledRulesAndSyntaxErrors() throws {
        let t = try ICUTransliterator(name: "test", rules: "а > a; б > b;")
        #expect(t.transliterate("аб") == "ab")
        #expect(throws: ICUError.self) { try ICUTransliterator(name: "bad", rules: "а > ;; > > b") }
    }

    /// Text goes to ICU in pieces cut at line ends, and past `partLength` units per core in one part per core on clones
    /// of the handle: the result must be the line-by-line one, also for lines longer than a piece and lines that grow
    /// fourfold (щ → shch) past the first buffer.
    @Test func piecesAndPartsGiveTheLineByLineResult() throws {
        let t = try ICUTransliterator(id: "Russian-Latin/BGN")
        var lines = try SegmentationDevSetTests.documents().filter { $0.language == .ru }.flatMap(\.units)
        #expect(lines.count > 1000)
        lines.insert(String(repeating: "щука ", count: ICUTransliterator.pieceLength), at: lines.count / 3)
        lines.insert(String(repeating: "Щ", count: 3 * ICUTransliterator.pieceLength), at: 2 * lines.count / 3)
        var text = lines.joined(separator: "\n")
        while text.utf16.count <= 2 * ICUTransliterator.partLength { text += "\n" + text }
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map { t.transliterate(String($0)) }
        #expect(t.transliterate(text) == expected.joined(separator: "\n"))
    }

    @Test func partsEndAtLineEndsAndCoverTheText() {
        let text = Array("аб\nвгд\n\nе\nжзий".utf16)
        text.withUnsafeBufferPointer { buffer in
            for count in 1...6 {
                let parts = ICUTransliterator.parts(of: buffer, count: count)
                #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == text.count)
                #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound && $0.upperBound > $0.lowerBound })
                #expect(parts.dropLast().allSatisfy { text[$0.upperBound - 1] == 0x0A }, "\(count): \(parts)")
                #expect(parts.count <= count)
            }
        }
    }
}

@Suite struct MorphologyTests {
    @Test func snowballStemsRussianAndEnglish() throws {
        let ru = try #require(Stemmer(language: .ru))
        #expect(ru.stem("совета") == ru.stem("совет"))
        let en = try #require(Stemmer(language: .en))
        #expect(en.stem("meetings") == "meet")
        #expect(Stemmer(language: .be) == nil)
    }

    @Test func hunspellStemsRussianAndBelarusian() throws {
        let ru = try #require(HunspellDictionary(language: .ru))
        #expect(ru.stems("России").contains("Россия"))
        let be = try #require(HunspellDictionary(language: .be))
        #expect(be.stems("Беларусі").contains("Беларусь"))
    }
}

@Suite struct TextInputTests {
    @Test func decodesBOMsAndLineEnds() throws {
        #expect(try TextInput.decode([0xEF, 0xBB, 0xBF] + Array("a\r\nb\rc".utf8)) == "a\nb\nc")
        let utf16le: [UInt8] = [0xFF, 0xFE, 0x1F, 0x04, 0x0D, 0x00, 0x0A, 0x00]  // "П\r\n"
        #expect(try TextInput.decode(utf16le) == "П\n")
    }

    @Test func invalidUTF8NamesTheByteOffset() {
        do {
            _ = try TextInput.decode(Array("ok ".utf8) + [0xC3, 0x28], source: "bad.txt")
            Issue.record("expected an error")
        } catch let error as TextInput.DecodingError {
            #expect(error.description == "bad.txt (byte 3): not valid UTF-8")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
