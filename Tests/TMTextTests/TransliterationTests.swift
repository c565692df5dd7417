import Foundation
import Testing
import TMCore
import TestSupport
@testable import TMText

/// The shared test data: `TestData.root`, or, in a git worktree nested one level deeper than the checkout,
/// the nearest `shared/testdata` above the project.
enum TranslitData {
    static func url(_ relative: String) -> URL {
        let direct = TestData.url(relative)
        if FileManager.default.fileExists(atPath: direct.path) { return direct }
        var directory = TestData.projectRoot
        for _ in 0..<4 {
            directory.deleteLastPathComponent()
            let candidate = directory.appendingPathComponent("shared/testdata/" + relative)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return direct
    }
}

/// The iuliia samples (real published romanizations, ../shared/testdata/translit/iuliia) for the schemes tmkit has.
@Suite struct TransliterationIuliiaTests {
    /// iuliia scheme name → tmkit scheme name (all Russian).
    static let covered = ["bgn_pcgn": "bgn-pcgn", "icao_doc_9303": "icao-9303", "gost_779_alt": "gost-7.79-b",
                          "wikipedia": "wikipedia"]

    /// The README's quirk: iuliia writes Cyrillic ё where the standard has Latin ë.
    static func expected(_ text: String) -> String { text.replacingOccurrences(of: "\u{0451}", with: "\u{00EB}") }

