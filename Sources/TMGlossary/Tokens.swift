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

    /// The stems `key` (the key of `word`) may have in `language`: Snowball or ending rules on the key, plus the
    /// same on Hunspell's lemmas of the word when `useDictionary` (texts; glossary terms are already lemmas).
    public func stems(of word: Substring, key: String, language: Language, useDictionary: Bool) -> [String] {
        let isLatin = key.unicodeScalars.allSatisfy { Script.of($0) != .cyrillic }
        switch language {
        case .en:
            guard isLatin else { return [] }
            return [englishStemmer?.stem(key) ?? key]
        case .ru:
            guard !isLatin else { return [] }
            var out = [russianStem(key)]
            if useDictionary, let dictionary = russianDictionary {
                for lemma in dictionary.stems(String(word)) { out.append(russianStem(self.key(lemma[...]))) }
            }
            return out
        case .be:
            guard !isLatin else { return [] }
            var out = [Self.belarusianStem(key)]
            if useDictionary, let dictionary = belarusianDictionary {
                for lemma in dictionary.stems(String(word)) { out.append(Self.belarusianStem(self.key(lemma[...]))) }
            }
            return out
        }
    }

    /// Snowball's Russian stem, except that surnames in -енко/-ко do not decline in Russian and keep their form.
    func russianStem(_ key: String) -> String {
        if key.hasSuffix("енко") { return key }
        return russianStemmer?.stem(key) ?? key
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
