import Foundation
import TMCore
@testable import TMStore
import TMX
import Testing
import TestSupport

extension PostgresTestServer {
    /// A `PostgresStore` on a new, empty database.
    func freshStore() throws -> PostgresStore { try PostgresStore(url: freshDatabase()) }
}

// Runs only with a PostgreSQL server: CI always has one (scripts/test.sh starts it); without
// TMKIT_TEST_POSTGRES_URL the suite is reported as skipped, never as passed.
@Suite(.enabled(if: PostgresTestServer.url != nil, "needs TMKIT_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server)"))
struct PostgresStoreTests {
    @Test func conformsToTheStoreProtocol() throws {
        let server = try PostgresTestServer()
        try StoreConformance.check { try server.freshStore() }
    }

    @Test func givesTheSameMatchesAndConcordanceAsSQLite() throws {
        let server = try PostgresTestServer()
        let postgres = try server.freshStore()
        let sqlite = try SQLiteStore()
        let path = TestData.url("tmx/other/my_memory.tmx").path
        for store in [postgres, sqlite] as [any TranslationMemoryStore] {
            let reader = try TMXReader(path: path)
            _ = try store.add { try reader.next() }
        }
        #expect(try postgres.statistics() == sqlite.statistics())
        #expect(try postgres.units().map(\.unit) == sqlite.units().map(\.unit))
        // Queries: every English segment as is, with its first word dropped, and with its last word replaced.
        var random = SeededGenerator(seed: 6)
        var queries: [String] = []
        for stored in try sqlite.units() {
            guard let english = stored.unit.variants.first(where: { $0.language.primary == "en" })?.segment.plainText else { continue }
            var words = english.split(separator: " ").map(String.init)
            queries.append(english)
            if words.count > 3 {
                queries.append(words.dropFirst().joined(separator: " "))
                words[words.count - 1] = ["today", "in Minsk", "again"][Int.random(in: 0..<3, using: &random)]
                queries.append(words.joined(separator: " "))
            }
        }
        #expect(queries.count > 200)
        var fuzzy = 0
        for text in queries {
            let query = SearchQuery(text: text, source: .en, target: .ru, minimum: 60, limit: 5)
            let a = try postgres.search(query), b = try sqlite.search(query)
            #expect(a.map(Comparable.init) == b.map(Comparable.init), "\(text)")
            fuzzy += b.filter { $0.kind == .fuzzy }.count
        }
        #expect(fuzzy > 50)
        for words in ["переводчик", "работа", "the", "file", "Совет"] {
            let query = ConcordanceQuery(text: words, pageSize: 5)
            let a = try postgres.concordance(query), b = try sqlite.concordance(query)
            #expect(a.total == b.total, "\(words)")
            #expect(a.hits.map(\.highlighted) == b.hits.map(\.highlighted), "\(words)")
        }
    }

    /// What a match shows a user, without the store's row ids.
    struct Comparable: Equatable {
        var score: Int, kind: MatchKind, source: String, target: String, notes: [String], marked: String?
        init(_ match: Match) {
            score = match.score
            kind = match.kind
            source = match.source.segment.markup
            target = match.target.segment.markup
            notes = match.notes
            marked = match.marked
        }
    }

    @Test func migrationsAreRecordedAndAppliedOnce() throws {
        let server = try PostgresTestServer()
        let url = try server.freshDatabase()
        let first = try PostgresStore(url: url)
        try first.add([TranslationUnit(variants: [Variant(.en, "Kept."), Variant(.ru, "Сохранено.")])])
        let second = try PostgresStore(url: url)
        #expect(try second.schemaVersion() == PostgresSchema.migrations.last?.version)
        #expect(try second.statistics().units == 1)
        let connection = try PostgresConnection(url: url)
        #expect(try connection.query("SELECT count(*) FROM tmkit_schema_migrations", operation: "test").int(0, 0) == Int64(PostgresSchema.migrations.count))
        #expect(try connection.query("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'", operation: "test").rowCount == 1)
    }

