import Foundation
import Synchronization
import TMCore

/// A Cyrillic spelling proposed for a romanized name.
public struct TransliterationCandidate: Sendable, Hashable, CustomStringConvertible {
    /// The Cyrillic text, with the case pattern of the Latin input.
    public let text: String
    /// The language whose spelling rules produced it.
    public let language: Language
    /// A log-probability: the sum over the name's letters of log P(Cyrillic letter | Latin letters), as counted
    /// over the language's schemes, plus spelling penalties. Higher is better; compare within one call only.
    public let score: Double

    public var description: String { "\(text) (\(language))" }
}

extension Transliteration {
    /// Cyrillic candidates for a romanized name, best first, for each of `languages`.
    ///
    /// The Latin text is split into words, lower-cased with its diacritics and sign marks kept as evidence
    /// (Homieĺ, Yur’yev); each word is read back by a beam search over letter correspondences learned from the
    /// language's own schemes (every Cyrillic letter, sign + vowel pair and consonant + ь romanized by every scheme
    /// of the language, as published and in ASCII, at the start of a word, after a consonant and after a vowel).
    /// A correspondence scores log P(Cyrillic | Latin, context) by the weighted number of schemes that write it
    /// so, minus a cost per letter and penalties for sequences the language does not write. General spelling
    /// rules then apply: in Belarusian ж ч ш р are hard (шэ, not ше), в or у after a vowel at the end of a word is
    /// ў (-оў, -еў), and -енко is -энка (Лукашэнка); in Russian ж ш take а у и, not я ю ы.
    ///
    ///     try Transliteration.candidates(for: "Lukashenko").first { $0.language == .be }?.text == "Лукашэнка"
    ///
    /// - Parameters:
    ///   - scheme: learn the correspondences from this scheme only (default: every scheme of the language).
    ///   - limit: how many candidates to keep per language.
    /// - Throws: `TransliterationError` when a scheme's rules do not compile.
    /// - Complexity: O(n · b · k) for n letters, beam width b and k correspondences per position; the model of a
    ///   language is built once, on first use.
    public static func candidates(for latin: String, languages: [Language] = [.ru, .be], scheme: String? = nil,
                                  limit: Int = 5) throws -> [TransliterationCandidate] {
        let only = try scheme.map { try TransliterationScheme.named($0) }
        if let only, !languages.contains(where: only.languages.contains) {
            throw TransliterationError(message: "scheme \(only.name) is not defined for "
                                       + languages.map(\.rawValue).joined(separator: ", ") + "; it covers "
                                       + only.languages.map(\.rawValue).joined(separator: ", "))
        }
        var result: [TransliterationCandidate] = []
        for language in languages where language.isCyrillic && (only?.languages.contains(language) ?? true) {
            let model = try ReverseModel.model(for: language, scheme: only)
            result += model.candidates(for: latin, limit: max(1, limit))
        }
        return result.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.language != b.language { return languageOrder(a.language) < languageOrder(b.language) }
            return a.text < b.text
        }
    }

    private static func languageOrder(_ language: Language) -> Int { Language.allCases.firstIndex(of: language) ?? 0 }
}

/// Letter correspondences Latin → Cyrillic for one language, learned from that language's schemes.
struct ReverseModel: Sendable {
    enum Context: Int, CaseIterable, Sendable {
        case start, consonant, vowel

        /// The Cyrillic text put before a letter to romanize it in this context.
        var prefix: String {
            switch self {
            case .start: ""
            case .consonant: "п"
            case .vowel: "а"
            }
        }
    }

    struct Option: Sendable {
        let cyrillic: String
        let logProbability: Double
        /// The Cyrillic as scalars: every letter here is one scalar, and scalars hash and compare fast.
        let letters: [Unicode.Scalar]

        init(cyrillic: String, logProbability: Double) {
            self.cyrillic = cyrillic
            self.logProbability = logProbability
            self.letters = Array(cyrillic.unicodeScalars)
        }
    }

