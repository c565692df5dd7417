import TMCore
import TMText

/// One problem the term check found.
public struct TermIssue: Hashable, Sendable {
    /// What is wrong.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// A source term whose preferred or admitted rendering is missing from the target.
        case missing
        /// A deprecated term used in the target.
        case deprecated
        /// One source term rendered more than one way across the units.
        case inconsistent
    }
    public var kind: Kind
    /// The unit (its id, or its 1-based position when it has none); for `inconsistent`, the units involved.
    public var units: [String]
    public var conceptID: String
    /// The source term as written (missing, inconsistent) or the deprecated target words.
    public var found: String
    /// The acceptable renderings (missing, deprecated) or the renderings used with their counts (inconsistent).
    public var expected: [String]

    /// A one-line description.
    public var message: String {
        switch kind {
        case .missing:
            "“\(found)” [\(conceptID)] is not rendered as " + expected.map { "“\($0)”" }.joined(separator: " or ")
        case .deprecated:
            "deprecated “\(found)” [\(conceptID)]" + (expected.first.map { ", use “\($0)”" } ?? "")
        case .inconsistent:
            "“\(found)” [\(conceptID)] is rendered \(expected.count) ways: " + expected.joined(separator: ", ")
        }
    }
}

/// What a term check found over a set of units.
public struct TermCheckReport: Hashable, Sendable {
    /// The issues in report order.
    public var issues: [TermIssue]
    /// Units with both languages, checked.
    public var unitsChecked: Int
    /// True when nothing was found.
    public var isClean: Bool { issues.isEmpty }
}

/// How one source term was rendered across units.
private struct Usage { var concept: String; var source: String; var renderings: [String: [String]] = [:]; var order: [String] = [] }

/// Term QA of translation units against a glossary: missing approved renderings, deprecated terms in the target,
/// and source terms rendered inconsistently across the whole set.
public struct TermChecker: Sendable {
    public let matcher: GlossaryMatcher
    public let source: LanguageTag
    public let target: LanguageTag

    /// A checker of `source` → `target` units against `matcher`'s glossary.
    public init(matcher: GlossaryMatcher, from source: LanguageTag, to target: LanguageTag) {
        self.matcher = matcher
        self.source = source
        self.target = target
    }

    /// Checks every unit that has both languages. Issues come in unit order (missing, then deprecated), then the
    /// inconsistencies sorted by concept and source term: the same input always gives the same report.
    /// - Complexity: two matcher look-ups per unit.
    public func check(_ units: some Sequence<TranslationUnit>) -> TermCheckReport {
        var check = TermCheck(self)
        for unit in units { check.add(unit) }
        return check.report
    }
}

/// A term check in progress over a stream of units (a memory of millions of units is never held whole): `add`
/// each unit in order, then read `report`. Holds the issues found and one tally per (concept, source term).
public struct TermCheck: Sendable {
    public let checker: TermChecker
    private var issues: [TermIssue] = []
    private var checked = 0
    private var seen = 0
    private var usages: [String: Usage] = [:]

    /// An empty check against `checker`'s glossary and languages.
    public init(_ checker: TermChecker) { self.checker = checker }

    /// Checks `unit` when it has both languages; a unit without an id is labelled by its 1-based position
    /// among every unit added.
    /// - Complexity: two matcher look-ups.
    public mutating func add(_ unit: TranslationUnit) {
        seen += 1
        let (source, target, matcher) = (checker.source, checker.target, checker.matcher)
        guard let sourceText = unit.variant(source)?.segment.plainText,
              let targetText = unit.variant(target)?.segment.plainText else { return }
        checked += 1
        let label = unit.id ?? String(seen)
        let sourceMatches = matcher.matches(in: sourceText, languages: source.language.map { [$0] })
        let targetMatches = matcher.matches(in: targetText, languages: target.language.map { [$0] })
        for match in sourceMatches {
            let acceptable = match.concept.terms(in: target).filter { $0.status != .deprecated }
            guard !acceptable.isEmpty else { continue }
            let used = targetMatches.filter { $0.concept.id == match.concept.id }.sorted { $0.term.status < $1.term.status }
            if let rendering = used.first {
                let key = match.concept.id + "\u{1}" + MatchingKey.make(match.term.text, language: source.language)
                var usage = usages[key] ?? Usage(concept: match.concept.id, source: match.term.text)
                if usage.renderings[rendering.term.text] == nil { usage.order.append(rendering.term.text) }
                usage.renderings[rendering.term.text, default: []].append(label)
                usages[key] = usage
            }
            if !used.contains(where: { $0.term.status != .deprecated }) {
                issues.append(TermIssue(kind: .missing, units: [label], conceptID: match.concept.id, found: match.text,
                                        expected: acceptable.map(\.text)))
            }
        }
        for match in targetMatches where match.term.status == .deprecated {
            issues.append(TermIssue(kind: .deprecated, units: [label], conceptID: match.concept.id, found: match.text,
                                    expected: match.concept.preferred(target).map { [$0.text] } ?? []))
        }
    }

    /// The issues so far in unit order (missing, then deprecated), then the inconsistencies sorted by concept and
    /// source term.
    public var report: TermCheckReport {
        var all = issues
        for usage in usages.values.sorted(by: { ($0.concept, $0.source) < ($1.concept, $1.source) }) where usage.renderings.count > 1 {
            let units = usage.order.flatMap { usage.renderings[$0] ?? [] }
            all.append(TermIssue(kind: .inconsistent, units: units, conceptID: usage.concept, found: usage.source,
                                 expected: usage.order.map { "“\($0)” ×\(usage.renderings[$0]?.count ?? 0)" }))
        }
        return TermCheckReport(issues: all, unitsChecked: checked)
    }
}
