import TMCore

/// A glossary: concepts (people, bodies, places…) with their terms in several languages.
public struct Glossary: Hashable, Sendable {
    /// The concepts in file order.
    public var concepts: [Concept]
    /// Comment and blank lines after the last concept of a `.gloss` file, kept for a lossless round trip.
    public var trailingLines: [String]

    /// A glossary of `concepts`.
    public init(concepts: [Concept] = [], trailingLines: [String] = []) {
        self.concepts = concepts
        self.trailingLines = trailingLines
    }

    /// The concept with `id`, if any.
    public func concept(id: String) -> Concept? { concepts.first { $0.id == id } }

    /// All concepts of several glossaries, in order.
    public static func merging(_ glossaries: [Glossary]) -> Glossary {
        Glossary(concepts: glossaries.flatMap(\.concepts))
    }
}

/// What kind of thing a concept names.
public enum ConceptType: String, CaseIterable, Hashable, Sendable, Codable {
    case person, organization, body, place, title, event, document, other

    /// Names of people and places are proper names: their capitalization is part of the term.
    public var isName: Bool { self != .other && self != .title }
}

/// The status of a term: preferred (`=`), admitted (`~`) or deprecated/forbidden (`!`).
public enum TermStatus: String, CaseIterable, Hashable, Sendable, Codable, Comparable {
    case preferred, admitted, deprecated

    /// The operator of the `.gloss` format.
    public var symbol: Character {
        switch self {
        case .preferred: "="
        case .admitted: "~"
        case .deprecated: "!"
        }
    }

    /// The status written with `symbol`.
    public init?(symbol: Character) {
        guard let status = TermStatus.allCases.first(where: { $0.symbol == symbol }) else { return nil }
        self = status
    }

    private var rank: Int { TermStatus.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: TermStatus, b: TermStatus) -> Bool { a.rank < b.rank }
}

/// One concept: an id, a type, optional note and source, and its terms.
public struct Concept: Hashable, Sendable {
    /// Lowercase ASCII letters, digits and hyphens; unique across a glossary.
    public var id: String
    /// What kind of thing it is.
    public var type: ConceptType
    /// What the concept is, for the reader.
    public var note: String?
    /// Where the terms come from.
    public var source: String?
    /// Terms in file order; the first preferred term of a language is its canonical rendering.
    public var terms: [Term]
    /// Comment and blank lines before the `[id]` line in a `.gloss` file.
    public var leadingLines: [String]
    /// Where the concept was read from (file and line of `[id]`), when it was read from a file.
    public var location: SourceLocation?

    /// A concept; `leadingLines` and `location` matter only for `.gloss` files.
    public init(id: String, type: ConceptType = .other, note: String? = nil, source: String? = nil, terms: [Term] = [],
                leadingLines: [String] = [], location: SourceLocation? = nil) {
        self.id = id
        self.type = type
        self.note = note
        self.source = source
        self.terms = terms
        self.leadingLines = leadingLines
        self.location = location
    }

    /// The terms in `language` (or its refinements), in file order.
    public func terms(in language: LanguageTag) -> [Term] { terms.filter { language.matches($0.language) } }

    /// The canonical rendering in `language`: its first preferred term.
    public func preferred(_ language: LanguageTag) -> Term? {
        terms.first { $0.status == .preferred && language.matches($0.language) }
    }

    /// The languages the concept has terms in, in first-seen order.
    public var languages: [LanguageTag] {
        var seen: [LanguageTag] = []
        for term in terms where !seen.contains(term.language) { seen.append(term.language) }
        return seen
    }

    /// Equality ignores where the concept was read from.
    public static func == (a: Concept, b: Concept) -> Bool {
        a.id == b.id && a.type == b.type && a.note == b.note && a.source == b.source && a.terms == b.terms
            && a.leadingLines == b.leadingLines
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// One term of a concept in one language.
public struct Term: Hashable, Sendable {
    public var language: LanguageTag
    public var status: TermStatus
    public var text: String
    /// Explicit (irregular) forms the matcher should also recognize.
    public var forms: [String]
    /// The romanization scheme the term follows, where that matters (`bgn-pcgn`, `by-national`…).
    public var scheme: String?
    /// Comment lines directly before the term's line in a `.gloss` file.
    public var leadingComments: [String]
    /// The line it was read from.
    public var line: Int?

    /// A term; `leadingComments` and `line` matter only for `.gloss` files.
    public init(language: LanguageTag, status: TermStatus = .preferred, text: String, forms: [String] = [],
                scheme: String? = nil, leadingComments: [String] = [], line: Int? = nil) {
        self.language = language
        self.status = status
        self.text = text
        self.forms = forms
        self.scheme = scheme
        self.leadingComments = leadingComments
        self.line = line
    }

    /// Equality ignores the line number.
    public static func == (a: Term, b: Term) -> Bool {
        a.language == b.language && a.status == b.status && a.text == b.text && a.forms == b.forms
            && a.scheme == b.scheme && a.leadingComments == b.leadingComments
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(language)
        hasher.combine(text)
    }
}

/// The one error type of TMGlossary: unreadable or malformed input, with where it happened.
public struct GlossaryError: LocatedError, Equatable {
    public var location: SourceLocation?
    public var message: String

    /// An error with `message` at `location`.
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// A problem found in a glossary file by the parser or by validation.
public struct Finding: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String

    /// A finding with `message` at `location`.
    public init(_ message: String, at location: SourceLocation) {
        self.message = message
        self.location = location
    }

    /// `file:line: message`.
    public var description: String { "\(location): \(message)" }

    public static func < (a: Finding, b: Finding) -> Bool {
        (a.location.file ?? "", a.location.line ?? 0, a.location.column ?? 0, a.message)
            < (b.location.file ?? "", b.location.line ?? 0, b.location.column ?? 0, b.message)
    }
}