    let language: Language
    /// context → Latin chunk → Cyrillic options.
    var options: [Context: [String: [Option]]] = [:]
    /// Signs a scheme does not write at all (ь after a consonant), with their log-probability.
    var silent: [Option] = []
    var longestChunk = 1
    /// Every character that occurs in a chunk.
    var knownLetters: Set<Character> = []

    /// Cost per Cyrillic letter read: fewer letters win (щ over шч for "shch", е over ье for "e").
    static let letterCost = -1.2
    /// Extra cost of a sign no scheme writes (Гомель from "Gomel").
    static let silentSignCost = -1.5
    /// Score of a word nothing reads (kept as it is).
    static let fallbackLogProbability = -20.0
    static let beamWidth = 32

    static func alphabet(_ language: Language) -> [String] {
        switch language {
        case .be: "абвгдеёжзійклмнопрстуўфхцчшыьэюя’".map(String.init)
        default: "абвгдеёжзийклмнопрстуфхцчшщъыьэюя".map(String.init)
        }
    }

    /// Sign + vowel pairs, romanized together by several schemes (ья → ya, ъе → ye).
    static func signPairs(_ language: Language) -> [String] {
        let signs = language == .be ? ["ь", "’"] : ["ь", "ъ"]
        // The pairs Russian spelling has (ья, ье, ьи, ьо in бульон…), not ьы or ьа.
        let vowels = language == .be ? "еёюяі" : "еёюяио"
        return signs.flatMap { sign in vowels.map { sign + String($0) } }
    }

    /// Consonant + ь, which some schemes write as one letter (ль → ĺ in the 2007 system) or with a mark (l’).
    static func softConsonants(_ language: Language) -> [String] {
        let vowelsAndSigns = Set("аеёиіоуўыэюяьъ’й")
        return alphabet(language).filter { !vowelsAndSigns.contains($0.first ?? "а") }.map { $0 + "ь" }
    }

    struct Key: Hashable, Sendable {
        let language: Language
        let scheme: String?
    }

    /// Models by language and scheme (at most 6 × 2 + 2 of them exist).
    static let models = BoundedCache<Key, ReverseModel>(capacity: 16)

    static func model(for language: Language, scheme: TransliterationScheme? = nil) throws -> ReverseModel {
        try models.value(for: Key(language: language, scheme: scheme?.name)) {
            try ReverseModel(language: language, schemes: scheme.map { [$0] })
        }
    }

    /// The form chunks and input words are compared in: lower case, NFC, letters kept with their diacritics,
    /// the soft-sign marks as ', the hard-sign marks as ", GOST's backtick kept, anything else dropped.
    static func key(_ latin: String) -> String {
        var out = ""
        for character in latin.normalized(.nfc).lowercased() {
            switch character {
            case "’", "ʹ", "ʼ", "'": out.append("'")
            case "”", "ʺ", "\"": out.append("\"")
            case "`": out.append("`")
            default: if character.isLetter { out.append(character) }
            }
        }
        return out
    }

    /// How often each scheme's spellings are met in English-language news, as a weight: BGN/PCGN and Wikipedia
    /// spellings dominate, passports (ICAO) and the national systems follow, GOST 7.79 B is bibliographic.
    static func frequency(of scheme: TransliterationScheme) -> Double {
        switch scheme.name {
        case "bgn-pcgn", "wikipedia": 3
        case "national-2007": 2
        case "icao-9303", "national-2023": 1
        default: 0.5
        }
    }

    /// The weight of ICU's generic Latin-Cyrillic reading of each single letter (x → кс, w → в), so a letter that
    /// only a rare scheme writes alone (GOST's x for х) is not read that way by default.
    static let genericWeight = 1.0

