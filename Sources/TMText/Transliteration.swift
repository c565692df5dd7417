import Foundation
import Synchronization
import TMCore

/// A romanization scheme for Russian and/or Belarusian, written as ICU transform rules in
/// `Resources/Schemes/<name>.<language>.txt` (one file per language, each naming its standard and source).
public struct TransliterationScheme: Sendable, Hashable, CustomStringConvertible {
    /// The name used on the command line and in the API ("bgn-pcgn").
    public let name: String
    /// The languages the scheme is defined for.
    public let languages: [Language]
    /// One line: the standard and what it is for.
    public let summary: String

    public var description: String { name }

    /// Every scheme tmkit knows, in the order `tmkit schemes` lists them.
    public static let all: [TransliterationScheme] = [
        TransliterationScheme(name: "bgn-pcgn", languages: [.ru, .be],
                              summary: "BGN/PCGN (Russian 1947, Belarusian 1979) as published, with ’ and ” for the signs"),
        TransliterationScheme(name: "icao-9303", languages: [.ru, .be],
                              summary: "ICAO Doc 9303, machine-readable passports (ASCII, no apostrophes)"),
        TransliterationScheme(name: "gost-7.79-b", languages: [.ru, .be],
                              summary: "GOST 7.79-2000 system B, ASCII with backticks (libraries, bibliographies)"),
        TransliterationScheme(name: "wikipedia", languages: [.ru],
                              summary: "English Wikipedia's practical romanization (Yevgeny, Yeltsin, -y endings)"),
        TransliterationScheme(name: "national-2007", languages: [.be],
                              summary: "Belarus' 2007 instruction for geographical names, adopted by the UN (Homieĺ, Mahilioŭ)"),
        TransliterationScheme(name: "national-2023", languages: [.be, .ru],
                              summary: "Belarus' 2023 instruction: the 2007 system without diacritics (Г→g, Ж→zh, Ў→w, Ч→ch, Ш→sh, Х→h)"),
    ]

    /// The scheme called `name` (case-insensitive).
    /// - Throws: `TransliterationError` listing the known schemes when there is none by that name.
    public static func named(_ name: String) throws -> TransliterationScheme {
        let key = name.lowercased()
        guard let scheme = all.first(where: { $0.name == key }) else {
            throw TransliterationError(message: "unknown transliteration scheme '\(name)'; known schemes: "
                                       + all.map(\.name).joined(separator: ", "))
        }
        return scheme
    }

    /// The resource file of this scheme's rules for `language`.
    func ruleFileName(_ language: Language) -> String { "\(name).\(language.rawValue).txt" }
}

/// Why a text could not be transliterated: an unknown scheme, a scheme not defined for the language,
/// or a rules file that does not compile (located at the file's line).
public struct TransliterationError: LocatedError, Equatable {
    public var location: SourceLocation?
    public var message: String

    public init(location: SourceLocation? = nil, message: String) {
        self.location = location
        self.message = message
    }
}

/// Romanization of Russian and Belarusian text by a named scheme, and the way back (Latin name → ranked
/// Cyrillic candidates).
public enum Transliteration {
    /// Romanizes `text` by `scheme` for `language`. The text is NFC-normalized first; case is kept, including
    /// all-caps words (ЩУКА → SHCHUKA). Cyrillic letters a scheme does not cover go through ICU's Any-Latin.
    /// With `ascii`, the result is folded to ASCII: the sign marks ’ ” ʹ ʺ and the separator · after a letter are
    /// dropped, then ICU's Latin-ASCII and removal of combining marks (Homieĺ → Homiel, s”yesh’ → syesh).
    ///
    ///     try Transliteration.transliterate("Магілёў", scheme: "national-2007", language: .be) == "Mahilioŭ"
    ///
    /// - Throws: `TransliterationError` for an unknown scheme or one not defined for `language`.
    /// - Complexity: O(n) in the length of `text`; the first call per (scheme, language, ascii) compiles the rules.
    ///   The text stays in UTF-16 from one end to the other; ICU gets it in pieces cut at line ends, on every core
    ///   for a text of megabytes (`ICUTransliterator.transliterate(units:)`).
    public static func transliterate(_ text: String, scheme: String, language: Language, ascii: Bool = false) throws -> String {
        let found = try TransliterationScheme.named(scheme)
        let compiled = try transliterator(found, language: language, ascii: ascii)
        if text.isEmpty { return text }
        // The NFC steps of the rules run here, where ICU's check skips them for text already in NFC (nearly all).
        let input = text.utf16Units
        let output = ICU.normalize(compiled.transliterate(units: ICU.normalize(input, .nfc)), .nfc)
        return String(utf16Units: capitalizingAllCapsWords(output, input: input))
    }

