import Foundation
import GRDB
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

    /// Opens (creating it and its folder if needed) the memory at `path` and applies pending migrations.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384")
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
        do {
            database = try DatabaseQueue()
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            throw StoreError("cannot open an in-memory database: \(SQLiteStore.describe(error))")
        }
    }

    // MARK: - Writing

    public func add(from next: () throws -> TranslationUnit?) throws -> AddResult {
        try guarded {
            try database.write { db in
                // Large imports touch the key, skeleton and word indexes at random: give the writer a bigger cache.
                try db.execute(sql: "PRAGMA cache_size = -131072")
                var result = AddResult()
                var batch: [TranslationUnit] = []
                func flush() throws {
                    for prepared in SQLiteStore.prepare(batch) {
                        if try insert(prepared, db) { result.added += 1 } else { result.duplicates += 1 }
                    }
                    batch.removeAll(keepingCapacity: true)
                }
                while let unit = try next() {
                    batch.append(unit)
                    if batch.count == SQLiteStore.batchSize { try flush() }
                }
                try flush()
                return result
            }
        }
    }

    /// Units are prepared (keys, hashes, JSON) in batches of this many, on all cores, then inserted in order.
    static let batchSize = 256

    /// A unit with every derived column computed; pure, so a batch is prepared in parallel.
    private struct PreparedUnit: Sendable {
        struct PreparedVariant: Sendable {
            var plain: String
            var key: String
            var keyHash: Int64
            var skeletonHash: Int64
            var contextHash: Int64?
            var notes: String
            var properties: String
            var attributes: String
        }
        var unit: TranslationUnit
        var contentHash: Data
        var notes: String
        var properties: String
        var attributes: String
        var variants: [PreparedVariant]

        init(_ unit: TranslationUnit) {
            self.unit = unit
            contentHash = ContentHash.of(unit)
            notes = JSONColumns.encode(unit.notes)
            properties = JSONColumns.encode(unit.properties)
            attributes = JSONColumns.encode(unit.attributes)
            variants = unit.variants.map { variant in
                let plain = variant.segment.plainText
                let key = LookupText.key(plain, language: variant.language)
                let previous = variant.properties.first { $0.type == Property.previousSegmentType }
                return PreparedVariant(
                    plain: plain, key: key, keyHash: LookupText.hash(key), skeletonHash: LookupText.hash(LookupText.skeleton(ofKey: key)),
                    contextHash: previous.map { LookupText.hash(LookupText.key($0.value, language: variant.language)) },
                    notes: JSONColumns.encode(variant.notes), properties: JSONColumns.encode(variant.properties),
                    attributes: JSONColumns.encode(variant.attributes))
            }
        }
    }

    /// Prepares a batch on all cores, results in input order.
    private static func prepare(_ units: [TranslationUnit]) -> [PreparedUnit] {
        guard units.count > 1 else { return units.map(PreparedUnit.init) }
        /// Sendable notes: each worker writes only the slots `i ≡ worker (mod workers)`, and the buffer is read
        /// only after `concurrentPerform` has returned, so no slot is touched by two threads.
        final class Slots: @unchecked Sendable {
            let buffer: UnsafeMutableBufferPointer<PreparedUnit?>
            init(_ count: Int) {
                buffer = .allocate(capacity: count)
                buffer.initialize(repeating: nil)
            }
            deinit { buffer.deinitialize().deallocate() }
        }
        let slots = Slots(units.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < units.count {
                slots.buffer[index] = PreparedUnit(units[index])
                index += workers
            }
        }
        return slots.buffer.compactMap { $0 }
    }

    /// Inserts one unit; false when its content is already stored.
    private func insert(_ prepared: PreparedUnit, _ db: Database) throws -> Bool {
        let unit = prepared.unit
        guard !unit.variants.isEmpty else {
            throw StoreError("a unit needs at least one variant", at: SourceLocation(file: path, unit: unit.id))
        }
        if let score = unit.provenance.score, !(0...1).contains(score) {
            throw StoreError("score \(score) is not in [0, 1]", at: SourceLocation(file: path, unit: unit.id))
        }
        let p = unit.provenance
        let unitStatement = try db.cachedStatement(sql: """
            INSERT INTO unit (content_hash, tuid, origin, file, tool, created_at, created_by, changed_at, changed_by,
                              score, status, notes, properties, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING
            """)
        try unitStatement.execute(arguments: [
            prepared.contentHash, unit.id, p.origin, p.file, p.tool, p.created?.date.map(seconds), p.created?.user,
            p.changed?.date.map(seconds), p.changed?.user, p.score, p.status.rawValue,
            prepared.notes, prepared.properties, prepared.attributes,
        ])
        guard db.changesCount > 0 else { return false }
        let unitID = db.lastInsertedRowID
        let variantStatement = try db.cachedStatement(sql: """
            INSERT INTO variant (unit_id, position, language, base_language, markup, plain, key, key_hash, skeleton_hash,
                                 context_hash, created_at, created_by, changed_at, changed_by, notes, properties, attributes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (position, (variant, derived)) in zip(unit.variants, prepared.variants).enumerated() {
            try variantStatement.execute(arguments: [
                unitID, position, variant.language.code, variant.language.primary, variant.segment.markup, derived.plain, derived.key,
                derived.keyHash, derived.skeletonHash, derived.contextHash,
                variant.created?.date.map(seconds), variant.created?.user, variant.changed?.date.map(seconds), variant.changed?.user,
                derived.notes, derived.properties, derived.attributes,
            ])
        }
        return true
    }

    public func delete(matching filter: UnitFilter) throws -> Int {
        try guarded {
            try database.write { db in
                let (condition, arguments) = SQLiteStore.condition(for: filter)
                try db.execute(sql: "DELETE FROM unit AS u WHERE \(condition)", arguments: arguments)
                return db.changesCount
            }
        }
    }

    // MARK: - Reading units

    public func forEachUnit(matching filter: UnitFilter, _ body: (StoredUnit) throws -> Void) throws {
        try guarded {
            try database.read { db in
                let (condition, arguments) = SQLiteStore.condition(for: filter)
                var variantCondition = "1"
                var variantArguments = StatementArguments()
                if !filter.languages.isEmpty {
                    variantCondition = "(" + filter.languages.map { _ in "v.language = ? OR v.base_language = ?" }.joined(separator: " OR ") + ")"
                    for language in filter.languages { variantArguments += [language.code, language.code] }
                }
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT \(SQLiteStore.unitColumns), \(SQLiteStore.variantColumns)
                    FROM unit AS u JOIN variant AS v ON v.unit_id = u.id
                    WHERE \(condition) AND \(variantCondition)
                    ORDER BY u.id, v.position
                    """, arguments: arguments + variantArguments)
                var current: StoredUnit?
                while let row = try cursor.next() {
                    let id: Int64 = row[0]
                    if current?.id != id {
                        if let done = current { try body(done) }
                        current = StoredUnit(id: id, unit: try SQLiteStore.unit(from: row))
                    }
                    current?.unit.variants.append(try SQLiteStore.variant(from: row, at: SQLiteStore.unitColumnCount))
                }
                if let done = current { try body(done) }
            }
        }
    }

    /// Whole units by id, variants in order.
    private func loadUnits(_ ids: [Int64], _ db: Database) throws -> [Int64: TranslationUnit] {
        guard !ids.isEmpty else { return [:] }
        var out: [Int64: TranslationUnit] = [:]
        let marks = ids.map { _ in "?" }.joined(separator: ",")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(SQLiteStore.unitColumns), \(SQLiteStore.variantColumns)
            FROM unit AS u JOIN variant AS v ON v.unit_id = u.id WHERE u.id IN (\(marks)) ORDER BY u.id, v.position
            """, arguments: StatementArguments(ids))
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if out[id] == nil { out[id] = try SQLiteStore.unit(from: row) }
            out[id]?.variants.append(try SQLiteStore.variant(from: row, at: SQLiteStore.unitColumnCount))
        }
        return out
    }

    static let unitColumns = "u.id, u.tuid, u.origin, u.file, u.tool, u.created_at, u.created_by, u.changed_at, u.changed_by, u.score, u.status, u.notes, u.properties, u.attributes"
    static let unitColumnCount = 14
    static let variantColumns = "v.language, v.markup, v.created_at, v.created_by, v.changed_at, v.changed_by, v.notes, v.properties, v.attributes, v.position"

    static func unit(from row: Row) throws -> TranslationUnit {
        let statusText: String = row[10]
        guard let status = UnitStatus(rawValue: statusText) else { throw StoreError("unknown status \(statusText) in unit \(row[0] as Int64)") }
        let provenance = Provenance(origin: row[2], file: row[3], tool: row[4],
                                    created: stamp(row[5], row[6]), changed: stamp(row[7], row[8]),
                                    score: row[9], status: status)
        return TranslationUnit(id: row[1], variants: [], provenance: provenance,
                               properties: try JSONColumns.properties(row[12]), notes: try JSONColumns.notes(row[11]),
                               attributes: try JSONColumns.attributes(row[13]))
    }

    static func variant(from row: Row, at offset: Int) throws -> Variant {
        let code: String = row[offset]
        guard let language = LanguageTag(code) else { throw StoreError("invalid language \(code) in the memory") }
        return Variant(language: language, segment: Segment(markup: row[offset + 1]),
                       properties: try JSONColumns.properties(row[offset + 7]), notes: try JSONColumns.notes(row[offset + 6]),
                       created: stamp(row[offset + 2], row[offset + 3]), changed: stamp(row[offset + 4], row[offset + 5]),
                       attributes: try JSONColumns.attributes(row[offset + 8]))
    }

    static func stamp(_ date: Int64?, _ user: String?) -> Stamp? {
        if date == nil && user == nil { return nil }
        return Stamp(date: date.map { Date(timeIntervalSince1970: TimeInterval($0)) }, user: user)
    }

    /// The WHERE condition on `unit AS u` for a filter.
    static func condition(for filter: UnitFilter) -> (String, StatementArguments) {
        var parts = ["1"]
        var arguments = StatementArguments()
        for language in filter.languages {
            parts.append("EXISTS (SELECT 1 FROM variant AS x WHERE x.unit_id = u.id AND (x.language = ? OR x.base_language = ?))")
            arguments += [language.code, language.code]
        }
        if let status = filter.status { parts.append("u.status = ?"); arguments += [status.rawValue] }
        if let score = filter.minimumScore { parts.append("u.score >= ?"); arguments += [score] }
        if let since = filter.since { parts.append("coalesce(u.changed_at, u.created_at) >= ?"); arguments += [seconds(since)] }
        if let origin = filter.origin { parts.append("u.origin = ?"); arguments += [origin] }
        if let file = filter.file { parts.append("u.file = ?"); arguments += [file] }
        if let ids = filter.ids {
            parts.append("u.id IN (" + (ids.isEmpty ? "NULL" : ids.map { _ in "?" }.joined(separator: ",")) + ")")
            arguments += StatementArguments(ids)
        }
        return (parts.joined(separator: " AND "), arguments)
    }

    // MARK: - Lookup

    /// A source variant found for a query, before ranking.
    private struct Candidate {
        var variantID: Int64
        var unitID: Int64
        var score: Int
        var kind: MatchKind
        var notes: [String]
        var key: String
    }

    public func search(_ query: SearchQuery) throws -> [Match] {
        let text = query.text.normalized(.nfc)
        let key = LookupText.key(text, language: query.source)
        let words = LookupText.words(ofKey: key)
        let skeleton = LookupText.skeleton(ofKey: key)
        let contextHash = query.previous.map { LookupText.hash(LookupText.key($0, language: query.source)) }
        guard !key.isEmpty, query.limit > 0 else { return [] }
        return try guarded {
            try database.read { db in
                var best: [Int64: Candidate] = [:]  // by unit
                func consider(_ candidate: Candidate) {
                    if let old = best[candidate.unitID], old.score >= candidate.score { return }
                    best[candidate.unitID] = candidate
                }
                // Source variants in the source language whose unit also has a variant in the target language.
                let languages = """
                    (v.language = ? OR v.base_language = ?) AND EXISTS (SELECT 1 FROM variant AS t
                    WHERE t.unit_id = v.unit_id AND t.id <> v.id AND (t.language = ? OR t.base_language = ?))
                    """
                let languageArguments: StatementArguments = [query.source.code, query.source.code, query.target.code, query.target.code]
                // Exact and equal-key near-exact: the key index.
                let exact = try Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT v.id, v.unit_id, v.key, v.plain, v.context_hash FROM variant AS v WHERE v.key_hash = ? AND \(languages)"),
                    arguments: [LookupText.hash(key)] + languageArguments)
                while let row = try exact.next() {
                    let memoryKey: String = row[2], plain: String = row[3]
                    guard memoryKey == key else { continue }
                    if plain.normalized(.nfc) == text {
                        let context = contextHash != nil && (row[4] as Int64?) == contextHash
                        consider(Candidate(variantID: row[0], unitID: row[1], score: context ? 101 : 100,
                                           kind: context ? .context : .exact, notes: [], key: memoryKey))
                    } else {
                        let (score, notes) = MatchScoring.nearExact(query: text, queryKey: key, memory: plain, memoryKey: memoryKey)
                        consider(Candidate(variantID: row[0], unitID: row[1], score: score, kind: .nearExact, notes: notes, key: memoryKey))
                    }
                }
                // Near-exact: the skeleton index.
                let near = try Row.fetchCursor(
                    db.cachedStatement(sql: "SELECT v.id, v.unit_id, v.key, v.plain FROM variant AS v WHERE v.skeleton_hash = ? AND \(languages)"),
                    arguments: [LookupText.hash(skeleton)] + languageArguments)
                while let row = try near.next() {
                    let memoryKey: String = row[2], plain: String = row[3]
                    guard memoryKey != key, LookupText.skeleton(ofKey: memoryKey) == skeleton else { continue }
                    let (score, notes) = MatchScoring.nearExact(query: text, queryKey: key, memory: plain, memoryKey: memoryKey)
                    consider(Candidate(variantID: row[0], unitID: row[1], score: score, kind: .nearExact, notes: notes, key: memoryKey))
                }
                // Fuzzy: candidates from the word index, scored by word edit distance; not searched when the text
                // itself is in the memory.
                let hasExact = best.values.contains { $0.kind == .exact || $0.kind == .context }
                if !hasExact, best.count < query.limit, query.minimum <= 94 {
                    for candidate in try fuzzyCandidates(words: words, query: query, db) { consider(candidate) }
                }
                return try rank(Array(best.values), query: query, queryWords: words, db)
            }
        }
    }

    /// Document frequencies of query words are counted up to this.
    static let frequencyCap = 2_000

    /// A word as an FTS5 phrase (quoted, quotes doubled).
    static func phrase(_ word: String) -> String { "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// How many variants the word index proposes for fuzzy scoring.
    static let fuzzyCandidateLimit = 150

    /// Up to `fuzzyCandidateLimit` variants sharing the query's rarest words (FTS5, bm25 order; the best
    /// 2 × limit by the index alone, then those in the source language), scored and filtered by `minimum`.
    private func fuzzyCandidates(words: [Substring], query: SearchQuery, _ db: Database) throws -> [Candidate] {
        let distinct = Array(Set(words.map(String.init))).sorted()
        guard !distinct.isEmpty else { return [] }
        // Document frequencies, counted up to a cap so a common word costs no more than a rare one (fts5vocab
        // would read a common word's whole posting list).
        var frequency: [String: Int] = [:]
        let counter = try db.cachedStatement(sql: """
            SELECT count(*) FROM (SELECT rowid FROM variant_words WHERE variant_words MATCH ? LIMIT \(SQLiteStore.frequencyCap))
            """)
        for word in distinct {
            let documents = try Int.fetchOne(counter, arguments: [SQLiteStore.phrase(word)]) ?? 0
            if documents > 0 { frequency[word] = documents }
        }
        let present = distinct.filter { frequency[$0] != nil }.sorted { (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1) }
        guard !present.isEmpty else { return [] }
        // The rarest words: at least 3, at most 8, and past the third only while their postings stay small.
        var chosen: [String] = []
        var postings = 0
        for word in present where chosen.count < 3 || (chosen.count < 8 && postings + (frequency[word] ?? 0) <= 2_000) {
            chosen.append(word)
            postings += frequency[word] ?? 0
        }
        // Any of them; but when one is common (at the cap), any two of the three rarest, so no common word's
        // whole posting list is ranked.
        let phrases = chosen.map(SQLiteStore.phrase)
        let match: String
        if phrases.count >= 3, chosen.contains(where: { (frequency[$0] ?? 0) >= SQLiteStore.frequencyCap }) {
            match = "(\(phrases[0]) AND \(phrases[1])) OR (\(phrases[0]) AND \(phrases[2])) OR (\(phrases[1]) AND \(phrases[2]))"
        } else {
            match = phrases.joined(separator: " OR ")
        }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT v.id, v.unit_id, v.key
            FROM (SELECT rowid AS id, rank FROM variant_words WHERE variant_words MATCH ? ORDER BY rank LIMIT \(2 * SQLiteStore.fuzzyCandidateLimit)) AS f
            JOIN variant AS v ON v.id = f.id
            WHERE v.language = ? OR v.base_language = ?
            ORDER BY f.rank LIMIT \(SQLiteStore.fuzzyCandidateLimit)
            """), arguments: [match, query.source.code, query.source.code])
        var out: [Candidate] = []
        for row in rows {
            let memoryKey: String = row[2]
            let memoryWords = LookupText.words(ofKey: memoryKey)
            let shorter = min(words.count, memoryWords.count), longer = max(words.count, memoryWords.count)
            guard longer > 0, 100 * shorter / longer >= query.minimum else { continue }
            let score = MatchScoring.fuzzy(query: words, memory: memoryWords)
            guard score >= query.minimum else { continue }
            out.append(Candidate(variantID: row[0], unitID: row[1], score: score, kind: .fuzzy, notes: [], key: memoryKey))
        }
        return out
    }

    /// Turns candidates into matches with their target variants, ranked, limited, with differences marked.
    private func rank(_ candidates: [Candidate], query: SearchQuery, queryWords: [Substring], _ db: Database) throws -> [Match] {
        // Only the best `limit` candidates by (score, unit ranking) can be shown: rank them on the unit columns
        // alone, then load just those units.
        // Units without a variant in the target language drop out here.
        var provenance: [Int64: (status: Int, recency: Int64, score: Double)] = [:]
        let ids = candidates.map(\.unitID)
        let light = try Row.fetchCursor(db, sql: """
            SELECT u.id, u.status, coalesce(u.changed_at, u.created_at), u.score FROM unit AS u
            WHERE u.id IN (\(ids.map { _ in "?" }.joined(separator: ","))) AND EXISTS (SELECT 1 FROM variant AS t
                WHERE t.unit_id = u.id AND (t.language = ? OR t.base_language = ?))
            """, arguments: StatementArguments(ids) + [query.target.code, query.target.code])
        while let row = try light.next() {
            let status = UnitStatus(rawValue: row[1] as String)?.rank ?? UnitStatus.imported.rank
            provenance[row[0]] = (status, (row[2] as Int64?) ?? Int64.min, (row[3] as Double?) ?? -1)
        }
        let ordered = candidates.filter { provenance[$0.unitID] != nil }.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            let x = provenance[a.unitID] ?? (2, Int64.min, -1), y = provenance[b.unitID] ?? (2, Int64.min, -1)
            if x.status != y.status { return x.status < y.status }
            if x.recency != y.recency { return x.recency > y.recency }
            if x.score != y.score { return x.score > y.score }
            return a.unitID < b.unitID
        }
        let candidates = Array(ordered.prefix(query.limit))
        guard !candidates.isEmpty else { return [] }
        let units = try loadUnits(candidates.map(\.unitID), db)
        var positions: [Int64: Int] = [:]
        let variantRows = try Row.fetchAll(db, sql: "SELECT id, position FROM variant WHERE id IN (\(candidates.map { _ in "?" }.joined(separator: ",")))",
                                           arguments: StatementArguments(candidates.map(\.variantID)))
        for row in variantRows { positions[row[0]] = row[1] }
        var matches: [(Match, Candidate)] = []
        for candidate in candidates {
            guard let unit = units[candidate.unitID], let position = positions[candidate.variantID],
                  unit.variants.indices.contains(position) else { continue }
            let source = unit.variants[position]
            for target in unit.variants where target.language == query.target || target.language.primary == query.target.code {
                guard target != source else { continue }
                matches.append((Match(unitID: candidate.unitID, score: candidate.score, kind: candidate.kind, source: source, target: target,
                                      provenance: unit.provenance, notes: candidate.notes, differences: [], marked: nil), candidate))
            }
        }
        matches.sort { a, b in
            let x = a.0, y = b.0
            if x.score != y.score { return x.score > y.score }
            if x.provenance.status != y.provenance.status { return x.provenance.status < y.provenance.status }
            let dx = SQLiteStore.recency(x.provenance), dy = SQLiteStore.recency(y.provenance)
            if dx != dy { return dx > dy }
            if x.provenance.score != y.provenance.score { return (x.provenance.score ?? -1) > (y.provenance.score ?? -1) }
            if x.unitID != y.unitID { return x.unitID < y.unitID }
            return x.target.segment.markup < y.target.segment.markup
        }
        return matches.prefix(query.limit).map { match, candidate in
            var match = match
            if match.kind == .fuzzy || match.kind == .nearExact {
                let text = match.source.segment.plainText
                let surface = LookupText.surfaceWords(text)
                let surfaceKeys = surface.map { Substring(LookupText.key(String($0), language: match.source.language)) }
                let querySurface = LookupText.surfaceWords(query.text)
                let (differences, marked) = MatchScoring.differences(
                    query: queryWords, memory: surfaceKeys, memoryText: text, memorySurface: surface,
                    querySurface: querySurface.count == queryWords.count ? querySurface : queryWords)
                match.differences = differences
                match.marked = marked
            }
            return match
        }
    }

    static func recency(_ provenance: Provenance) -> Double {
        (provenance.changed?.date ?? provenance.created?.date)?.timeIntervalSince1970 ?? -Double.infinity
    }

    // MARK: - Concordance

    public func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage {
        let key = query.language.map { LookupText.key(query.text, language: $0) } ?? MatchingKey.make(query.text)
        let words = LookupText.words(ofKey: key).map(String.init)
        let page = max(1, query.page), size = max(1, query.pageSize)
        guard !words.isEmpty else { return ConcordancePage(hits: [], total: 0, page: page, pageSize: size) }
        let match = words.map { "\"" + $0 + "\"*" }.joined(separator: " ")
        var languageCondition = "1"
        var arguments: StatementArguments = [match]
        if let language = query.language {
            languageCondition = "(v.language = ? OR v.base_language = ?)"
            arguments += [language.code, language.code]
        }
        return try guarded {
            try database.read { db in
                let total = try Int.fetchOne(db, sql: """
                    SELECT count(DISTINCT v.unit_id) FROM variant_words AS f JOIN variant AS v ON v.id = f.rowid
                    WHERE variant_words MATCH ? AND \(languageCondition)
                    """, arguments: arguments) ?? 0
                let rows = try Row.fetchAll(db, sql: """
                    SELECT u.id, min(v.position) FROM variant_words AS f JOIN variant AS v ON v.id = f.rowid JOIN unit AS u ON u.id = v.unit_id
                    WHERE variant_words MATCH ? AND \(languageCondition)
                    GROUP BY u.id ORDER BY coalesce(u.changed_at, u.created_at) DESC, u.id DESC LIMIT ? OFFSET ?
                    """, arguments: arguments + [size, (page - 1) * size])
                let units = try loadUnits(rows.map { $0[0] }, db)
                var hits: [ConcordanceHit] = []
                for row in rows {
                    let id: Int64 = row[0], position: Int = row[1]
                    guard let unit = units[id], unit.variants.indices.contains(position) else { continue }
                    let variant = unit.variants[position]
                    hits.append(ConcordanceHit(unitID: id, unit: unit, matchedVariant: position,
                                               highlighted: LookupText.highlight(variant.segment.plainText, words: words, language: variant.language)))
                }
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

private func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

/// ISO 8601 in UTC, whole seconds.
enum ISO8601 {
    static func format(_ date: Date) -> String { date.formatted(Date.ISO8601FormatStyle()) }
}
