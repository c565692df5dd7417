import TMCore
import TMText

/// A word of a text: letters and digits, with apostrophes, soft hyphens and stress marks inside it.
public struct WordToken: Hashable, Sendable {
    /// Where the word is in the text.
    public var range: Range<String.Index>
    /// The word as written.
    public var text: Substring
    /// Offset of the first character in the text, 0-based, and length in characters. A character is a Unicode
    /// scalar with the combining marks after it (what a reader counts; Swift's `Character` for these scripts).
    public var offset: Int
    public var length: Int
    /// 1-based line and column (in characters) of the first character.
    public var line: Int
    public var column: Int
    /// True when the previous non-space character ends a sentence (or there is none).
    public var startsSentence: Bool
    /// True when the first letter is upper case.
    public var isCapitalized: Bool
    /// True when no letter is lower case (an acronym: СНГ, ЗАС, CSTO).
    public var isAllCaps: Bool
}

/// Splits texts into words the way glossary terms and texts are compared.
public enum WordTokenizer {
    /// The words of `text`, in order. Hyphens and all other punctuation separate words; so does a lower-case letter
    /// followed by a capital (words run together: "ФинансыКонтокоррентные", "событиеОстановить").
    /// - Complexity: O(n) in the length of the text, one pass over its scalars.
    public static func tokens(_ text: String) -> [WordToken] {
        var result: [WordToken] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var contentEnd = text.startIndex
        var startOffset = 0, startLine = 1, startColumn = 1, contentOffsetEnd = 0
        var capitalized = false, hasLower = false, startsSentence = true, sentenceBoundary = true, previousWasLower = false
        var offset = -1, line = 1, column = 0
        var previous: Unicode.Scalar = " "
        func close() {
            guard let s = start else { return }
            result.append(WordToken(range: s..<contentEnd, text: text[s..<contentEnd], offset: startOffset,
                                    length: contentOffsetEnd - startOffset, line: startLine, column: startColumn,
                                    startsSentence: startsSentence, isCapitalized: capitalized, isAllCaps: !hasLower))
            start = nil
        }
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            let mark = isMark(scalar)
            if !(mark || (scalar == "\n" && previous == "\r")) {
                offset += 1
                if previous == "\n" || previous == "\r" { line += 1; column = 1 } else { column += 1 }
            }
            defer { previous = scalar; index = next }
            if isLetterOrDigit(scalar) {
                let upper = isUpper(scalar)
                if start != nil && upper && previousWasLower { close() }
                if start == nil {
                    start = index
                    startOffset = offset; startLine = line; startColumn = column
                    startsSentence = sentenceBoundary
                    capitalized = upper
                    hasLower = false
                }
                contentEnd = next
                contentOffsetEnd = offset + 1
                previousWasLower = isLower(scalar)
                hasLower = hasLower || previousWasLower
                sentenceBoundary = false
            } else if start != nil && mark {
                contentEnd = next
            } else if start != nil && isJoiner(scalar) {
                continue  // kept only when a letter follows (contentEnd stays before it)
            } else {
                close()
                switch scalar {
                case ".", "!", "?", "…", "\n", "\r": sentenceBoundary = true
                case "«", "\"", "“", "„", "(", "—", "–", "-", "'", "‘": break
                default: if !scalar.properties.isWhitespace { sentenceBoundary = false }
                }
            }
        }
        close()
        return result
    }

    static func isJoiner(_ s: Unicode.Scalar) -> Bool {
        s == "'" || s == "’" || s == "ʼ" || s == "\u{AD}" || s == "\u{200B}"
    }

    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0...0x2FF, 0x400...0x482, 0x48A...0x52F: return false
        case 0x300...0x36F, 0x483...0x489, 0x200D, 0xFE00...0xFE0F: return true
        default:
            switch s.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: return true
            default: return false
            }
        }
    }

    static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x400...0x481, 0x48A...0x52F: return true
        case 0...0x7F: return false
        default: return s.properties.isAlphabetic || s.properties.numericType != nil
        }
    }

    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x400...0x42F: return true
        case 0...0x7F, 0x430...0x45F: return false
        default: return s.properties.isUppercase
        }
    }

    static func isLower(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x61...0x7A, 0x430...0x45F: return true
        case 0...0x7F, 0x400...0x42F: return false
        default: return s.properties.isLowercase
        }
    }
}