    /// Characters that do not separate two letters of a word for case purposes: the apostrophes and sign marks.
    static let signMarks: Set<Unicode.Scalar> = ["’", "”", "ʹ", "ʺ", "·", "'", "`", "ʼ"]

    /// Makes the romanization of every all-caps word all-caps, where the rules could not see the neighbouring
    /// capital (across a sign, at the end of a word, inside ICU's built-in BGN tables: ТОЕ → TOYE, not TOYe).
    /// A word (a run without white space) is all-caps when it has no lower-case letter and two capitals in a row
    /// (sign marks and combining marks between them do not count); initials (Ю.В.) and mixed case (МакДональд,
    /// McDonald) are left alone. The schemes keep white space as it is, so the words of the input and the output
    /// correspond one to one; if they ever do not, nothing changes. Both texts are UTF-16.
    /// - Complexity: O(n), one pass over the input; a second over the output only when the input has an all-caps
    ///   word.
    static func capitalizingAllCapsWords(_ output: [UInt16], input: [UInt16]) -> [UInt16] {
        // The ordinals of the input's all-caps words, and how many words it has.
        var allCapsWords: [Int] = []
        var words = 0, inWord = false, hasLowercase = false, previousWasCapital = false, capitalsInARow = false
        var index = 0
        while index < input.count {
            let unit = input[index]
            var scalarValue = UInt32(unit)
            if UTF16.isLeadSurrogate(unit), index + 1 < input.count, UTF16.isTrailSurrogate(input[index + 1]) {
                scalarValue = 0x10000 + (UInt32(unit & 0x3FF) << 10) + UInt32(input[index + 1] & 0x3FF)
                index += 1
            }
            index += 1
            if isWhiteSpace(scalarValue) {
                if inWord {
                    if capitalsInARow && !hasLowercase { allCapsWords.append(words) }
                    words += 1
                    inWord = false
                }
                continue
            }
            if !inWord { inWord = true; hasLowercase = false; previousWasCapital = false; capitalsInARow = false }
            switch letterCase(scalarValue) {
            case .upper:
                if previousWasCapital { capitalsInARow = true }
                previousWasCapital = true
            case .lower:
                // Not an all-caps word: skip to its end (white space is never a surrogate).
                hasLowercase = true; previousWasCapital = false
                while index < input.count, !isWhiteSpace(UInt32(input[index])) { index += 1 }
            case .neutral: break
            case .other: previousWasCapital = false
            }
        }
        if inWord {
            if capitalsInARow && !hasLowercase { allCapsWords.append(words) }
            words += 1
        }
        guard !allCapsWords.isEmpty else { return output }

        // The output's words (white space is never a surrogate), with the ranges of those to capitalize.
        var ranges: [Range<Int>] = []
        var outputWords = 0, wordStart: Int? = nil, next = allCapsWords.makeIterator(), wanted = next.next()
        for (position, unit) in output.enumerated() {
            let isSpace = isWhiteSpace(UInt32(unit))
            if isSpace, let start = wordStart {
                if outputWords == wanted { ranges.append(start..<position); wanted = next.next() }
                outputWords += 1
                wordStart = nil
            } else if !isSpace && wordStart == nil {
                wordStart = position
            }
        }
        if let start = wordStart {
            if outputWords == wanted { ranges.append(start..<output.count) }
            outputWords += 1
        }
        guard outputWords == words else { return output }
        var result: [UInt16] = []
        result.reserveCapacity(output.count + 16)
        var copied = 0
        for range in ranges {
            result.append(contentsOf: output[copied..<range.lowerBound])
            result.append(contentsOf: String(utf16Units: output[range]).uppercased().utf16Units)
            copied = range.upperBound
        }
        result.append(contentsOf: output[copied...])
        return result
    }