    @Test func aLostConnectionIsReopened() throws {
        let server = try PostgresTestServer()
        let url = try server.freshDatabase()
        let store = try PostgresStore(url: url)
        try store.add([TranslationUnit(variants: [Variant(.en, "Kept."), Variant(.ru, "Сохранено.")])])
        let database = try #require(URLComponents(string: url)?.path.dropFirst())
        let admin = try PostgresConnection(url: url)
        let killed = try admin.query("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                                     [String(database)], operation: "test")
        #expect(killed.int(0, 0) == 1)
        #expect(try store.search(SearchQuery(text: "Kept.", source: .en, target: .ru)).first?.score == 100)
        #expect(try store.statistics().units == 1)
    }

    /// Units whose English shares words in a known pattern: unit `k` holds `alpha`, `beta` when k is even,
    /// `gamma` when k is a multiple of 3, and a word of its own; its origin is `even` or `odd`.
    static func patterned(_ range: Range<Int>) -> [TranslationUnit] {
        range.map { k in
            var words = ["alpha", "council", "word\(k)"]
            if k % 2 == 0 { words.append("beta") }
            if k % 3 == 0 { words.append("gamma") }
            return TranslationUnit(variants: [Variant(.en, words.joined(separator: " ")), Variant(.ru, "Совет \(k)")],
                                   provenance: Provenance(origin: k % 2 == 0 ? "even" : "odd"))
        }
    }

    @Test func wordFrequenciesFollowInsertsAndDeletes() throws {
        let server = try PostgresTestServer()
        let url = try server.freshDatabase()
        let store = try PostgresStore(url: url)
        // Twice the same batch: the second adds nothing and counts nothing.
        #expect(try store.add(Self.patterned(0..<1200)).added == 1200)
        #expect(try store.add(Self.patterned(0..<1200)).added == 0)
        let connection = try PostgresConnection(url: url)
        func documents(_ word: String) throws -> Int64? {
            try connection.query("SELECT documents FROM word_frequency WHERE word = $1", [word], operation: "test").int(0, 0)
        }
        #expect(try documents("alpha") == 1200)
        #expect(try documents("beta") == 600)
        #expect(try documents("gamma") == 400)
        #expect(try documents("совет") == 1200)
        #expect(try documents("word7") == 1)
        #expect(try store.delete(matching: UnitFilter(origin: "even")) == 600)
        #expect(try documents("alpha") == 600)
        #expect(try documents("beta") == 0)
        #expect(try documents("gamma") == 200)
    }

    /// A fresh database with the migrations up to `version` applied, as a tmkit of that schema left it (it is
    /// dropped when the returned server is released).
    static func databaseAtSchemaVersion(_ version: Int) throws -> (server: PostgresTestServer, url: String, connection: PostgresConnection) {
        let server = try PostgresTestServer()
        let url = try server.freshDatabase()
        let connection = try PostgresConnection(url: url)
        try connection.execute("CREATE TABLE tmkit_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", operation: "test")
        for (applied, name, sql) in PostgresSchema.migrations where applied <= version {
            try connection.execute(sql, operation: "test")
            try connection.query("INSERT INTO tmkit_schema_migrations (version, name) VALUES ($1, $2)", [String(applied), name], operation: "test")
        }
        return (server, url, connection)
    }

    @Test func aMemoryFromSchemaVersion2KeepsItsWordFrequenciesAfterTheUpgrade() throws {
        // A database as version 2 left it, with a unit whose words its insert trigger counted.
        let (server, url, connection) = try Self.databaseAtSchemaVersion(2)
        try connection.execute("""
            INSERT INTO unit (content_hash, status) VALUES ('\\x00000000000000000000000000000001', 'imported');
            INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, words, key_hash, skeleton_hash)
            SELECT id, 0, 'en', 'en', 'Alpha council.', 'Alpha council.', 'alpha council.', ' alpha council', 1, 2 FROM unit
            """, operation: "test")
        func documents(_ word: String) throws -> Int64? {
            try connection.query("SELECT documents FROM word_frequency WHERE word = $1", [word], operation: "test").int(0, 0)
        }
        #expect(try documents("council") == 1)
        // Opening it upgrades it; adds then count once per transaction, deletes through the trigger.
        let store = try PostgresStore(url: url)
        #expect(try store.schemaVersion() == PostgresSchema.migrations.last?.version)
        try store.add(Self.patterned(0..<10))
        #expect(try documents("council") == 11)
        #expect(try documents("alpha") == 11)
        #expect(try documents("beta") == 5)
        #expect(try store.delete(matching: UnitFilter(origin: "even")) == 5)
        #expect(try documents("council") == 6)
        #expect(try documents("beta") == 0)
        withExtendedLifetime(server) {}  // the database lives as long as its server object
    }

    @Test func aMemoryFromSchemaVersion3NamesEachVariantsOtherLanguagesAfterTheUpgrade() throws {
        // A database as version 3 left it: a unit in English, Russian and Belarusian, and one of English alone.
        let (server, url, connection) = try Self.databaseAtSchemaVersion(3)
        try connection.execute("""
            INSERT INTO unit (content_hash, status) VALUES ('\\x00000000000000000000000000000001', 'imported'), ('\\x00000000000000000000000000000002', 'imported');
            INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, words, key_hash, skeleton_hash)
            SELECT u.id, x.position, x.language, x.base, x.text, x.text, lower(x.text), x.words, x.position, x.position
            FROM unit AS u, (VALUES (0, 'en', 'en', 'Quartz falcon meadow lantern harbour.', ' quartz falcon meadow lantern harbour'),
                                    (1, 'ru-RU', 'ru', 'Кварц.', ' кварц'), (2, 'be', 'be', 'Кварц.', ' кварц'))
                 AS x (position, language, base, text, words)
            WHERE u.content_hash = '\\x00000000000000000000000000000001' OR x.position = 0;
            INSERT INTO word_frequency (word, documents) VALUES ('quartz', 2), ('falcon', 2), ('meadow', 2), ('lantern', 2), ('harbour', 2);
            """, operation: "test")
        let store = try PostgresStore(url: url)
        #expect(try store.schemaVersion() == PostgresSchema.migrations.last?.version)
        let rows = try connection.query("SELECT v.unit_id, v.position, v.other_languages FROM variant_words AS v ORDER BY v.unit_id, v.position", operation: "test")
        #expect((0..<rows.rowCount).map { rows.string($0, 2) } == [" ru-RU ru be be", " en en be be", " en en ru-RU ru", ""])
        // The fuzzy lookup reads whether a candidate's unit has the target language from that column.
        let query = SearchQuery(text: "Quartz falcon meadow lantern signal.", source: .en, target: .ru, minimum: 50)
        #expect(try store.search(query).map(\.target.segment.markup) == ["Кварц."])
        let german = try #require(LanguageTag("de"))
        #expect(try store.search(SearchQuery(text: query.text, source: .en, target: german, minimum: 50)).isEmpty)
        // Units added now carry it too.
        try store.add([TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern signal."), Variant(.be, "Сігнал.")])])
        #expect(try connection.query("SELECT w.other_languages FROM variant_words AS w JOIN variant AS v USING (id) WHERE v.markup = 'Сігнал.'",
                                     operation: "test").string(0, 0) == " en en")
        withExtendedLifetime(server) {}  // the database lives as long as its server object
    }

    @Test func aMemoryFromSchemaVersion4IsFoundThroughTheNarrowWordsTableAfterTheUpgrade() throws {
        // A database as version 4 left it: a unit in English and Russian, and one of English alone.
        let (server, url, connection) = try Self.databaseAtSchemaVersion(4)
        try connection.execute("""
            INSERT INTO unit (content_hash, status) VALUES ('\\x00000000000000000000000000000001', 'imported'), ('\\x00000000000000000000000000000002', 'imported');
            INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, words, other_languages, key_hash, skeleton_hash)
            SELECT u.id, x.position, x.language, x.base, x.text, x.text, lower(x.text), x.words, x.others, x.position, x.position
            FROM unit AS u, (VALUES (0, 'en', 'en', 'Quartz falcon meadow lantern harbour.', ' quartz falcon meadow lantern harbour', ' ru ru'),
                                    (1, 'ru', 'ru', 'Кварц.', ' кварц', ' en en'))
                 AS x (position, language, base, text, words, others)
            WHERE u.content_hash = '\\x00000000000000000000000000000001' OR x.position = 0;
            UPDATE variant SET other_languages = '' WHERE unit_id = (SELECT id FROM unit WHERE content_hash = '\\x00000000000000000000000000000002');
            INSERT INTO word_frequency (word, documents) VALUES ('quartz', 2), ('falcon', 2), ('meadow', 2), ('lantern', 2), ('harbour', 2), ('кварц', 1);
            """, operation: "test")
        let store = try PostgresStore(url: url)
        #expect(try store.schemaVersion() == 6)
        // Every variant has its row, and `variant` keeps neither column.
        let rows = try connection.query("""
            SELECT w.position, w.language, w.base_language, w.words, w.other_languages, w.unit_id = v.unit_id
            FROM variant_words AS w JOIN variant AS v USING (id) ORDER BY w.unit_id, w.position
            """, operation: "test")
        #expect((0..<rows.rowCount).map { row in (0..<6).map { rows.string(row, $0) ?? "NULL" }.joined(separator: "|") } == [
            "0|en|en| quartz falcon meadow lantern harbour| ru ru|t", "1|ru|ru| кварц| en en|t", "0|en|en| quartz falcon meadow lantern harbour||t"])
        #expect(try connection.query("""
            SELECT count(*) FROM information_schema.columns WHERE table_name = 'variant' AND column_name IN ('words', 'other_languages')
            """, operation: "test").int(0, 0) == 0)
        // Lookups and the concordance read it; words are counted as before.
        let query = SearchQuery(text: "Quartz falcon meadow lantern signal.", source: .en, target: .ru, minimum: 50)
        #expect(try store.search(query).map(\.target.segment.markup) == ["Кварц."])
        #expect(try store.concordance(ConcordanceQuery(text: "lantern harb", language: .en)).total == 2)
        try store.add([TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern signal."), Variant(.be, "Сігнал.")])])
        #expect(try store.concordance(ConcordanceQuery(text: "сігнал")).hits.map(\.matchedVariant) == [1])
        func documents(_ word: String) throws -> Int64? {
            try connection.query("SELECT documents FROM word_frequency WHERE word = $1", [word], operation: "test").int(0, 0)
        }
        #expect(try documents("quartz") == 3)
        // Deleting units deletes their rows and uncounts their words (the trigger moved with the words).
        #expect(try store.delete(matching: UnitFilter()) == 3)
        #expect(try documents("quartz") == 0)
        #expect(try connection.query("SELECT count(*) FROM variant_words", operation: "test").int(0, 0) == 0)
        withExtendedLifetime(server) {}  // the database lives as long as its server object
    }

    /// `optimize` writes each language's rows in the order of their rarest word (as `word_frequency` counts
    /// it, then the word), then id, and leaves the table's constraints, indexes and the word counts as they were.
    @Test func optimizeWritesTheWordsTableInRarestWordOrderAndKeepsItsDefinition() throws {
        let server = try PostgresTestServer()
        let url = try server.freshDatabase()
        let store = try PostgresStore(url: url)
        try store.add(StoreConformance.nearDuplicateFamilies(count: 60, seed: 5))
        try store.add([TranslationUnit(variants: [Variant(.en, ""), Variant(.ru, "Пусто.")])])  // a row with no words
        let connection = try PostgresConnection(url: url)
        func strings(_ sql: String) throws -> [String] {
            let rows = try connection.query(sql, operation: "test")
            return (0..<rows.rowCount).map { row in rows.string(row, 0) ?? "NULL" }
        }
        let definition = """
            SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'variant_words'::regclass
            UNION ALL SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'variant_words'::regclass
            UNION ALL SELECT tgname || ' ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE tgrelid = 'variant_words'::regclass AND NOT tgisinternal
            ORDER BY 1
            """
        let counts = "SELECT word || ' ' || documents FROM word_frequency ORDER BY word"
        let (definitionBefore, countsBefore) = (try strings(definition), try strings(counts))
        #expect(definitionBefore.count >= 5)  // primary and foreign key, word index, two triggers

        // The order expected, computed here from the rows and the counts.
        var documents: [String: Int] = [:]
        for line in countsBefore {
            let parts = line.split(separator: " ")
            documents[String(parts[0])] = Int(parts[1])
        }
        let rows = try connection.query("SELECT id, language, words FROM variant_words", operation: "test")
        let expected = (0..<rows.rowCount).map { row -> (language: String, rarest: (Int, String)?, id: Int64) in
            let words = (rows.string(row, 2) ?? "").split(separator: " ").map(String.init)
            let rarest = words.compactMap { word in documents[word].map { ($0, word) } }.min { $0 < $1 }
            return (rows.string(row, 1) ?? "", rarest, rows.int(row, 0) ?? 0)
        }.sorted { a, b in
            if a.language != b.language { return a.language < b.language }
            switch (a.rarest, b.rarest) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.id < b.id
            }
        }.map { String($0.id) }
        // The order `optimize` writes in, as PostgreSQL computes it.
        try connection.execute("BEGIN", operation: "test")
        try connection.execute(PostgresStore.orderedWordsSQL, operation: "test")
        let ordered = try strings("SELECT id::text FROM variant_words_ordered ORDER BY ordinal")
        try connection.execute("ROLLBACK", operation: "test")
        #expect(ordered == expected)

        // Rows stored on an earlier page than the row before them in that order. (PostgreSQL puts a row that fits
        // in an earlier page's free space, so a few small ones may be.)
        func storedOutOfOrder() throws -> Int {
            var page: [String: Int] = [:]
            for line in try strings("SELECT id || ' ' || (ctid::text::point)[0] FROM variant_words") {
                let parts = line.split(separator: " ")
                page[String(parts[0])] = Int(parts[1])
            }
            return zip(expected, expected.dropFirst()).filter { (page[$1] ?? 0) < (page[$0] ?? 0) }.count
        }
        let before = try storedOutOfOrder()
        #expect(try store.optimize().rows == expected.count)
        let after = try storedOutOfOrder()
        #expect(before > expected.count / 10)  // as added: by id
        #expect(after <= expected.count / 100)
        #expect(try strings(definition) == definitionBefore)
        #expect(try strings(counts) == countsBefore)
        withExtendedLifetime(server) {}  // the database lives as long as its server object
    }

    @Test func aMemoryFromSchemaVersion5CarriesItsUnitsRanksInTheWordsTableAfterTheUpgrade() throws {
        // A database as version 5 left it: a confirmed unit with a change date and a score, and an imported one.
        let (server, url, connection) = try Self.databaseAtSchemaVersion(5)
        try connection.execute("""
            INSERT INTO unit (content_hash, status, created_at, changed_at, score) VALUES
                ('\\x00000000000000000000000000000001', 'confirmed', 100, 200, 0.5),
                ('\\x00000000000000000000000000000002', 'imported', 300, NULL, NULL);
            INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, key_hash, skeleton_hash)
            SELECT u.id, x.position, x.language, x.language, x.text, x.text, lower(x.text), x.position, x.position
            FROM unit AS u, (VALUES (0, 'en', 'Quartz falcon meadow lantern harbour.'), (1, 'ru', 'Кварц.')) AS x (position, language, text);
            INSERT INTO variant_words (id, unit_id, position, language, base_language, words, other_languages)
            SELECT v.id, v.unit_id, v.position, v.language, v.base_language,
                   CASE v.language WHEN 'en' THEN ' quartz falcon meadow lantern harbour' ELSE ' кварц' END,
                   CASE v.language WHEN 'en' THEN ' ru ru' ELSE ' en en' END
            FROM variant AS v;
            INSERT INTO word_frequency (word, documents) VALUES ('quartz', 2), ('falcon', 2), ('meadow', 2), ('lantern', 2), ('harbour', 2), ('кварц', 2);
            """, operation: "test")
        let store = try PostgresStore(url: url)
        #expect(try store.schemaVersion() == 6)
        let rows = try connection.query("""
            SELECT w.language, w.unit_status, coalesce(w.unit_recency::text, 'NULL'), coalesce(w.unit_score::text, 'NULL')
            FROM variant_words AS w JOIN unit AS u ON u.id = w.unit_id ORDER BY u.id, w.position
            """, operation: "test")
        #expect((0..<rows.rowCount).map { row in (0..<4).map { rows.string(row, $0) ?? "" }.joined(separator: "|") } == [
            "en|confirmed|200|0.5", "ru|confirmed|200|0.5", "en|imported|300|NULL", "ru|imported|300|NULL"])
        // Both alternatives are found, the confirmed one first; the table keeps its keys, index and triggers.
        let query = SearchQuery(text: "Quartz falcon meadow lantern signal.", source: .en, target: .ru, minimum: 50, limit: 1)
        #expect(try store.search(query).map(\.provenance.status) == [.confirmed])
        try store.add([TranslationUnit(variants: [Variant(.en, "Quartz falcon meadow lantern beacon."), Variant(.ru, "Маяк.")],
                                       provenance: Provenance(status: .aligned))])
        #expect(try connection.query("SELECT count(*) FROM variant_words WHERE unit_status = 'aligned'", operation: "test").int(0, 0) == 2)
        #expect(try store.delete(matching: UnitFilter()) == 3)
        #expect(try connection.query("SELECT count(*) FROM variant_words", operation: "test").int(0, 0) == 0)
        #expect(try connection.query("SELECT documents FROM word_frequency WHERE word = 'quartz'", operation: "test").int(0, 0) == 0)
        withExtendedLifetime(server) {}  // the database lives as long as its server object
    }

    @Test func aWriteThroughAnotherStoreOfTheURLIsSeenByTheNextLookup() throws {
        let server = try PostgresTestServer()
        let url = try server.freshDatabase()
        try StoreConformance.aWriteThroughAnotherStoreIsSeenByTheNextLookup(reader: PostgresStore(url: url), writer: PostgresStore(url: url))
    }

    @Test func concurrentRequestsShareThePoolAndGiveTheSerialAnswers() throws {
        let server = try PostgresTestServer()
        let store = try PostgresStore(url: server.freshDatabase(), maximumConnections: 3)
        #expect(store.maximumConnections == 3)
        try store.add(Self.patterned(0..<300))
        let queries = (0..<30).map { SearchQuery(text: "alpha council word\($0 * 7) beta", source: .en, target: .ru, minimum: 50, limit: 3) }
        let serial = try queries.map { try store.search($0).map(Comparable.init) }
        #expect(serial.allSatisfy { !$0.isEmpty })
        /// Sendable notes: each iteration writes only its own slot; read after `concurrentPerform` returns.
        final class Slots: @unchecked Sendable { var answers: [[Comparable]?]; var added = 0; let lock = NSLock()
            init(_ count: Int) { answers = Array(repeating: nil, count: count) } }
        let slots = Slots(queries.count * 4)
        // Readers on 12 threads and, meanwhile, writers adding disjoint units.
        DispatchQueue.concurrentPerform(iterations: queries.count * 4 + 4) { i in
            if i >= queries.count * 4 {
                let units = (0..<50).map { TranslationUnit(variants: [Variant(.en, "Unrelated line \(i) \($0)"), Variant(.ru, "Другое \($0)")]) }
                let added = (try? store.add(units).added) ?? 0
                slots.lock.lock(); slots.added += added; slots.lock.unlock()
                return
            }
            let answer = try? store.search(queries[i % queries.count]).map(Comparable.init)
            slots.lock.lock(); slots.answers[i] = answer; slots.lock.unlock()
        }
        for (i, answer) in slots.answers.enumerated() { #expect(answer == serial[i % queries.count], "query \(i)") }
        #expect(slots.added == 200)
        #expect(try store.statistics().units == 500)
    }

    @Test func valuesTravelAsParametersNotAsSQL() throws {
        let server = try PostgresTestServer()
        let store = try server.freshStore()
        let hostile = "Robert'); DROP TABLE unit; -- \\ % _ $1"
        try store.add([TranslationUnit(variants: [Variant(.en, hostile), Variant(.ru, "Роберт")],
                                       provenance: Provenance(origin: hostile))])
        #expect(try store.units(matching: UnitFilter(origin: hostile)).count == 1)
        #expect(try store.search(SearchQuery(text: hostile, source: .en, target: .ru)).first?.score == 100)
        #expect(try store.concordance(ConcordanceQuery(text: "robert", language: .en)).total == 1)
        #expect(try store.delete(matching: UnitFilter(origin: hostile)) == 1)
    }
}

/// PostgreSQL behaviour that needs no server.
@Suite struct PostgresStoreOfflineTests {
    @Test func errorsNameTheServerWithoutThePassword() throws {
        let error = #expect(throws: StoreError.self) {
            try PostgresStore(url: "postgres://tmkit:s3cret@127.0.0.1:1/nowhere?connect_timeout=2")
        }
        #expect(error?.location?.file == "postgres://tmkit:***@127.0.0.1:1/nowhere?connect_timeout=2")
        #expect(error?.description.contains("s3cret") == false)
        #expect(error?.message.hasPrefix("PostgreSQL: connect:") == true)
    }

    @Test func passwordsAreRedactedAndURLsRecognized() {
        #expect(PostgresStore.redacted("postgres://u:p@h:5432/d") == "postgres://u:***@h:5432/d")
        #expect(PostgresStore.redacted("postgresql://u@h/d") == "postgresql://u@h/d")
        #expect(PostgresStore.redacted("Memories/default.tmdb") == "Memories/default.tmdb")
        #expect(PostgresStore.handles("postgres://h/d") && PostgresStore.handles("postgresql://h/d"))
        #expect(!PostgresStore.handles("Memories/postgres.tmdb"))
    }

    @Test func otherLanguagesAreMatchedAsWholeWords() {
        func holds(_ code: String, _ column: String) -> Bool {
            Array(column.utf8).withUnsafeBytes { PostgresStore.holds(Array(code.utf8), in: $0) }
        }
        #expect(holds("ru", " ru-RU ru be be"))
        #expect(holds("ru-RU", " ru-RU ru"))
        #expect(!holds("ru", " ru-RU"))
        #expect(!holds("r", " ru ru"))
        #expect(!holds("en", ""))
    }

    @Test func frequenciesAreReadOnlyForWordsNotCachedAndCountsReadBeforeAWriteAreNotKept() {
        let cache = WordFrequencyCache()
        var asked: [[String]] = []
        var counts = ["alpha": 3, "gamma": 0]
        let read = { (words: [String]) -> [String: Int] in
            asked.append(words)
            return counts.filter { words.contains($0.key) }
        }
        // Absent words are left out, and cached (as 0) like the others.
        #expect(cache.frequencies(of: ["alpha", "beta"], read: read) == ["alpha": 3])
        #expect(cache.frequencies(of: ["alpha", "beta", "gamma"], read: read) == ["alpha": 3])
        #expect(asked == [["alpha", "beta"], ["gamma"]])
        // A write (which empties the cache) while counts are being read: they are used once, not kept.
        counts["delta"] = 5
        #expect(cache.frequencies(of: ["delta"]) { words in
            cache.invalidate()
            return read(words)
        } == ["delta": 5])
        counts["delta"] = 6
        #expect(cache.frequencies(of: ["alpha", "delta"], read: read) == ["alpha": 3, "delta": 6])
        #expect(asked.suffix(2) == [["delta"], ["alpha", "delta"]])
    }

    @Test func arrayLiteralsQuoteEveryElement() {
        #expect(PostgresArguments.arrayLiteral([]) == "{}")
        #expect(PostgresArguments.arrayLiteral(["a", nil, "NULL", "x\"y\\z", "{,}", ""]) == #"{"a",NULL,"NULL","x\"y\\z","{,}",""}"#)
    }
}
