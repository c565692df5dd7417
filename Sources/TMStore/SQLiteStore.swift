import Foundation
import GRDB
import GRDBSQLite
import TMCore
import TMText

/// The embedded translation memory: one SQLite file (WAL mode), schema in `SQLiteSchema`.
///
///     let store = try SQLiteStore(path: "Memories/default.tmdb")
///     let result = try store.add([unit])                 // one transaction
///     let matches = try store.search(SearchQuery(text: "…", source: .en, target: .ru))
public final class SQLiteStore: TranslationMemoryStore, Sendable {
    /// The database file; nil for an in-memory store.
    public let path: String?
    private let database: any DatabaseWriter
    /// The query words' document frequencies, shared by the stores of this file in this process.
    private let frequencies: WordFrequencyCache
    /// When an add counts as a bulk add, and how it fills the word index.
    let bulk: BulkAdd

    /// How large adds are written (the defaults, or smaller sizes in tests).
    struct BulkAdd: Sendable {
        /// Units after which an add counts as a bulk add (when the memory holds fewer than twice as many): its
        /// secondary indexes are built at its end (see `dropSecondaryIndexes`). Building an index costs about
        /// one sorted pass over the stored rows, inserting a row into it a random B-tree descent.
        var units = 50_000
        /// Variants per statement filling the word index during an add (about 50 MB of rows).
        var wordIndexChunk = 131_072
    }

    /// Opens (creating it and its folder if needed) the memory at `path` and applies pending migrations.
    public convenience init(path: String) throws {
        try self.init(path: path, bulk: BulkAdd())
    }

    init(path: String, bulk: BulkAdd) throws {
        self.path = path
        self.bulk = bulk
        frequencies = WordFrequencyCache.shared(for: "sqlite:" + URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(SQLiteStore.cacheKiB)")
            // Lookups read candidate rows at random over the whole file: readers map it instead of copying
            // each page with a system call (the writer keeps its bounded page cache).
            if db.configuration.readonly { try db.execute(sql: "PRAGMA mmap_size = \(SQLiteStore.readerMapBytes)") }
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create the folder \(folder.path) for the memory", at: SourceLocation(file: path))
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            throw StoreError("cannot open the memory: \(SQLiteStore.describe(error))", at: SourceLocation(file: path))
        }
    }

    /// A fresh memory that lives only in this process (for tests and scratch work).
    public init() throws {
        path = nil
        bulk = BulkAdd()
        frequencies = WordFrequencyCache()
        do {
            database = try DatabaseQueue()
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            throw StoreError("cannot open an in-memory database: \(SQLiteStore.describe(error))")
        }
    }

    // MARK: - Writing