    enum LetterCase { case upper, lower, neutral, other }

    /// The case of a scalar for `capitalizingAllCapsWords`: sign marks and combining marks are neutral.
    /// ASCII and the basic Cyrillic block are answered without a property lookup.
    @inline(__always)
    static func letterCase(_ value: UInt32) -> LetterCase {
        switch value {
        case 0x41...0x5A, 0x400...0x42F: return .upper
        case 0x61...0x7A, 0x430...0x45F: return .lower
        case 0x27, 0x60: return .neutral
        case 0...0x7F: return .other
        default:
            guard let scalar = Unicode.Scalar(value) else { return .other }
            let properties = scalar.properties
            if properties.isLowercase { return .lower }
            if properties.isUppercase { return .upper }
            if signMarks.contains(scalar) || properties.generalCategory == .nonspacingMark { return .neutral }
            return .other
        }
    }

    @inline(__always)
    static func isWhiteSpace(_ value: UInt32) -> Bool {
        // Unicode's White_Space property, spelled out: a property lookup per letter costs more than the rest.
        switch value {
        case 0x20, 0x09...0x0D, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// The compiled transliterator for a scheme and language (cached, at most `cacheCapacity` kept).
    static func transliterator(_ scheme: TransliterationScheme, language: Language, ascii: Bool) throws -> CompiledScheme {
        try checkLanguage(scheme, language)
        let key = CacheKey(scheme: scheme.name, language: language, ascii: ascii)
        return try cache.value(for: key) { try compile(scheme, language: language, ascii: ascii) }
    }

    /// The complete ICU transform rules tmkit runs for `scheme` and `language` (as the steps of `CompiledScheme`):
    /// the scheme's rules file wrapped in NFC, Any-Latin for leftover Cyrillic, the ASCII folding when `ascii`, and
    /// NFC. Other ICU tools run the same job with them (`uconv -x "$(rules)"`); only the all-caps fix-up of `transliterate` is not in them.
    /// - Throws: `TransliterationError` for an unknown scheme, one not defined for `language`, or a missing file.
    public static func rules(scheme: String, language: Language, ascii: Bool = false) throws -> String {
        let found = try TransliterationScheme.named(scheme)
        try checkLanguage(found, language)
        return compound(rules: try ruleFile(found, language: language), ascii: ascii, nfc: true)
    }

    static func checkLanguage(_ scheme: TransliterationScheme, _ language: Language) throws {
        guard scheme.languages.contains(language) else {
            throw TransliterationError(message: "scheme \(scheme.name) is not defined for \(language.name) (\(language)); "
                                       + "it covers " + scheme.languages.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// The text of the scheme's rules file for `language`, read from the bundle.
    static func ruleFile(_ scheme: TransliterationScheme, language: Language) throws -> String {
        let file = scheme.ruleFileName(language)
        // The `Resources` folder is copied whole; where a bundle's resources start differs between platforms.
        let roots = [Bundle.module.resourceURL, Bundle.module.bundleURL].compactMap { $0 }
        let candidates = roots.flatMap { [$0.appendingPathComponent("Resources/Schemes/" + file), $0.appendingPathComponent("Schemes/" + file)] }
        guard let rules = candidates.lazy.compactMap({ try? String(contentsOf: $0, encoding: .utf8) }).first else {
            throw TransliterationError(location: SourceLocation(file: file), message: "the scheme's rules file is missing from the bundle")
        }
        return rules
    }

    /// Reads the scheme's rules file from the bundle and compiles it.
    static func compile(_ scheme: TransliterationScheme, language: Language, ascii: Bool) throws -> CompiledScheme {
        try compile(rules: try ruleFile(scheme, language: language), file: "Schemes/" + scheme.ruleFileName(language), ascii: ascii)
    }

    /// Wraps a scheme's rules: NFC first (with `nfc`), Any-Latin for leftover Cyrillic, the ASCII folding, NFC last
    /// (with `nfc`). The prefix shares the file's first line, so ICU's line numbers are the file's.
    static func compound(rules: String, ascii: Bool, nfc: Bool) -> String {
        var compound = (nfc ? nfcPrefix : "") + rules + "\n" + leftoverCyrillicRules
        if ascii { compound += asciiFoldingRules }
        return nfc ? compound + "::NFC;\n" : compound
    }

    static let nfcPrefix = "::NFC; "
    /// Letters no rule of the scheme covered.
    static let leftoverCyrillicRules = "::[:Cyrillic:] Any-Latin;\n"
    /// The ASCII folding. Marks first, so a letter that had a diacritic counts as a letter before a sign mark.
    static let asciiFoldingRules = "::NFD;\n::[:Mn:] Remove;\n[:L:] { [’ʹ”ʺ·] > ;\n::Latin-ASCII;\n"

    /// Compiles a scheme's rules as the steps of `compound(rules:ascii:nfc:)` without the NFC steps, which
    /// `transliterate` runs itself: the rules (a trailing block of one-unit rules as a `UnitMap`), leftover Cyrillic,
    /// the ASCII folding.
    static func compile(rules: String, file: String, ascii: Bool) throws -> CompiledScheme {
        let name = "tmkit-" + file + (ascii ? "-ascii" : "")
        let split = UnitMap.splittingTrailingBlock(of: rules)
        let head = UnitMap.droppingUnusedDefinitionBlocks(split?.before ?? rules)
        do {
            return CompiledScheme(
                rules: UnitMap.hasStatements(head) ? try ICUTransliterator(name: name, rules: head, file: file) : nil,
                trailingUnitMap: split?.map,
                leftoverCyrillic: try ICUTransliterator(name: name + "-leftover", rules: leftoverCyrillicRules),
                asciiFolding: ascii ? try ICUTransliterator(name: name + "-folding", rules: asciiFoldingRules) : nil)
        } catch let error as ICUError {
            // ICU's rule parser reports no line, only the offset (UTF-16) into the whole rules text: map it back.
            var location = error.location
            if let column = error.location?.column, error.location?.line == 1 {
                location = Self.location(ofUTF16Offset: column - 1, in: rules, file: file)
            }
            throw TransliterationError(location: location, message: "the scheme's rules do not compile: \(error.name)")
        }
    }

    /// The 1-based line and column of a UTF-16 offset into `text` (clamped to the text).
    static func location(ofUTF16Offset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1, position = 0
        for unit in text.utf16 {
            if position >= offset { break }
            if unit == 0x0A { line += 1; column = 1 } else if !UTF16.isTrailSurrogate(unit) { column += 1 }
            position += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }

    struct CacheKey: Hashable, Sendable {
        let scheme: String
        let language: Language
        let ascii: Bool
    }

    static let cacheCapacity = 32
    static let cache = BoundedCache<CacheKey, CompiledScheme>(capacity: cacheCapacity)
}

/// A small thread-safe cache that keeps at most `capacity` values, dropping the oldest first.
/// Values are created outside the lock; when two callers race, the first stored value wins.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var values: [Key: Value] = [:]
        var order: [Key] = []
    }
    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    func value(for key: Key, create: () throws -> Value) rethrows -> Value {
        if let cached = state.withLock({ $0.values[key] }) { return cached }
        let created = try create()
        return state.withLock { state in
            if let cached = state.values[key] { return cached }
            if state.order.count >= capacity {
                let oldest = state.order.removeFirst()
                state.values[oldest] = nil
            }
            state.values[key] = created
            state.order.append(key)
            return created
        }
    }

    var count: Int { state.withLock { $0.values.count } }
}
