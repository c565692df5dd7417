/// A BCP 47 language tag, stored canonically (`en`, `ru`, `be`, `en-GB`, `sr-Latn-RS`) and compared
/// case-insensitively through that canonical form.
///
///     LanguageTag("EN-gb")?.code == "en-GB"
public struct LanguageTag: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The canonical spelling: language lower case, script title case, region upper case, the rest lower case.
    public let code: String

    /// Parses a tag; `nil` when it is empty or has characters other than ASCII letters, digits, `-` and `_`.
    public init?(_ raw: String) {
        let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        guard let first = parts.first, !first.isEmpty, parts.allSatisfy({ part in
            !part.isEmpty && part.count <= 8 && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }) else { return nil }
        var out = [first.lowercased()]
        for (index, part) in parts.enumerated().dropFirst() {
            let previousIsSingleton = parts[index - 1].count == 1
            if previousIsSingleton || out.count > 3 {
                out.append(part.lowercased())
            } else if part.count == 4, part.allSatisfy(\.isLetter) {
                out.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else if part.count == 2 || (part.count == 3 && part.allSatisfy(\.isNumber)) {
                out.append(part.uppercased())
            } else {
                out.append(part.lowercased())
            }
        }
        code = out.joined(separator: "-")
    }

    /// The primary language subtag (`en` for `en-GB`).
    public var primary: String { String(code.prefix { $0 != "-" }) }

    /// The language whose text rules apply to this tag, when tmkit has rules for it.
    public var language: Language? { Language(rawValue: primary) }

    /// True when `other` is the same tag or one of its refinements (`en` matches `en-GB`).
    public func matches(_ other: LanguageTag) -> Bool {
        other.code == code || other.code.hasPrefix(code + "-") || code.hasPrefix(other.code + "-")
    }

    public var description: String { code }
    public static func < (a: LanguageTag, b: LanguageTag) -> Bool { a.code < b.code }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let tag = LanguageTag(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a language tag: \(raw)"))
        }
        self = tag
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }

    public static let en = LanguageTag(language: .en)
    public static let ru = LanguageTag(language: .ru)
    public static let be = LanguageTag(language: .be)

    public init(language: Language) { code = language.rawValue }
}

/// The languages tmkit has text rules for (segmentation, matching keys, transliteration, glossaries).
public enum Language: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    case en, ru, be

    /// The English name, for messages.
    public var name: String {
        switch self {
        case .en: "English"
        case .ru: "Russian"
        case .be: "Belarusian"
        }
    }

    /// Cyrillic-script languages.
    public var isCyrillic: Bool { self != .en }

    public var description: String { rawValue }
}
