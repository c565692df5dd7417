/// Latin and Cyrillic letters that look the same, for repairing words typed with letters of the wrong script
/// ("Мoсква" with a Latin o, "ранiца" with a Latin i).
public enum Homoglyphs {
    /// Latin → Cyrillic look-alikes, case preserved (only pairs that are visually identical in print).
    public static let latinToCyrillic: [Unicode.Scalar: Unicode.Scalar] = [
        "A": "А", "a": "а", "B": "В", "C": "С", "c": "с", "E": "Е", "e": "е", "H": "Н", "I": "І", "i": "і",
        "K": "К", "M": "М", "O": "О", "o": "о", "P": "Р", "p": "р", "T": "Т", "X": "Х", "x": "х", "y": "у",
        "Y": "У", "ë": "ё", "Ë": "Ё", "S": "Ѕ", "s": "ѕ", "J": "Ј", "j": "ј",
    ]

    /// Cyrillic → Latin look-alikes, case preserved.
    public static let cyrillicToLatin: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (latin, cyrillic) in latinToCyrillic { map[cyrillic] = latin }
        return map
    }()

    /// Case-folded forms for matching keys: after case folding, a Latin `m` in a Cyrillic word was an `M`, which
    /// looks like `М`; so the key maps the lower-case letters of every upper-case pair too.
    static let foldedLatinToCyrillic: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (latin, cyrillic) in latinToCyrillic {
            let l = latin.properties.lowercaseMapping.unicodeScalars.first!
            let c = cyrillic.properties.lowercaseMapping.unicodeScalars.first!
            if map[l] == nil || latin == l { map[l] = c }
        }
        return map
    }()

    static let foldedCyrillicToLatin: [Unicode.Scalar: Unicode.Scalar] = {
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (latin, cyrillic) in foldedLatinToCyrillic where map[cyrillic] == nil { map[cyrillic] = latin }
        return map
    }()
}