/// The keys a word is compared by: its matching key and the stems of that key in each language that could
/// have written it (Snowball for Russian, Hunspell lemmas for Russian and Belarusian, tmkit's ending rules for
/// Belarusian, for English number and possession, and for names the dictionaries do not know).
///
/// Sendable notes: the stemmers and dictionaries lock internally; the class holds no other mutable state.
public final class WordKeys: Sendable {
    let russianStemmer = Stemmer(language: .ru)
    let russianDictionary = HunspellDictionary(language: .ru)
    let belarusianDictionary = HunspellDictionary(language: .be)

    /// Opens the stemmers and the Russian and Belarusian dictionaries (those installed).
    public init() {}

    /// The matching key of one word: case-folded, ё→е, stress marks and soft hyphens dropped, look-alike letters
    /// mapped to the word's script. A fast path handles plain Latin or Cyrillic words without ICU.
    public func key(_ word: Substring) -> String {
        var latin = false, cyrillic = false, plain = true
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A: latin = true
            case 0x30...0x39: break
            case 0x400...0x45F: cyrillic = true
            default: plain = false
            }
        }
        if plain && !(latin && cyrillic) {
            var out = String.UnicodeScalarView()
            for scalar in word.unicodeScalars {
                let v = scalar.value
                let lower: UInt32 = switch v {
                case 0x41...0x5A, 0x410...0x42F: v + 32
                case 0x401, 0x451: 0x435  // Ё, ё → е
                case 0x400...0x40F: v + 80
                default: v
                }
                out.append(Unicode.Scalar(lower) ?? scalar)
            }
            return String(out)
        }
        var key = MatchingKey.make(String(word), language: cyrillic ? .ru : .en)
        key.removeAll { $0 == " " }
        if key.unicodeScalars.contains("ё") { key = String(String.UnicodeScalarView(key.unicodeScalars.map { $0 == "ё" ? "е" : $0 })) }
        return key
    }

    /// The stems `key` (the key of `word`) may have in `language`, each tagged with the language (`ru:совет`) so one
    /// language's rules never match another's: Snowball or ending rules on the key first; then, for a word of a text
    /// (`inText`), the same on Hunspell's lemmas of the word (glossary terms are already lemmas); then Russian
    /// word-formation keys (see `derivationKeys`). Stems shorter than three letters are dropped (the key still
    /// matches exactly). `properName` marks a capitalized word of a name in a glossary term.
    /// `dictionary: false` skips Hunspell (the caller knows no lemma of the word can matter).
    public func stems(of word: Substring, key: String, language: Language, inText: Bool, properName: Bool = false,
                      dictionary useDictionary: Bool = true) -> [String] {
        let isLatin = key.unicodeScalars.allSatisfy { Script.of($0) != .cyrillic }
        var stems: [String]
        var derived: [String] = []
        switch language {
        case .en:
            guard isLatin else { return [] }
            stems = [Self.englishStem(key)]
        case .ru:
            guard !isLatin else { return [] }
            let stem = inText ? russianStem(key) : russianTermStem(key, properName: properName)
            stems = [stem]
            if inText, useDictionary, let dictionary = russianDictionary {
                for lemma in dictionary.stems(String(word)) { stems.append(russianStem(self.key(lemma[...]))) }
            }
            // Names the dictionaries do not know: tmkit's ending rules as well (Зася → зас, like the term Зась).
            if inText, let first = word.unicodeScalars.first, WordTokenizer.isUpper(first) {
                stems += Self.belarusianStems(key)
            }
            if !properName { derived = Self.derivationKeys(key: key, stem: stem, inText: inText) }
        case .be:
            guard !isLatin else { return [] }
            // A glossary term's words are in the nominative (or, inside a term, keep nominative-like endings), so
            // only those endings come off; a text word is tried with every case ending it may have
            // (Кітай → кіта ↔ Кітая, Кітаем → кіта; Кіт stays кіт).
            stems = inText ? Self.belarusianStems(key) : [Self.belarusianStem(key, endings: Self.nominativeEndings)]
            if inText, useDictionary, let dictionary = belarusianDictionary {
                for lemma in dictionary.stems(String(word)) { stems.append(Self.belarusianStem(self.key(lemma[...]))) }
            }
        }
        var out: [String] = []
        for stem in stems where stem.unicodeScalars.count >= 3 {
            let tagged = language.rawValue + ":" + stem
            if !out.contains(tagged) { out.append(tagged) }
        }
        return out + derived
    }

    /// Russian stems of glossary term words. Words in -ов/-ев/-ин/-ын keep the suffix (Snowball would cut
    /// Борисов to борис, the stem of the first name Борис; the declined forms Борисова, Борисовым still stem to
    /// борисов). Names ending in -о do not decline in Russian (surnames in -енко, Сенно, Иваново as news style
    /// writes them, Токио) and match only as written or through explicit forms.
    func russianTermStem(_ key: String, properName: Bool) -> String {
        let scalars = Array(key.unicodeScalars)
        if Self.keepWhole.contains(where: { scalars.hasSuffix($0) }) { return key }
        if properName && scalars.last == "о" { return key }
        let stem = russianStem(key)
        // Snowball cuts short words too far (Зась → за); the nominative ending alone comes off instead.
        return stem.unicodeScalars.count >= 3 ? stem : Self.belarusianStem(key, endings: Self.nominativeEndings)
    }

    static let keepWhole = ["ов", "ев", "ин", "ын"].map { Array($0.unicodeScalars) }

    /// The stem of a name for grouping its forms (Иван, Иваном; Петров, Петрова, Петровым; Патрушаў, Патрушавым):
    /// the matching key with one case ending removed by tmkit's ending rules, in either Cyrillic language.
    public func nameStem(_ word: Substring) -> String { Self.belarusianStem(key(word)) }

    /// The key the forms of one name share: the stem of its lemma when the dictionary knows it (Сергей, Сергеем →
    /// one key), else the stem of the word.
    public func nameKey(_ word: Substring, language: Language) -> String {
        nameStem(nameLemma(word, language: language).map { $0[...] } ?? word)
    }

    /// The dictionary's capitalized lemma of a name form (Сергея → Сергей, Іванам → Іван), when it knows the name.
    /// Otherwise surnames in -ов/-ев/-ин (be -аў/-еў/-ін) in the instrumental, the one case that cannot also be a
    /// feminine form, lose the ending (Петровым → Петров, Пятровым → Пятроў).
    public func nameLemma(_ word: Substring, language: Language) -> String? {
        let dictionary = language == .be ? belarusianDictionary : language == .ru ? russianDictionary : nil
        if let lemma = dictionary?.stems(String(word)).first(where: { $0.first?.isUppercase == true }) { return lemma }
        let scalars = Array(word.unicodeScalars)
        guard scalars.count > 5, Array(scalars.suffix(2)).map({ Character($0).lowercased() }) == ["ы", "м"] else { return nil }
        let stem = scalars.dropLast(2)
        let tail = stem.suffix(2).map { Character($0).lowercased() }.joined()
        switch (language, tail) {
        case (.ru, "ов"), (.ru, "ев"), (.ru, "ёв"), (.ru, "ин"), (.ru, "ын"):
            return String(String.UnicodeScalarView(stem))
        case (.be, "ав"), (.be, "ов"), (.be, "ев"), (.be, "эв"):
            return String(String.UnicodeScalarView(stem.dropLast())) + "ў"
        case (.be, "ін"), (.be, "ын"):
            return String(String.UnicodeScalarView(stem))
        default:
            return nil
        }
    }

    /// True when the dictionary of `language` knows the word in lower case (a common word, not only a name).
    public func isCommonWord(_ word: Substring, language: Language) -> Bool {
        let dictionary = language == .be ? belarusianDictionary : language == .ru ? russianDictionary : nil
        return dictionary?.isKnown(word.lowercased()) ?? false
    }

    /// The first two letters of a key packed in one number (fewer when the key is shorter), for prefix filters.
    public static func prefix(of key: String) -> UInt64 {
        var packed: UInt64 = 0
        for scalar in key.unicodeScalars.prefix(2) { packed = packed << 21 | UInt64(scalar.value) }
        return packed
    }

    /// English names and institutions inflect only for number and possession, so only those endings come off:
    /// Minsk's → minsk, ministries → ministry, Ministers → minister, buses → bus. (Snowball's English stemmer
    /// joins words a glossary must keep apart: directive/directly, region/regional, Senate/senator.)
    static func englishStem(_ key: String) -> String {
        var word = Array(key.unicodeScalars)
        if word.hasSuffix(["'", "s"]) || word.hasSuffix(["’", "s"]) { word.removeLast(2) }
        else if word.hasSuffix(["s", "'"]) || word.hasSuffix(["s", "’"]) { word.removeLast() }
        if word.count > 4 && word.hasSuffix(["i", "e", "s"]) {
            word.removeLast(3)
            word.append("y")
        } else if word.count > 4 && (word.hasSuffix(["s", "s", "e", "s"]) || word.hasSuffix(["x", "e", "s"])
                                     || word.hasSuffix(["c", "h", "e", "s"]) || word.hasSuffix(["s", "h", "e", "s"])) {
            word.removeLast(2)
        } else if word.count > 3 && word.last == "s" && !word.hasSuffix(["s", "s"]) && !word.hasSuffix(["u", "s"])
                    && !word.hasSuffix(["i", "s"]) {
            word.removeLast()
        }
        return String(String.UnicodeScalarView(word))
    }

    /// Snowball's Russian stem, except that surnames in -енко do not decline in Russian and keep their form.
    func russianStem(_ key: String) -> String {
        if Array(key.unicodeScalars).hasSuffix(Self.enko) { return key }
        return russianStemmer?.stem(key) ?? key
    }

    static let enko = Array("енко".unicodeScalars)

    /// Perfectivizing prefixes of Russian verbs (редактировать → отредактировать), longest first.
    static let perfectivePrefixes = ["пере", "под", "при", "про", "раз", "рас", "от", "по", "за", "со", "вы", "на", "из", "ис",
                                     "о", "с", "у"].map { Array($0.unicodeScalars) }
    /// Adjective endings of Russian (as the key ends), for relational adjectives.
    static let adjectiveEndings = ["ый", "ой", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                                   "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими"].map { Array($0.unicodeScalars) }
    static let verbEndings = ["ть", "ться", "чь"].map { Array($0.unicodeScalars) }
    static let relationalSuffixes = ["ов", "ев", "н"].map { Array($0.unicodeScalars) }

    /// Russian word formation the matcher accepts as the same term: a verb's perfective partner made with a prefix
    /// (term "редактировать" ↔ text "отредактировать": the term side adds `v:STEM`, the text side `v:` plus its
    /// stem without each prefix) and a noun's relational adjective in -ов-/-ев-/-н- (term "баланс" ↔ text
    /// "балансовой", "вход" ↔ "входные": `n:STEM`). The marks keep these keys apart from plain stems.
    static func derivationKeys(key: String, stem: String, inText: Bool) -> [String] {
        let k = Array(key.unicodeScalars), st = Array(stem.unicodeScalars)
        func string(_ mark: String, _ scalars: ArraySlice<Unicode.Scalar>) -> String {
            mark + String(String.UnicodeScalarView(scalars))
        }
        let isAdjective = adjectiveEndings.contains { k.hasSuffix($0) }
        if !inText {
            if verbEndings.contains(where: { k.hasSuffix($0) }) { return [string("v:", st[...])] }
            return !isAdjective && st.count >= 3 ? [string("n:", st[...])] : []
        }
        var out: [String] = []
        for prefix in perfectivePrefixes where st.count - prefix.count >= 4 && st.starts(with: prefix) {
            out.append(string("v:", st[prefix.count...]))
        }
        if isAdjective {
            for suffix in relationalSuffixes where st.count - suffix.count >= 3 && st.hasSuffix(suffix) {
                out.append(string("n:", st[..<(st.count - suffix.count)]))
            }
        }
        return out
    }

    /// Case and number endings of Belarusian nouns and adjectives, longest first.
    static let belarusianEndings: [[Unicode.Scalar]] = [
        "ымі", "імі", "амі", "ямі",
        "ага", "яга", "аму", "яму", "ому", "ога",
        "ых", "іх", "ым", "ім", "ая", "яя", "ую", "юю", "ыя", "ія", "ое", "ае", "ее", "ой", "ей", "ёй", "ай",
        "ам", "ям", "ах", "ях", "ом", "ем", "ём",
        "ы", "і", "а", "я", "у", "ю", "е", "э", "о", "ь", "й",
    ].map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    /// The endings a Belarusian word has in the nominative (singular and plural), longest first.
    static let nominativeEndings: [[Unicode.Scalar]] = ["ая", "яя", "ое", "ае", "ее", "ыя", "ія", "ы", "і", "а", "я", "о", "е", "ь", "й"]
        .map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }

    static let vowels: Set<Unicode.Scalar> = Set("аеёіоуыэюяи".unicodeScalars)

    /// tmkit's Belarusian stem: ў→в (Магілёў/Магілёва, Патрушаў/Патрушавым), the longest case ending removed
    /// while three letters remain (Лукашэнкам → лукашэнк), then the consonant alternations of the locative
    /// undone (Брэсце → брэст, горадзе → горад, Рэспубліцы → рэспублік) and a doubled final consonant
    /// reduced (Беларуссю → беларус).
    static func belarusianStem(_ key: String, endings: [[Unicode.Scalar]] = belarusianEndings) -> String {
        var word = key.unicodeScalars.map { $0 == "ў" ? "в" : $0 }
        if let ending = endings.first(where: { word.count - $0.count >= 3 && word.hasSuffix($0) }) {
            word.removeLast(ending.count)
        }
        return undoAlternations(word)
    }

    /// The endings a text word is tried without: the case endings, not the -й/-ь of a nominative (the word as
    /// written matches that; Лукашенкой must not become Лукашенко).
    static let textEndings = belarusianEndings.filter { $0 != ["й"] && $0 != ["ь"] }

    /// The stems of a text word with each case ending it may have removed, longest ending first.
    static func belarusianStems(_ key: String) -> [String] {
        let word = key.unicodeScalars.map { $0 == "ў" ? "в" : $0 }
        var out: [String] = []
        for ending in textEndings where word.count - ending.count >= 3 && word.hasSuffix(ending) {
            let stem = undoAlternations(Array(word.dropLast(ending.count)))
            if !out.contains(stem) { out.append(stem) }
        }
        return out.isEmpty ? [undoAlternations(word)] : out
    }

    /// Locative consonant alternations undone and a doubled final consonant reduced.
    static func undoAlternations(_ stem: [Unicode.Scalar]) -> String {
        var word = stem
        if word.hasSuffix(["с", "ц"]) { word[word.count - 1] = "т" }
        else if word.hasSuffix(["д", "з"]) { word.removeLast() }
        else if word.count > 3 && word.last == "ц" { word[word.count - 1] = "к" }
        if word.count > 3, let last = word.last, word[word.count - 2] == last, !vowels.contains(last) { word.removeLast() }
        return String(String.UnicodeScalarView(word))
    }
}

extension Array where Element == Unicode.Scalar {
    func hasSuffix(_ suffix: [Unicode.Scalar]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
