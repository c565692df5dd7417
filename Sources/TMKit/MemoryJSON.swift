import Foundation

/// A search match as JSON: the shape `tmkit tm search --format json` prints and `GET /v1/search` answers.
public struct MatchOutput: Encodable, Sendable {
    /// One side of a match: language, plain text and markup (inline codes kept).
    public struct Side: Encodable, Sendable {
        public var language: String
        public var text: String
        public var markup: String
    }
    public var unit: Int64
    public var score: Int
    public var kind: String
    public var source: Side
    public var target: Side
    public var status: String
    public var origin: String?
    public var file: String?
    public var date: String?
    public var alignerScore: Double?
    public var notes: [String]
    public var differences: [WordDifference]
    public var marked: String?

    public init(_ match: Match) {
        unit = match.unitID
        score = match.score
        kind = match.kind.rawValue
        source = Side(language: match.source.language.code, text: match.source.segment.plainText, markup: match.source.segment.markup)
        target = Side(language: match.target.language.code, text: match.target.segment.plainText, markup: match.target.segment.markup)
        status = match.provenance.status.rawValue
        origin = match.provenance.origin
        file = match.provenance.file
        date = MemoryJSON.day(match.provenance.changed?.date ?? match.provenance.created?.date)
        alignerScore = match.provenance.score
        notes = match.notes
        differences = match.differences
        marked = match.marked
    }
}

/// A concordance page as JSON: the shape `tmkit tm concordance --format json` prints and `GET /v1/concordance`
/// answers.
public struct ConcordanceOutput: Encodable, Sendable {
    /// One unit found, with the matched variant's text highlighted.
    public struct Hit: Encodable, Sendable {
        public var unit: Int64
        public var date: String?
        public var origin: String?
        public var matched: String
        public var highlighted: String
        public var variants: [String: [String]]
    }
    public var total: Int
    public var page: Int
    public var pageSize: Int
    public var hits: [Hit]

    public init(_ page: ConcordancePage) {
        total = page.total
        self.page = page.page
        pageSize = page.pageSize
        hits = page.hits.map { hit in
            var variants: [String: [String]] = [:]
            for variant in hit.unit.variants { variants[variant.language.code, default: []].append(variant.segment.plainText) }
            return Hit(unit: hit.unitID, date: MemoryJSON.day(hit.unit.provenance.changed?.date ?? hit.unit.provenance.created?.date),
                       origin: hit.unit.provenance.origin, matched: hit.unit.variants[hit.matchedVariant].language.code,
                       highlighted: hit.highlighted, variants: variants)
        }
    }
}

/// Helpers of the memory's JSON shapes.
public enum MemoryJSON {
    /// A date as `YYYY-MM-DD` (UTC).
    public static func day(_ date: Date?) -> String? {
        guard let date else { return nil }
        let basic = TMXDate.format(date)
        return String(basic.prefix(4)) + "-" + String(basic.dropFirst(4).prefix(2)) + "-" + String(basic.dropFirst(6).prefix(2))
    }
}
