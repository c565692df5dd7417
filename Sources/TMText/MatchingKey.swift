import TMCore

/// The key every comparison in tmkit uses (lookup, alignment, glossary matching); never shown to users.
///
/// NFKC with case folding; whitespace runs (NBSP, thin and narrow spaces) → one space, trimmed; soft hyphens
/// and zero-width characters removed; stress marks on Cyrillic removed; quotes → `"`; apostrophes and single
/// quotes → `'`; dashes → `-`; ё → е except in Belarusian; Latin look-alikes inside Cyrillic words → Cyrillic,
/// and the reverse.
///
///     MatchingKey.make("«Мoсква»  — ЁЛКА", language: .ru) == "\"москва\" - елка"
public enum MatchingKey {
    /// The matching key of `text` under `language`'s rules; `nil` detects the language.
    /// - Complexity: O(n) in the length of the text; one pass over UTF-16 after ICU's NFKC_Casefold.
    public static func make(_ text: String, language: Language? = nil) -> String {
        let units = text.utf16Units
        var folded: [UInt16]
        if units.allSatisfy({ $0 < 0x80 }) {
            // ASCII: NFKC changes nothing and case folding is lower-casing.
            folded = units
            for i in folded.indices where folded[i] >= 0x41 && folded[i] <= 0x5A { folded[i] += 0x20 }
        } else {
            folded = ICU.normalize(units, .nfkcCasefold)
        }
        let language = language ?? LanguageIdentifier.identify(String(utf16Units: folded))
        var builder = KeyBuilder(foldYo: language != .be, preferCyrillic: language?.isCyrillic ?? false, capacity: folded.count)
        var i = 0
        while i < folded.count {
            let u = folded[i]
            if u & 0xFC00 == 0xD800, i + 1 < folded.count, folded[i + 1] & 0xFC00 == 0xDC00 {
                builder.add(0x10000 + (UInt32(u & 0x3FF) << 10) + UInt32(folded[i + 1] & 0x3FF))
                i += 2
            } else {
                builder.add(UInt32(u))
                i += 1
            }
        }
        return builder.finish()
    }
}

/// One pass over case-folded scalars; letters are held per word so mixed-script words can be mapped whole.
private struct KeyBuilder {
    let foldYo: Bool
    let preferCyrillic: Bool
    var output: [UInt16] = []
    var word: [UInt32] = []
    var lastWordScalarIsCyrillic = false
    var latin = 0, cyrillic = 0
    var pendingSpace = false

    init(foldYo: Bool, preferCyrillic: Bool, capacity: Int) {
        self.foldYo = foldYo
        self.preferCyrillic = preferCyrillic
        output.reserveCapacity(capacity)
        word.reserveCapacity(32)
    }

    enum Kind { case latinLetter, cyrillicLetter, otherLetter, space, other }

    /// Fast paths for ASCII and the Cyrillic block; Unicode properties for the rest.
    @inline(__always)
    static func kind(of v: UInt32) -> Kind {
        switch v {
        case 0x61...0x7A, 0x41...0x5A: return .latinLetter
        case 0x20, 0x09...0x0D: return .space
        case 0...0x7F: return .other
        case 0x400...0x45F: return .cyrillicLetter
        default:
            guard let scalar = Unicode.Scalar(v) else { return .other }
            let properties = scalar.properties
            if v != 0x2BC, properties.isAlphabetic || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark {
                switch Script.of(scalar) {
                case .latin: return .latinLetter
                case .cyrillic: return .cyrillicLetter
                default: return .otherLetter
                }
            }
            return properties.isWhitespace || v == 0x200B || v == 0xFEFF ? .space : .other
        }
    }

    mutating func add(_ v: UInt32) {
        if (v == 0x301 || v == 0x300) && lastWordScalarIsCyrillic && !word.isEmpty { return }
        switch Self.kind(of: v) {
        case .latinLetter:
            latin += 1
            word.append(v)
            lastWordScalarIsCyrillic = false
        case .cyrillicLetter:
            cyrillic += 1
            word.append(v == 0x450 ? 0x435 : v == 0x45D ? 0x438 : v)  // ѐ → е, ѝ → и
            lastWordScalarIsCyrillic = true
        case .otherLetter:
            word.append(v)
            lastWordScalarIsCyrillic = Script.of(Unicode.Scalar(v) ?? " ") == .cyrillic
        case .space:
            flushWord()
            pendingSpace = !output.isEmpty
        case .other:
            flushWord()
            emitPendingSpace()
            switch v {
            case 0x22, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2039, 0x203A: output.append(0x22)
            case 0x27, 0x2018, 0x2019, 0x201A, 0x201B, 0x2BC, 0x2032, 0x60, 0xB4: output.append(0x27)
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: output.append(0x2D)
            case 0xAD: break
            default: append(v)
            }
        }
    }

    @inline(__always)
    mutating func append(_ v: UInt32) {
        if v < 0x10000 {
            output.append(UInt16(v))
        } else {
            output.append(UInt16(0xD800 + ((v - 0x10000) >> 10)))
            output.append(UInt16(0xDC00 + ((v - 0x10000) & 0x3FF)))
        }
    }

    mutating func emitPendingSpace() {
        if pendingSpace { output.append(0x20) }
        pendingSpace = false
    }

    mutating func flushWord() {
        guard !word.isEmpty else { return }
        emitPendingSpace()
        let mixed = latin > 0 && cyrillic > 0
        let toCyrillic = cyrillic > latin || (cyrillic == latin && preferCyrillic)
        for scalar in word {
            var s = scalar
            if mixed, let u = Unicode.Scalar(s) {
                let map = toCyrillic ? Homoglyphs.foldedLatinToCyrillic : Homoglyphs.foldedCyrillicToLatin
                s = map[u]?.value ?? s
            }
            if foldYo && s == 0x451 { s = 0x435 }  // ё → е
            append(s)
        }
        word.removeAll(keepingCapacity: true)
        latin = 0
        cyrillic = 0
        lastWordScalarIsCyrillic = false
    }

    mutating func finish() -> String {
        flushWord()
        return String(utf16Units: output)
    }
}
