import Foundation
import TMCore
@testable import TMStore
import Testing
import TestSupport

/// The behaviour every `TranslationMemoryStore` backend must have. Written once; each backend's test calls
/// `StoreConformance.check { try MyStore(...) }` with a factory that returns a fresh, empty store.
enum StoreConformance {
    typealias Factory = () throws -> any TranslationMemoryStore

    static func check(_ make: Factory) throws {
        try addingTwiceAddsNothing(make())
        try unitsComeBackAsTheyWentIn(make())
        try addIsAllOrNothing(make())
        try exactContextAndNearExactMatches(make())
        try exactMatchesOutlastManyNearExactSiblings(make())
        try fuzzyMatchesAreScoredByWordEditDistance(make())
        try fuzzyCandidatesWithoutATargetVariantGiveWayToThoseWithOne(make())
        try theFuzzyCandidateClosestInLengthIsScoredAmongManyHoldingTheSameWords(make())
        try aLookupReadsAtMostTheRowLimitOfFuzzyCandidates(make())
        try alternativesAreRankedByStatusDateAndScore(make())
        try fuzzyMatchesOfEqualScoreAreRankedByStatusDateAndScore(make())
        try concordanceFoldsYoPagesAndHighlights(make())
        try deleteAndStatisticsFollowTheFilter(make())
        try optimizeKeepsEveryAnswerAndLaterWrites(make())
    }

    static func date(_ text: String) -> Date? { TMXDateForTests.parse(text) }