    /// Adds the units `next` yields in one transaction (see `TranslationMemoryStore.add`). `next` runs on a
    /// helper thread (never concurrently with itself, and never after `add` returns), worker threads prepare
    /// the units, and this one inserts them and fills the word index a chunk at a time. A bulk add (over 50,000
    /// units, and over half the units already stored) builds the secondary indexes at its end.
    /// - Complexity: O(units) inserts, plus for a bulk add one sort per secondary index over the stored rows;
    ///   memory bounded by `PreparePipeline.depth` batches of 256 units and the page cache.
    public func add(from next: () throws -> TranslationUnit?) throws -> AddResult {
        // After the commit (or the rollback), so no lookup caches counts older than this add.
        defer { frequencies.invalidate() }
        return try guarded {
            try database.write { db in
                // Large imports touch the hash and word indexes at random: give the writer a bigger cache
                // for this transaction, and the usual one back after it.
                try db.execute(sql: "PRAGMA cache_size = -\(SQLiteStore.importCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA cache_size = -\(SQLiteStore.cacheKiB)") }
                var result = AddResult()
                let storedUnits = try Int.fetchOne(db, sql: "SELECT max(id) FROM unit") ?? 0
                let inserts = try Inserts(db)
                var words = WordIndexFill(after: try Int64.fetchOne(db, sql: "SELECT max(id) FROM variant") ?? 0)
                var deferredIndexes: [String] = []
                // Units are read on a second thread and prepared (keys, hashes, JSON) on worker threads while
                // this one inserts.
                try PreparePipeline.run(reading: next) { batch in
                    for prepared in batch {
                        if try insert(prepared, inserts, db) {
                            result.added += 1
                            words.pending += prepared.variants.count
                        } else {
                            result.duplicates += 1
                        }
                    }
                    if deferredIndexes.isEmpty && result.added >= max(bulk.units, storedUnits / 2) {
                        deferredIndexes = try dropSecondaryIndexes(db)
                    }
                    if words.pending >= bulk.wordIndexChunk { try words.fill(db) }
                }
                try words.fill(db)
                // The indexes are sorted within the usual page cache (SQLite's sorter takes as much memory as the
                // cache, on top of it).
                try db.execute(sql: "PRAGMA cache_size = -\(SQLiteStore.cacheKiB)")
                for create in deferredIndexes { try db.execute(sql: create) }
                return result
            }
        }
    }

    /// The word index (`variant_words`) filled from the variants an add inserts, a chunk at a time: one
    /// statement per chunk, so FTS5 writes its terms in large segments (see `SQLiteSchema.v3`), while the
    /// chunk's rows are still in the page cache, and while the other threads keep reading and preparing units.
    private struct WordIndexFill {
        /// Variants up to this id are in the word index.
        var indexed: Int64
        /// Variants inserted since.
        var pending = 0

        init(after last: Int64) { indexed = last }

        mutating func fill(_ db: Database) throws {
            guard pending > 0 else { return }
            try db.execute(sql: "INSERT INTO variant_words(rowid, key) SELECT id, key FROM variant WHERE id > ?", arguments: [indexed])
            indexed = try Int64.fetchOne(db, sql: "SELECT max(id) FROM variant") ?? indexed
            pending = 0
        }
    }

    /// Drops the secondary indexes of `unit` and `variant` (not those behind UNIQUE constraints, which keep
    /// duplicates out) and returns the statements that create them again. A bulk add builds each of them at its
    /// end by one sort instead of inserting every new row into it at a random place; in the same transaction,
    /// so readers and a failed add still see the indexes as they were.
    private func dropSecondaryIndexes(_ db: Database) throws -> [String] {
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('unit', 'variant') AND sql IS NOT NULL ORDER BY name
            """)
        var creates: [String] = []
        for index in indexes {
            guard let name = index[0] as String?, let create = index[1] as String? else { continue }
            try db.execute(sql: "DROP INDEX \(name.quotedDatabaseIdentifier)")
            creates.append(create)
        }
        return creates
    }

    /// The page cache of every connection, in KiB.
    static let cacheKiB = 16_384
    /// How much of the file a reading connection maps into memory (pages are the kernel's file cache, shared).
    static let readerMapBytes = 1 << 34
    /// The writer's page cache during `add`, in KiB.
    static let importCacheKiB = 131_072

    /// The two INSERT statements of an add, prepared once.
    private struct Inserts {
        let unit: BoundStatement
        let variant: BoundStatement

        init(_ db: Database) throws {
            unit = BoundStatement(try db.makeStatement(sql: """
                INSERT INTO unit (content_hash, tuid, origin, file, tool, created_at, created_by, changed_at, changed_by,
                                  score, status, notes, properties, attributes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING
                """))
            variant = BoundStatement(try db.makeStatement(sql: """
                INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, key_hash, skeleton_hash,
                                     context_hash, created_at, created_by, changed_at, changed_by, notes, properties, attributes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """))
        }
    }

    /// Inserts one unit; false when its content is already stored.
    private func insert(_ prepared: PreparedUnit, _ inserts: Inserts, _ db: Database) throws -> Bool {
        let unit = prepared.unit
        try PreparedUnit.check(unit, at: SourceLocation(file: path, unit: unit.id))
        let p = unit.provenance
        let u = inserts.unit
        u.bind(prepared.contentHash, at: 1)
        u.bind(unit.id, at: 2)
        u.bind(p.origin, at: 3)
        u.bind(p.file, at: 4)
        u.bind(p.tool, at: 5)
        u.bind(p.created?.date.map(StoreSQL.seconds), at: 6)
        u.bind(p.created?.user, at: 7)
        u.bind(p.changed?.date.map(StoreSQL.seconds), at: 8)
        u.bind(p.changed?.user, at: 9)
        u.bind(p.score, at: 10)
        u.bind(p.status.rawValue, at: 11)
        u.bind(prepared.notes, at: 12)
        u.bind(prepared.properties, at: 13)
        u.bind(prepared.attributes, at: 14)
        try u.run(db)
        guard db.changesCount > 0 else { return false }
        let unitID = db.lastInsertedRowID
        let v = inserts.variant
        for (position, (variant, derived)) in zip(unit.variants, prepared.variants).enumerated() {
            let markup = variant.segment.markup
            v.bind(unitID, at: 1)
            v.bind(Int64(position), at: 2)
            v.bind(variant.language.code, at: 3)
            v.bind(derived.baseLanguage, at: 4)
            v.bind(markup, at: 5)
            // NULL: the plain text is the markup, byte for byte (see `SQLiteSchema.v5`).
            v.bind(derived.plainIsMarkup ? nil : derived.plain, at: 6)
            v.bind(derived.key, at: 7)
            v.bind(derived.keyHash, at: 8)
            v.bind(derived.skeletonHash, at: 9)
            v.bind(derived.contextHash, at: 10)
            v.bind(variant.created?.date.map(StoreSQL.seconds), at: 11)
            v.bind(variant.created?.user, at: 12)
            v.bind(variant.changed?.date.map(StoreSQL.seconds), at: 13)
            v.bind(variant.changed?.user, at: 14)
            v.bind(derived.notes, at: 15)
            v.bind(derived.properties, at: 16)
            v.bind(derived.attributes, at: 17)
            try v.run(db)
        }
        return true
    }

    public func delete(matching filter: UnitFilter) throws -> Int {
        defer { frequencies.invalidate() }
        return try guarded {
            try database.write { db in
                var arguments = SQLiteArguments()
                let condition = StoreSQL.condition(for: filter, &arguments)
                try db.execute(sql: "DELETE FROM unit AS u WHERE \(condition)", arguments: arguments.values)
                return db.changesCount
            }
        }
    }

    // MARK: - Maintenance

    /// Merges the word index (FTS5) into one segment. Every add writes segments of its own, which FTS5 merges
    /// only step by step, so a memory built by many small adds (an article at a time) holds many, and each
    /// lookup reads every one of them.
    /// - Complexity: one pass over the word index, in one write transaction (readers go on).
    public func optimize() throws -> OptimizeResult {
        try guarded {
            try database.write { db in
                try db.execute(sql: "INSERT INTO variant_words(variant_words) VALUES ('optimize')")
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM variant") ?? 0
                return OptimizeResult(rows: rows, steps: ["variant_words: the word index of \(rows) variants merged into one segment"])
            }
        }
    }

    // MARK: - Reading units

    public func forEachUnit(matching filter: UnitFilter, _ body: (StoredUnit) throws -> Void) throws {
        try guarded {
            try database.read { db in
                var arguments = SQLiteArguments()
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT \(StoreSQL.unitColumns), \(StoreSQL.variantColumns)
                    FROM unit AS u JOIN variant AS v ON v.unit_id = u.id
                    WHERE \(StoreSQL.condition(for: filter, &arguments)) AND \(StoreSQL.variantCondition(for: filter.languages, &arguments))
                    ORDER BY u.id, v.position
                    """, arguments: arguments.values)
                var current: StoredUnit?
                while let row = try cursor.next() {
                    let id: Int64 = row[0]
                    if current?.id != id {
                        if let done = current { try body(done) }
                        current = StoredUnit(id: id, unit: try StoreSQL.unit(from: SQLiteRow(row)))
                    }
                    current?.unit.variants.append(try StoreSQL.variant(from: SQLiteRow(row), at: StoreSQL.unitColumnCount))
                }
                if let done = current { try body(done) }
            }
        }
    }

    /// Whole units by id, variants in order.
    private func loadUnits(_ ids: [Int64], _ db: Database) throws -> [Int64: TranslationUnit] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: TranslationUnit] = [:]
        var arguments = SQLiteArguments()
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(StoreSQL.unitColumns), \(StoreSQL.variantColumns)
            FROM unit AS u JOIN variant AS v ON v.unit_id = u.id WHERE u.id \(arguments.isOne(of: ids)) ORDER BY u.id, v.position
            """, arguments: arguments.values)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if out[id] == nil { out[id] = try StoreSQL.unit(from: SQLiteRow(row)) }
            out[id]?.variants.append(try StoreSQL.variant(from: SQLiteRow(row), at: StoreSQL.unitColumnCount))
        }
        return out
    }

    // MARK: - Lookup

    public func search(_ query: SearchQuery) throws -> [Match] {
        var plan = SearchPlan(query)
        guard plan.isSearchable else { return [] }
        return try guarded {
            try database.read { db in
                // The rows with the query's key are exact or context matches; the others with its skeleton are
                // near-exact candidates, at most `SearchPlan.nearExactRowLimit` of them (index variant_skeleton_key).
                var exact = SQLiteArguments()
                let keyRows = try Row.fetchCursor(db.cachedStatement(sql: """
                    SELECT v.id, v.unit_id, v.key, coalesce(v.plain, v.markup), v.context_hash FROM variant AS v
                    WHERE v.skeleton_hash = \(exact.integer(plan.skeletonHash)) AND v.key_hash = \(exact.integer(plan.keyHash))
                      AND \(StoreSQL.sourceWithTarget(query, &exact))
                    """), arguments: exact.values)
                while let row = try keyRows.next() {
                    plan.considerKeyRow(variantID: row[0], unitID: row[1], memoryKey: row[2], plain: row[3], contextHash: row[4])
                    plan.considerSkeletonRow(variantID: row[0], unitID: row[1], memoryKey: row[2], plain: row[3])
                }
                var near = SQLiteArguments()
                let nearRows = try Row.fetchCursor(db.cachedStatement(sql: """
                    SELECT v.id, v.unit_id, v.key, coalesce(v.plain, v.markup) FROM variant AS v
                    WHERE v.skeleton_hash = \(near.integer(plan.skeletonHash)) AND v.key_hash <> \(near.integer(plan.keyHash))
                      AND \(StoreSQL.sourceWithTarget(query, &near))
                    ORDER BY v.key_hash, v.id LIMIT \(near.integer(Int64(SearchPlan.nearExactRowLimit)))
                    """), arguments: near.values)
                while let row = try nearRows.next() {
                    plan.considerSkeletonRow(variantID: row[0], unitID: row[1], memoryKey: row[2], plain: row[3])
                }
                if plan.wantsFuzzy { try considerFuzzyCandidates(&plan, db) }
                let shortlist = try plan.shortlist { ids in
                    var arguments = SQLiteArguments()
                    var ranks: [Int64: SearchPlan.UnitRank] = [:]
                    let rows = try Row.fetchCursor(db, sql: StoreSQL.unitRanks(ids, &arguments), arguments: arguments.values)
                    while let row = try rows.next() {
                        let ranked = SQLiteRow(row)
                        if let id = ranked.int(0) { ranks[id] = StoreSQL.unitRank(from: ranked, at: 1) }
                    }
                    return ranks
                }
                guard !shortlist.isEmpty else { return [] }
                var arguments = SQLiteArguments()
                var positions: [Int64: Int] = [:]
                for row in try Row.fetchAll(db, sql: StoreSQL.variantPositions(shortlist.map(\.variantID), &arguments), arguments: arguments.values) {
                    positions[row[0]] = row[1]
                }
                return plan.matches(of: shortlist, units: try loadUnits(shortlist.map(\.unitID), db), positions: positions)
            }
        }
    }

    /// A word as an FTS5 phrase (quoted, quotes doubled).
    static func phrase(_ word: String) -> String { "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Scores the fuzzy candidates (`FuzzyCandidates`: the source-language variants holding the query's rarest
    /// words, `SearchPlan.fuzzyWords`, as `PostgresStore` chooses and scores them), found through FTS5. None
    /// when no query word is in the memory.
    /// - Complexity: a capped FTS5 count per query word not in `WordFrequencyCache`; one FTS5 query for the
    ///   chosen words' rows (at most `FuzzyCandidates.rowLimit`), each read with its key (by rowid); an index
    ///   probe for the target per row whose score bound reaches the floor, in scoring order.
    private func considerFuzzyCandidates(_ plan: inout SearchPlan, _ db: Database) throws {
        let query = plan.query
        let distinct = plan.frequencyWords
        guard !distinct.isEmpty else { return }
        // Document frequencies, cached (`WordFrequencyCache`) or counted up to a cap so a common word costs no
        // more than a rare one (fts5vocab would read a common word's whole posting list).
        let frequency = try frequencies.frequencies(of: distinct) { missing in
            let counter = try db.cachedStatement(sql: """
                SELECT count(*) FROM (SELECT rowid FROM variant_words WHERE variant_words MATCH ? LIMIT \(SearchPlan.frequencyCap))
                """)
            var read: [String: Int] = [:]
            for word in missing { read[word] = try Int.fetchOne(counter, arguments: [SQLiteStore.phrase(word)]) ?? 0 }
            return read
        }
        let (chosen, paired) = SearchPlan.fuzzyWords(frequency: frequency)
        guard !chosen.isEmpty else { return }
        let match = SearchPlan.anyOf(chosen.map(SQLiteStore.phrase), paired: paired, or: "OR", and: "AND")
        var candidates = FuzzyCandidates(plan)
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT v.id, v.unit_id, v.key FROM variant_words AS f JOIN variant AS v ON v.id = f.rowid
            WHERE variant_words MATCH ? AND (v.language = ? OR v.base_language = ?) LIMIT \(FuzzyCandidates.rowLimit)
            """), arguments: [match, query.source.code, query.source.code])
        while let row = try rows.next() {
            // The key's bytes as SQLite holds them (no string made).
            try row.withUnsafeData(atIndex: 2) { key in
                candidates.add(row: 0, id: row[0], unitID: row[1]) { numbers in
                    key?.withUnsafeBytes { plan.numbering.appendNumbers(ofKey: $0.bindMemory(to: UInt8.self), to: &numbers) }
                }
            }
        }
        let hasTarget = try db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM variant WHERE unit_id = ? AND id <> ? AND (language = ? OR base_language = ?))
            """)
        try candidates.score(into: &plan) { candidate in
            try Bool.fetchOne(hasTarget, arguments: [candidate.unitID, candidate.id, query.target.code, query.target.code]) ?? false
        }
    }

    // MARK: - Concordance

    public func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage {
        let words = query.keyWords
        let (page, size) = query.bounds
        guard !words.isEmpty else { return ConcordancePage(hits: [], total: 0, page: page, pageSize: size) }
        let prefixes = words.map { "\"" + $0 + "\"*" }.joined(separator: " ")
        var arguments = SQLiteArguments()
        let condition = "variant_words MATCH \(arguments.text(prefixes)) AND "
            + StoreSQL.variantCondition(for: query.language.map { [$0] } ?? [], &arguments)
        return try guarded {
            try database.read { db in
                let total = try Int.fetchOne(db, sql: """
                    SELECT count(DISTINCT v.unit_id) FROM variant_words AS f JOIN variant AS v ON v.id = f.rowid
                    WHERE \(condition)
                    """, arguments: arguments.values) ?? 0
                let rows = try Row.fetchAll(db, sql: """
                    SELECT u.id, min(v.position) FROM variant_words AS f JOIN variant AS v ON v.id = f.rowid JOIN unit AS u ON u.id = v.unit_id
                    WHERE \(condition)
                    GROUP BY u.id ORDER BY coalesce(u.changed_at, u.created_at) DESC, u.id DESC LIMIT ? OFFSET ?
                    """, arguments: arguments.values + [size, (page - 1) * size])
                let found = rows.map { (unitID: $0[0] as Int64, position: $0[1] as Int) }
                let hits = query.hits(found, units: try loadUnits(found.map(\.unitID), db), words: words)
                return ConcordancePage(hits: hits, total: total, page: page, pageSize: size)
            }
        }
    }

    // MARK: - Statistics

    public func statistics() throws -> MemoryStatistics {
        try guarded {
            try database.read { db in
                func counts(_ sql: String) throws -> [String: Int] {
                    var out: [String: Int] = [:]
                    for row in try Row.fetchAll(db, sql: sql) { out[(row[0] as String?) ?? ""] = row[1] }
                    return out
                }
                let units = try Int.fetchOne(db, sql: "SELECT count(*) FROM unit") ?? 0
                let range = try Row.fetchOne(db, sql: "SELECT min(coalesce(created_at, changed_at)), max(coalesce(changed_at, created_at)) FROM unit")
                let iso = { (value: Int64?) in value.map { ISO8601.format(Date(timeIntervalSince1970: TimeInterval($0))) } }
                return MemoryStatistics(
                    units: units,
                    variants: try counts("SELECT language, count(*) FROM variant GROUP BY language"),
                    statuses: try counts("SELECT status, count(*) FROM unit GROUP BY status"),
                    origins: try counts("SELECT origin, count(*) AS n FROM unit GROUP BY origin ORDER BY n DESC, origin LIMIT 20"),
                    files: try counts("SELECT file, count(*) AS n FROM unit GROUP BY file ORDER BY n DESC, file LIMIT 20"),
                    firstDate: iso(range?[0]), lastDate: iso(range?[1]))
            }
        }
    }

    // MARK: - Errors

    /// Runs `body`, turning database errors into `StoreError`s that name the memory file; other errors pass.
    private func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(SQLiteStore.describe(error), at: SourceLocation(file: path))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return "SQLite: " + (error.message ?? "\(error.resultCode)") }
        return "\(error)"
    }
}

/// A prepared statement bound through SQLite's C API, one value at a time: an import binds about 50 values per
/// unit, and GRDB's `StatementArguments` (an array of boxed values per execution) cost more than the binding.
/// Every parameter is bound before each `run` (nil binds NULL); text and blobs are copied by SQLite.
struct BoundStatement {
    let statement: Statement
    private var handle: SQLiteStatement { statement.sqliteStatement }
    /// SQLite copies the value before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) { self.statement = statement }

    func bind(_ value: String?, at index: Int32) {
        guard var value else { sqlite3_bind_null(handle, index); return }
        // The string's own UTF-8 storage, without the NUL-terminated copy an implicit C string conversion makes.
        value.withUTF8 { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else {
                sqlite3_bind_text(handle, index, "", 0, BoundStatement.transient)  // text, not NULL
                return
            }
            start.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
                _ = sqlite3_bind_text(handle, index, text, Int32(bytes.count), BoundStatement.transient)
            }
        }
    }

    func bind(_ value: Int64?, at index: Int32) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ value: Double?, at index: Int32) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ value: Data, at index: Int32) {
        guard !value.isEmpty else { sqlite3_bind_zeroblob(handle, index, 0); return }
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), BoundStatement.transient)
        }
    }

    /// Executes the statement (which returns no rows) and resets it; SQLite's error as a `DatabaseError`.
    func run(_ db: Database) throws {
        let code = sqlite3_step(handle)
        let message = code == SQLITE_DONE ? nil : db.lastErrorMessage
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql) }
    }
}

/// A GRDB row read through `ColumnReader`.
struct SQLiteRow: ColumnReader {
    let row: Row
    init(_ row: Row) { self.row = row }
    func string(_ column: Int) -> String? { row[column] }
    func int(_ column: Int) -> Int64? { row[column] }
    func double(_ column: Int) -> Double? { row[column] }
}

/// SQLite parameters: `?` placeholders, values in `StatementArguments`.
struct SQLiteArguments: SQLArguments {
    private(set) var values = StatementArguments()

    mutating func text(_ value: String) -> String { values += [value]; return "?" }
    mutating func integer(_ value: Int64) -> String { values += [value]; return "?" }
    mutating func real(_ value: Double) -> String { values += [value]; return "?" }
    mutating func isOne(of ids: [Int64]) -> String {
        values += StatementArguments(ids)
        return "IN (" + (ids.isEmpty ? "NULL" : ids.map { _ in "?" }.joined(separator: ",")) + ")"
    }
}

/// ISO 8601 in UTC, whole seconds.
enum ISO8601 {
    static func format(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
}
