import Foundation
import GRDB
import TMCore
@testable import TMStore
import TMX
import Testing
import TestSupport

@Suite struct SQLiteStoreTests {
    @Test func inMemoryStoreConforms() throws {
        try StoreConformance.check { try SQLiteStore() }
    }

    @Test func fileStoreConformsAndPersists() throws {
        let folder = try TestData.temporaryDirectory()
        var count = 0
        try StoreConformance.check {
            count += 1
            return try SQLiteStore(path: folder.appendingPathComponent("nested/m\(count).tmdb").path)
        }
        let path = folder.appendingPathComponent("persist.tmdb").path
        try SQLiteStore(path: path).add([TranslationUnit(variants: [Variant(.en, "Kept."), Variant(.ru, "Сохранено.")])])
        #expect(try SQLiteStore(path: path).statistics().units == 1)
        #expect(FileManager.default.fileExists(atPath: path + "-wal") || FileManager.default.fileExists(atPath: path))
    }

    @Test func importingAFileTwiceAddsNothingAndABadFileStoresNothing() throws {
        let store = try SQLiteStore()
        let path = TestData.url("tmx/other/my_memory.tmx").path
        func importFile(_ path: String) throws -> AddResult {
            let reader = try TMXReader(path: path)
            return try store.add { try reader.next() }
        }
        let first = try importFile(path)
        #expect(first.added > 100)
        #expect(try importFile(path) == AddResult(added: 0, duplicates: first.added + first.duplicates))
        let broken = try TestData.temporaryDirectory().appendingPathComponent("broken.tmx")
        try Data("""
            <?xml version="1.0"?>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>Stored only if the file is whole.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>broken</tuv></tu>
            </body></tmx>
            """.utf8).write(to: broken)
        let before = try store.statistics().units
        #expect(throws: TMXError.self) { try importFile(broken.path) }
        #expect(try store.statistics().units == before)
    }

    @Test func largeAddsArePreparedInBatchesAndKeepOrderAndDuplicates() throws {
        let store = try SQLiteStore()
        // 700 units over several batches, every 7th repeating an earlier one (inside and across batches).
        let units = (0..<700).map { i in
            let n = i % 7 == 6 ? i - 3 : i
            return TranslationUnit(id: String(i), variants: [Variant(.en, "Sentence number \(n) of the batch test."), Variant(.ru, "Предложение номер \(n).")])
        }
        let result = try store.add(units)
        #expect(result == AddResult(added: 600, duplicates: 100))
        let stored = try store.units()
        #expect(stored.map(\.unit.id) == units.enumerated().filter { $0.offset % 7 != 6 }.map(\.element.id))
        let match = try store.search(SearchQuery(text: "Sentence number 355 of the batch test.", source: .en, target: .ru))
        #expect(match.first?.score == 100)
        #expect(match.first?.target.segment.plainText == "Предложение номер 355.")
    }

