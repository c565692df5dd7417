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
    /// - Complexity: O(n) in the length of the text.
    public static func make(_ text: String, language: Language? = nil) -> String {
        let folded = text.normalized(.nfkcCasefold)
        let language = language ?? LanguageIdentifier.identify(folded)
        var builder = KeyBuilder(foldYo: language != .be, preferCyrillic: language?.isCyrillic ?? false)
        for scalar in folded.unicodeScalars { builder.add(scalar) }
        return builder.finish()
    }
}

/// One pass over case-folded scalars; letters are held per word so mixed-script words can be mapped whole.
private struct KeyBuilder {
    let foldYo: Bool
    let preferCyrillic: Bool
    var output = String.UnicodeScalarView()
    var word: [Unicode.Scalar] = []
    var latin = 0, cyrillic = 0
    var pendingSpace = false

    init(foldYo: Bool, preferCyrillic: Bool) {
        self.foldYo = foldYo
        self.preferCyrillic = preferCyrillic
        output.reserveCapacity(64)
    }

    mutating func add(_ scalar: Unicode.Scalar) {
        let v = scalar.value
        if v == 0x301 || v == 0x300 {
            if let last = word.last, Script.of(last) == .cyrillic { return }
        }
        let properties = scalar.properties
        if v != 0x2BC, properties.isAlphabetic || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark {
            switch Script.of(scalar) {
            case .latin: latin += 1
            case .cyrillic: cyrillic += 1
            default: break
            }
            switch v {
            case 0x450: word.append("е")  // ѐ
            case 0x45D: word.append("и")  // ѝ
            default: word.append(scalar)
            }
            return
        }
        flushWord()
        if properties.isWhitespace || v == 0x200B || v == 0xFEFF {
            pendingSpace = !output.isEmpty
            return
        }
        emitPendingSpace()
        switch v {
        case 0x22, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2039, 0x203A: output.append("\"")
        case 0x27, 0x2018, 0x2019, 0x201A, 0x201B, 0x2BC, 0x2032, 0x60, 0xB4: output.append("'")
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: output.append("-")
        case 0xAD: break
        default: output.append(scalar)
        }
    }

    mutating func emitPendingSpace() {
        if pendingSpace { output.append(" ") }
        pendingSpace = false
    }

    mutating func flushWord() {
        guard !word.isEmpty else { return }
        emitPendingSpace()
        let mixed = latin > 0 && cyrillic > 0
        let toCyrillic = cyrillic > latin || (cyrillic == latin && preferCyrillic)
        for scalar in word {
            var s = scalar
            if mixed {
                let map = toCyrillic ? Homoglyphs.foldedLatinToCyrillic : Homoglyphs.foldedCyrillicToLatin
                s = map[s] ?? s
            }
            if foldYo && s == "ё" { s = "е" }
            output.append(s)
        }
        word.removeAll(keepingCapacity: true)
        latin = 0
        cyrillic = 0
    }

    mutating func finish() -> String {
        flushWord()
        return String(output)
    }
}