    init(language: Language, schemes chosen: [TransliterationScheme]? = nil) throws {
        self.language = language
        let schemes = (chosen ?? TransliterationScheme.all).filter { $0.languages.contains(language) }
        var weights: [Context: [String: [String: Double]]] = [:]
        var silentWeights: [String: Double] = [:]
        let units = Self.alphabet(language) + Self.signPairs(language) + Self.softConsonants(language)
        // Each scheme as published and folded to ASCII, half the weight each: names are met in both forms.
        for scheme in schemes {
            for ascii in [false, true] {
                let weight = Self.frequency(of: scheme) / 2
                let translit = try Transliteration.transliterator(scheme, language: language, ascii: ascii)
                for context in Context.allCases {
                    let before = Self.key(translit.transliterate(context.prefix))
                    for unit in units {
                        // No word starts with a sign.
                        if context == .start, let first = unit.unicodeScalars.first, Self.signs.contains(first) { continue }
                        let whole = Self.key(translit.transliterate(context.prefix + unit))
                        guard whole.hasPrefix(before) else { continue }
                        let chunk = String(whole.dropFirst(before.count))
                        if chunk.isEmpty {
                            if context == .consonant, unit.unicodeScalars.count == 1, let sign = unit.unicodeScalars.first,
                               Self.signs.contains(sign) {
                                silentWeights[unit, default: 0] += weight
                            }
                            continue
                        }
                        weights[context, default: [:]][chunk, default: [:]][unit, default: 0] += weight
                    }
                }
            }
        }
        let generic = try ICUTransliterator(id: "Latin-Cyrillic")
        for letter in "abcdefghijklmnopqrstuvwxyz".map(String.init) {
            let cyrillic = Self.spell(generic.transliterate(letter), for: language)
            guard !cyrillic.isEmpty else { continue }
            for context in Context.allCases {
                weights[context, default: [:]][letter, default: [:]][cyrillic, default: 0] += Self.genericWeight
            }
        }
        for (context, chunks) in weights {
            for (chunk, units) in chunks {
                let total = units.values.reduce(0, +)
                options[context, default: [:]][chunk] = units.sorted { $0.key < $1.key }.map {
                    Option(cyrillic: $0.key, logProbability: log($0.value / total))
                }
                longestChunk = max(longestChunk, chunk.count)
                knownLetters.formUnion(chunk)
            }
        }
        let allWeight = schemes.map(Self.frequency).reduce(0, +)
        silent = silentWeights.sorted { $0.key < $1.key }.map {
            Option(cyrillic: $0.key, logProbability: log($0.value / max(allWeight, 1)) + Self.silentSignCost)
        }
    }

    /// Letters of the other alphabet written as this language writes them.
    static func spell(_ cyrillic: String, for language: Language) -> String {
        var text = cyrillic.lowercased()
        switch language {
        case .be:
            for (other, own) in [("и", "і"), ("щ", "шч"), ("ъ", "’")] { text = text.replacingOccurrences(of: other, with: own) }
        default:
            for (other, own) in [("ў", "в"), ("і", "и"), ("’", "ъ")] { text = text.replacingOccurrences(of: other, with: own) }
        }
        return text
    }

    static let vowels = Set("аеёиіоуыэюя".unicodeScalars)
    static let signs = Set("ьъ’".unicodeScalars)
    static let latinVowels: Set<Character> = Set("aeiouy")
    static let iotating = vowels.union("ьъ’ў".unicodeScalars)

    static func context(after last: Unicode.Scalar?) -> Context {
        guard let last else { return .start }
        return iotating.contains(last) ? .vowel : .consonant
    }

    struct Path {
        var text: String
        var score: Double
    }