    @Test func anErrorInALaterBatchStopsTheReaderAndStoresNothing() throws {
        struct Interrupted: Error {}
        let store = try SQLiteStore()
        func unit(_ i: Int, score: Double? = nil) -> TranslationUnit {
            TranslationUnit(id: String(i), variants: [Variant(.en, "Pipeline sentence \(i) for the reader."), Variant(.ru, "Предложение \(i).")],
                            provenance: Provenance(score: score))
        }
        // The reader fails after several batches have been written.
        var given = 0
        #expect(throws: Interrupted.self) {
            try store.add {
                given += 1
                if given == 1_500 { throw Interrupted() }
                return unit(given)
            }
        }
        #expect(try store.statistics().units == 0)
        // A unit the writer refuses (score 1.5) stops the reader long before its 20,000 units.
        given = 0
        #expect(throws: (any Error).self) {
            try store.add {
                given += 1
                return given > 20_000 ? nil : unit(given, score: given == 300 ? 1.5 : nil)
            }
        }
        #expect(given < 20_000)
        #expect(try store.statistics().units == 0)
        // The store is intact: later adds are stored and found through the word index.
        #expect(try store.add((1...600).map { unit($0) }) == AddResult(added: 600, duplicates: 0))
        #expect(try store.add([unit(601)]) == AddResult(added: 1, duplicates: 0))
        #expect(try store.concordance(ConcordanceQuery(text: "pipeline reader", language: .en)).total == 601)
        let fuzzy = try store.search(SearchQuery(text: "Pipeline sentence 601 for a reader.", source: .en, target: .ru))
        #expect(fuzzy.first?.target.segment.plainText == "Предложение 601.")
    }

    @Test func version5StoresPlainTextOnlyWhenItDiffersAndKeepsOlderMemories() throws {
        let tagged = TranslationUnit(variants: [
            Variant(language: .en, segment: Segment(markup: #"The <bpt i="1">&lt;b&gt;</bpt>red<ept i="1">&lt;/b&gt;</ept> fox &amp; hound"#)),
            Variant(.ru, "Рыжая лиса и гончая"),
        ])
        // A memory written at schema v4 (plain text always stored), rows as v4's add wrote them.
        let path = try TestData.temporaryDirectory().appendingPathComponent("v4.tmdb").path
        let queue = try DatabaseQueue(path: path)
        try SQLiteSchema.migrator.migrate(queue, upTo: "v4: the languages of a unit's variants, indexed")
        try queue.write { db in
            let prepared = PreparedUnit(tagged)
            try db.execute(sql: "INSERT INTO unit (id, content_hash, status) VALUES (1, ?, 'imported')", arguments: [prepared.contentHash])
            for (position, (variant, derived)) in zip(tagged.variants, prepared.variants).enumerated() {
                try db.execute(sql: """
                    INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, key_hash, skeleton_hash)
                    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [position, variant.language.code, variant.language.primary, variant.segment.markup,
                                     derived.plain, derived.key, derived.keyHash, derived.skeletonHash])
            }
            try db.execute(sql: "INSERT INTO variant_words(rowid, key) SELECT id, key FROM variant")
        }
        try queue.close()

        // Opening it migrates to v5: the same units, lookups and word index; plain text only where it differs.
        let store = try SQLiteStore(path: path)
        let fresh = try SQLiteStore()
        #expect(try fresh.add([tagged]) == AddResult(added: 1, duplicates: 0))
        #expect(try store.add([tagged]) == AddResult(added: 0, duplicates: 1))
        for memory in [store, fresh] {
            #expect(try memory.units().map(\.unit.variants) == [tagged.variants])
            let match = try memory.search(SearchQuery(text: "The red fox & hound", source: .en, target: .ru))
            #expect(match.first?.score == 100)
            #expect(match.first?.target.segment.markup == "Рыжая лиса и гончая")
            #expect(try memory.concordance(ConcordanceQuery(text: "hound", language: .en)).total == 1)
        }
        let plain = try DatabaseQueue(path: path).read { db in try String?.fetchAll(db, sql: "SELECT plain FROM variant ORDER BY position") }
        #expect(plain == ["The red fox & hound", nil])
        #expect(throws: (any Error).self) {
            try DatabaseQueue(path: path).write { db in try db.execute(sql: "UPDATE variant SET plain = markup") }
        }
    }

    /// The memory's indexes as `name: SQL`, read on a connection of its own.
    private func indexes(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE type = 'index' ORDER BY name")
        }
    }

    private func bulkUnit(_ i: Int) -> TranslationUnit {
        TranslationUnit(id: String(i), variants: [Variant(.en, "Bulk sentence \(i) about the harbour."), Variant(.ru, "Массовое предложение \(i) о гавани.")])
    }

    @Test func aBulkAddBuildsItsIndexesAtTheEndWhileReadersSeeTheMemoryAsItWas() throws {
        let path = try TestData.temporaryDirectory().appendingPathComponent("bulk.tmdb").path
        // A bulk add after 300 units; the word index filled every 100 variants.
        let store = try SQLiteStore(path: path, bulk: .init(units: 300, wordIndexChunk: 100))
        let before = try indexes(path)
        #expect(before.contains { $0.hasPrefix("variant_skeleton_key: CREATE INDEX") })
        #expect(try store.add((1...100).map(bulkUnit)) == AddResult(added: 100, duplicates: 0))

        // 4,000 units, the last 20 repeating stored ones. When the reader is at unit 3,900, at most
        // `PreparePipeline.depth` batches are ahead of the writer, which has passed 300 units.
        let other = try SQLiteStore(path: path)
        var given = 100
        var unitsDuringAdd = 0, indexesDuringAdd: [String] = [], exactDuringAdd: [Match] = []
        let result = try store.add { () throws -> TranslationUnit? in
            given += 1
            if given == 3_900 {
                unitsDuringAdd = try other.statistics().units
                indexesDuringAdd = try indexes(path)
                exactDuringAdd = try other.search(SearchQuery(text: "Bulk sentence 50 about the harbour.", source: .en, target: .ru))
            }
            if given > 4_100 { return nil }
            return bulkUnit(given <= 4_080 ? given : given - 4_000)
        }
        #expect(result == AddResult(added: 3_980, duplicates: 20))
        #expect(unitsDuringAdd == 100)
        #expect(indexesDuringAdd == before)
        #expect(exactDuringAdd.first?.score == 100)

        // Afterwards: the same indexes, a consistent word index, and lookups over old and new units.
        #expect(try indexes(path) == before)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "INSERT INTO variant_words(variant_words) VALUES ('integrity-check')") }
        for store in [store, other] {
            #expect(try store.statistics().units == 4_080)
            #expect(try store.search(SearchQuery(text: "Bulk sentence 3999 about the harbour.", source: .en, target: .ru)).first?.target.segment.markup
                    == "Массовое предложение 3999 о гавани.")
            #expect(try store.search(SearchQuery(text: "Bulk sentence 7 about the harbor.", source: .en, target: .ru)).first?.kind == .fuzzy)
            #expect(try store.concordance(ConcordanceQuery(text: "harbour", language: .en)).total == 4_080)
        }
    }

    @Test func aFailedBulkAddLeavesTheIndexesAndTheWordIndexAsTheyWere() throws {
        struct Interrupted: Error {}
        let path = try TestData.temporaryDirectory().appendingPathComponent("failed-bulk.tmdb").path
        let store = try SQLiteStore(path: path, bulk: .init(units: 300, wordIndexChunk: 100))
        #expect(try store.add((1...100).map(bulkUnit)) == AddResult(added: 100, duplicates: 0))
        let before = try indexes(path)
        var given = 100
        #expect(throws: Interrupted.self) {
            try store.add {
                given += 1
                if given == 4_000 { throw Interrupted() }
                return bulkUnit(given)
            }
        }
        #expect(try indexes(path) == before)
        #expect(try store.statistics().units == 100)
        try DatabaseQueue(path: path).write { db in try db.execute(sql: "INSERT INTO variant_words(variant_words) VALUES ('integrity-check')") }
        #expect(try store.concordance(ConcordanceQuery(text: "harbour", language: .en)).total == 100)
        #expect(try store.add((3_990...4_010).map(bulkUnit)) == AddResult(added: 21, duplicates: 0))
        #expect(try store.search(SearchQuery(text: "Bulk sentence 4005 about the harbour.", source: .en, target: .ru)).first?.score == 100)
    }

    @Test func aWriteThroughAnotherStoreOfTheFileIsSeenByTheNextLookup() throws {
        let path = try TestData.temporaryDirectory().appendingPathComponent("shared.tmdb").path
        try StoreConformance.aWriteThroughAnotherStoreIsSeenByTheNextLookup(reader: SQLiteStore(path: path), writer: SQLiteStore(path: path))
    }

    @Test func theStoredSkeletonHashIsTheHashOfTheSkeleton() {
        let texts = ["", "  ", "...", "42", "In 2011 exports grew by 5.5 percent.", "«Беларусь» — 1 000 000 тонн, 3G и 5г.",
                     "Ўсё: 12-га, ё/е, café déjà vu", "x1 1x 007 ٣٤ ½", "日本語 テキスト", "a\u{301}b c\u{0483}d", "end 9"]
        for text in texts {
            for language in [LanguageTag.en, .ru, .be] {
                let key = LookupText.key(text, language: language)
                #expect(LookupText.skeletonHash(ofKey: key) == LookupText.hash(LookupText.skeleton(ofKey: key)), "\(text)")
            }
        }
    }
}