    /// `tmkit serve` reads and writes through two stores of one memory: the reader's cached word counts (here:
    /// none of these words is in the memory) must not hide what the writer adds or deletes.
    static func aWriteThroughAnotherStoreIsSeenByTheNextLookup(reader: any TranslationMemoryStore, writer: any TranslationMemoryStore) throws {
        let query = SearchQuery(text: "Quartz falcon meadow lantern signal", source: .en, target: .ru, minimum: 50)
        #expect(try reader.search(query).isEmpty)
        try writer.add([TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern harbour"), Variant(.ru, "Кварц")])])
        #expect(try reader.search(query).map(\.score) == [80])
        #expect(try writer.delete(matching: UnitFilter()) == 1)
        #expect(try reader.search(query).isEmpty)
    }

    static func unit(_ en: String, _ ru: String, status: UnitStatus = .imported, date: String? = nil, score: Double? = nil,
                     origin: String? = nil) -> TranslationUnit {
        TranslationUnit(variants: [Variant(.en, en), Variant(.ru, ru)],
                        provenance: Provenance(origin: origin, created: date.map { Stamp(date: Self.date($0)) }, score: score, status: status))
    }

    static func addingTwiceAddsNothing(_ store: any TranslationMemoryStore) throws {
        let units = [unit("One.", "Один."), unit("Two.", "Два."), unit("Three.", "Три.")]
        #expect(try store.add(units) == AddResult(added: 3, duplicates: 0))
        #expect(try store.add(units) == AddResult(added: 0, duplicates: 3))
        // The same source with another translation is an alternative, not a duplicate.
        #expect(try store.add([unit("One.", "Единица.")]) == AddResult(added: 1, duplicates: 0))
        // Provenance does not make content new.
        #expect(try store.add([unit("Two.", "Два.", status: .confirmed, origin: "elsewhere")]) == AddResult(added: 0, duplicates: 1))
        #expect(try store.statistics().units == 4)
    }

    static func unitsComeBackAsTheyWentIn(_ store: any TranslationMemoryStore) throws {
        var source = Variant(language: LanguageTag("en-GB")!, segment: Segment(markup: #"The <bpt i="1" x="1">&lt;b&gt;</bpt>big<ept i="1">&lt;/b&gt;</ept> cat &amp; dog"#),
                             properties: [Property(type: "x-p", value: "v", language: "en")], notes: [Note("n1")],
                             created: Stamp(date: date("20120301T101500Z"), user: "ed"), attributes: [Attribute("usagecount", "3")])
        source.changed = Stamp(date: date("20120302T000000Z"), user: nil)
        let original = TranslationUnit(id: "tu-1", variants: [source, Variant(.ru, "Большой кот и собака"), Variant(.be, "Вялікі кот")],
                                       provenance: Provenance(origin: "belta-2012-03-01", file: "a.tmx", tool: "tmkit 0.1.0",
                                                              created: Stamp(date: date("20120301T101500Z"), user: "ed"),
                                                              changed: Stamp(date: nil, user: "al"), score: 0.625, status: .aligned),
                                       properties: [Property(type: "x-domain", value: "news")], notes: [Note("unit note", language: "en", encoding: "utf-8")],
                                       attributes: [Attribute("segtype", "sentence")])
        try store.add([original])
        let stored = try store.units()
        #expect(stored.map(\.unit) == [original])
        let bilingual = try store.units(matching: UnitFilter(languages: [.en, .ru]))
        #expect(bilingual.first?.unit.variants.map(\.language.code) == ["en-GB", "ru"])
        #expect(try store.units(matching: UnitFilter(languages: [.en, LanguageTag("fr")!])).isEmpty)
        #expect(try store.units(matching: UnitFilter(status: .aligned, minimumScore: 0.6, origin: "belta-2012-03-01")).count == 1)
        #expect(try store.units(matching: UnitFilter(minimumScore: 0.7)).isEmpty)
        #expect(try store.units(matching: UnitFilter(since: date("20120303T000000Z"))).isEmpty)
    }

    static func addIsAllOrNothing(_ store: any TranslationMemoryStore) throws {
        struct Interrupted: Error {}
        var given = 0
        #expect(throws: Interrupted.self) {
            try store.add {
                given += 1
                if given == 3 { throw Interrupted() }
                return unit("Unit \(given).", "Единица \(given).")
            }
        }
        #expect(try store.statistics().units == 0)
        let invalid = unit("Bad score.", "Плохая оценка.", score: 1.5)
        #expect(throws: (any Error).self) { try store.add([unit("Fine.", "Хорошо."), invalid]) }
        #expect(try store.statistics().units == 0)
    }

    static func exactContextAndNearExactMatches(_ store: any TranslationMemoryStore) throws {
        var withContext = Variant(.en, "The talks continued.")
        withContext.properties = [Property(type: Property.previousSegmentType, value: "The delegations met in Minsk.")]
        try store.add([
            TranslationUnit(variants: [withContext, Variant(.ru, "Переговоры продолжились.")]),
            unit("In 2011 exports grew by 5 percent.", "В 2011 году экспорт вырос на 5 процентов."),
            unit("Hello world.", "Привет, мир."),
        ])
        let exact = try store.search(SearchQuery(text: "The talks continued.", source: .en, target: .ru))
        #expect(exact.first?.score == 100)
        #expect(exact.first?.kind == .exact)
        #expect(exact.first?.target.segment.plainText == "Переговоры продолжились.")
        let context = try store.search(SearchQuery(text: "The talks continued.", source: .en, target: .ru, previous: "The delegations met in Minsk."))
        #expect(context.first?.score == 101)
        #expect(context.first?.kind == .context)
        let numbers = try store.search(SearchQuery(text: "In 2012 exports grew by 5 percent.", source: .en, target: .ru))
        #expect(numbers.first?.score == 97)
        #expect(numbers.first?.kind == .nearExact)
        #expect(numbers.first?.notes == ["numbers differ: 2011 → 2012"])
        #expect(numbers.first?.marked == "In [-2011-]{+2012+} exports grew by 5 percent.")
        let punctuation = try store.search(SearchQuery(text: "In 2011 exports grew by 5 percent", source: .en, target: .ru))
        #expect(punctuation.first?.score == 98)
        #expect(punctuation.first?.notes == ["punctuation differs"])
        let casing = try store.search(SearchQuery(text: "hello  World.", source: .en, target: .ru))
        #expect(casing.first?.score == 98)
        #expect(casing.first?.notes == ["whitespace differs", "case differs"])
        // Russian → English lookups use the same units.
        #expect(try store.search(SearchQuery(text: "Привет, мир.", source: .ru, target: .en)).first?.target.segment.plainText == "Hello world.")
        // Nothing in another target language.
        #expect(try store.search(SearchQuery(text: "Hello world.", source: .en, target: .be)).isEmpty)
    }

    /// A memory of segments that differ only in a number: lookups score at most `nearExactRowLimit` of the
    /// near-exact rows, yet always find the exact one, on every backend alike.
    static func exactMatchesOutlastManyNearExactSiblings(_ store: any TranslationMemoryStore) throws {
        let count = SearchPlan.nearExactRowLimit + 50
        try store.add((1...count).map { unit("The official rate is \($0) rubles.", "Официальный курс \($0) рублей.") })
        for number in [1, count / 2, count] {
            let exact = try store.search(SearchQuery(text: "The official rate is \(number) rubles.", source: .en, target: .ru))
            #expect(exact.first?.kind == .exact)
            #expect(exact.first?.target.segment.plainText == "Официальный курс \(number) рублей.")
        }
        let near = try store.search(SearchQuery(text: "The official rate is 0 rubles.", source: .en, target: .ru, limit: 3))
        #expect(near.count == 3)
        #expect(near.allSatisfy { $0.kind == .nearExact && $0.score == 97 })
    }

    static func fuzzyMatchesAreScoredByWordEditDistance(_ store: any TranslationMemoryStore) throws {
        try store.add([
            unit("The President of Belarus met the delegation in Gomel yesterday.", "Президент Беларуси встретился с делегацией в Гомеле вчера."),
            unit("Completely unrelated sentence about the weather.", "Совсем другое предложение о погоде."),
        ])
        let query = "The President of Belarus met the delegation in Minsk today."
        let matches = try store.search(SearchQuery(text: query, source: .en, target: .ru, minimum: 70))
        #expect(matches.count == 1)
        // 10 words, 2 substitutions: floor(100 × (1 − 2/10)) = 80.
        #expect(matches.first?.score == 80)
        #expect(matches.first?.kind == .fuzzy)
        #expect(matches.first?.differences == [
            WordDifference(operation: .replace, memory: "Gomel", query: "Minsk"),
            WordDifference(operation: .replace, memory: "yesterday", query: "today"),
        ])
        #expect(matches.first?.marked == "The President of Belarus met the delegation in [-Gomel-]{+Minsk+} [-yesterday-]{+today+}.")
        #expect(try store.search(SearchQuery(text: query, source: .en, target: .ru, minimum: 81)).isEmpty)
        // A long segment is compared whole: a difference after the 70th character still counts.
        let long = "The National Bank of the Republic of Belarus kept the refinancing rate unchanged at thirty percent this month."
        try store.add([unit(long, "Национальный банк сохранил ставку.")])
        let changed = long.replacingOccurrences(of: "this month", with: "this week")
        let result = try store.search(SearchQuery(text: changed, source: .en, target: .ru, minimum: 50))
        #expect(result.first?.score == 94)  // 19 words, 1 substitution → 94 (also the fuzzy cap)
    }