    /// Ranked candidates for a text of one or more Latin words; separators are kept as they are.
    func candidates(for latin: String, limit: Int) -> [TransliterationCandidate] {
        var paths = [Path(text: "", score: 0)]
        for piece in Self.pieces(of: latin) {
            let readings: [Path]
            if piece.isWord {
                let (name, possessive) = Self.splittingPossessive(piece.text)
                let found = self.readings(of: name, limit: limit).map { Path(text: $0.text + possessive, score: $0.score) }
                readings = found.isEmpty ? [Path(text: piece.text, score: Self.fallbackLogProbability)] : found
            } else {
                readings = [Path(text: piece.text, score: 0)]
            }
            var next: [Path] = []
            for path in paths {
                for reading in readings { next.append(Path(text: path.text + reading.text, score: path.score + reading.score)) }
            }
            paths = Array(next.sorted(by: Self.better).prefix(limit))
        }
        return paths.filter { !$0.text.isEmpty }.map { TransliterationCandidate(text: $0.text, language: language, score: $0.score) }
    }

    /// An English possessive ('s, ’s) is not part of the name: it is kept as it is after the Cyrillic.
    static func splittingPossessive(_ word: String) -> (name: String, possessive: String) {
        for suffix in ["'s", "’s", "'S", "’S"] where word.hasSuffix(suffix) && word.count > suffix.count + 1 {
            return (String(word.dropLast(suffix.count)), suffix)
        }
        return (word, "")
    }

    static func better(_ a: Path, _ b: Path) -> Bool {
        a.score != b.score ? a.score > b.score : a.text < b.text
    }

