import Foundation
import TMCore

/// A translation memory: units in, lookups out. `SQLiteStore` is the embedded implementation; every backend
/// runs the same conformance suite (`Tests/TMStoreTests/StoreConformance.swift`) and shares `MatchScoring`,
/// so a query gives the same matches and percentages on each.
///
/// Semantics every backend keeps:
/// - `add` stores all or nothing (one transaction); a unit whose content (variants' languages and markup,
///   notes, props) is already stored is a duplicate and adds nothing; the same source with another
///   translation is a separate unit, an alternative.
/// - lookups rank alternatives: status (confirmed, aligned, imported), then newer (change or creation
///   date), then higher score, then older id.
public protocol TranslationMemoryStore: AnyObject {
    /// Adds the units `next` yields until it returns nil, in one transaction: if `next` or a write throws,
    /// nothing of this call is stored and the error is rethrown as is.
    /// - Complexity: O(units) writes; memory bounded by one unit.
    func add(from next: () throws -> TranslationUnit?) throws -> AddResult

    /// Calls `body` with each unit the filter selects, oldest id first, streaming.
    func forEachUnit(matching filter: UnitFilter, _ body: (StoredUnit) throws -> Void) throws

    /// Deletes the units the filter selects; returns how many.
    func delete(matching filter: UnitFilter) throws -> Int

    /// Exact (101/100), near-exact (95–99) and fuzzy (`minimum`–94) matches, best first.
    /// - Complexity: index lookups plus scoring of at most a few hundred candidates; never a full scan.
    func search(_ query: SearchQuery) throws -> [Match]

    /// Units whose text contains all the words, newest first, one page.
    func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage

    /// Counts: units, variants per language, statuses, origins, files, date range.
    func statistics() throws -> MemoryStatistics

    /// Reorganizes the lookup indexes for faster lookups after large imports (a maintenance step: writers
    /// wait for it); lookups give the same answers before and after.
    /// - Complexity: one pass over the stored variants.
    func optimize() throws -> OptimizeResult
}

extension TranslationMemoryStore {
    /// Adds `units` in one transaction.
    @discardableResult
    public func add(_ units: [TranslationUnit]) throws -> AddResult {
        var iterator = units.makeIterator()
        return try add { iterator.next() }
    }

    /// The units the filter selects, collected (use `forEachUnit` for large memories).
    public func units(matching filter: UnitFilter = UnitFilter()) throws -> [StoredUnit] {
        var out: [StoredUnit] = []
        try forEachUnit(matching: filter) { out.append($0) }
        return out
    }
}

/// What an `add` did.
public struct AddResult: Hashable, Sendable, Codable {
    /// Units stored.
    public var added: Int
    /// Units already in the memory (same content), not stored again.
    public var duplicates: Int
    public init(added: Int = 0, duplicates: Int = 0) {
        self.added = added
        self.duplicates = duplicates
    }
}

/// What an `optimize` did.
public struct OptimizeResult: Hashable, Sendable, Codable {
    /// Word-index rows rewritten or merged.
    public var rows: Int
    /// What was done, one line per step, for people.
    public var steps: [String]
    public init(rows: Int, steps: [String]) {
        self.rows = rows
        self.steps = steps
    }
}

/// A unit as stored, with its id in the store.
public struct StoredUnit: Hashable, Sendable {
    public var id: Int64
    public var unit: TranslationUnit
    public init(id: Int64, unit: TranslationUnit) {
        self.id = id
        self.unit = unit
    }
}

/// Which units an export, a delete or a listing selects. An empty filter selects every unit.
public struct UnitFilter: Hashable, Sendable {
    /// Units with a variant in each of these languages (`en` also selects `en-GB`); when set, exports keep
    /// only these languages' variants.
    public var languages: [LanguageTag]
    public var status: UnitStatus?
    /// Units whose aligner score is at least this.
    public var minimumScore: Double?
    /// Units created or changed at or after this date.
    public var since: Date?
    public var origin: String?
    public var file: String?
    public var ids: [Int64]?