    /// Candidates are ranked before the target is checked, but only those with a target variant are scored.
    static func fuzzyCandidatesWithoutATargetVariantGiveWayToThoseWithOne(_ store: any TranslationMemoryStore) throws {
        // 400 units hold all the query's words but have no Russian; 3 later ones hold fewer of them and have it.
        let withoutTarget = (0..<400).map { k in
            TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern harbour \(k)"), Variant(.be, "Без рускага \(k)")])
        }
        let withTarget = (0..<3).map { k in
            TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern signal \(k)"), Variant(.ru, "Перевод \(k)")])
        }
        try store.add(withoutTarget + withTarget)
        let query = SearchQuery(text: "Quartz falcon meadow lantern harbour", source: .en, target: .ru, minimum: 50, limit: 10)
        let matches = try store.search(query)
        #expect(matches.map(\.target.segment.markup).sorted() == ["Перевод 0", "Перевод 1", "Перевод 2"])
        #expect(matches.allSatisfy { $0.kind == .fuzzy && $0.score >= 50 })
        // And to Belarusian, the 400 others (the best by the words they hold).
        let belarusian = try store.search(SearchQuery(text: query.text, source: .en, target: .be, minimum: 50, limit: 10))
        #expect(belarusian.count == 10)
        #expect(belarusian.allSatisfy { $0.target.segment.markup.hasPrefix("Без рускага") })
    }

