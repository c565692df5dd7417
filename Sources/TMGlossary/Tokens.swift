import TMCore
import TMText

/// A word of a text: letters and digits, with apostrophes, soft hyphens and stress marks inside it.
public struct WordToken: Hashable, Sendable {
    /// Where the word is in the text.
    public var range: Range<String.Index>
    /// The word as written.
    public var text: Substring
    /// Offset of the first character (grapheme) in the text, 0-based, and length in characters.
    public var offset: Int
    public var length: Int
    /// 1-based line and column (in characters) of the first character.
    public var line: Int
    public var column: Int
    /// True when the previous non-space character ends a sentence (or there is none).
    public var startsSentence: Bool

    /// True when the first letter is upper case.
    public var isCapitalized: Bool { text.first?.isUppercase ?? false }
}

/// Splits texts into words the way glossary terms and texts are compared.
public enum WordTokenizer {
    /// The words of `text`, in order. Hyphens and all other punctuation separate words.
    /// - Complexity: O(n) in the length of the text.
    public static func tokens(_ text: String) -> [WordToken] {
        var result: [WordToken] = []
        var start: String.Index?
        var startOffset = 0, startLine = 1, startColumn = 1
        var offset = 0, line = 1, column = 1
        var sentenceBoundary = true, startsSentence = true
        var index = text.startIndex
        var previousCharacter: Character?
        func close(at end: String.Index) {
            guard let s = start else { return }
            var e = end
            // An apostrophe or soft hyphen at the end belongs to the punctuation, not the word.
            while e > s, let last = text[..<e].last, isJoiner(last) { e = text.index(before: e) }
            let word = text[s..<e]
            result.append(WordToken(range: s..<e, text: word, offset: startOffset, length: word.count, line: startLine,
                                    column: startColumn, startsSentence: startsSentence))
            start = nil
        }
        while index < text.endIndex {
            let c = text[index]
            let isWord = c.isLetter || c.isNumber || (start != nil && (isJoiner(c) || c.unicodeScalars.first?.properties.generalCategory == .nonspacingMark))
            if isWord, start != nil, c.isUppercase, let previous = previousCharacter, previous.isLowercase {
                // Words run together without a space ("ФинансыКонтокоррентные", "событиеОстановить") are two words.
                close(at: index)
            }
            if isWord {
                if start == nil {
                    start = index
                    startOffset = offset; startLine = line; startColumn = column
                    startsSentence = sentenceBoundary
                }
                sentenceBoundary = false
            } else {
                close(at: index)
                if ".!?…\n".contains(c) { sentenceBoundary = true } else if !c.isWhitespace && !"«\"“„(—–-'‘".contains(c) { sentenceBoundary = false }
            }
            if c == "\n" || c == "\r\n" { line += 1; column = 1 } else { column += 1 }
            previousCharacter = c
            offset += 1
            index = text.index(after: index)
        }
        close(at: text.endIndex)
        return result
    }

    static func isJoiner(_ c: Character) -> Bool {
        c == "'" || c == "’" || c == "ʼ" || c == "\u{AD}" || c == "\u{200B}"
    }
}

/// The keys a word is compared by: its matching key and the stems of that key in each language that could
/// have written it (Snowball for English and Russian, Hunspell lemmas for Russian and Belarusian, tmkit's
/// ending rules for Belarusian and for names the dictionaries do not know).
///
/// Sendable notes: the stemmers and dictionaries lock internally; the class holds no other mutable state.
public final class WordKeys: Sendable {
    let englishStemmer = Stemmer(language: .en)
    let russianStemmer = Stemmer(language: .ru)
    let russianDictionary = HunspellDictionary(language: .ru)
    let belarusianDictionary = HunspellDictionary(language: .be)

    public init() {}

