import Foundation

/// One unit of a translation memory: the same content in several languages, with where it came from.
/// Format-neutral: TMX reading and writing, the stores, the aligner and the glossary checks all speak it.
public struct TranslationUnit: Hashable, Sendable {
    /// The unit's id in its source (TMX `tuid`), if it had one.
    public var id: String?
    /// The language variants, in document order. Several variants of one language are allowed.
    public var variants: [Variant]
    /// Where the unit came from and how far it can be trusted.
    public var provenance: Provenance
    /// `<prop>`s of the unit, verbatim and in order.
    public var properties: [Property]
    /// `<note>`s of the unit, verbatim and in order.
    public var notes: [Note]
    /// Other attributes of the source element (TMX `usagecount`, `datatype`…), kept for export.
    public var attributes: [Attribute]

    public init(id: String? = nil, variants: [Variant], provenance: Provenance = Provenance(), properties: [Property] = [],
                notes: [Note] = [], attributes: [Attribute] = []) {
        self.id = id
        self.variants = variants
        self.provenance = provenance
        self.properties = properties
        self.notes = notes
        self.attributes = attributes
    }

    /// The first variant in `language` (or one of its refinements: `en` finds `en-GB`).
    public func variant(_ language: LanguageTag) -> Variant? {
        variants.first { $0.language == language } ?? variants.first { language.matches($0.language) }
    }
}

/// One language version of a unit.
public struct Variant: Hashable, Sendable {
    public var language: LanguageTag
    /// The text with its inline codes, exactly as imported.
    public var segment: Segment
    public var properties: [Property]
    public var notes: [Note]
    /// TMX `tuv` dates and ids.
    public var created: Stamp?
    public var changed: Stamp?
    /// Other attributes of the source element, kept for export.
    public var attributes: [Attribute]

    public init(language: LanguageTag, segment: Segment, properties: [Property] = [], notes: [Note] = [],
                created: Stamp? = nil, changed: Stamp? = nil, attributes: [Attribute] = []) {
        self.language = language
        self.segment = segment
        self.properties = properties
        self.notes = notes
        self.created = created
        self.changed = changed
        self.attributes = attributes
    }

    /// A variant of plain text (no inline codes).
    public init(_ language: LanguageTag, _ text: String) {
        self.init(language: language, segment: Segment(plainText: text))
    }
}

/// Segment content: TMX `<seg>` inner markup — escaped text plus Level 2 inline codes
/// (`bpt ept it ph hi ut sub`) — kept byte for byte so an export gives back what was imported.
public struct Segment: Hashable, Sendable {
    /// The markup as it stands inside `<seg>…</seg>`.
    public var markup: String

    public init(markup: String) { self.markup = markup }

    /// A segment of plain text, escaped for XML.
    public init(plainText: String) { markup = XMLEscaping.escapeText(plainText) }

    /// True when the markup has inline codes.
    public var hasInlineCodes: Bool { markup.contains("<") }

    /// The translatable text: entities resolved, native code (`bpt ept it ph ut` content and `sub`) dropped,
    /// `hi` content kept.
    public var plainText: String { InlineMarkup.plainText(of: markup) }
}

/// A `<prop type="…">value</prop>`, verbatim.
public struct Property: Hashable, Sendable {
    public var type: String
    public var value: String
    public var language: String?
    public var encoding: String?
    public init(type: String, value: String, language: String? = nil, encoding: String? = nil) {
        self.type = type
        self.value = value
        self.language = language
        self.encoding = encoding
    }
}

/// A `<note>`, verbatim.
public struct Note: Hashable, Sendable {
    public var text: String
    public var language: String?
    public var encoding: String?
    public init(_ text: String, language: String? = nil, encoding: String? = nil) {
        self.text = text
        self.language = language
        self.encoding = encoding
    }
}

/// An XML attribute kept as it was (name and unescaped value).
public struct Attribute: Hashable, Sendable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A date and the id of who made the change (TMX `creationdate`/`creationid`, `changedate`/`changeid`).
public struct Stamp: Hashable, Sendable {
    public var date: Date?
    public var user: String?
    public init(date: Date? = nil, user: String? = nil) {
        self.date = date
        self.user = user
    }
}

/// How far a unit can be trusted: confirmed by a person, made by the aligner, or imported from elsewhere.
/// Lookups rank confirmed before aligned before imported.
public enum UnitStatus: String, CaseIterable, Sendable, Codable, Comparable {
    case confirmed, aligned, imported

    /// Lower ranks first in lookups.
    public var rank: Int {
        switch self {
        case .confirmed: 0
        case .aligned: 1
        case .imported: 2
        }
    }

    public static func < (a: UnitStatus, b: UnitStatus) -> Bool { a.rank < b.rank }
}

/// Where a unit came from.
public struct Provenance: Hashable, Sendable {
    /// The article id or URL the unit was aligned from, or the origin given on import.
    public var origin: String?
    /// The file it was read from (name only, no folders).
    public var file: String?
    /// The tool that made it (TMX `creationtool` and version, or "tmkit align").
    public var tool: String?
    public var created: Stamp?
    public var changed: Stamp?
    /// The aligner's confidence in [0, 1] when the unit came from alignment.
    public var score: Double?
    public var status: UnitStatus

    public init(origin: String? = nil, file: String? = nil, tool: String? = nil, created: Stamp? = nil,
                changed: Stamp? = nil, score: Double? = nil, status: UnitStatus = .imported) {
        self.origin = origin
        self.file = file
        self.tool = tool
        self.created = created
        self.changed = changed
        self.score = score
        self.status = status
    }
}