    /// More variants hold the query's rare words than are scored (`FuzzyCandidates.limit`): those closest to
    /// the query's word count are scored first, whatever their order in the memory.
    static func theFuzzyCandidateClosestInLengthIsScoredAmongManyHoldingTheSameWords(_ store: any TranslationMemoryStore) throws {
        let padded = (0..<300).map { k in
            unit("Quartz falcon meadow lantern harbour beyond the ridge \(k)", "Кварц \(k)")
        }
        try store.add(padded + [unit("Quartz falcon meadow lantern harbour tonight", "Кварц сегодня")])
        let matches = try store.search(SearchQuery(text: "Quartz falcon meadow lantern harbour", source: .en, target: .ru, minimum: 50, limit: 1))
        // 5 query words against 6: floor(100 × (1 − 1/6)) = 83; the 300 others have 9 words (44).
        #expect(matches.map(\.target.segment.markup) == ["Кварц сегодня"])
        #expect(matches.first?.score == 83)
    }

    /// A query of words every row holds finds at most `FuzzyCandidates.rowLimit` rows, the first in the index's
    /// order: a better match stored after them is not seen.
    static func aLookupReadsAtMostTheRowLimitOfFuzzyCandidates(_ store: any TranslationMemoryStore) throws {
        let first = (0..<FuzzyCandidates.rowLimit).map { k in unit("Quartz falcon meadow lantern \(k)", "Кварц \(k)") }
        try store.add(first + [unit("Quartz falcon meadow lantern harbour tonight", "Кварц сегодня")])
        let query = SearchQuery(text: "Quartz falcon meadow lantern harbour", source: .en, target: .ru, minimum: 50, limit: 1)
        // One word replaced: floor(100 × 4/5) = 80; the unit after them would have scored 83.
        #expect(try store.search(query).map(\.score) == [80])
    }

