import TMCore

/// Tells English, Russian and Belarusian apart (and "other") from script and letter evidence:
/// ў, і and the apostrophe inside Cyrillic words mark Belarusian; и, щ, ъ mark Russian.
public enum LanguageIdentifier {
    /// The evidence gathered from a text.
    public struct Evidence: Sendable, Equatable {
        public var latinLetters = 0
        public var nonEnglishLatinLetters = 0
        public var cyrillicLetters = 0
        public var belarusianMarks = 0
        public var russianMarks = 0
        public var otherLetters = 0
    }

    /// The language of `text`, or `nil` when it is none of en/ru/be or has too little evidence (no letters).
    ///
    ///     LanguageIdentifier.identify("Прэзідэнт Беларусі") == .be
    public static func identify(_ text: String) -> Language? {
        decide(evidence(in: text))
    }

    /// Counts the letters that decide the language.
    public static func evidence(in text: String) -> Evidence {
        var e = Evidence()
        var previousWasCyrillic = false
        var pendingApostrophe = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A, 0x61...0x7A:
                e.latinLetters += 1
                previousWasCyrillic = false
            case 0x400...0x4FF:
                e.cyrillicLetters += 1
                switch v {
                case 0x40E, 0x45E, 0x406, 0x456: e.belarusianMarks += 1  // Ў ў І і
                case 0x418, 0x438, 0x429, 0x449, 0x42A, 0x44A: e.russianMarks += 1  // И и Щ щ Ъ ъ
                default: break
                }
                if pendingApostrophe && previousWasCyrillic { e.belarusianMarks += 1 }
                previousWasCyrillic = true
            case 0x27, 0x2019, 0x2BC:
                pendingApostrophe = previousWasCyrillic
                continue
            default:
                if scalar.properties.isAlphabetic {
                    switch Script.of(scalar) {
                    case .latin: e.latinLetters += 1; e.nonEnglishLatinLetters += 1
                    case .cyrillic: e.cyrillicLetters += 1
                    default: e.otherLetters += 1
                    }
                }
                previousWasCyrillic = false
            }
            pendingApostrophe = false
        }
        return e
    }

    /// The decision rule over gathered evidence.
    public static func decide(_ e: Evidence) -> Language? {
        let letters = e.latinLetters + e.cyrillicLetters + e.otherLetters
        guard letters > 0 else { return nil }
        if e.cyrillicLetters * 2 >= letters {
            // Ukrainian and others share і; tmkit only claims ru/be.
            return e.belarusianMarks > e.russianMarks ? .be : .ru
        }
        if e.latinLetters * 2 > letters {
            // English has (almost) no letters beyond ASCII; other Latin languages have many.
            return e.nonEnglishLatinLetters * 50 > e.latinLetters ? nil : .en
        }
        return nil
    }
}