    public init(languages: [LanguageTag] = [], status: UnitStatus? = nil, minimumScore: Double? = nil, since: Date? = nil,
                origin: String? = nil, file: String? = nil, ids: [Int64]? = nil) {
        self.languages = languages
        self.status = status
        self.minimumScore = minimumScore
        self.since = since
        self.origin = origin
        self.file = file
        self.ids = ids
    }

    /// True when nothing is filtered.
    public var isEmpty: Bool { self == UnitFilter() }
}

/// A lookup: the text in `source`, translations wanted in `target`.
public struct SearchQuery: Hashable, Sendable {
    public var text: String
    public var source: LanguageTag
    public var target: LanguageTag
    /// The previous source segment, for context (101%) matches.
    public var previous: String?
    /// The lowest fuzzy percentage returned.
    public var minimum: Int
    /// The most matches returned.
    public var limit: Int

    public init(text: String, source: LanguageTag, target: LanguageTag, previous: String? = nil, minimum: Int = 70, limit: Int = 5) {
        self.text = text
        self.source = source
        self.target = target
        self.previous = previous
        self.minimum = minimum
        self.limit = limit
    }
}

/// One translation found for a query.
public struct Match: Hashable, Sendable {
    public var unitID: Int64
    /// 101 context, 100 exact, 95–99 near-exact, `minimum`–94 fuzzy.
    public var score: Int
    public var kind: MatchKind
    public var source: Variant
    public var target: Variant
    public var provenance: Provenance
    /// What differs, for near-exact matches ("numbers differ: 2012 → 2013", "case differs").
    public var notes: [String]
    /// The words that differ, memory → query, for near-exact and fuzzy matches.
    public var differences: [WordDifference]
    /// The memory's source text with the differing words marked: `[-memory-]` removed or replaced,
    /// `{+query+}` added; nil for exact and context matches.
    public var marked: String?
}

/// A concordance search: units containing every word (as word prefixes, on the matching key, so case,
/// quotes and, in Russian, ё/е do not matter).
public struct ConcordanceQuery: Hashable, Sendable {
    public var text: String
    /// Search only this language's variants; nil searches every language.
    public var language: LanguageTag?
    /// 1-based page number.
    public var page: Int
    public var pageSize: Int
    public init(text: String, language: LanguageTag? = nil, page: Int = 1, pageSize: Int = 20) {
        self.text = text
        self.language = language
        self.page = page
        self.pageSize = pageSize
    }
}

/// One unit found by a concordance search.
public struct ConcordanceHit: Hashable, Sendable {
    public var unitID: Int64
    public var unit: TranslationUnit
    /// The index in `unit.variants` of the variant that matched.
    public var matchedVariant: Int
    /// The matched variant's plain text with each hit word wrapped in `**…**`.
    public var highlighted: String
}

/// One page of concordance hits, newest first.
public struct ConcordancePage: Hashable, Sendable {
    public var hits: [ConcordanceHit]
    /// Units matching in all.
    public var total: Int
    public var page: Int
    public var pageSize: Int
}

/// What a memory holds.
public struct MemoryStatistics: Hashable, Sendable, Codable {
    public var units: Int
    /// Variants per canonical language tag.
    public var variants: [String: Int]
    /// Units per status.
    public var statuses: [String: Int]
    /// Units per origin (the 20 largest; units without an origin under "").
    public var origins: [String: Int]
    /// Units per source file (the 20 largest).
    public var files: [String: Int]
    /// The earliest and latest unit creation or change date, ISO 8601.
    public var firstDate: String?
    public var lastDate: String?
}

/// The store's one error type: where (the memory file, a unit) and what.
public struct StoreError: LocatedError {
    public var location: SourceLocation?
    public var message: String
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

extension Property {
    /// The variant property that holds the previous segment of the same document in the same language,
    /// which context (101%) matches compare. The aligner sets it; TMX carries it as a `<prop>`.
    public static let previousSegmentType = "x-previous-segment"
}
