import Foundation
import TMCore

/// The 128-bit content hash that keeps a memory free of duplicates: FNV-1a over the unit's variants
/// (language and markup, notes, props), notes and props — not its provenance, so the same content from
/// another file or date is still a duplicate.
enum ContentHash {
    static func of(_ unit: TranslationUnit) -> Data {
        var hasher = FNV128()
        for variant in unit.variants {
            hasher.add("v", variant.language.code, variant.segment.markup)
            for note in variant.notes { hasher.add("vn", note.text, note.language ?? "", note.encoding ?? "") }
            for property in variant.properties { hasher.add("vp", property.type, property.value, property.language ?? "", property.encoding ?? "") }
        }
        for note in unit.notes { hasher.add("n", note.text, note.language ?? "", note.encoding ?? "") }
        for property in unit.properties { hasher.add("p", property.type, property.value, property.language ?? "", property.encoding ?? "") }
        return hasher.bytes
    }

    struct FNV128 {
        var state: UInt128 = 0x6c62272e07bb014262b821756295c58d
        static let prime: UInt128 = 0x0000000001000000000000000000013B

        /// Adds fields, each terminated by U+001F (which XML text cannot contain), so boundaries are unambiguous.
        mutating func add(_ fields: String...) {
            for field in fields {
                for byte in field.utf8 { mix(byte) }
                mix(0x1F)
            }
        }

        mutating func mix(_ byte: UInt8) {
            state ^= UInt128(byte)
            state = state &* FNV128.prime
        }

        var bytes: Data {
            var out = Data(capacity: 16)
            for shift in stride(from: 120, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: state >> UInt128(shift))) }
            return out
        }
    }
}

/// A unit with every derived column every store writes (content hash, JSON, lookup keys and hashes); pure,
/// so a batch can be prepared in parallel.
struct PreparedUnit: Sendable {
    struct PreparedVariant: Sendable {
        /// The primary subtag of the variant's language (`en` for `en-GB`).
        var baseLanguage: String
        var plain: String
        /// Whether `plain` has the same bytes as the markup (most segments carry no inline tags).
        var plainIsMarkup: Bool
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
                baseLanguage: variant.language.primary, plain: plain,
                plainIsMarkup: StoreText.sameBytes(plain, variant.segment.markup), key: key, keyHash: LookupText.hash(key), skeletonHash: LookupText.skeletonHash(ofKey: key),
                contextHash: previous.map { LookupText.hash(LookupText.key($0.value, language: variant.language)) },
                notes: JSONColumns.encode(variant.notes), properties: JSONColumns.encode(variant.properties),
                attributes: JSONColumns.encode(variant.attributes))
        }
    }

    /// Throws unless the unit can be stored: at least one variant, an aligner score in [0, 1].
    static func check(_ unit: TranslationUnit, at location: SourceLocation) throws {
        guard !unit.variants.isEmpty else { throw StoreError("a unit needs at least one variant", at: location) }
        if let score = unit.provenance.score, !(0...1).contains(score) { throw StoreError("score \(score) is not in [0, 1]", at: location) }
    }
}

enum StoreText {
    /// Whether two strings have the same UTF-8 bytes (`==` compares canonical equivalence, and slowly).
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        guard a.utf8.count == b.utf8.count else { return false }
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard let p = x.baseAddress, let q = y.baseAddress else { return true }  // both empty
                return memcmp(p, q, x.count) == 0
            }
        }
    }
}

/// Notes, props and attributes as JSON arrays in their columns (verbatim, in order).
enum JSONColumns {
    private struct NoteRecord: Codable { var text: String; var lang: String?; var encoding: String? }
    private struct PropertyRecord: Codable { var type: String; var value: String; var lang: String?; var encoding: String? }
    private struct AttributeRecord: Codable { var name: String; var value: String }

    static func encode(_ notes: [Note]) -> String {
        notes.isEmpty ? "[]" : json(notes.map { NoteRecord(text: $0.text, lang: $0.language, encoding: $0.encoding) })
    }

    static func encode(_ properties: [Property]) -> String {
        properties.isEmpty ? "[]" : json(properties.map { PropertyRecord(type: $0.type, value: $0.value, lang: $0.language, encoding: $0.encoding) })
    }

    static func encode(_ attributes: [Attribute]) -> String {
        attributes.isEmpty ? "[]" : json(attributes.map { AttributeRecord(name: $0.name, value: $0.value) })
    }

    static func notes(_ text: String) throws -> [Note] {
        text == "[]" ? [] : try decode([NoteRecord].self, text).map { Note($0.text, language: $0.lang, encoding: $0.encoding) }
    }

    static func properties(_ text: String) throws -> [Property] {
        text == "[]" ? [] : try decode([PropertyRecord].self, text).map { Property(type: $0.type, value: $0.value, language: $0.lang, encoding: $0.encoding) }
    }

    static func attributes(_ text: String) throws -> [Attribute] {
        text == "[]" ? [] : try decode([AttributeRecord].self, text).map { Attribute($0.name, $0.value) }
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding arrays of strings cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StoreError("a notes/props column is not the JSON tmkit writes: \(error)")
        }
    }
}

extension LookupText {
    /// `hash(skeleton(ofKey: key))`, hashed word by word without building the skeleton (every stored variant
    /// needs it).
    /// - Complexity: O(n).
    static func skeletonHash(ofKey key: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        for (index, word) in words(ofKey: key).enumerated() {
            if index > 0 { mix(0x20) }
            if word.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
                mix(0x30)
            } else {
                for byte in word.utf8 { mix(byte) }
            }
        }
        return Int64(bitPattern: h)
    }

    /// The words of a surface text (maximal runs of letters, marks and digits), as slices of it.
    public static func surfaceWords(_ text: String) -> [Substring] { words(ofKey: text) }

    /// `text` with every word whose matching key starts with one of `words` wrapped in `**…**`.
    public static func highlight(_ text: String, words: [String], language: LanguageTag) -> String {
        var out = ""
        var last = text.startIndex
        for word in surfaceWords(text) {
            let key = LookupText.key(String(word), language: language)
            guard words.contains(where: { key.hasPrefix($0) }) else { continue }
            out += text[last..<word.startIndex] + "**" + word + "**"
            last = word.endIndex
        }
        return out + text[last...]
    }
}