    static func alternativesAreRankedByStatusDateAndScore(_ store: any TranslationMemoryStore) throws {
        try store.add([
            unit("Good morning.", "Доброе утро (импорт).", status: .imported, date: "20200101T000000Z"),
            unit("Good morning.", "Доброе утро (выравнивание).", status: .aligned, date: "20150101T000000Z", score: 0.5),
            unit("Good morning.", "Доброе утро (старое).", status: .confirmed, date: "20100101T000000Z"),
            unit("Good morning.", "Доброе утро (новое).", status: .confirmed, date: "20120101T000000Z"),
            unit("Good morning.", "Доброе утро (оценка).", status: .aligned, date: "20150101T000000Z", score: 0.9),
        ])
        let matches = try store.search(SearchQuery(text: "Good morning.", source: .en, target: .ru, limit: 10))
        #expect(matches.map(\.target.segment.plainText) == [
            "Доброе утро (новое).", "Доброе утро (старое).", "Доброе утро (оценка).", "Доброе утро (выравнивание).", "Доброе утро (импорт).",
        ])
        #expect(try store.search(SearchQuery(text: "Good morning.", source: .en, target: .ru, limit: 2)).count == 2)
    }

    /// More fuzzy candidates reach the cutoff score than the lookup shows: the units' status, date and score
    /// decide which are shown, among variants of one source text and of different ones.
    static func fuzzyMatchesOfEqualScoreAreRankedByStatusDateAndScore(_ store: any TranslationMemoryStore) throws {
        let sources = ["Quartz falcon meadow lantern harbour beacon.", "Quartz falcon meadow lantern harbour tower."]
        var units: [TranslationUnit] = []
        for (k, (status, date, score)) in [(UnitStatus.imported, "20200101T000000Z", 0.9), (.aligned, "20150101T000000Z", 0.5),
                                           (.confirmed, "20100101T000000Z", 0.1), (.aligned, "20150101T000000Z", 0.9),
                                           (.confirmed, "20120101T000000Z", 0.2), (.imported, "20210101T000000Z", 0.3)].enumerated() {
            units.append(unit(sources[k % 2], "Перевод \(k).", status: status, date: date, score: score))
        }
        try store.add(units)
        // Six words against six, one replaced: floor(100 × 5/6) = 83 for every unit.
        let query = SearchQuery(text: "Quartz falcon meadow lantern harbour signal.", source: .en, target: .ru, minimum: 50, limit: 4)
        let matches = try store.search(query)
        #expect(matches.map(\.score) == [83, 83, 83, 83])
        #expect(matches.map(\.target.segment.markup) == ["Перевод 4.", "Перевод 2.", "Перевод 3.", "Перевод 1."])
    }

    static func concordanceFoldsYoPagesAndHighlights(_ store: any TranslationMemoryStore) throws {
        try store.add([
            unit("The UN Security Council met on Friday.", "Совет Безопасности ООН собрался в пятницу.", date: "20120101T000000Z"),
            unit("The Security Council session was held in New York.", "Заседание Совета Безопасности прошло в Нью-Йорке.", date: "20130101T000000Z"),
            unit("A fir tree in Minsk.", "Ёлка в Минске.", date: "20140101T000000Z"),
        ])
        let page = try store.concordance(ConcordanceQuery(text: "совет безопасности", language: .ru))
        #expect(page.total == 2)
        #expect(page.hits.map(\.highlighted) == ["Заседание **Совета** **Безопасности** прошло в Нью-Йорке.",
                                                 "**Совет** **Безопасности** ООН собрался в пятницу."])
        let second = try store.concordance(ConcordanceQuery(text: "совет безопасности", language: .ru, page: 2, pageSize: 1))
        #expect(second.hits.map(\.unit.variants.first?.segment.plainText) == ["The UN Security Council met on Friday."])
        #expect(second.total == 2)
        let yo = try store.concordance(ConcordanceQuery(text: "елка", language: .ru))
        #expect(yo.hits.map(\.highlighted) == ["**Ёлка** в Минске."])
        let english = try store.concordance(ConcordanceQuery(text: "security council", language: .en))
        #expect(english.total == 2)
        #expect(try store.concordance(ConcordanceQuery(text: "security council", language: .ru)).total == 0)
        #expect(try store.concordance(ConcordanceQuery(text: "Minsk")).hits.first?.highlighted == "A fir tree in **Minsk**.")
    }

    static func deleteAndStatisticsFollowTheFilter(_ store: any TranslationMemoryStore) throws {
        try store.add([
            unit("A.", "А.", date: "20120101T000000Z", origin: "one"),
            unit("B.", "Б.", date: "20130101T000000Z", origin: "one"),
            unit("C.", "В.", status: .confirmed, date: "20140101T000000Z", origin: "two"),
        ])
        let stats = try store.statistics()
        #expect(stats.units == 3)
        #expect(stats.variants == ["en": 3, "ru": 3])
        #expect(stats.statuses == ["imported": 2, "confirmed": 1])
        #expect(stats.origins == ["one": 2, "two": 1])
        #expect(stats.firstDate == "2012-01-01T00:00:00Z")
        #expect(stats.lastDate == "2014-01-01T00:00:00Z")
        #expect(try store.delete(matching: UnitFilter(origin: "one")) == 2)
        #expect(try store.statistics().units == 1)
        #expect(try store.search(SearchQuery(text: "A.", source: .en, target: .ru)).isEmpty)
        #expect(try store.concordance(ConcordanceQuery(text: "B")).total == 0)
        #expect(try store.delete(matching: UnitFilter()) == 1)
        #expect(try store.statistics().units == 0)
    }
}