    /// Words (Latin letters with inner apostrophes and dots) and the text between them.
    static func pieces(of text: String) -> [(text: String, isWord: Bool)] {
        var pieces: [(text: String, isWord: Bool)] = []
        var current = "", inWord = false
        let marks: Set<Character> = ["'", "’", "ʹ", "ʺ", "”", "·", "`"]
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            let isLetter = character.isLetter
            let nextIsLetter = index + 1 < characters.count && characters[index + 1].isLetter
            // A mark inside a word, or a soft-sign mark ending it (Homyel’), belongs to the word.
            let isInnerMark = inWord && marks.contains(character) && (nextIsLetter || "’ʹ`".contains(character))
            let belongsToWord = isLetter || isInnerMark
            if belongsToWord != inWord, !current.isEmpty {
                pieces.append((current, inWord))
                current = ""
            }
            inWord = belongsToWord
            current.append(character)
        }
        if !current.isEmpty { pieces.append((current, inWord)) }
        return pieces
    }

    /// The best Cyrillic readings of one Latin word, spelled by the language's rules, in the word's case.
    func readings(of word: String, limit: Int) -> [Path] {
        let letters = Self.key(word).map { character in
            knownLetters.contains(character) ? [character] : Array(Self.key(Self.asciiFold(String(character))))
        }.flatMap { $0 }
        guard !letters.isEmpty else { return [] }
        struct State { var text: [Unicode.Scalar]; var score: Double }
        // The Latin chunks that start at each position (independent of the path that got there).
        let chunks: [[(length: Int, chunk: String)]] = letters.indices.map { position in
            (1...min(longestChunk, letters.count - position)).map { ($0, String(letters[position..<(position + $0)])) }
        }
        // Paths that reach a position with the same Cyrillic text are one path: keep the best score.
        var beams: [[[Unicode.Scalar]: Double]] = Array(repeating: [:], count: letters.count + 1)
        beams[0] = [[]: 0]
        func add(_ state: State, at position: Int) {
            if let existing = beams[position][state.text], existing >= state.score { return }
            beams[position][state.text] = state.score
        }
        for position in 0..<letters.count {
            // Ties broken by the text, so the beam is the same in every run (dictionary order is not).
            let states = beams[position].map { State(text: $0.key, score: $0.value) }
                .sorted { $0.score != $1.score ? $0.score > $1.score : $0.text.lexicographicallyPrecedes($1.text) { $0.value < $1.value } }
                .prefix(Self.beamWidth)
            for state in states {
                // A sign no scheme writes (ь after a consonant), before going on.
                var starts = [state]
                if let last = state.text.last, Self.context(after: last) == .consonant, !Self.latinVowels.contains(letters[position]) {
                    for sign in silent {
                        let text = state.text + sign.letters
                        starts.append(State(text: text, score: state.score + sign.logProbability + penalty(text, added: sign.letters.count)))
                    }
                }
                for start in starts {
                    guard let table = options[Self.context(after: start.text.last)] else { continue }
                    for (length, chunk) in chunks[position] {
                        guard let choices = table[chunk] else { continue }
                        for choice in choices {
                            let text = start.text + choice.letters
                            let score = start.score + choice.logProbability + Self.letterCost * Double(choice.letters.count)
                                + penalty(text, added: choice.letters.count)
                            add(State(text: text, score: score), at: position + length)
                        }
                    }
                }
            }
        }
        var finals = beams[letters.count].map { State(text: $0.key, score: $0.value) }
        for state in finals {
            if let last = state.text.last, Self.context(after: last) == .consonant {
                for sign in silent where sign.cyrillic == "ь" {
                    let text = state.text + sign.letters
                    finals.append(State(text: text, score: state.score + sign.logProbability + penalty(text, added: sign.letters.count)))
                }
            }
        }
        // A word written with a final soft-sign mark (Homyel’) ends in ь.
        let softEnding = word.last.map { "’ʹ".contains($0) } ?? false
        var best: [String: Double] = [:]
        for state in finals where state.text.last != "ъ" && state.text.last != "’" {
            var word = ""
            word.unicodeScalars.append(contentsOf: state.text)
            for (variant, cost) in endings(of: word) {
                let spelled = spellWord(variant)
                let mark = softEnding && spelled.last != "ь" ? -3.0 : 0
                best[spelled] = max(best[spelled] ?? -.infinity, state.score + cost + mark)
            }
        }
        return best.map { Path(text: Self.applyCase(of: word, to: $0.key), score: $0.value) }
            .sorted(by: Self.better).prefix(limit).map { $0 }
    }

    /// Costs of letter sequences the language does not (or seldom) write, for the letters just added.
    func penalty(_ text: [Unicode.Scalar], added: Int) -> Double {
        var cost = 0.0
        for index in max(0, text.count - added)..<text.count {
            let letter = text[index]
            let previous: Unicode.Scalar? = index > 0 ? text[index - 1] : nil
            let afterVowel = previous.map(Self.vowels.contains) ?? false
            if letter == "ы" && (previous == nil || afterVowel) { cost -= 3 }
            if letter == "й", let previous, !Self.vowels.contains(previous) { cost -= 4 }
            // и (і) between a vowel and a consonant is mostly й written i (ICAO: Altaiskii, Lahoisk).
            if index >= 2, text[index - 1] == "и" || text[index - 1] == "і", Self.vowels.contains(text[index - 2]),
               !Self.iotating.contains(letter) { cost -= 1 }
            if Self.signs.contains(letter) && (previous == nil || Self.iotating.contains(previous ?? " ")) { cost -= 5 }
            // ъ and the apostrophe stand only before е ё ю я (і); ь seldom before а у ы э.
            if previous == "ъ" || previous == "’", !"еёюяі".unicodeScalars.contains(letter) { cost -= 4 }
            if previous == "ь", "ауыэ".unicodeScalars.contains(letter) { cost -= 3 }
            // ьо: Russian loans only (бульон); Belarusian writes ьё.
            if previous == "ь", letter == "о" { cost -= language == .be ? 3 : 1.5 }
            switch language {
            case .ru:
                if letter == "ь", let previous, "кгх".unicodeScalars.contains(previous) { cost -= 2 }
                if letter == "э", let previous, !Self.iotating.contains(previous) { cost -= 2 }
                if letter == "ё" { cost -= 1 }
            default:
                if letter == "ў" && !afterVowel { cost -= 3 }
                // Belarusian writes ь only after з с ц л н (and дз).
                if letter == "ь", let previous, !"зсцлн".unicodeScalars.contains(previous) { cost -= 4 }
            }
        }
        return cost
    }

    /// A word and the endings it may stand for: in Russian a final -y after a consonant is mostly the adjective
    /// and name ending -ий/-ый that Wikipedia-style spellings shorten (Yevgeny → Евгений, Vidny → Видный); in both
    /// languages a final -i after a vowel is mostly й (Andrei → Андрей).
    func endings(of word: String) -> [(String, Double)] {
        let stem = String(word.unicodeScalars.dropLast())
        guard word.unicodeScalars.count >= 3, let last = stem.unicodeScalars.last else { return [(word, 0)] }
        // ICAO writes й as i: a final vowel + и (і) is mostly vowel + й (Andrei → Андрей).
        if word.hasSuffix("и") || word.hasSuffix("і"), Self.vowels.contains(last) { return [(word, -0.7), (stem + "й", 0)] }
        guard language == .ru, word.hasSuffix("ы"), !Self.iotating.contains(last) else { return [(word, 0)] }
        return [(word, -0.5), (stem + "ий", 0), (stem + "ый", -0.3)]
    }

    /// General spelling rules of the language applied to a whole word.
    func spellWord(_ word: String) -> String {
        var letters = Array(word.unicodeScalars)
        switch language {
        case .be:
            // Always hard in Belarusian (ц is not: ць, ці from цеканне).
            let hard = Set("жчшр".unicodeScalars)
            let hardened: [Unicode.Scalar: Unicode.Scalar] = ["е": "э", "і": "ы", "ё": "о", "ю": "у", "я": "а"]
            for index in letters.indices.dropFirst() where hard.contains(letters[index - 1]) {
                if let replacement = hardened[letters[index]] { letters[index] = replacement }
            }
            if letters.count >= 2, letters[letters.count - 1] == "в" || letters[letters.count - 1] == "у",
               Self.vowels.contains(letters[letters.count - 2]) {
                letters[letters.count - 1] = "ў"
            }
            // Surnames in -енко are written -энка (Лукашэнка, Бандарэнка).
            let ending = String(String.UnicodeScalarView(letters.suffix(4)))
            if letters.count >= 5, ending == "енко" || ending == "энко" {
                letters.replaceSubrange((letters.count - 4)..., with: "энка".unicodeScalars)
            }
        default:
            // ы is not written after г к х ж ч ш щ; я and ю are not written after ж ш.
            let velarOrHushing = Set("гкхжчшщ".unicodeScalars)
            let hardAfterHushing: [Unicode.Scalar: Unicode.Scalar] = ["я": "а", "ю": "у"]
            for index in letters.indices.dropFirst() {
                let previous = letters[index - 1]
                if letters[index] == "ы", velarOrHushing.contains(previous) { letters[index] = "и" }
                if previous == "ж" || previous == "ш", let hard = hardAfterHushing[letters[index]] { letters[index] = hard }
            }
        }
        return String(String.UnicodeScalarView(letters))
    }

    /// Title case, all caps (more than one letter) or lower case, as the Latin word was written.
    static func applyCase(of latin: String, to cyrillic: String) -> String {
        let letters = latin.filter(\.isLetter)
        if letters.count > 1 && letters.allSatisfy(\.isUppercase) { return cyrillic.uppercased() }
        if letters.first?.isUppercase == true { return cyrillic.prefix(1).uppercased() + cyrillic.dropFirst() }
        return cyrillic
    }

    /// ICU's Latin-ASCII; a system transliterator, so `nil` only if the ICU data is broken.
    static let asciiFolding: ICUTransliterator? = try? ICUTransliterator(id: "Latin-ASCII")

    /// Diacritics removed (ĺ → l, ŭ → u) with ICU's Latin-ASCII.
    static func asciiFold(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        return asciiFolding?.transliterate(text) ?? text
    }
}
