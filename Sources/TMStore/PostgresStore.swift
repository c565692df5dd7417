import Foundation
import TMCore
import TMText

/// A translation memory in PostgreSQL 15+, shared by everyone who can reach the database; the same semantics,
/// matches and percentages as `SQLiteStore` (both run the conformance suite and share `SearchPlan`).
///
///     let store = try PostgresStore(url: "postgres://tmkit@db.example:5432/memories")
///     try store.add([unit])                                  // one transaction
///     let matches = try store.search(SearchQuery(text: "…", source: .en, target: .ru))
///
/// Requests run in parallel on a pool of connections (each transaction holds one for its length); writers take
/// one advisory lock, so there is one writer at a time, as in SQLite. The database needs UTF-8 encoding and the
/// right to `CREATE EXTENSION pg_trgm` on first open (schema version 1 creates it). Migrations (`PostgresSchema`)
/// are applied on open.
public final class PostgresStore: TranslationMemoryStore, Sendable {
    /// The URL with its password replaced by `***`.
    public var location: String { pool.redactedURL }
    /// The most connections this store opens at once.
    public var maximumConnections: Int { pool.capacity }
    private let pool: PostgresPool
    /// The query words' document frequencies, shared by the stores of this URL in this process.
    private let frequencies: WordFrequencyCache

