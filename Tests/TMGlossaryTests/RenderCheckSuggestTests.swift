import Testing
import TMCore
import TMText
import TMGlossary

private let bgn: Romanize = {
    let russian = try? ICUTransliterator(id: "Russian-Latin/BGN")
    return { russian?.transliterate($0) ?? $0 }
}()

@Suite struct RenderTests {
    @Test func glossaryNamesGetHouseStyleAndOthersAreMarkedGuesses() throws {
        let renderer = GlossaryRenderer(matcher: houseMatcher, romanize: bgn)
        let text = "Министр Иван Петров прибыл в Гомель. Петрова встретил Лукашенко, а затем Александр Лукашенко и Иван Петров."
        let rendering = renderer.render(text, from: .ru)
        #expect(rendering.text == "Министр ⟨Ivan Petrov⟩ прибыл в Gomel. ⟨Petrov⟩ встретил Lukashenko, а затем Alexander Lukashenko и ⟨Ivan Petrov⟩.")
        #expect(rendering.names.filter { $0.kind == .guessed }.map(\.source) == ["Иван Петров", "Петрова", "Иван Петров"])
        #expect(rendering.names.first { $0.kind == .glossary }?.conceptID == "gomel")
    }

    @Test func guessedSurnamesTakeTheirCaseFromTheFirstName() throws {
        let renderer = GlossaryRenderer(matcher: houseMatcher, romanize: bgn)
        let text = "Привет от Ивана Петрова. Петров приедет. Анна Петрова тоже."
        #expect(renderer.render(text, from: .ru).text == "Привет от ⟨Ivan Petrov⟩. ⟨Petrov⟩ приедет. ⟨Anna Petrova⟩ тоже.")
    }

    @Test func belarusianSentenceAndIdempotence() throws {
        let renderer = GlossaryRenderer(matcher: houseMatcher, romanize: bgn)
        let text = "Прэзідэнт Беларусі Аляксандр Лукашэнка сустрэўся з Мікалаем Патрушавым у Магілёве."
        let once = renderer.render(text, from: .be)
        #expect(once.text == "Прэзідэнт Belarus Alexander Lukashenko сустрэўся з Nikolai Patrushev у Mogilev.")
        let twice = renderer.render(once.text, from: .be)
        #expect(twice.text == once.text)
        let guessed = renderer.render("Міністр Іван Пятроў прыехаў.", from: .be)
        #expect(renderer.render(guessed.text, from: .be).text == guessed.text)
    }

    @Test func theSchemeIsInjected() throws {
        // The romanizer gets the name's lemma (Петровым → Петров, 6 letters).
        let renderer = GlossaryRenderer(matcher: houseMatcher, romanize: { "X" + String($0.count) })
        #expect(renderer.render("Встреча с Петровым в Минске", from: .ru).text == "Встреча с ⟨X6⟩ в Minsk")
    }

    @Test func reverseFindsEntriesOrTransliterates() throws {
        let entries = GlossaryRenderer.reverse("Lukashenko met Petrov in Homiel", matcher: houseMatcher) { [(.ru, "?" + $0)] }
        #expect(entries.map(\.english) == ["Lukashenko", "Petrov", "Homiel"])
        #expect(entries[0].conceptID == "lukashenko" && entries[0].candidates.map(\.text) == ["Лукашенко", "Лукашэнка"])
        #expect(entries[1].conceptID == nil && entries[1].candidates.map(\.text) == ["?Petrov"])
        #expect(entries[2].conceptID == "gomel")
    }
}

@Suite struct TermCheckTests {
    @Test func missingDeprecatedAndInconsistentRenderings() throws {
        let units = [
            ("Александр Лукашенко прибыл в Гомель.", "Alexander Lukashenko arrived in Gomel."),
            ("Лукашенко посетил Гомель.", "Lukashenka visited Homiel."),
            ("В Гомеле открыли завод.", "A plant opened in Gomel."),
        ].enumerated().map { index, pair in
            TranslationUnit(id: "u\(index + 1)", variants: [Variant(.ru, pair.0), Variant(.en, pair.1)])
        }
        let checker = TermChecker(matcher: houseMatcher, from: .ru, to: .en)
        let report = checker.check(units)
        #expect(report.unitsChecked == 3)
        #expect(report.issues.map { "\($0.units.joined(separator: ",")) \($0.kind.rawValue) \($0.conceptID) \($0.found)" } == [
            "u2 missing lukashenko Лукашенко",
            "u2 missing gomel Гомель",
            "u2 deprecated lukashenko Lukashenka",
            "u2 deprecated gomel Homiel",
            "u1,u3,u2 inconsistent gomel Гомель",
        ])
        #expect(report.issues[0].expected == ["Alexander Lukashenko", "Lukashenko"])
        #expect(report.issues[4].message == "“Гомель” [gomel] is rendered 2 ways: “Gomel” ×2, “Homiel” ×1")
        let clean = checker.check([units[0], units[2]])
        #expect(clean.isClean)
    }
}

@Suite struct SuggestTests {
    @Test func capitalizedNamesPairedWithCloseTransliterations() throws {
        let suggester = TermSuggester(matcher: houseMatcher, language: .ru, romanize: bgn)
        let pairs: [(english: String, cyrillic: String)] = [
            ("Minister Ivan Petrov visited Gomel.", "Министр Иван Петров посетил Гомель."),
            ("Lukashenko met Ivan Petrov.", "Лукашенко встретился с Иваном Петровым."),
            ("Ivan Petrov spoke at the Zubr plant.", "Иван Петров выступил на заводе «Зубр»."),
        ]
        let suggestions = suggester.suggest(pairs)
        let top = try #require(suggestions.first)
        #expect(top.english == "Ivan Petrov" && top.cyrillic == "Иван Петров" && top.count == 3)
        #expect(suggestions.contains { $0.english == "Zubr" && $0.cyrillic == "Зубр" })
        #expect(!suggestions.contains { $0.english.contains("Lukashenko") || $0.english.contains("Gomel") })
        #expect(!suggestions.contains { $0.english == "Minister" })
    }
}
