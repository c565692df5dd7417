import Testing
import TMCore
import TMGlossary

/// The concept ids found in `text`, in text order, with the words as written: "id=words".
private func found(_ text: String, languages: Set<Language>? = nil) throws -> [String] {
    houseMatcher.matches(in: text, languages: languages).map { "\($0.concept.id)=\($0.text)" }
}

@Suite struct RussianInflectionTests {
    @Test func securityCouncilSecretaryFromTheSeedArticle() throws {
        #expect(try found("Секретарь Совета Безопасности России Николай Патрушев прибыл в Минск.") == [
            "security-council-russia=Совета Безопасности России", "patrushev=Николай Патрушев", "minsk=Минск",
        ])
    }

    @Test func casesOfInstitutionsAndPlaces() throws {
        #expect(try found("Заседание правления Национального банка прошло в Гомеле.") == [
            "national-bank=Национального банка", "gomel=Гомеле",
        ])
        #expect(try found("Урожай в Гомельской области и в Брестe") == ["gomel-oblast=Гомельской области", "brest=Брестe"])
        #expect(try found("Делегация Республики Беларусь") == ["republic-of-belarus=Республики Беларусь"])
        #expect(try found("По словам Николая Патрушева, с Николаем Патрушевым…") == [
            "patrushev=Николая Патрушева", "patrushev=Николаем Патрушевым",
        ])
    }

    @Test func surnamesInEnkoDoNotDeclineInRussian() throws {
        #expect(try found("встреча с Лукашенко; у Лукашенко") == ["lukashenko=Лукашенко", "lukashenko=Лукашенко"])
        #expect(try found("встреча с Лукашенкой", languages: [.ru]).isEmpty)
    }

    @Test func feminineSurnamesInOvaDecline() throws {
        #expect(try found("встреча с Натальей Кочановой, слово Кочановой") == [
            "kochanova=Натальей Кочановой", "kochanova=Кочановой",
        ])
    }

    @Test func dictionaryLemmasCoverFleetingVowels() throws {
        // Snowball gives "узл" for узла and "узел" for узел; Hunspell's lemma of узла is узел.
        let matcher = GlossaryMatcher(glossary: Glossary(concepts: [
            Concept(id: "node", terms: [Term(language: .en, text: "node"), Term(language: .ru, text: "узел")]),
        ]))
        #expect(matcher.matches(in: "для корневого узла и узлов").map(\.text) == ["узла", "узлов"])
    }

    @Test func explicitFormsCoverIrregularStems() throws {
        #expect(try found("В Орле и под Орлом") == ["orel=Орле", "orel=Орлом"])
    }

    @Test func lookAlikeLettersYoAndStressDoNotHideATerm() throws {
        // Latin "o" and "e" inside Cyrillic words, ё written as е, a stress mark.
        #expect(try found("Лукашенкo посетил Могилев и Го́мель") == ["lukashenko=Лукашенкo", "mogilev=Могилев", "gomel=Го́мель"])
    }

    @Test func shortWordsAndNameLookAlikesDoNotMatch() throws {
        // "За" is not a form of Зась; Борис is not Борисов; Мировой is not Мир; Сенно does not decline.
        #expect(try found("За это выступил Борис, глава Мирового банка, в Сен-Тропе.", languages: [.ru]).isEmpty)
        #expect(try found("Зась и Зася, Борисов и Борисове, в Мире, в Сенно", languages: [.ru]) == [
            "zas=Зась", "zas=Зася", "borisov=Борисов", "borisov=Борисове", "mir=Мире", "senno=Сенно",
        ])
        #expect(try found("у Кітая, у Кітаі, з Кітаем; Кіт", languages: [.be]) == [
            "china=Кітая", "china=Кітаі", "china=Кітаем",
        ])
        #expect(try found("ЗАЕВ", languages: [.ru]).isEmpty)
    }

    @Test func namesNeedCapitals() throws {
        #expect(try found("минск и брест", languages: [.ru]).isEmpty)
    }

    @Test func longestMatchWinsAndPositionsAreCharacterOffsets() throws {
        let text = "Линия 1\nв Гомельской области"
        let matches = houseMatcher.matches(in: text)
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match.concept.id == "gomel-oblast")
        #expect(match.offset == 10 && match.length == 18)
        #expect(match.line == 2 && match.column == 3)
        #expect(String(text[match.range]) == "Гомельской области")
        #expect(match.preferred(.en) == "Gomel Oblast" && match.preferred(.be) == "Гомельская вобласць")
        let nested = houseMatcher.matches(in: "Делегация Республики Беларусь", overlapping: true)
        #expect(nested.map { "\($0.concept.id)=\($0.text)" } == ["republic-of-belarus=Республики Беларусь", "belarus=Беларусь"])
    }
}

@Suite struct BelarusianInflectionTests {
    @Test func presidentMeetsPatrushev() throws {
        #expect(try found("Прэзідэнт Беларусі Аляксандр Лукашэнка сустрэўся з Мікалаем Патрушавым.") == [
            "belarus=Беларусі", "lukashenko=Аляксандр Лукашэнка", "patrushev=Мікалаем Патрушавым",
        ])
    }

    @Test func surnamesInEnkaDecline() throws {
        #expect(try found("з Лукашэнкам, да Лукашэнкі, Лукашэнку") == [
            "lukashenko=Лукашэнкам", "lukashenko=Лукашэнкі", "lukashenko=Лукашэнку",
        ])
    }

    @Test func placesInLocativeAndGenitive() throws {
        #expect(try found("у Магілёве, каля Магілёва, у Брэсце, у Гомелі") == [
            "mogilev=Магілёве", "mogilev=Магілёва", "brest=Брэсце", "gomel=Гомелі",
        ])
        #expect(try found("Урад Рэспублікі Беларусь і Нацыянальнага банка") == [
            "republic-of-belarus=Рэспублікі Беларусь", "national-bank=Нацыянальнага банка",
        ])
        #expect(try found("у Гомельскай вобласці") == ["gomel-oblast=Гомельскай вобласці"])
        #expect(try found("Арле і Арлом") == ["orel=Арле", "orel=Арлом"])
    }

    @Test func englishPossessivesAndLanguageFilter() throws {
        #expect(try found("Minsk's mayor met President Lukashenko in Gomel.") == [
            "minsk=Minsk's", "lukashenko=Lukashenko", "gomel=Gomel",
        ])
        #expect(try found("Lukashenko і Лукашэнка", languages: [.be]) == ["lukashenko=Лукашэнка"])
        // Number and possession only: Directives is the term, "directly" and "Direct" are not.
        #expect(try found("Directives No. 1 and 2 apply directly. Direct talks.", languages: [.en]) == ["presidential-directive=Directives"])
    }
}