extension StoreConformance {
    /// Families of near-duplicates (a sentence of seeded words and its variations, some with one word
    /// replaced, some one word longer), with Russian or Belarusian translations or none: what `optimize`
    /// regroups.
    static func nearDuplicateFamilies(count: Int, seed: UInt64) -> [TranslationUnit] {
        var random = SeededGenerator(seed: seed)
        let vocabulary = (0..<120).map { "w\($0)" } + ["the", "of", "and", "minsk", "gomel", "council", "president"]
        var units: [TranslationUnit] = []
        for family in 0..<count {
            let base = (0..<Int.random(in: 5...12, using: &random)).map { _ in vocabulary.randomElement(using: &random) ?? "" }
            for member in 0..<Int.random(in: 1...6, using: &random) {
                var words = base
                if member % 2 == 1 { words[Int.random(in: 0..<words.count, using: &random)] = vocabulary.randomElement(using: &random) ?? "" }
                if member % 3 == 2 { words.append("f\(family)") }
                var variants = [Variant(.en, words.joined(separator: " ") + ".")]
                switch (family + member) % 4 {
                case 0, 1: variants.append(Variant(.ru, "Перевод \(family) \(member) " + words.prefix(3).joined(separator: " ")))
                case 2: variants.append(Variant(.be, "Пераклад \(family) \(member)"))
                default: break
                }
                units.append(TranslationUnit(variants: variants, provenance: Provenance(origin: "family-\(family % 5)")))
            }
        }
        return units
    }

    /// `optimize` changes no answer: lookups (fuzzy, from English to Russian and to Belarusian, and from
    /// Russian), the concordance and the statistics are the same after it, and adds and deletes still find,
    /// index and uncount what they write.
    static func optimizeKeepsEveryAnswerAndLaterWrites(_ store: any TranslationMemoryStore) throws {
        let units = nearDuplicateFamilies(count: 150, seed: 11)
        try store.add(units)
        var queries: [SearchQuery] = []
        for (index, unit) in units.enumerated() where index % 3 == 0 {
            let english = unit.variants[0].segment.markup
            let words = english.split(separator: " ")
            queries.append(SearchQuery(text: words.dropLast().joined(separator: " ") + " minsk.", source: .en, target: .ru, minimum: 50, limit: 10))
            queries.append(SearchQuery(text: english, source: .en, target: .be, minimum: 50, limit: 10))
            if let russian = unit.variants.dropFirst().first, russian.language == .ru {
                queries.append(SearchQuery(text: russian.segment.markup, source: .ru, target: .en, minimum: 50, limit: 10))
            }
        }
        let concordances = ["w1", "w17 w3", "перевод 12", "пераклад", "minsk"].map { ConcordanceQuery(text: $0, pageSize: 50) }
        func answers() throws -> (matches: [[Match]], concordance: [ConcordancePage], statistics: MemoryStatistics) {
            (try queries.map(store.search), try concordances.map(store.concordance), try store.statistics())
        }
        let before = try answers()
        #expect(before.matches.filter { $0.contains { $0.kind == .fuzzy } }.count > queries.count / 2)
        let result = try store.optimize()
        #expect(result.rows == before.statistics.variants.values.reduce(0, +))
        let after = try answers()
        #expect(after.matches == before.matches)
        #expect(after.concordance == before.concordance)
        #expect(after.statistics == before.statistics)
        // Writes after it: a new unit is found; deleting a family's units removes them from lookups.
        let query = SearchQuery(text: "Quartz falcon meadow lantern signal", source: .en, target: .ru, minimum: 50)
        try store.add([TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern harbour"), Variant(.ru, "Кварц")])])
        #expect(try store.search(query).map(\.score) == [80])
        #expect(try store.optimize().rows == result.rows + 2)
        let family = try store.units(matching: UnitFilter(origin: "family-0")).count
        #expect(family > 0)
        #expect(before.matches.joined().contains { $0.provenance.origin == "family-0" })
        #expect(try store.delete(matching: UnitFilter(origin: "family-0")) == family)
        let remaining = try queries.map(store.search)
        #expect(remaining.allSatisfy { $0.allSatisfy { $0.provenance.origin != "family-0" } })
        #expect(try store.concordance(ConcordanceQuery(text: "quartz")).total == 1)
    }
}

/// `YYYYMMDDThhmmssZ` for test fixtures (the TMX module's parser, reached without importing TMX here).
enum TMXDateForTests {
    static func parse(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return f.date(from: text)
    }
}
