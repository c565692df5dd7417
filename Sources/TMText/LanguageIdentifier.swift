import TMCore

/// Tells English, Russian and Belarusian apart (and "other") from script and letter evidence:
/// ў, і, the apostrophe inside Cyrillic words, the pairs дз, ць, шч and words such as гэта, ён mark Belarusian;
/// и, щ, ъ, the pairs ть, дь, те, де (Belarusian has це, дзе), the endings -ого, -его and words such as что, это,
/// он mark Russian; with no marks either way, a long sentence without и is Belarusian, a short one Russian.
public enum LanguageIdentifier {
    /// The evidence gathered from a text.
    public struct Evidence: Sendable, Equatable {
        public var latinLetters = 0
        public var nonEnglishLatinLetters = 0
        public var cyrillicLetters = 0
        public var belarusianMarks = 0
        public var russianMarks = 0
        public var otherLetters = 0
        /// и, щ, ъ alone (Belarusian has none of them).
        public var russianLetters = 0
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
        var previousLower: UInt32 = 0
        var word: [UInt32] = []
        func endWord() {
            if word.count >= 4 && word[word.count - 2] == 0x433 && word[word.count - 1] == 0x43E
                && (word[word.count - 3] == 0x43E || word[word.count - 3] == 0x435) {
                e.russianMarks += 1  // -ого, -его (Belarusian -ага, -яга)
            }
            if word.count >= 2 && word.count <= 4 {
                if russianWords.contains(word) { e.russianMarks += 1 } else if belarusianWords.contains(word) { e.belarusianMarks += 1 }
            }
            word.removeAll(keepingCapacity: true)
            previousLower = 0
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x41...0x5A, 0x61...0x7A:
                e.latinLetters += 1
                previousWasCyrillic = false
                endWord()
            case 0x400...0x4FF:
                e.cyrillicLetters += 1
                switch v {
                case 0x40E, 0x45E, 0x406, 0x456: e.belarusianMarks += 1  // Ў ў І і
                case 0x418, 0x438, 0x429, 0x449, 0x42A, 0x44A: e.russianMarks += 1; e.russianLetters += 1  // И и Щ щ Ъ ъ
                default: break
                }
                if pendingApostrophe && previousWasCyrillic { e.belarusianMarks += 1 }
                // Letter pairs one language writes and the other never does: дз, ць, шч (be) against ть, дь (ru).
                let lower = v >= 0x410 && v <= 0x42F ? v + 0x20 : v
                switch (previousLower, lower) {
                case (0x434, 0x437), (0x446, 0x44C), (0x448, 0x447): e.belarusianMarks += 1  // дз ць шч
                // ть дь; т and д before е ё ю я (Belarusian writes ц, дз there: "цела", "дзеці").
                case (0x442, 0x44C), (0x434, 0x44C), (0x442, 0x435), (0x442, 0x451), (0x442, 0x44E), (0x442, 0x44F),
                     (0x434, 0x435), (0x434, 0x451), (0x434, 0x44E), (0x434, 0x44F): e.russianMarks += 1
                default: break
                }
                previousLower = lower
                word.append(lower)
                previousWasCyrillic = true
            case 0x27, 0x2019, 0x2BC:
                pendingApostrophe = previousWasCyrillic
                continue
            default:
                endWord()
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
        endWord()
        return e
    }

    /// Frequent short words of one language only (lower case): что, это, он, его, как / гэта, ён, яго, як, што.
    private static let russianWords: Set<[UInt32]> = Set(["что", "это", "он", "его", "как", "все", "уже"].map { $0.unicodeScalars.map(\.value) })
    private static let belarusianWords: Set<[UInt32]> = Set(["гэта", "ён", "яго", "як", "што", "усе", "ужо"].map { $0.unicodeScalars.map(\.value) })

    /// The decision rule over gathered evidence.
    public static func decide(_ e: Evidence) -> Language? {
        let letters = e.latinLetters + e.cyrillicLetters + e.otherLetters
        guard letters > 0 else { return nil }
        // Cyrillic in a mostly Latin line is still a Cyrillic text ("Матрас Lonax Cocos TFK"): English rarely quotes it.
        if e.cyrillicLetters * 2 >= letters || (e.cyrillicLetters >= 3 && e.cyrillicLetters * 4 >= letters) {
            // Ukrainian and others share і; tmkit only claims ru/be.
            if e.belarusianMarks != e.russianMarks { return e.belarusianMarks > e.russianMarks ? .be : .ru }
            // No marks either way: a long sentence (40+ letters) without и, щ, ъ is Belarusian; a short one says too little.
            return e.russianLetters == 0 && e.cyrillicLetters >= 40 ? .be : .ru
        }
        if e.latinLetters * 2 > letters {
            // English has (almost) no letters beyond ASCII; other Latin languages have many.
            return e.nonEnglishLatinLetters * 50 > e.latinLetters ? nil : .en
        }
        return nil
    }
}
