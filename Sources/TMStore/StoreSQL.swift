import Foundation
import TMCore

/// A result row read by column index, whatever the driver; NULL reads as nil.
protocol ColumnReader {
    func string(_ column: Int) -> String?
    func int(_ column: Int) -> Int64?
    func double(_ column: Int) -> Double?
}

/// Positional parameters for one statement, in the dialect of a backend: each method records a value and
/// returns the SQL to write in its place. Call them in the order the SQL text uses them.
protocol SQLArguments {
    mutating func text(_ value: String) -> String
    mutating func integer(_ value: Int64) -> String
    mutating func real(_ value: Double) -> String
    /// The test that a value is one of `ids` (`IN (…)`, `= ANY(…)`), to write after the value.
    mutating func isOne(of ids: [Int64]) -> String
}

/// The SQL both stores share: the columns a unit is read from and rebuilt, and the WHERE conditions of a
/// `UnitFilter` and of a lookup; the tables have the same names and columns in every backend.
enum StoreSQL {
    static let unitColumns = "u.id, u.tuid, u.origin, u.file, u.tool, u.created_at, u.created_by, u.changed_at, u.changed_by, u.score, u.status, u.notes, u.properties, u.attributes"
    static let unitColumnCount = 14
    static let variantColumns = "v.language, v.markup, v.created_at, v.created_by, v.changed_at, v.changed_by, v.notes, v.properties, v.attributes, v.position"
    static let variantColumnCount = 10

    /// A unit without its variants from a row starting with `unitColumns`.
    static func unit(from row: some ColumnReader) throws -> TranslationUnit {
        let statusText = row.string(10) ?? ""
        guard let status = UnitStatus(rawValue: statusText) else { throw StoreError("unknown status \(statusText) in unit \(row.string(0) ?? "")") }
        let provenance = Provenance(origin: row.string(2), file: row.string(3), tool: row.string(4),
                                    created: stamp(row.int(5), row.string(6)), changed: stamp(row.int(7), row.string(8)),
                                    score: row.double(9), status: status)
        return TranslationUnit(id: row.string(1), variants: [], provenance: provenance,
                               properties: try JSONColumns.properties(row.string(12) ?? "[]"), notes: try JSONColumns.notes(row.string(11) ?? "[]"),
                               attributes: try JSONColumns.attributes(row.string(13) ?? "[]"))
    }

    /// A variant from the `variantColumns` of a row, starting at column `offset`.
    static func variant(from row: some ColumnReader, at offset: Int) throws -> Variant {
        let code = row.string(offset) ?? ""
        guard let language = LanguageTag(code) else { throw StoreError("invalid language \(code) in the memory") }
        return Variant(language: language, segment: Segment(markup: row.string(offset + 1) ?? ""),
                       properties: try JSONColumns.properties(row.string(offset + 7) ?? "[]"),
                       notes: try JSONColumns.notes(row.string(offset + 6) ?? "[]"),
                       created: stamp(row.int(offset + 2), row.string(offset + 3)),
                       changed: stamp(row.int(offset + 4), row.string(offset + 5)),
                       attributes: try JSONColumns.attributes(row.string(offset + 8) ?? "[]"))
    }

    static func stamp(_ date: Int64?, _ user: String?) -> Stamp? {
        if date == nil && user == nil { return nil }
        return Stamp(date: date.map { Date(timeIntervalSince1970: TimeInterval($0)) }, user: user)
    }

    /// A date as stored: whole seconds since 1970.
    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }

    /// The WHERE condition on `unit AS u` for a filter.
    static func condition(for filter: UnitFilter, _ arguments: inout some SQLArguments) -> String {
        var parts = ["true"]
        for language in filter.languages {
            parts.append("EXISTS (SELECT 1 FROM variant AS x WHERE x.unit_id = u.id AND (x.language = \(arguments.text(language.code)) OR x.base_language = \(arguments.text(language.code))))")
        }
        if let status = filter.status { parts.append("u.status = \(arguments.text(status.rawValue))") }
        if let score = filter.minimumScore { parts.append("u.score >= \(arguments.real(score))") }
        if let since = filter.since { parts.append("coalesce(u.changed_at, u.created_at) >= \(arguments.integer(seconds(since)))") }
        if let origin = filter.origin { parts.append("u.origin = \(arguments.text(origin))") }
        if let file = filter.file { parts.append("u.file = \(arguments.text(file))") }
        if let ids = filter.ids { parts.append("u.id \(arguments.isOne(of: ids))") }
        return parts.joined(separator: " AND ")
    }

    /// The condition on `variant AS v` keeping the given languages (all variants when none).
    static func variantCondition(for languages: [LanguageTag], _ arguments: inout some SQLArguments) -> String {
        guard !languages.isEmpty else { return "true" }
        return "(" + languages.map { "v.language = \(arguments.text($0.code)) OR v.base_language = \(arguments.text($0.code))" }
            .joined(separator: " OR ") + ")"
    }

    /// The condition on `variant AS v` for lookup candidates: source variants in the query's source language
    /// whose unit also has a variant in its target language.
    static func sourceWithTarget(_ query: SearchQuery, _ arguments: inout some SQLArguments) -> String {
        let source = query.source.code, target = query.target.code
        return """
            (v.language = \(arguments.text(source)) OR v.base_language = \(arguments.text(source))) AND EXISTS (SELECT 1 FROM variant AS t
            WHERE t.unit_id = v.unit_id AND t.id <> v.id AND (t.language = \(arguments.text(target)) OR t.base_language = \(arguments.text(target))))
            """
    }

    /// The id and `SearchPlan.UnitRank` columns of units, to read with `unitRank(from:at: 1)`.
    static func unitRanks(_ ids: [Int64], _ arguments: inout some SQLArguments) -> String {
        "SELECT u.id, u.status, coalesce(u.changed_at, u.created_at), u.score FROM unit AS u WHERE u.id \(arguments.isOne(of: ids))"
    }

    /// A unit's rank from its status, recency and score, in this order from `column`.
    static func unitRank(from row: some ColumnReader, at column: Int) -> SearchPlan.UnitRank {
        SearchPlan.UnitRank(status: row.string(column).flatMap(UnitStatus.init(rawValue:)) ?? .imported,
                            recency: row.int(column + 1), score: row.double(column + 2))
    }

    /// The positions of variants in their units, to read as (id, position).
    static func variantPositions(_ ids: [Int64], _ arguments: inout some SQLArguments) -> String {
        "SELECT v.id, v.position FROM variant AS v WHERE v.id \(arguments.isOne(of: ids))"
    }
}