    /// True for locations this store opens: `postgres://…` and `postgresql://…` URLs.
    public static func handles(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// `location` with the password of a URL's user information replaced by `***` (other text unchanged).
    public static func redacted(_ location: String) -> String { PostgresConnection.redact(location) }

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`, or any URL libpq reads) and applies
    /// pending schema migrations.
    /// - Parameter maximumConnections: the most connections open at once (nil: two per core, 2 to 16); more
    ///   requests than that wait for a connection.
    public init(url: String, maximumConnections: Int? = nil) throws {
        pool = try PostgresPool(url: url, capacity: maximumConnections ?? PostgresPool.defaultCapacity)
        frequencies = WordFrequencyCache.shared(for: url)
        try migrate()
    }

    /// Applies the migrations not yet recorded, in one transaction, serialized between clients by an advisory lock.
    private func migrate() throws {
        try transaction(operation: "migrate") { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(7378201)", operation: "migrate")
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS tmkit_schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())
                """, operation: "migrate")
            let applied = try connection.query("SELECT coalesce(max(version), 0) FROM tmkit_schema_migrations", operation: "migrate").int(0, 0) ?? 0
            for migration in PostgresSchema.migrations where migration.version > applied {
                try connection.execute(migration.sql, operation: "migrate to version \(migration.version)")
                try connection.query("INSERT INTO tmkit_schema_migrations (version, name) VALUES ($1, $2)",
                                     [String(migration.version), migration.name], operation: "migrate")
            }
        }
    }

    /// The schema version this build migrates a memory to.
    public static var currentSchemaVersion: Int { PostgresSchema.migrations.last?.version ?? 0 }

    /// The schema version of the memory at `url`, read without migrating it: 0 for a database tmkit never opened.
    public static func schemaVersion(url: String) throws -> Int {
        let connection = try PostgresConnection(url: url)
        let operation = "schema version"
        guard try connection.query("SELECT to_regclass('tmkit_schema_migrations') IS NOT NULL", operation: operation).string(0, 0) == "t" else { return 0 }
        return Int(try connection.query("SELECT coalesce(max(version), 0) FROM tmkit_schema_migrations", operation: operation).int(0, 0) ?? 0)
    }

    /// The schema version the database is at.
    public func schemaVersion() throws -> Int {
        try transaction(operation: "schema version") { connection in
            Int(try connection.query("SELECT max(version) FROM tmkit_schema_migrations", operation: "schema version").int(0, 0) ?? 0)
        }
    }

    /// Runs `body` in a transaction on a connection of its own, rolling back when it throws.
    private func transaction<T>(_ begin: String = "BEGIN", operation: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            do {
                try connection.execute(begin, operation: operation)
            } catch {
                // A lost connection shows only when used: reconnect and begin again (nothing has run yet).
                guard !connection.isConnected else { throw error }
                try connection.reconnect(operation: operation)
                try connection.execute(begin, operation: operation)
            }
            do {
                let result = try body(connection)
                try connection.execute("COMMIT", operation: operation)
                return result
            } catch {
                _ = try? connection.execute("ROLLBACK", operation: operation)
                throw error
            }
        }
    }

    /// A read-only transaction on one snapshot.
    private func reading<T>(_ operation: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", operation: operation, body)
    }

    /// Read-only statements on a connection of their own, each in its own implicit transaction (no BEGIN and
    /// COMMIT round trips). When the connection turns out to have been lost, `body` runs again on a fresh one;
    /// it must only read.
    private func autocommitReading<T>(_ operation: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in
            do {
                return try body(connection)
            } catch {
                guard !connection.isConnected else { throw error }
                try connection.reconnect(operation: operation)
                return try body(connection)
            }
        }
    }

    /// A writing transaction, after the writer lock (`PostgresSchema.writerLock`).
    private func writing<T>(_ operation: String, _ body: (PostgresConnection) throws -> T) throws -> T {
        try transaction(operation: operation) { connection in
            try connection.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLock))", operation: operation)
            // Room for merging the GIN index's pending entries in fewer, larger steps.
            try connection.execute("SET LOCAL work_mem = '64MB'", operation: operation)
            return try body(connection)
        }
    }

    // MARK: - Writing

    /// Units are inserted this many at a time, each batch in one statement.
    static let batchSize = 500

    /// After an add of at least this many units, the planner's statistics are refreshed.
    static let analyzeThreshold = 1_000

    /// - Complexity: one statement per `batchSize` units, all in one transaction; then, after a large add, one
    ///   ANALYZE: autovacuum refreshes statistics only later, and until it does the planner, which still sees
    ///   the tables' old sizes, picks poor plans for fuzzy candidates (p95 842 ms right after a 100k import).
    public func add(from next: () throws -> TranslationUnit?) throws -> AddResult {
        // After the commit (or the rollback), so no lookup caches counts older than this add.
        defer { frequencies.invalidate() }
        let result = try insertAll(from: next)
        if result.added >= PostgresStore.analyzeThreshold {
            _ = try pool.withConnection { try $0.execute("ANALYZE unit, variant, variant_words, word_frequency", operation: "add: analyze") }
        }
        return result
    }

    /// The writing half of `add`: every unit in one transaction.
    private func insertAll(from next: () throws -> TranslationUnit?) throws -> AddResult {
        try writing("add") { connection in
            var result = AddResult()
            var batch: [PreparedUnit] = []
            var hashes = Set<Data>()
            var documents: [String: Int64] = [:]
            func flush() throws {
                let added = try insert(batch, connection, counting: &documents)
                result.added += added
                result.duplicates += batch.count - added
                batch.removeAll(keepingCapacity: true)
                hashes.removeAll(keepingCapacity: true)
            }
            while let unit = try next() {
                try PreparedUnit.check(unit, at: SourceLocation(file: location, unit: unit.id))
                let prepared = PreparedUnit(unit)
                // A repeat inside the batch would meet its twin only in the same statement: count it here.
                guard hashes.insert(prepared.contentHash).inserted else {
                    result.duplicates += 1
                    continue
                }
                batch.append(prepared)
                if batch.count == PostgresStore.batchSize { try flush() }
            }
            try flush()
            try addDocumentFrequencies(documents, connection)
            if result.added > 0 { try mergePendingWords(connection) }
            return result
        }
    }

    /// Merges the word index's pending entries into the index before the add commits. (A GIN index first
    /// appends new rows' entries to a pending list, merged once it passes 4 MB or when autovacuum runs, which
    /// for inserts into a large table is rarely; every lookup scans the whole list meanwhile: 5–8 ms per
    /// candidate query with 4,900 pending rows, against 0.7–1 ms once merged.) PostgreSQL lets only the index's
    /// owner do it, so a role that may only write rows leaves it to autovacuum.
    private func mergePendingWords(_ connection: PostgresConnection) throws {
        try connection.execute("""
            SELECT gin_clean_pending_list(c.oid) FROM pg_class AS c
            WHERE c.oid = 'variant_words_terms'::regclass AND pg_has_role(c.relowner, 'USAGE')
            """, operation: "add: merge the word index's pending entries")
    }

    /// Adds the document frequencies counted while inserting to `word_frequency`: one upsert per word and
    /// transaction. (Until schema version 3 a statement trigger did it per batch of 500 units; each batch then
    /// updated the same rows again, and as the versions of a row made in one transaction cannot be pruned
    /// before it ends, every upsert walked a longer chain of them: 80% of the server's import time at 100k units.)
    private func addDocumentFrequencies(_ documents: [String: Int64], _ connection: PostgresConnection) throws {
        guard !documents.isEmpty else { return }
        let words = documents.keys.sorted()
        var arguments = PostgresArguments()
        try connection.query("""
            INSERT INTO word_frequency AS f (word, documents)
            SELECT * FROM unnest(\(arguments.add(array: words))::text[], \(arguments.add(array: words.map { documents[$0].map(String.init) }))::bigint[])
            ON CONFLICT (word) DO UPDATE SET documents = f.documents + excluded.documents
            """, arguments.values, operation: "add: word frequencies")
    }

    /// Counts each distinct word of `key` (the words of a `words` column) once in `documents`; words over
    /// 1000 bytes are not counted (see `PostgresSchema.v2`).
    static func countWords(ofKey key: String, in documents: inout [String: Int64]) {
        for word in Set(LookupText.words(ofKey: key)) where word.utf8.count <= 1000 {
            documents[String(word), default: 0] += 1
        }
    }

    /// Inserts units of distinct content, in order, with their variants, in one statement (columns as arrays);
    /// returns how many were new (the others are already stored) and counts the words of their variants in
    /// `documents`.
    private func insert(_ batch: [PreparedUnit], _ connection: PostgresConnection, counting documents: inout [String: Int64]) throws -> Int {
        guard !batch.isEmpty else { return 0 }
        let seconds = { (stamp: Stamp?) in stamp?.date.map(StoreSQL.seconds).map(String.init) }
        var arguments = PostgresArguments()
        let units = batch.map(\.unit)
        let provenance = units.map(\.provenance)
        let unitColumns = [
            arguments.add(array: batch.map { $0.contentHash.map { String(format: "%02x", $0) }.joined() }) + "::text[]",
            arguments.add(array: units.map(\.id)) + "::text[]",
            arguments.add(array: provenance.map(\.origin)) + "::text[]",
            arguments.add(array: provenance.map(\.file)) + "::text[]",
            arguments.add(array: provenance.map(\.tool)) + "::text[]",
            arguments.add(array: provenance.map { seconds($0.created) }) + "::bigint[]",
            arguments.add(array: provenance.map { $0.created?.user }) + "::text[]",
            arguments.add(array: provenance.map { seconds($0.changed) }) + "::bigint[]",
            arguments.add(array: provenance.map { $0.changed?.user }) + "::text[]",
            arguments.add(array: provenance.map { $0.score.map { "\($0)" } }) + "::double precision[]",
            arguments.add(array: provenance.map(\.status.rawValue)) + "::text[]",
            arguments.add(array: batch.map(\.notes)) + "::jsonb[]",
            arguments.add(array: batch.map(\.properties)) + "::jsonb[]",
            arguments.add(array: batch.map(\.attributes)) + "::jsonb[]",
        ]
        var ordinal: [String?] = [], position: [String?] = [], language: [String?] = [], baseLanguage: [String?] = []
        var markup: [String?] = [], plain: [String?] = [], key: [String?] = [], words: [String?] = [], otherLanguages: [String?] = []
        var keyHash: [String?] = [], skeletonHash: [String?] = [], contextHash: [String?] = []
        var createdAt: [String?] = [], createdBy: [String?] = [], changedAt: [String?] = [], changedBy: [String?] = []
        var notes: [String?] = [], properties: [String?] = [], attributes: [String?] = []
        for (index, prepared) in batch.enumerated() {
            for (at, (variant, derived)) in zip(prepared.unit.variants, prepared.variants).enumerated() {
                ordinal.append(String(index + 1))
                position.append(String(at))
                language.append(variant.language.code)
                baseLanguage.append(variant.language.primary)
                markup.append(variant.segment.markup)
                plain.append(derived.plain)
                key.append(derived.key)
                words.append(PostgresStore.wordsColumn(derived.key))
                otherLanguages.append(prepared.unit.variants.enumerated().filter { $0.offset != at }
                    .map { " \($0.element.language.code) \($0.element.language.primary)" }.joined())
                keyHash.append(String(derived.keyHash))
                skeletonHash.append(String(derived.skeletonHash))
                contextHash.append(derived.contextHash.map { String($0) })
                createdAt.append(seconds(variant.created))
                createdBy.append(variant.created?.user)
                changedAt.append(seconds(variant.changed))
                changedBy.append(variant.changed?.user)
                notes.append(derived.notes)
                properties.append(derived.properties)
                attributes.append(derived.attributes)
            }
        }
        let variantColumns = [
            arguments.add(array: ordinal) + "::bigint[]", arguments.add(array: position) + "::integer[]",
            arguments.add(array: language) + "::text[]", arguments.add(array: baseLanguage) + "::text[]",
            arguments.add(array: markup) + "::text[]", arguments.add(array: plain) + "::text[]",
            arguments.add(array: key) + "::text[]", arguments.add(array: words) + "::text[]",
            arguments.add(array: otherLanguages) + "::text[]",
            arguments.add(array: keyHash) + "::bigint[]", arguments.add(array: skeletonHash) + "::bigint[]",
            arguments.add(array: contextHash) + "::bigint[]",
            arguments.add(array: createdAt) + "::bigint[]", arguments.add(array: createdBy) + "::text[]",
            arguments.add(array: changedAt) + "::bigint[]", arguments.add(array: changedBy) + "::text[]",
            arguments.add(array: notes) + "::jsonb[]", arguments.add(array: properties) + "::jsonb[]",
            arguments.add(array: attributes) + "::jsonb[]",
        ]
        let sql = """
            WITH input AS (
                SELECT * FROM unnest(\(unitColumns.joined(separator: ", "))) WITH ORDINALITY AS x (
                    content_hash, tuid, origin, file, tool, created_at, created_by, changed_at, changed_by, score, status,
                    notes, properties, attributes, ordinal)
            ), u AS (
                INSERT INTO unit (content_hash, tuid, origin, file, tool, created_at, created_by, changed_at, changed_by,
                                  score, status, notes, properties, attributes)
                SELECT decode(content_hash, 'hex'), tuid, origin, file, tool, created_at, created_by, changed_at, changed_by,
                       score, status, notes, properties, attributes
                FROM input ORDER BY ordinal
                ON CONFLICT (content_hash) DO NOTHING RETURNING id, content_hash
            ), staged AS (
                SELECT u.id AS unit_id, input.status AS unit_status, coalesce(input.changed_at, input.created_at) AS unit_recency,
                       input.score AS unit_score, x.*
                FROM unnest(\(variantColumns.joined(separator: ", "))) AS x (
                    ordinal, position, language, base_language, markup, plain, key, words, other_languages, key_hash,
                    skeleton_hash, context_hash, created_at, created_by, changed_at, changed_by, notes, properties, attributes)
                JOIN input ON input.ordinal = x.ordinal
                JOIN u ON u.content_hash = decode(input.content_hash, 'hex')
            ), v AS (
                INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key,
                                     key_hash, skeleton_hash, context_hash, created_at, created_by, changed_at, changed_by,
                                     notes, properties, attributes)
                SELECT unit_id, position, language, base_language, markup, plain, key,
                       key_hash, skeleton_hash, context_hash, created_at, created_by, changed_at, changed_by,
                       notes, properties, attributes
                FROM staged ORDER BY unit_id, position
                RETURNING id, unit_id, position, language, base_language
            ), w AS (
                INSERT INTO variant_words (id, unit_id, position, language, base_language, words, other_languages,
                                           unit_status, unit_recency, unit_score)
                SELECT v.id, v.unit_id, v.position, v.language, v.base_language, s.words, s.other_languages,
                       s.unit_status, s.unit_recency, s.unit_score
                FROM v JOIN staged AS s ON s.unit_id = v.unit_id AND s.position = v.position
                ORDER BY v.id
            )
            SELECT input.ordinal FROM u JOIN input ON u.content_hash = decode(input.content_hash, 'hex')
            """
        let first = batch[0].unit.id.map { " (first unit \($0))" } ?? ""
        let added = try connection.query(sql, arguments.values, operation: "add \(batch.count) units\(first)")
        for row in 0..<added.rowCount {
            guard let ordinal = added.int(row, 0), batch.indices.contains(Int(ordinal) - 1) else { continue }
            for variant in batch[Int(ordinal) - 1].variants { PostgresStore.countWords(ofKey: variant.key, in: &documents) }
        }
        return added.rowCount
    }

    /// The `words` column: each word of the matching key preceded by one space (the `variant_words_terms` index
    /// and the fuzzy ranking split it into words).
    static func wordsColumn(_ key: String) -> String {
        LookupText.words(ofKey: key).map { " " + $0 }.joined()
    }

    public func delete(matching filter: UnitFilter) throws -> Int {
        defer { frequencies.invalidate() }
        return try writing("delete") { connection in
            var arguments = PostgresArguments()
            let condition = StoreSQL.condition(for: filter, &arguments)
            return try connection.query("DELETE FROM unit AS u WHERE \(condition)", arguments.values, operation: "delete").affectedRows
        }
    }

    // MARK: - Maintenance

    /// Rewrites `variant_words` with each language's rows ordered by their rarest word (by `word_frequency`),
    /// then id, and rebuilds its indexes; lookups give the same answers. A fuzzy lookup reads the rows holding
    /// the query's rarest words: near-duplicates share their rarest word, so in this order they share pages,
    /// and a lookup visits fewer of them (PostgreSQL's CPU per lookup at 1M units: −18 to −35%). Rows added
    /// later go at the end, so run it again after large imports.
    /// - Complexity: one pass over `variant_words` to order it (≈ 45 s at 1M units; lookups go on, writers
    ///   wait), then the table is truncated, refilled and indexed under an exclusive lock (≈ 30 s at 1M
    ///   units; lookups wait). `TRUNCATE` fires no delete trigger, so `word_frequency` stays as it is. It is not
    ///   MVCC-safe for a transaction whose snapshot predates it and that reads `variant_words` only after it:
    ///   every reader of this store either reads `variant_words` in its first statement or runs one statement
    ///   per snapshot. Needs the table's owner.
    public func optimize() throws -> OptimizeResult {
        let operation = "optimize"
        let rows = try writing(operation) { connection in
            try connection.execute("SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '512MB'", operation: operation)
            try connection.execute(PostgresStore.orderedWordsSQL, operation: operation)
            // Constraints and indexes are dropped while the rows go in and built again after, from the
            // catalog's own definitions (checking the foreign key row by row and inserting in random id order
            // cost 40 of the 45 s of the refill at 1M units).
            let constraints = try connection.query("""
                SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'variant_words'::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype = 'f', conname
                """, operation: operation)
            let indexes = try connection.query("""
                SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index
                WHERE indrelid = 'variant_words'::regclass
                AND indexrelid NOT IN (SELECT conindid FROM pg_constraint WHERE conrelid = 'variant_words'::regclass)
                ORDER BY 1
                """, operation: operation)
            // The table's columns as the catalog has them, so a later schema version's columns are copied too.
            let columns = try connection.query("""
                SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute
                WHERE attrelid = 'variant_words'::regclass AND attnum > 0 AND NOT attisdropped
                """, operation: operation).string(0, 0) ?? ""
            let constraintRows = 0..<constraints.rowCount, indexRows = 0..<indexes.rowCount
            for row in constraintRows.reversed() {
                try connection.execute("ALTER TABLE variant_words DROP CONSTRAINT \(constraints.string(row, 0) ?? "")", operation: operation)
            }
            for row in indexRows { try connection.execute("DROP INDEX \(indexes.string(row, 0) ?? "")", operation: operation) }
            try connection.execute("TRUNCATE variant_words", operation: operation)
            let inserted = try connection.execute(
                "INSERT INTO variant_words (\(columns)) SELECT \(columns) FROM variant_words_ordered ORDER BY ordinal",
                operation: operation).affectedRows
            for row in constraintRows {
                try connection.execute("ALTER TABLE variant_words ADD CONSTRAINT \(constraints.string(row, 0) ?? "") \(constraints.string(row, 1) ?? "")",
                                       operation: operation)
            }
            for row in indexRows { try connection.execute(indexes.string(row, 1) ?? "", operation: operation) }
            return inserted
        }
        _ = try pool.withConnection { try $0.execute("ANALYZE variant_words", operation: operation) }
        return OptimizeResult(rows: rows, steps: [
            "variant_words: \(rows) rows rewritten, each language's in the order of their rarest word",
            "variant_words: indexes and constraints built again; statistics refreshed",
        ])
    }

    /// A temporary copy of `variant_words` numbered (`ordinal`) in the order `optimize` writes: language, the
    /// row's rarest word (fewest documents, then the word; rows with no counted word last), id (text in byte
    /// order, whatever the database's collation). The rarest word is found by a hash join and one aggregate
    /// (a subquery per row took three times as long).
    static let orderedWordsSQL = """
        CREATE TEMPORARY TABLE variant_words_ordered ON COMMIT DROP AS
        WITH ranked AS (SELECT word, row_number() OVER (ORDER BY documents, word COLLATE "C") AS rank FROM word_frequency),
        rarest AS (SELECT v.id, min(r.rank) AS rank
                   FROM variant_words AS v CROSS JOIN LATERAL unnest(string_to_array(substr(v.words, 2), ' ')) AS w (word)
                   JOIN ranked AS r ON r.word = w.word GROUP BY v.id)
        SELECT row_number() OVER (ORDER BY v.language COLLATE "C", r.rank, v.id) AS ordinal, v.*
        FROM variant_words AS v LEFT JOIN rarest AS r ON r.id = v.id
        """

    // MARK: - Reading units

    /// Units per page while streaming.
    static let pageSize = 500

    public func forEachUnit(matching filter: UnitFilter, _ body: (StoredUnit) throws -> Void) throws {
        // One snapshot for the whole stream; pages by id so memory stays bounded by one page.
        try reading("read units") { connection in
            var last: Int64 = 0
            while true {
                var arguments = PostgresArguments()
                let condition = StoreSQL.condition(for: filter, &arguments)
                let variantCondition = StoreSQL.variantCondition(for: filter.languages, &arguments)
                let sql = """
                    SELECT \(StoreSQL.unitColumns), \(StoreSQL.variantColumns)
                    FROM (SELECT * FROM unit AS u WHERE \(condition) AND u.id > \(arguments.add(last))
                          ORDER BY u.id LIMIT \(arguments.add(PostgresStore.pageSize))) AS u
                    JOIN variant AS v ON v.unit_id = u.id
                    WHERE \(variantCondition)
                    ORDER BY u.id, v.position
                    """
                let units = try PostgresStore.units(from: connection.query(sql, arguments.values, operation: "read units"))
                guard let tail = units.last else { return }
                for unit in units { try body(unit) }
                last = tail.id
            }
        }
    }

    /// Whole units by id, variants in order, and the position of each of their variants by variant id.
    private func loadUnits(_ ids: [Int64], _ connection: PostgresConnection) throws -> (units: [Int64: TranslationUnit], positions: [Int64: Int]) {
        guard !ids.isEmpty else { return ([:], [:]) }
        var arguments = PostgresArguments()
        let sql = """
            SELECT \(StoreSQL.unitColumns), \(StoreSQL.variantColumns), v.id
            FROM unit AS u JOIN variant AS v ON v.unit_id = u.id
            WHERE u.id \(arguments.isOne(of: ids)) ORDER BY u.id, v.position
            """
        let result = try connection.query(sql, arguments.values, operation: "load units")
        var units: [Int64: TranslationUnit] = [:]
        for stored in try PostgresStore.units(from: result) { units[stored.id] = stored.unit }
        var positions: [Int64: Int] = [:]
        let idColumn = StoreSQL.unitColumnCount + StoreSQL.variantColumnCount, positionColumn = idColumn - 1
        for row in 0..<result.rowCount {
            if let id = result.int(row, idColumn), let position = result.int(row, positionColumn) { positions[id] = Int(position) }
        }
        return (units, positions)
    }

    /// Rows of `unitColumns, variantColumns` ordered by unit id and position, grouped into units.
    private static func units(from result: PostgresResult) throws -> [StoredUnit] {
        var out: [StoredUnit] = []
        for row in 0..<result.rowCount {
            guard let id = result.int(row, 0) else { throw StoreError("a unit row without an id") }
            if out.last?.id != id { out.append(StoredUnit(id: id, unit: try StoreSQL.unit(from: PostgresRow(result, row)))) }
            out[out.count - 1].unit.variants.append(try StoreSQL.variant(from: PostgresRow(result, row), at: StoreSQL.unitColumnCount))
        }
        return out
    }

    /// A PostgreSQL array literal of integers (`{1,2,3}`), passed as one parameter.
    static func array(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }

    // MARK: - Lookup

    public func search(_ query: SearchQuery) throws -> [Match] {
        var plan = SearchPlan(query)
        guard plan.isSearchable else { return [] }
        // No transaction: each statement reads its own snapshot. Units are only ever added or deleted whole (one
        // transaction each) and variants never change, so a unit is either read in full or not at all, and a
        // write that commits mid-lookup reads as if the lookup ran just before or after it (a candidate whose
        // unit has gone meanwhile is dropped when its unit is not loaded). BEGIN and COMMIT were two of the
        // lookup's round trips.
        return try autocommitReading("search") { connection in
            // Exact and near-exact candidates in one round trip: every row with the query's key, then at most
            // `SearchPlan.nearExactRowLimit` others with its skeleton, in the order SQLiteStore reads them.
            var hashes = PostgresArguments()
            let keyHash = hashes.integer(plan.keyHash), skeletonHash = hashes.integer(plan.skeletonHash)
            let hashRows = try connection.query("""
                (SELECT v.id, v.unit_id, v.key, v.plain, v.context_hash, true FROM variant AS v
                 WHERE v.key_hash = \(keyHash) AND v.skeleton_hash = \(skeletonHash) AND \(StoreSQL.sourceWithTarget(query, &hashes)))
                UNION ALL
                (SELECT v.id, v.unit_id, v.key, v.plain, v.context_hash, false FROM variant AS v
                 WHERE v.skeleton_hash = \(skeletonHash) AND v.key_hash <> \(keyHash) AND \(StoreSQL.sourceWithTarget(query, &hashes))
                 ORDER BY v.key_hash, v.id LIMIT \(SearchPlan.nearExactRowLimit))
                """, hashes.values, operation: "search")
            for row in 0..<hashRows.rowCount {
                guard let id = hashRows.int(row, 0), let unitID = hashRows.int(row, 1) else { continue }
                let memoryKey = hashRows.string(row, 2) ?? "", plain = hashRows.string(row, 3) ?? ""
                if hashRows.string(row, 5) == "t" {
                    plan.considerKeyRow(variantID: id, unitID: unitID, memoryKey: memoryKey, plain: plain, contextHash: hashRows.int(row, 4))
                }
                plan.considerSkeletonRow(variantID: id, unitID: unitID, memoryKey: memoryKey, plain: plain)
            }
            let fuzzyRanks = plan.wantsFuzzy ? try considerFuzzyCandidates(&plan, connection) : [:]
            let shortlist = try plan.shortlist { ids in
                // Fuzzy candidates brought their units' ranks; exact and near-exact ones are read.
                var ranks = fuzzyRanks
                let missing = ids.filter { ranks[$0] == nil }
                guard !missing.isEmpty else { return ranks }
                var arguments = PostgresArguments()
                let rows = try connection.query(StoreSQL.unitRanks(missing, &arguments), arguments.values, operation: "search")
                for row in 0..<rows.rowCount {
                    if let id = rows.int(row, 0) { ranks[id] = StoreSQL.unitRank(from: PostgresRow(rows, row), at: 1) }
                }
                return ranks
            }
            guard !shortlist.isEmpty else { return [] }
            let loaded = try loadUnits(shortlist.map(\.unitID), connection)
            return plan.matches(of: shortlist, units: loaded.units, positions: loaded.positions)
        }
    }

    /// The `variant_words_terms` index expression (on `variant_words AS v`): the key's words as text search
    /// lexemes, verbatim.
    static let termsVector = "array_to_tsvector(string_to_array(substr(v.words, 2), ' '))"

    /// A word as a quoted tsquery lexeme (`'word'`; quotes and backslashes escaped).
    static func lexeme(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// Scores the fuzzy candidates (`FuzzyCandidates`: the source-language variants holding the query's rarest
    /// words, `SearchPlan.fuzzyWords`, as `SQLiteStore` chooses and scores them), found through the
    /// `variant_words_terms` index. None when no query word is in the memory.
    /// - Complexity: one indexed lookup of the query's words not in `WordFrequencyCache`; one bitmap scan of the
    ///   chosen words' postings (a bitmap per alternative, OR-ed; at most `FuzzyCandidates.rowLimit` rows) that
    ///   returns each row's `words` and `other_languages` (bounded and checked for a target variant here: ranking
    ///   in SQL cost a subquery per row, most of PostgreSQL's time, and checking the target an index probe per
    ///   candidate and a round trip).
    /// - Returns: the ranks of the scored candidates' units (`unit_status`, `unit_recency`, `unit_score`), for
    ///   `SearchPlan.shortlist`.
    private func considerFuzzyCandidates(_ plan: inout SearchPlan, _ connection: PostgresConnection) throws -> [Int64: SearchPlan.UnitRank] {
        let distinct = plan.frequencyWords
        guard !distinct.isEmpty else { return [:] }
        // Cached counts first (see `WordFrequencyCache` for what staleness means).
        let frequency = try frequencies.frequencies(of: distinct) { missing in
            var lookup = PostgresArguments()
            let counted = try connection.query("""
                SELECT word, least(documents, \(SearchPlan.frequencyCap)) FROM word_frequency
                WHERE word = ANY(\(lookup.add(array: missing))::text[]) AND documents > 0
                """, lookup.values, operation: "search")
            var read: [String: Int] = [:]
            for row in 0..<counted.rowCount {
                if let word = counted.string(row, 0), let documents = counted.int(row, 1) { read[word] = Int(documents) }
            }
            return read
        }
        let (chosen, paired) = SearchPlan.fuzzyWords(frequency: frequency)
        guard !chosen.isEmpty else { return [:] }
        // One index condition per alternative, OR-ed: PostgreSQL then reads each alternative's postings on its
        // own (a pair by intersecting two posting lists) and ORs the bitmaps, instead of testing the whole query
        // against every row of the union of all the words' postings (8% more candidate queries per second).
        var arguments = PostgresArguments()
        let source = arguments.add(plan.query.source.code)
        let alternatives = SearchPlan.clauses(chosen.map(PostgresStore.lexeme), paired: paired, and: "&")
            .map { "\(PostgresStore.termsVector) @@ \(arguments.add($0))::tsquery" }
        let rows = try connection.query("""
            SELECT v.id, v.unit_id, v.words, v.other_languages, v.unit_status, v.unit_recency, v.unit_score FROM variant_words AS v
            WHERE (\(alternatives.joined(separator: " OR "))) AND (v.language = \(source) OR v.base_language = \(source))
            LIMIT \(FuzzyCandidates.rowLimit)
            """, arguments.values, operation: "search")
        var candidates = FuzzyCandidates(plan, rows: rows.rowCount)
        for row in 0..<rows.rowCount {
            guard let id = rows.int(row, 0), let unitID = rows.int(row, 1) else { continue }
            candidates.add(row: row, id: id, unitID: unitID) { numbers in
                rows.withBytes(row, 2) { plan.numbering.appendNumbers(ofColumn: $0, to: &numbers) }
            }
        }
        let target = Array(plan.query.target.code.utf8)
        var ranks: [Int64: SearchPlan.UnitRank] = [:]
        candidates.score(into: &plan) { candidate in
            guard rows.withBytes(candidate.row, 3, { PostgresStore.holds(target, in: $0) }) else { return false }
            ranks[candidate.unitID] = StoreSQL.unitRank(from: PostgresRow(rows, candidate.row), at: 4)
            return true
        }
        return ranks
    }

    /// True when `word` is one of the space-separated words of `column` (an `other_languages` column).
    static func holds(_ word: [UInt8], in column: UnsafeRawBufferPointer) -> Bool {
        let text = column.bindMemory(to: UInt8.self)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != UInt8(ascii: " ") { end += 1 }
            if end - start == word.count && word.indices.allSatisfy({ text[start + $0] == word[$0] }) { return true }
            start = end + 1
        }
        return false
    }

    // MARK: - Concordance

    public func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage {
        let words = query.keyWords
        let (page, size) = query.bounds
        guard !words.isEmpty else { return ConcordancePage(hits: [], total: 0, page: page, pageSize: size) }
        return try reading("concordance") { connection in
            var arguments = PostgresArguments()
            let prefixes = words.map { PostgresStore.lexeme($0) + ":*" }.joined(separator: " & ")
            let condition = "\(PostgresStore.termsVector) @@ \(arguments.add(prefixes))::tsquery AND "
                + StoreSQL.variantCondition(for: query.language.map { [$0] } ?? [], &arguments)
            let total = try connection.query("SELECT count(DISTINCT v.unit_id) FROM variant_words AS v WHERE \(condition)",
                                             arguments.values, operation: "concordance").int(0, 0) ?? 0
            let limit = arguments.add(size), offset = arguments.add((page - 1) * size)
            let rows = try connection.query("""
                SELECT u.id, min(v.position) FROM variant_words AS v JOIN unit AS u ON u.id = v.unit_id WHERE \(condition)
                GROUP BY u.id ORDER BY coalesce(u.changed_at, u.created_at) DESC NULLS LAST, u.id DESC
                LIMIT \(limit)::bigint OFFSET \(offset)::bigint
                """, arguments.values, operation: "concordance")
            var found: [(unitID: Int64, position: Int)] = []
            for row in 0..<rows.rowCount {
                if let id = rows.int(row, 0), let position = rows.int(row, 1) { found.append((id, Int(position))) }
            }
            let hits = query.hits(found, units: try loadUnits(found.map(\.unitID), connection).units, words: words)
            return ConcordancePage(hits: hits, total: Int(total), page: page, pageSize: size)
        }
    }

    // MARK: - Statistics

    public func statistics() throws -> MemoryStatistics {
        try reading("statistics") { connection in
            func counts(_ sql: String) throws -> [String: Int] {
                let result = try connection.query(sql, operation: "statistics")
                var out: [String: Int] = [:]
                for row in 0..<result.rowCount { out[result.string(row, 0) ?? ""] = Int(result.int(row, 1) ?? 0) }
                return out
            }
            let units = try connection.query("SELECT count(*) FROM unit", operation: "statistics").int(0, 0) ?? 0
            let range = try connection.query(
                "SELECT min(coalesce(created_at, changed_at)), max(coalesce(changed_at, created_at)) FROM unit", operation: "statistics")
            let iso = { (value: Int64?) in value.map { ISO8601.format(Date(timeIntervalSince1970: TimeInterval($0))) } }
            // Ties broken as SQLite does: NULL first, then by code point (COLLATE "C").
            return MemoryStatistics(
                units: Int(units),
                variants: try counts("SELECT language, count(*) FROM variant GROUP BY language"),
                statuses: try counts("SELECT status, count(*) FROM unit GROUP BY status"),
                origins: try counts("SELECT origin, count(*) AS n FROM unit GROUP BY origin ORDER BY n DESC, origin COLLATE \"C\" NULLS FIRST LIMIT 20"),
                files: try counts("SELECT file, count(*) AS n FROM unit GROUP BY file ORDER BY n DESC, file COLLATE \"C\" NULLS FIRST LIMIT 20"),
                firstDate: iso(range.int(0, 0)), lastDate: iso(range.int(0, 1)))
        }
    }
}

/// One row of a `PostgresResult` read through `ColumnReader`.
struct PostgresRow: ColumnReader {
    let result: PostgresResult
    let row: Int
    init(_ result: PostgresResult, _ row: Int) { self.result = result; self.row = row }
    func string(_ column: Int) -> String? { result.string(row, column) }
    func int(_ column: Int) -> Int64? { result.int(row, column) }
    func double(_ column: Int) -> Double? { result.double(row, column) }
}

extension PostgresArguments: SQLArguments {
    mutating func text(_ value: String) -> String { add(value) }
    mutating func integer(_ value: Int64) -> String { add(value) + "::bigint" }
    mutating func real(_ value: Double) -> String { add(value) + "::double precision" }
    mutating func isOne(of ids: [Int64]) -> String { "= ANY(\(add(PostgresStore.array(ids)))::bigint[])" }
}
