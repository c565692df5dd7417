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
        guard !unit.variants.isEmpty else { throw StoreError("a unit needs at least one variant", at: at) }
        if let score = unit.provenance.score, !(0...1).contains(score) { throw StoreError("score \(score) is not in [0, 1]", at: at) }
        var rows: [VariantRow] = []
        for (position, variant) in unit.variants.enumerated() {
            let plain = variant.segment.plainText
            let key = LookupText.key(plain, language: variant.language)
            let previous = variant.properties.first { $0.type == Property.previousSegmentType }
            rows.append(VariantRow(
                position: position, language: variant.language.code, base_language: variant.language.primary,
                markup: variant.segment.markup, plain: plain, key: key, words: PostgresStore.wordsColumn(key),
                key_hash: LookupText.hash(key), skeleton_hash: LookupText.hash(LookupText.skeleton(ofKey: key)),
                context_hash: previous.map { LookupText.hash(LookupText.key($0.value, language: variant.language)) },
                created_at: variant.created?.date.map(seconds), created_by: variant.created?.user,
                changed_at: variant.changed?.date.map(seconds), changed_by: variant.changed?.user,
                notes: JSONColumns.encode(variant.notes), properties: JSONColumns.encode(variant.properties),
                attributes: JSONColumns.encode(variant.attributes)))
        }
        let variants: Data
        do {
            variants = try JSONEncoder().encode(rows)
        } catch {
            throw StoreError("cannot encode the unit's variants: \(error)", at: at)
        }
        let p = unit.provenance
        let result = try connection.query(PostgresStore.insertSQL, [
            ContentHash.of(unit).map { String(format: "%02x", $0) }.joined(), unit.id, p.origin, p.file, p.tool,
            p.created?.date.map(seconds).map(String.init), p.created?.user, p.changed?.date.map(seconds).map(String.init), p.changed?.user,
            p.score.map { "\($0)" }, p.status.rawValue,
            JSONColumns.encode(unit.notes), JSONColumns.encode(unit.properties), JSONColumns.encode(unit.attributes),
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
            let condition = PostgresStore.condition(for: filter, &arguments)
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
                let condition = PostgresStore.condition(for: filter, &arguments)
                let variantCondition = PostgresStore.variantCondition(for: filter.languages, &arguments)
                let sql = """
                    SELECT \(PostgresStore.unitColumns), \(PostgresStore.variantColumns)
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
            SELECT \(PostgresStore.unitColumns), \(PostgresStore.variantColumns)
            FROM unit AS u JOIN variant AS v ON v.unit_id = u.id
            WHERE u.id = ANY(\(arguments.add(PostgresStore.array(ids)))::bigint[]) ORDER BY u.id, v.position
            """
        var out: [Int64: TranslationUnit] = [:]
        for stored in try PostgresStore.units(from: connection.query(sql, arguments.values, operation: "load units")) {
            out[stored.id] = stored.unit
        }
        return out
    }

    static let unitColumns = "u.id, u.tuid, u.origin, u.file, u.tool, u.created_at, u.created_by, u.changed_at, u.changed_by, u.score, u.status, u.notes, u.properties, u.attributes"
    static let unitColumnCount = 14
    static let variantColumns = "v.language, v.markup, v.created_at, v.created_by, v.changed_at, v.changed_by, v.notes, v.properties, v.attributes, v.position"

    /// Rows of `unitColumns, variantColumns` ordered by unit id and position, grouped into units.
    private static func units(from result: PostgresResult) throws -> [StoredUnit] {
        var out: [StoredUnit] = []
        for row in 0..<result.rowCount {
            guard let id = result.int(row, 0) else { throw StoreError("a unit row without an id") }
            if out.last?.id != id { out.append(StoredUnit(id: id, unit: try unit(from: result, row))) }
            out[out.count - 1].unit.variants.append(try variant(from: result, row, at: unitColumnCount))
        }
        return out
    }

    private static func unit(from result: PostgresResult, _ row: Int) throws -> TranslationUnit {
        let statusText = result.string(row, 10) ?? ""
        guard let status = UnitStatus(rawValue: statusText) else { throw StoreError("unknown status \(statusText) in unit \(result.string(row, 0) ?? "")") }
        let provenance = Provenance(origin: result.string(row, 2), file: result.string(row, 3), tool: result.string(row, 4),
                                    created: stamp(result.int(row, 5), result.string(row, 6)),
                                    changed: stamp(result.int(row, 7), result.string(row, 8)),
                                    score: result.double(row, 9), status: status)
        return TranslationUnit(id: result.string(row, 1), variants: [], provenance: provenance,
                               properties: try JSONColumns.properties(result.string(row, 12) ?? "[]"),
                               notes: try JSONColumns.notes(result.string(row, 11) ?? "[]"),
                               attributes: try JSONColumns.attributes(result.string(row, 13) ?? "[]"))
    }

    private static func variant(from result: PostgresResult, _ row: Int, at offset: Int) throws -> Variant {
        let code = result.string(row, offset) ?? ""
        guard let language = LanguageTag(code) else { throw StoreError("invalid language \(code) in the memory") }
        return Variant(language: language, segment: Segment(markup: result.string(row, offset + 1) ?? ""),
                       properties: try JSONColumns.properties(result.string(row, offset + 7) ?? "[]"),
                       notes: try JSONColumns.notes(result.string(row, offset + 6) ?? "[]"),
                       created: stamp(result.int(row, offset + 2), result.string(row, offset + 3)),
                       changed: stamp(result.int(row, offset + 4), result.string(row, offset + 5)),
                       attributes: try JSONColumns.attributes(result.string(row, offset + 8) ?? "[]"))
    }

    private static func stamp(_ date: Int64?, _ user: String?) -> Stamp? {
        if date == nil && user == nil { return nil }
        return Stamp(date: date.map { Date(timeIntervalSince1970: TimeInterval($0)) }, user: user)
    }

    /// A PostgreSQL array literal of integers (`{1,2,3}`), passed as one parameter.
    private static func array(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }

    /// The WHERE condition on `unit AS u` for a filter; values go into `arguments`.
    private static func condition(for filter: UnitFilter, _ arguments: inout PostgresArguments) -> String {
        var parts = ["true"]
        for language in filter.languages {
            let code = arguments.add(language.code)
            parts.append("EXISTS (SELECT 1 FROM variant AS x WHERE x.unit_id = u.id AND (x.language = \(code) OR x.base_language = \(code)))")
        }
        if let status = filter.status { parts.append("u.status = \(arguments.add(status.rawValue))") }
        if let score = filter.minimumScore { parts.append("u.score >= \(arguments.add(score))::double precision") }
        if let since = filter.since { parts.append("coalesce(u.changed_at, u.created_at) >= \(arguments.add(seconds(since)))::bigint") }
        if let origin = filter.origin { parts.append("u.origin = \(arguments.add(origin))") }
        if let file = filter.file { parts.append("u.file = \(arguments.add(file))") }
        if let ids = filter.ids { parts.append("u.id = ANY(\(arguments.add(array(ids)))::bigint[])") }
        return parts.joined(separator: " AND ")
    }

    /// The condition on `variant AS v` keeping the filter's languages (all variants when none).
    private static func variantCondition(for languages: [LanguageTag], _ arguments: inout PostgresArguments) -> String {
        guard !languages.isEmpty else { return "true" }
        return "(" + languages.map { language in
            let code = arguments.add(language.code)
            return "v.language = \(code) OR v.base_language = \(code)"
        }.joined(separator: " OR ") + ")"
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
            var arguments = PostgresArguments()
            let source = arguments.add(query.source.code), target = arguments.add(query.target.code)
            // Source variants in the source language whose unit also has a variant in the target language.
            let languages = """
                (v.language = \(source) OR v.base_language = \(source)) AND EXISTS (SELECT 1 FROM variant AS t
                WHERE t.unit_id = v.unit_id AND t.id <> v.id AND (t.language = \(target) OR t.base_language = \(target)))
                """
            var exact = arguments
            let exactResult = try connection.query("""
                SELECT v.id, v.unit_id, v.key, v.plain, v.context_hash FROM variant AS v
                WHERE v.key_hash = \(exact.add(plan.keyHash))::bigint AND \(languages)
                """, exact.values, operation: "search")
            for row in 0..<exactResult.rowCount {
                guard let id = exactResult.int(row, 0), let unitID = exactResult.int(row, 1) else { continue }
                plan.considerKeyRow(variantID: id, unitID: unitID, memoryKey: exactResult.string(row, 2) ?? "",
                                    plain: exactResult.string(row, 3) ?? "", contextHash: exactResult.int(row, 4))
            }
            var near = arguments
            let nearResult = try connection.query("""
                SELECT v.id, v.unit_id, v.key, v.plain FROM variant AS v
                WHERE v.skeleton_hash = \(near.add(plan.skeletonHash))::bigint AND \(languages)
                """, near.values, operation: "search")
            for row in 0..<nearResult.rowCount {
                guard let id = nearResult.int(row, 0), let unitID = nearResult.int(row, 1) else { continue }
                plan.considerSkeletonRow(variantID: id, unitID: unitID, memoryKey: nearResult.string(row, 2) ?? "", plain: nearResult.string(row, 3) ?? "")
            }
            if plan.wantsFuzzy {
                try connection.query("SELECT set_config('pg_trgm.similarity_threshold', $1, true)",
                                     [String(PostgresStore.similarityThreshold(minimum: query.minimum))], operation: "search")
                var fuzzy = arguments
                let words = fuzzy.add(plan.words.map { " " + $0 }.joined())
                let fuzzyResult = try connection.query("""
                    SELECT v.id, v.unit_id, v.key FROM variant AS v
                    WHERE v.words % \(words) AND \(languages)
                    ORDER BY similarity(v.words, \(words)) DESC, v.id LIMIT \(PostgresStore.fuzzyCandidateLimit)
                    """, fuzzy.values, operation: "search")
                for row in 0..<fuzzyResult.rowCount {
                    guard let id = fuzzyResult.int(row, 0), let unitID = fuzzyResult.int(row, 1) else { continue }
                    plan.considerFuzzyRow(variantID: id, unitID: unitID, memoryKey: fuzzyResult.string(row, 2) ?? "")
                }
            }
            let shortlist = plan.shortlist
            guard !shortlist.isEmpty else { return [] }
            var positionArguments = PostgresArguments()
            let positionResult = try connection.query(
                "SELECT id, position FROM variant WHERE id = ANY(\(positionArguments.add(PostgresStore.array(shortlist.map(\.variantID))))::bigint[])",
                positionArguments.values, operation: "search")
            var positions: [Int64: Int] = [:]
            for row in 0..<positionResult.rowCount {
                if let id = positionResult.int(row, 0), let position = positionResult.int(row, 1) { positions[id] = Int(position) }
            }
            return plan.matches(units: try loadUnits(shortlist.map(\.unitID)), positions: positions)
        }
    }

    // MARK: - Concordance

    public func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage {
        let words = query.keyWords
        let page = max(1, query.page), size = max(1, query.pageSize)
        guard !words.isEmpty else { return ConcordancePage(hits: [], total: 0, page: page, pageSize: size) }
        return try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", operation: "concordance") {
            var arguments = PostgresArguments()
            var conditions = words.map { "v.words LIKE \(arguments.add("% " + PostgresStore.escapeLike($0) + "%"))" }
            if let language = query.language {
                let code = arguments.add(language.code)
                conditions.append("(v.language = \(code) OR v.base_language = \(code))")
            }
            let condition = conditions.joined(separator: " AND ")
            let total = try connection.query("SELECT count(DISTINCT v.unit_id) FROM variant AS v WHERE \(condition)",
                                             arguments.values, operation: "concordance").int(0, 0) ?? 0
            let limit = arguments.add(size), offset = arguments.add((page - 1) * size)
            let rows = try connection.query("""
                SELECT u.id, min(v.position) FROM variant AS v JOIN unit AS u ON u.id = v.unit_id WHERE \(condition)
                GROUP BY u.id ORDER BY coalesce(u.changed_at, u.created_at) DESC NULLS LAST, u.id DESC
                LIMIT \(limit)::bigint OFFSET \(offset)::bigint
                """, arguments.values, operation: "concordance")
            var found: [(Int64, Int)] = []
            for row in 0..<rows.rowCount {
                if let id = rows.int(row, 0), let position = rows.int(row, 1) { found.append((id, Int(position))) }
            }
            let units = try loadUnits(found.map(\.0))
            var hits: [ConcordanceHit] = []
            for (id, position) in found {
                guard let unit = units[id], unit.variants.indices.contains(position) else { continue }
                let variant = unit.variants[position]
                hits.append(ConcordanceHit(unitID: id, unit: unit, matchedVariant: position,
                                           highlighted: LookupText.highlight(variant.segment.plainText, words: words, language: variant.language)))
            }
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

private func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