    /// The matching key of one word: case-folded, ё→е, stress marks and soft hyphens dropped, look-alike letters
    /// mapped to the word's script. A fast path handles plain Latin or Cyrillic words without ICU.
    public func key(_ word: Substring) -> String {
        var latin = false, cyrillic = false, plain = true
        for scalar in word.unicodeScalars {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: latin = latin || scalar.value >= 0x41
            case 0x400...0x45F: cyrillic = true
            default: plain = false
            }
        }
        var key: String
        if plain && !(latin && cyrillic) {
            key = word.lowercased()
        } else {
            key = MatchingKey.make(String(word), language: cyrillic ? .ru : .en)
            key.removeAll { $0 == " " }
        }
        if key.contains("ё") { key = key.replacingAll("ё", with: "е") }
        return key
    }

    /// The stems `key` (the key of `word`) may have in `language`: Snowball or ending rules on the key first; then,
    /// for a word of a text (`inText`), the same on Hunspell's lemmas of the word (glossary terms are already
    /// lemmas); then Russian word-formation keys (see `derivationKeys`).
    public func stems(of word: Substring, key: String, language: Language, inText: Bool) -> [String] {
        let isLatin = key.unicodeScalars.allSatisfy { Script.of($0) != .cyrillic }
        switch language {
        case .en:
            guard isLatin else { return [] }
            return [englishStemmer?.stem(key) ?? key]
        case .ru:
            guard !isLatin else { return [] }
            let stem = russianStem(key)
            var out = [stem]
            if inText, let dictionary = russianDictionary {
                for lemma in dictionary.stems(String(word)) { out.append(russianStem(self.key(lemma[...]))) }
            }
            return out + Self.derivationKeys(key: key, stem: stem, inText: inText)
        case .be:
            guard !isLatin else { return [] }
            var out = [Self.belarusianStem(key)]
            if inText, let dictionary = belarusianDictionary {
                for lemma in dictionary.stems(String(word)) { out.append(Self.belarusianStem(self.key(lemma[...]))) }
            }
            return out
        }
    }

    /// The stem of a name for grouping its forms (Иван, Иваном; Петров, Петрова, Петровым; Патрушаў, Патрушавым):
    /// the matching key with one case ending removed by tmkit's ending rules, in either Cyrillic language.
    public func nameStem(_ word: Substring) -> String { Self.belarusianStem(key(word)) }

    /// True when the dictionary of `language` knows the word in lower case (a common word, not only a name).
    public func isCommonWord(_ word: Substring, language: Language) -> Bool {
        let dictionary = language == .be ? belarusianDictionary : language == .ru ? russianDictionary : nil
        return dictionary?.isKnown(word.lowercased()) ?? false
    }

    /// Snowball's Russian stem, except that surnames in -енко/-ко do not decline in Russian and keep their form.
    func russianStem(_ key: String) -> String {
        if key.hasSuffix("енко") { return key }
        return russianStemmer?.stem(key) ?? key
    }

    /// Perfectivizing prefixes of Russian verbs (редактировать → отредактировать), longest first.
    static let perfectivePrefixes = ["пере", "под", "при", "про", "раз", "рас", "от", "по", "за", "со", "вы", "на", "из", "ис",
                                     "о", "с", "у"]
    /// Adjective endings of Russian (as the key ends), for relational adjectives.
    static let adjectiveEndings = ["ый", "ой", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
                                   "ом", "ем", "ую", "юю", "ых", "их", "ыми", "ими"]

    /// Russian word formation the matcher accepts as the same term: a verb's perfective partner made with a prefix
    /// (term "редактировать" ↔ text "отредактировать": the term side adds `v:STEM`, the text side `v:` plus its
    /// stem without each prefix) and a noun's relational adjective in -ов-/-ев-/-н- (term "баланс" ↔ text
    /// "балансовой", "вход" ↔ "входные": `n:STEM`). The marks keep these keys apart from plain stems.
    static func derivationKeys(key: String, stem: String, inText: Bool) -> [String] {
        let isVerb = key.hasSuffix("ть") || key.hasSuffix("ться") || key.hasSuffix("чь")
        if !inText {
            if isVerb { return ["v:" + stem] }
            let isAdjective = adjectiveEndings.contains { key.hasSuffix($0) }
            return !isAdjective && stem.count >= 3 ? ["n:" + stem] : []
        }
        var out: [String] = []
        for prefix in perfectivePrefixes where stem.hasPrefix(prefix) && stem.count - prefix.count >= 4 {
            out.append("v:" + stem.dropFirst(prefix.count))
        }
        if adjectiveEndings.contains(where: { key.hasSuffix($0) }) {
            for suffix in ["ов", "ев", "н"] where stem.hasSuffix(suffix) && stem.count - suffix.count >= 3 {
                out.append("n:" + stem.dropLast(suffix.count))
            }
        }
        return out
    }

    /// Case and number endings of Belarusian nouns and adjectives, longest first.
    static let belarusianEndings: [String] = [
        "ымі", "імі", "амі", "ямі",
        "ага", "яга", "аму", "яму", "ому", "ога",
        "ых", "іх", "ым", "ім", "ая", "яя", "ую", "юю", "ыя", "ія", "ое", "ае", "ее", "ой", "ей", "ёй", "ай",
        "ам", "ям", "ах", "ях", "ом", "ем", "ём",
        "ы", "і", "а", "я", "у", "ю", "е", "э", "о", "ь", "й",
    ].sorted { $0.count > $1.count }

    /// tmkit's Belarusian stem: ў→в (Магілёў/Магілёва, Патрушаў/Патрушавым), the longest case ending removed
    /// while three letters remain (Лукашэнкам → лукашэнк), then the consonant alternations of the locative
    /// undone (Брэсце → брэст, горадзе → горад, Рэспубліцы → рэспублік) and a doubled final consonant
    /// reduced (Беларуссю → беларус).
    static func belarusianStem(_ key: String) -> String {
        var word = key.replacingAll("ў", with: "в")
        for ending in belarusianEndings where word.hasSuffix(ending) && word.count - ending.count >= 3 {
            word.removeLast(ending.count)
            break
        }
        if word.hasSuffix("сц") { word.removeLast(); word += "т" }
        else if word.hasSuffix("дз") { word.removeLast() }
        else if word.hasSuffix("ц") && word.count > 3 { word.removeLast(); word += "к" }
        if word.count > 3, let last = word.last, word.dropLast().last == last, !"аеёіоуыэюя".contains(last) { word.removeLast() }
        return word
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: Character) -> String {
        String(map { $0 == target ? replacement : $0 })
    }
}
