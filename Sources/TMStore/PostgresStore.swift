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
/// The database needs a UTF-8 ctype (pg_trgm makes no trigrams for Cyrillic under locale C) and the right to
/// `CREATE EXTENSION pg_trgm` on first open. Migrations (`PostgresSchema`) are applied on open.
///
/// Sendable notes: one libpq connection, which is not thread-safe, used only while holding `lock`.
public final class PostgresStore: TranslationMemoryStore, @unchecked Sendable {
    /// The URL with its password replaced by `***`.
    public var location: String { connection.redactedURL }
    private let connection: PostgresConnection
    private let lock = NSRecursiveLock()

    /// True for locations this store opens: `postgres://…` and `postgresql://…` URLs.
    public static func handles(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// `location` with the password of a URL's user information replaced by `***` (other text unchanged).
    public static func redacted(_ location: String) -> String { PostgresConnection.redact(location) }

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`, or any URL libpq reads) and applies
    /// pending schema migrations.
    public init(url: String) throws {
        connection = try PostgresConnection(url: url)
        try migrate()
    }

    /// Applies the migrations not yet recorded, in one transaction, serialized between clients by an advisory lock.
    private func migrate() throws {
        try transaction(operation: "migrate") {
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

    /// The schema version the database is at.
    public func schemaVersion() throws -> Int {
        try locked { Int(try connection.query("SELECT max(version) FROM tmkit_schema_migrations", operation: "schema version").int(0, 0) ?? 0) }
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs `body` in a transaction (or inside the one already open), rolling back when it throws.
    private func transaction<T>(_ begin: String = "BEGIN", operation: String, _ body: () throws -> T) throws -> T {
        try locked {
            if connection.inTransaction { return try body() }
            do {
                try connection.execute(begin, operation: operation)
            } catch {
                // A lost connection shows only when used: reconnect and begin again (nothing has run yet).
                guard !connection.isConnected else { throw error }
                try connection.reconnect(operation: operation)
                try connection.execute(begin, operation: operation)
            }
            do {
                let result = try body()
                try connection.execute("COMMIT", operation: operation)
                return result
            } catch {
                _ = try? connection.execute("ROLLBACK", operation: operation)
                throw error
            }
        }
    }

    // MARK: - Writing

    public func add(from next: () throws -> TranslationUnit?) throws -> AddResult {
        try transaction(operation: "add") {
            var result = AddResult()
            while let unit = try next() {
                if try insert(unit) { result.added += 1 } else { result.duplicates += 1 }
            }
            return result
        }
    }

    /// A variant's columns, passed to the unit insert as one JSON array (one round trip per unit).
    private struct VariantRow: Encodable {
        var position: Int
        var language: String
        var base_language: String
        var markup: String
        var plain: String
        var key: String
        var words: String
        var key_hash: Int64
        var skeleton_hash: Int64
        var context_hash: Int64?
        var created_at: Int64?
        var created_by: String?
        var changed_at: Int64?
        var changed_by: String?
        var notes: String
        var properties: String
        var attributes: String
    }

    private static let insertSQL = """
        WITH u AS (
            INSERT INTO unit (content_hash, tuid, origin, file, tool, created_at, created_by, changed_at, changed_by,
                              score, status, notes, properties, attributes)
            VALUES (decode($1, 'hex'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb)
            ON CONFLICT (content_hash) DO NOTHING RETURNING id
        ), v AS (
            INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, words, key_hash,
                                 skeleton_hash, context_hash, created_at, created_by, changed_at, changed_by,
                                 notes, properties, attributes)
            SELECT u.id, x.position, x.language, x.base_language, x.markup, x.plain, x.key, x.words, x.key_hash,
                   x.skeleton_hash, x.context_hash, x.created_at, x.created_by, x.changed_at, x.changed_by,
                   x.notes::jsonb, x.properties::jsonb, x.attributes::jsonb
            FROM u, jsonb_to_recordset($15::jsonb) AS x (
                position integer, language text, base_language text, markup text, plain text, key text, words text,
                key_hash bigint, skeleton_hash bigint, context_hash bigint, created_at bigint, created_by text,
                changed_at bigint, changed_by text, notes text, properties text, attributes text)
        )
        SELECT id FROM u
        """

    /// Inserts one unit; false when its content is already stored.
    private func insert(_ unit: TranslationUnit) throws -> Bool {
        let at = SourceLocation(file: location, unit: unit.id)
        try PreparedUnit.check(unit, at: at)
        let prepared = PreparedUnit(unit)
        let rows = zip(unit.variants, prepared.variants).enumerated().map { position, pair in
            let (variant, derived) = pair
            return VariantRow(
                position: position, language: variant.language.code, base_language: variant.language.primary,
                markup: variant.segment.markup, plain: derived.plain, key: derived.key, words: PostgresStore.wordsColumn(derived.key),
                key_hash: derived.keyHash, skeleton_hash: derived.skeletonHash, context_hash: derived.contextHash,
                created_at: variant.created?.date.map(StoreSQL.seconds), created_by: variant.created?.user,
                changed_at: variant.changed?.date.map(StoreSQL.seconds), changed_by: variant.changed?.user,
                notes: derived.notes, properties: derived.properties, attributes: derived.attributes)
        }
        let variants: Data
        do {
            variants = try JSONEncoder().encode(rows)
        } catch {
            throw StoreError("cannot encode the unit's variants: \(error)", at: at)
        }
        let p = unit.provenance
        let result = try connection.query(PostgresStore.insertSQL, [
            prepared.contentHash.map { String(format: "%02x", $0) }.joined(), unit.id, p.origin, p.file, p.tool,
            p.created?.date.map(StoreSQL.seconds).map(String.init), p.created?.user, p.changed?.date.map(StoreSQL.seconds).map(String.init), p.changed?.user,
            p.score.map { "\($0)" }, p.status.rawValue, prepared.notes, prepared.properties, prepared.attributes,
            String(decoding: variants, as: UTF8.self),
        ], operation: "add unit \(unit.id ?? "")")
        return result.rowCount == 1
    }

    /// The `words` column: each word of the matching key preceded by one space, so `LIKE '% word%'` finds a
    /// word starting with `word`.
    static func wordsColumn(_ key: String) -> String {
        LookupText.words(ofKey: key).map { " " + $0 }.joined()
    }

    public func delete(matching filter: UnitFilter) throws -> Int {
        try transaction(operation: "delete") {
            var arguments = PostgresArguments()
            let condition = StoreSQL.condition(for: filter, &arguments)
            return try connection.query("DELETE FROM unit AS u WHERE \(condition)", arguments.values, operation: "delete").affectedRows
        }
    }

    // MARK: - Reading units

    /// Units per page while streaming.
    static let pageSize = 500

    public func forEachUnit(matching filter: UnitFilter, _ body: (StoredUnit) throws -> Void) throws {
        // One snapshot for the whole stream; pages by id so memory stays bounded by one page.
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", operation: "read units") {
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

    /// Whole units by id, variants in order.
    private func loadUnits(_ ids: [Int64]) throws -> [Int64: TranslationUnit] {
        guard !ids.isEmpty else { return [:] }
        var arguments = PostgresArguments()
        let sql = """
            SELECT \(StoreSQL.unitColumns), \(StoreSQL.variantColumns)
            FROM unit AS u JOIN variant AS v ON v.unit_id = u.id
            WHERE u.id \(arguments.isOne(of: ids)) ORDER BY u.id, v.position
            """
        var out: [Int64: TranslationUnit] = [:]
        for stored in try PostgresStore.units(from: connection.query(sql, arguments.values, operation: "load units")) {
            out[stored.id] = stored.unit
        }
        return out
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

    /// How many variants the trigram index proposes for fuzzy scoring (as `SQLiteStore.fuzzyCandidateLimit`).
    static let fuzzyCandidateLimit = 200

    /// The pg_trgm similarity threshold for a fuzzy minimum: if a fraction `p` of the longer segment's words
    /// match, the word-weighted trigram similarity is about `p / (2 − p)`; 0.8 of that leaves room for words
    /// of unequal length. 70% → 0.43, 50% → 0.26.
    static func similarityThreshold(minimum: Int) -> Double {
        let p = Double(min(max(minimum, 1), 100)) / 100
        return (0.8 * p / (2 - p) * 100).rounded(.down) / 100
    }

    public func search(_ query: SearchQuery) throws -> [Match] {
        var plan = SearchPlan(query)
        guard plan.isSearchable else { return [] }
        return try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", operation: "search") {
            var exact = PostgresArguments()
            let exactRows = try connection.query("""
                SELECT v.id, v.unit_id, v.key, v.plain, v.context_hash FROM variant AS v
                WHERE v.key_hash = \(exact.integer(plan.keyHash)) AND \(StoreSQL.sourceWithTarget(query, &exact))
                """, exact.values, operation: "search")
            for row in 0..<exactRows.rowCount {
                guard let id = exactRows.int(row, 0), let unitID = exactRows.int(row, 1) else { continue }
                plan.considerKeyRow(variantID: id, unitID: unitID, memoryKey: exactRows.string(row, 2) ?? "",
                                    plain: exactRows.string(row, 3) ?? "", contextHash: exactRows.int(row, 4))
            }
            var near = PostgresArguments()
            let nearRows = try connection.query("""
                SELECT v.id, v.unit_id, v.key, v.plain FROM variant AS v
                WHERE v.skeleton_hash = \(near.integer(plan.skeletonHash)) AND \(StoreSQL.sourceWithTarget(query, &near))
                """, near.values, operation: "search")
            for row in 0..<nearRows.rowCount {
                guard let id = nearRows.int(row, 0), let unitID = nearRows.int(row, 1) else { continue }
                plan.considerSkeletonRow(variantID: id, unitID: unitID, memoryKey: nearRows.string(row, 2) ?? "", plain: nearRows.string(row, 3) ?? "")
            }
            if plan.wantsFuzzy {
                try connection.query("SELECT set_config('pg_trgm.similarity_threshold', $1, true)",
                                     [String(PostgresStore.similarityThreshold(minimum: query.minimum))], operation: "search")
                var fuzzy = PostgresArguments()
                let words = fuzzy.text(plan.words.map { " " + $0 }.joined())
                let fuzzyRows = try connection.query("""
                    SELECT v.id, v.unit_id, v.key FROM variant AS v
                    WHERE v.words % \(words) AND \(StoreSQL.sourceWithTarget(query, &fuzzy))
                    ORDER BY similarity(v.words, \(words)) DESC, v.id LIMIT \(PostgresStore.fuzzyCandidateLimit)
                    """, fuzzy.values, operation: "search")
                for row in 0..<fuzzyRows.rowCount {
                    guard let id = fuzzyRows.int(row, 0), let unitID = fuzzyRows.int(row, 1) else { continue }
                    plan.considerFuzzyRow(variantID: id, unitID: unitID, memoryKey: fuzzyRows.string(row, 2) ?? "")
                }
            }
            let shortlist = try plan.shortlist { ids in
                var arguments = PostgresArguments()
                let rows = try connection.query(StoreSQL.unitRanks(ids, &arguments), arguments.values, operation: "search")
                var ranks: [Int64: SearchPlan.UnitRank] = [:]
                for row in 0..<rows.rowCount {
                    if let ranked = StoreSQL.unitRank(from: PostgresRow(rows, row)) { ranks[ranked.id] = ranked.rank }
                }
                return ranks
            }
            guard !shortlist.isEmpty else { return [] }
            var arguments = PostgresArguments()
            let positionRows = try connection.query(StoreSQL.variantPositions(shortlist.map(\.variantID), &arguments), arguments.values, operation: "search")
            var positions: [Int64: Int] = [:]
            for row in 0..<positionRows.rowCount {
                if let id = positionRows.int(row, 0), let position = positionRows.int(row, 1) { positions[id] = Int(position) }
            }
            return plan.matches(of: shortlist, units: try loadUnits(shortlist.map(\.unitID)), positions: positions)
        }
    }

    // MARK: - Concordance

    public func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage {
        let words = query.keyWords
        let (page, size) = query.bounds
        guard !words.isEmpty else { return ConcordancePage(hits: [], total: 0, page: page, pageSize: size) }
        return try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", operation: "concordance") {
            var arguments = PostgresArguments()
            let condition = words.map { "v.words LIKE \(arguments.add("% " + PostgresStore.escapeLike($0) + "%"))" }.joined(separator: " AND ")
                + " AND " + StoreSQL.variantCondition(for: query.language.map { [$0] } ?? [], &arguments)
            let total = try connection.query("SELECT count(DISTINCT v.unit_id) FROM variant AS v WHERE \(condition)",
                                             arguments.values, operation: "concordance").int(0, 0) ?? 0
            let limit = arguments.add(size), offset = arguments.add((page - 1) * size)
            let rows = try connection.query("""
                SELECT u.id, min(v.position) FROM variant AS v JOIN unit AS u ON u.id = v.unit_id WHERE \(condition)
                GROUP BY u.id ORDER BY coalesce(u.changed_at, u.created_at) DESC NULLS LAST, u.id DESC
                LIMIT \(limit)::bigint OFFSET \(offset)::bigint
                """, arguments.values, operation: "concordance")
            var found: [(unitID: Int64, position: Int)] = []
            for row in 0..<rows.rowCount {
                if let id = rows.int(row, 0), let position = rows.int(row, 1) { found.append((id, Int(position))) }
            }
            let hits = query.hits(found, units: try loadUnits(found.map(\.unitID)), words: words)
            return ConcordancePage(hits: hits, total: Int(total), page: page, pageSize: size)
        }
    }

    /// `text` with LIKE's wildcards and escape character escaped.
    private static func escapeLike(_ text: String) -> String {
        var out = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { out.append("\\") }
            out.append(character)
        }
        return out
    }

    // MARK: - Statistics

    public func statistics() throws -> MemoryStatistics {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", operation: "statistics") {
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