    @Test func samplesTSVPassesCompletely() throws {
        let lines = try String(contentsOf: TranslitData.url("translit/iuliia/iuliia_samples.tsv"), encoding: .utf8).split(separator: "\n")
        var checked: [String: Int] = [:]
        var failures: [String] = []
        for (index, line) in lines.enumerated() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, let scheme = Self.covered[fields[0]] else { continue }
            let got = try Transliteration.transliterate(fields[1], scheme: scheme, language: .ru)
            checked[scheme, default: 0] += 1
            if got != Self.expected(fields[2]) {
                failures.append("line \(index + 1) \(fields[0]): \(fields[1]) → \(got), expected \(Self.expected(fields[2]))")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failing pairs:\n\(failures.joined(separator: "\n"))")
        // Every covered scheme is in the file: 26 + 9 + 1 + 17 pairs.
        #expect(checked == ["bgn-pcgn": 26, "icao-9303": 9, "gost-7.79-b": 1, "wikipedia": 17])
    }

    @Test func schemaJSONSamplesPassCompletely() throws {
        var failures: [String] = []
        var checked = 0
        for (iuliia, scheme) in Self.covered.sorted(by: { $0.key < $1.key }) {
            let data = try Data(contentsOf: TranslitData.url("translit/iuliia/schemas/\(iuliia).json"))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let samples = object?["samples"] as? [[String]] ?? []
            #expect(!samples.isEmpty, "\(iuliia).json has no samples")
            for sample in samples where sample.count == 2 {
                let got = try Transliteration.transliterate(sample[0], scheme: scheme, language: .ru)
                checked += 1
                if got != Self.expected(sample[1]) { failures.append("\(iuliia): \(sample[0]) → \(got), expected \(Self.expected(sample[1]))") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failing samples:\n\(failures.joined(separator: "\n"))")
        #expect(checked == 53)
    }
}

/// Examples from the standards (mostly Belarusian place names), in Golden/translit.tsv; each line names its source.
@Suite struct TransliterationGoldenTests {
    @Test func placeNamesFromTheStandards() throws {
        let url = TestData.projectRoot.appendingPathComponent("Tests/TMTextTests/Golden/translit.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var failures: [String] = []
        var checked = 0
        for (index, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 5, let language = Language(rawValue: fields[1]) else {
                failures.append("line \(index + 1): expected 5 tab-separated fields with a language")
                continue
            }
            let got = try Transliteration.transliterate(fields[2], scheme: fields[0], language: language)
            checked += 1
            if got != fields[3] { failures.append("line \(index + 1) \(fields[0]) (\(fields[4])): \(fields[2]) → \(got), expected \(fields[3])") }
        }
        #expect(failures.isEmpty, "\(failures.count) failing lines:\n\(failures.joined(separator: "\n"))")
        #expect(checked == 72)
    }
}

@Suite struct TransliterationTests {
    @Test func registryAndErrors() throws {
        #expect(TransliterationScheme.all.map(\.name) == ["bgn-pcgn", "icao-9303", "gost-7.79-b", "wikipedia", "national-2007", "national-2023"])
        #expect(try TransliterationScheme.named("BGN-PCGN").languages == [.ru, .be])
        #expect(throws: TransliterationError.self) { try TransliterationScheme.named("iso9") }
        do {
            _ = try Transliteration.transliterate("а", scheme: "iso9", language: .ru)
            Issue.record("an unknown scheme must throw")
        } catch let error as TransliterationError {
            #expect(error.description.contains("unknown transliteration scheme 'iso9'"))
            #expect(error.description.contains("bgn-pcgn, icao-9303, gost-7.79-b, wikipedia, national-2007, national-2023"))
        }
        do {
            _ = try Transliteration.transliterate("Гомель", scheme: "national-2007", language: .ru)
            Issue.record("a scheme not defined for the language must throw")
        } catch let error as TransliterationError {
            #expect(error.description == "scheme national-2007 is not defined for Russian (ru); it covers be")
        }
        #expect(throws: TransliterationError.self) { try Transliteration.transliterate("x", scheme: "bgn-pcgn", language: .en) }
    }

    @Test func ruleErrorsNameTheFileAndLine() throws {
        let rules = "# header\nа > a ;\nб > > b ;\n"
        do {
            _ = try Transliteration.compile(rules: rules, file: "Schemes/broken.ru.txt", ascii: false)
            Issue.record("broken rules must not compile")
        } catch let error as TransliterationError {
            #expect(error.location?.file == "Schemes/broken.ru.txt")
            #expect(error.location?.line == 3)
            #expect(error.description.hasPrefix("Schemes/broken.ru.txt:3:"))
        }
    }

    @Test func caseIsKeptIncludingAllCaps() throws {
        let cases: [(String, Language, String, String)] = [
            ("bgn-pcgn", .ru, "ЩУКА Щука щука", "SHCHUKA Shchuka shchuka"),
            ("icao-9303", .ru, "ЩУКА Щука ЮЛИЯ", "SHCHUKA Shchuka IULIIA"),
            ("gost-7.79-b", .ru, "ЩУКА Щука ЦАРЬ", "SHHUKA Shhuka CZAR`"),
            ("wikipedia", .ru, "ЩУКА Щука ЕВГЕНИЙ Евгений", "SHCHUKA Shchuka YEVGENY Yevgeny"),
            ("national-2007", .be, "ХАТЫНЬ Хатынь ЕЛЬСК", "CHATYŃ Chatyń JEĹSK"),
            ("national-2023", .be, "ШЧУЧЫН Шчучын ЖОДЗІНА", "SHCHUCHYN Shchuchyn ZHODZINA"),
        ]
        for (scheme, language, input, expected) in cases {
            #expect(try Transliteration.transliterate(input, scheme: scheme, language: language) == expected, "\(scheme)")
        }
    }

    @Test func allCapsWordsOnlyAreCapitalized() throws {
        let fixed = Transliteration.capitalizingAllCapsWords("YoJUY  YOV’Kh, Yu.V. MakDonal’d McDonald 𝐀b".utf16Units,
                                                             input: "ЁЮЫ  ЁВ’Х, Ю.В. МакДональд McDonald 𝐀𝐁".utf16Units)
        // 𝐀𝐁 (outside the BMP, as surrogate pairs) is an all-caps word too.
        #expect(String(utf16Units: fixed) == "YOJUY  YOV’KH, Yu.V. MakDonal’d McDonald 𝐀B")
        #expect(try Transliteration.transliterate("ТОЕ ОТОЕ-ЪЁ McDonald", scheme: "bgn-pcgn", language: .ru) == "TOYE OTOYE-”YË McDonald")
        #expect(try Transliteration.transliterate("Ю.В. ЮРЬЕВ", scheme: "wikipedia", language: .ru) == "Yu.V. YURYEV")
    }

    @Test func decomposedInputIsNormalizedFirst() throws {
        let decomposed = "И\u{0306}ошкар-Ола, Зми\u{0438}е\u{0308}вка, Андреи\u{0306}"
        #expect(try Transliteration.transliterate(decomposed, scheme: "bgn-pcgn", language: .ru) == "Yoshkar-Ola, Zmiiyëvka, Andrey")
        #expect(try Transliteration.transliterate("Магіле\u{0308}у\u{0306}", scheme: "national-2007", language: .be) == "Mahilioŭ")
    }

    @Test func lettersOfTheOtherAlphabet() throws {
        // Russian BGN alone leaves ў і; Belarusian BGN leaves щ и ъ.
        #expect(try Transliteration.transliterate("Мінск, Заслаўе", scheme: "bgn-pcgn", language: .ru) == "Minsk, Zaslawe")
        #expect(try Transliteration.transliterate("Щучин, объезд", scheme: "bgn-pcgn", language: .be) == "Shchuchin, ob”yezd")
        #expect(try Transliteration.transliterate("Щучин", scheme: "national-2007", language: .be) == "Ščučin")
        #expect(try Transliteration.transliterate("Її Ґ", scheme: "wikipedia", language: .ru).unicodeScalars.allSatisfy { Script.of($0) != .cyrillic })
    }

    @Test func asciiFlag() throws {
        #expect(try Transliteration.transliterate("Юрьев объезд, ещё", scheme: "bgn-pcgn", language: .ru, ascii: true) == "Yuryev obyezd, yeshche")
        #expect(try Transliteration.transliterate("Тыайа", scheme: "bgn-pcgn", language: .ru, ascii: true) == "Tyaya")
        #expect(try Transliteration.transliterate("Гомель, Магілёў, Шчучын", scheme: "national-2007", language: .be, ascii: true) == "Homiel, Mahiliou, Scucyn")
        #expect(try Transliteration.transliterate("Гомель", scheme: "bgn-pcgn", language: .be, ascii: true) == "Homyel")
    }

    @Test func cacheIsBoundedAndConcurrentUseIsConsistent() async throws {
        let cache = BoundedCache<Int, String>(capacity: 2)
        for key in 0..<5 { _ = cache.value(for: key) { "\(key)" } }
        #expect(cache.count == 2)
        #expect(cache.value(for: 4) { "new" } == "4")
        #expect(cache.value(for: 0) { "again" } == "again")

        let expected = try Transliteration.transliterate("Шчучын Заслаўе", scheme: "national-2007", language: .be)
        let results = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<32 {
                group.addTask { try Transliteration.transliterate("Шчучын Заслаўе", scheme: "national-2007", language: .be) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
        #expect(Transliteration.cache.count <= Transliteration.cacheCapacity)
    }
}

/// Seeded properties over random Cyrillic words, for every scheme and language.
@Suite struct TransliterationPropertyTests {
    static let russian = Array("абвгдеёжзийклмнопрстуфхцчшщыэюя")
    static let belarusian = Array("абвгдеёжзійклмнопрстуўфхцчшыэюя")
    static let signs = Array("ьъ’")
    static let other = Array("ґєїђјљњћџѓќѕ")

    /// Words of 2–9 letters (signs never first and never doubled), separated by spaces and punctuation.
    static func randomText(_ generator: inout SeededGenerator, caps: Bool) -> String {
        var words: [String] = []
        for _ in 0..<Int.random(in: 1...6, using: &generator) {
            var word: [Character] = []
            for position in 0..<Int.random(in: 2...9, using: &generator) {
                let roll = Int.random(in: 0..<20, using: &generator)
                if roll == 0, position > 0, let last = word.last, !signs.contains(last) {
                    word.append(signs.randomElement(using: &generator) ?? "ь")
                } else if roll == 1 {
                    word.append(other.randomElement(using: &generator) ?? "ґ")
                } else {
                    word.append((Bool.random(using: &generator) ? russian : belarusian).randomElement(using: &generator) ?? "а")
                }
            }
            if word.count == 1 || signs.contains(word[word.count - 1]) && word.count == 2 { word.append("а") }
            let text = String(word)
            words.append(caps ? text.uppercased() : (Bool.random(using: &generator) ? text.capitalized : text))
        }
        return words.joined(separator: [" ", ", ", "-", ". "].randomElement(using: &generator) ?? " ")
    }

    static var pairs: [(String, Language)] {
        TransliterationScheme.all.flatMap { scheme in scheme.languages.map { (scheme.name, $0) } }
    }

    @Test func outputHasNoCyrillic() throws {
        var generator = SeededGenerator(seed: 7_79)
        var failures: [String] = []
        for _ in 0..<300 {
            let text = Self.randomText(&generator, caps: false)
            for (scheme, language) in Self.pairs {
                let output = try Transliteration.transliterate(text, scheme: scheme, language: language)
                if output.unicodeScalars.contains(where: { Script.of($0) == .cyrillic }) {
                    failures.append("\(scheme).\(language): \(text) → \(output)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) outputs with Cyrillic:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test func allCapsInputGivesAllCapsOutput() throws {
        var generator = SeededGenerator(seed: 9303)
        var failures: [String] = []
        for _ in 0..<300 {
            let text = Self.randomText(&generator, caps: true)
            for (scheme, language) in Self.pairs {
                let output = try Transliteration.transliterate(text, scheme: scheme, language: language)
                if output != output.uppercased() { failures.append("\(scheme).\(language): \(text) → \(output)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) outputs not in capitals:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    /// A block of many lines (as the benchmark and the CLI pass them) romanizes exactly as its lines one by one,
    /// for every scheme and language, with all-caps words, mixed case, and the iuliia samples' real sentences.
    @Test func blockEqualsLineByLine() throws {
        var generator = SeededGenerator(seed: 6_4000)
        let samples = try String(contentsOf: TranslitData.url("translit/iuliia/iuliia_samples.tsv"), encoding: .utf8)
            .split(separator: "\n").compactMap { $0.split(separator: "\t").dropFirst().first.map(String.init) }
        #expect(samples.count > 100)
        var lines = samples
        for _ in 0..<200 { lines.append(Self.randomText(&generator, caps: Bool.random(using: &generator))) }
        lines.shuffle(using: &generator)
        lines.insert("", at: 3)
        for (scheme, language) in Self.pairs {
            for ascii in [false, true] {
                let block = try Transliteration.transliterate(lines.joined(separator: "\n"), scheme: scheme, language: language, ascii: ascii)
                let one = try lines.map { try Transliteration.transliterate($0, scheme: scheme, language: language, ascii: ascii) }
                let blockLines = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                #expect(blockLines.count == one.count, "\(scheme).\(language)")
                let differing = zip(zip(lines, one), blockLines).filter { $0.0.1 != $0.1 }
                let first = differing.first.map { "\($0.0.0) → \($0.0.1) alone, \($0.1) in the block" } ?? ""
                #expect(differing.isEmpty, "\(scheme).\(language) ascii \(ascii): \(differing.count) lines differ, first: \(first)")
            }
        }
    }

    /// The rules `Transliteration.rules` gives, compiled on their own (as `uconv -x` does), romanize as
    /// `transliterate` does on text without all-caps words (the fix-up is not in the rules).
    @Test func publishedRulesDoTheSameJob() throws {
        var generator = SeededGenerator(seed: 72)
        for (scheme, language) in Self.pairs {
            let rules = try Transliteration.rules(scheme: scheme, language: language)
            #expect(rules.hasPrefix("::NFC;") && rules.hasSuffix("::NFC;\n"))
            let compiled = try ICUTransliterator(name: "test-\(scheme)-\(language)", rules: rules)
            for _ in 0..<50 {
                let text = Self.randomText(&generator, caps: false)
                #expect(compiled.transliterate(text) == (try Transliteration.transliterate(text, scheme: scheme, language: language)),
                        "\(scheme).\(language): \(text)")
            }
        }
        #expect(throws: TransliterationError.self) { try Transliteration.rules(scheme: "wikipedia", language: .be) }
    }

    @Test func asciiOutputIsPureASCII() throws {
        var generator = SeededGenerator(seed: 2000)
        var failures: [String] = []
        for _ in 0..<300 {
            let text = Self.randomText(&generator, caps: Bool.random(using: &generator))
            for (scheme, language) in Self.pairs {
                let output = try Transliteration.transliterate(text, scheme: scheme, language: language, ascii: true)
                if !output.unicodeScalars.allSatisfy(\.isASCII) { failures.append("\(scheme).\(language): \(text) → \(output)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) non-ASCII outputs:\n\(failures.prefix(20).joined(separator: "\n"))")
    }
}

@Suite struct TransliterationReverseTests {
    static func best(_ name: String, _ language: Language) throws -> String? {
        try Transliteration.candidates(for: name, languages: [language]).first?.text
    }

    @Test func lukashenkoInBothLanguages() throws {
        #expect(try Self.best("Lukashenko", .ru) == "Лукашенко")
        #expect(try Self.best("Lukashenko", .be) == "Лукашэнка")
        let both = try Transliteration.candidates(for: "Lukashenko")
        #expect(Set(both.map(\.language)) == [.ru, .be])
        #expect(both.count == Set(both.map { "\($0.text)|\($0.language)" }).count, "deduplicated")
        #expect(zip(both, both.dropFirst()).allSatisfy { $0.score >= $1.score }, "ranked best first")
    }

    @Test func generalRulesNotNames() throws {
        #expect(try Self.best("Ivanov", .ru) == "Иванов")
        #expect(try Self.best("Ivanov", .be) == "Іваноў")
        #expect(try Self.best("Shcheglova", .ru) == "Щеглова")
        #expect(try Self.best("Yevgeny", .ru) == "Евгений")
        #expect(try Self.best("Mahilioŭ", .be) == "Магілёў")
        #expect(try Self.best("Homyel’", .be) == "Гомель")
        #expect(try Self.best("SHCHUKA", .ru) == "ЩУКА")
        #expect(try Self.best("Lukashenko's", .ru) == "Лукашенко's")
    }

    @Test func everyForwardSpellingOfAPlaceNameReadsBack() throws {
        // Each scheme's own output, read back with that scheme only, finds the Cyrillic among the candidates.
        let names: [(String, Language)] = [("Шчучын", .be), ("Маладзечна", .be), ("Брэст", .be), ("Щеглова", .ru), ("Чапаевск", .ru)]
        var misses: [String] = []
        for (name, language) in names {
            for scheme in TransliterationScheme.all where scheme.languages.contains(language) {
                let latin = try Transliteration.transliterate(name, scheme: scheme.name, language: language)
                let found = try Transliteration.candidates(for: latin, languages: [language], scheme: scheme.name, limit: 10)
                if !found.contains(where: { $0.text == name }) {
                    misses.append("\(scheme.name): \(latin) → \(found.map(\.text).joined(separator: ", "))")
                }
            }
        }
        #expect(misses.isEmpty, "\(misses.count) misses:\n\(misses.joined(separator: "\n"))")
    }
}
