import Synchronization
import TMCore
import TMText

/// One piece of evidence in a unit: a word, number or mark, with the keys it can match by on the other side.
/// Two tokens correspond when they share a key. Keys are interned strings, namespaced by kind:
/// `N:` normalized number, `M:` month, `W:` identical word, `C:` cross-script consonant skeleton
/// (names, cognates), `L:` Russian stem (lexicon), `P:` learned word pair, `Q:` punctuation.
struct Token: Sendable {
    var weight: Float
    var keys: [Int32]
    /// The word's own form for learning pairs (lower-cased stem or prefix); nil for numbers and marks.
    var learnKey: Int32?
}

/// The evidence of one unit, computed once.
struct UnitFeatures: Sendable {
    var characters: Int
    var tokens: [Token]
    var keySet: Set<Int32>
    var weight: Float
    /// The unit's paragraph, when known (0 otherwise).
    var paragraph = 0
    /// A line agency articles carry on one side only ("Читайте также: …", "Photo: …"; see `OneSidedLines`).
    var isOneSided = false
    /// The number of sentences in the unit (by `SentenceSegmenter`; 1 when the language has no segmenter). A unit of
    /// two sentences is often the merge of two units of the other side.
    var sentences = 1

    /// The total weight of the tokens whose bits are set (the first 64 tokens).
    @inline(__always) func weight(of mask: UInt64) -> Float {
        var total: Float = 0
        var bits = mask
        while bits != 0 {
            let k = bits.trailingZeroBitCount
            if k < tokens.count { total += tokens[k].weight }
            bits &= bits - 1
        }
        return total
    }

    mutating func finish() {
        keySet = Set(tokens.flatMap(\.keys))
        weight = tokens.reduce(0) { $0 + $1.weight }
    }
}

/// Strings to dense ids, for one alignment.
final class Interner {
    private(set) var ids: [String: Int32] = [:]
    private(set) var strings: [String] = []
    func id(_ string: String) -> Int32 {
        if let id = ids[string] { return id }
        let id = Int32(strings.count)
        ids[string] = id
        strings.append(string)
        return id
    }
}

/// Turns units into features for one language pair. Not shared between threads (one per alignment).
final class FeatureExtractor {
    let language: LanguageTag
    let pivotLexicon: Lexicon?
    let interner: Interner
    private let stemmer: Stemmer?
    private let russianStemmer: Stemmer?
    private let latin: ICUTransliterator?
    /// Belarusian lemmas (Hunspell be_BY), so inflected Belarusian words reach the Russian stem of their lemma.
    private let belarusianLemmas: HunspellDictionary?
    /// Apertium's BE→RU lemma pairs, for Belarusian words without a Russian cognate (урад → правительство).
    private let belarusianRussian: BelarusianRussianLexicon?
    /// The language's one-sided boilerplate lines ("read also", photo credits).
    private let oneSidedLines: OneSidedLines
    /// Counts the sentences of a unit (en, ru, be; nil for other languages).
    private let segmenter: SentenceSegmenter?
    private var skeletonCache: [String: String] = [:]
    private var wordCache: [String: Token] = [:]

    /// `useLexicon`: English words get their Russian translations (`L:` keys), Russian and Belarusian words their
    /// Russian stems — set when the other side can meet them there.
    init(language: LanguageTag, useLexicon: Bool, interner: Interner) {
        self.language = language
        self.interner = interner
        let lang = language.language
        stemmer = lang.flatMap { Stemmer(language: $0) }
        russianStemmer = useLexicon && lang?.isCyrillic == true ? Stemmer(language: .ru) : nil
        pivotLexicon = useLexicon && lang == .en ? Lexicon.englishRussian : nil
        let scheme: String
        switch lang {
        case .ru: scheme = "Russian-Latin/BGN; Any-Latin; Latin-ASCII"
        // Russian BGN for Belarusian too, so that г is g on both sides (Belarusian BGN writes h); ў and і are
        // left to Any-Latin.
        case .be: scheme = "Russian-Latin/BGN; Any-Latin; Latin-ASCII"
        default: scheme = "Any-Latin; Latin-ASCII"
        }
        latin = SharedTransliterators.named(scheme)
        belarusianLemmas = useLexicon && lang == .be ? SharedDictionaries.belarusian : nil
        belarusianRussian = useLexicon && lang == .be ? BelarusianRussianLexicon.shared : nil
        oneSidedLines = OneSidedLines.bundled(language)
        segmenter = lang.flatMap { try? SentenceSegmenter(language: $0) }
    }

    /// True when units get their real sentence count (the language has a segmenter).
    var countsSentences: Bool { segmenter != nil }

    func features(of text: String) -> UnitFeatures {
        var unit = UnitFeatures(characters: 0, tokens: [], keySet: [], weight: 0)
        let nfc = text.normalized(.nfc)
        unit.characters = nfc.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) } + 1
        unit.isOneSided = oneSidedLines.matches(nfc)
        if let segmenter, Self.mayHoldSeveralSentences(nfc), let sentences = try? segmenter.segment(nfc) {
            unit.sentences = max(1, sentences.count)
        }
        for number in NumberScanner.numbers(in: nfc) {
            unit.tokens.append(Token(weight: 2, keys: [interner.id("N:" + number)], learnKey: nil))
        }
        let key = MatchingKey.make(nfc, language: language.language)
        for mark in ["?", "!", "\""] where key.contains(mark) {
            unit.tokens.append(Token(weight: 0.5, keys: [interner.id("Q:" + mark)], learnKey: nil))
        }
        for (word, capitalized) in Self.words(of: nfc, key: key) {
            if let month = Months.number(of: word) {
                unit.tokens.append(Token(weight: 1, keys: [interner.id("M:\(month)")], learnKey: nil))
                continue
            }
            if let cached = wordCache[word] {
                unit.tokens.append(cached)
                continue
            }
            guard let token = wordToken(word, capitalized: capitalized) else { continue }
            wordCache[word] = token
            unit.tokens.append(token)
        }
        unit.finish()
        return unit
    }

    /// False when no sentence can end before the unit's last letter or digit (no sentence-terminal mark, ellipsis or
    /// line break before it): the unit is one sentence and the segmenter need not run.
    static func mayHoldSeveralSentences(_ text: String) -> Bool {
        var seenEnd = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isSentenceTerminal || scalar == "…" || scalar.properties.generalCategory == .lineSeparator
                || scalar.properties.generalCategory == .paragraphSeparator || scalar == "\n" || scalar == "\r" {
                seenEnd = true
            } else if seenEnd && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                return true
            }
        }
        return false
    }

    /// The token of one word (nil for function words and short words), with all its keys.
    func wordToken(_ word: String, capitalized: Bool) -> Token? {
        let letters = word.count
        guard letters >= 3 || capitalized && letters >= 2, !FunctionWords.all.contains(word) else { return nil }
        var keys: [Int32] = [interner.id("W:" + word)]
        let skeleton = self.skeleton(of: word)
        if skeleton.count >= 3 { keys.append(interner.id("C:" + skeleton)) }
        if language.language?.isCyrillic == true, letters >= 4 { keys.append(interner.id("R:" + Self.cyrillicPrefix(word))) }
        let stem = stemmer?.stem(word) ?? String(word.prefix(6))
        if let pivotLexicon {
            for russian in pivotLexicon.russianStems(ofEnglishStem: stem) { keys.append(interner.id("L:" + Self.vowelFolded(russian.prefix(5)))) }
        } else if let russianStemmer {
            let russianLike = language.language == .be ? Self.russianized(word) : word
            keys.append(interner.id("L:" + Self.vowelFolded(russianStemmer.stem(russianLike).prefix(5))))
            let lemmas = belarusianLemmas?.stems(word).map { $0.lowercased() } ?? []
            if let lemma = lemmas.first, lemma != word {
                let key = interner.id("L:" + Self.vowelFolded(russianStemmer.stem(Self.russianized(lemma)).prefix(5)))
                if !keys.contains(key) { keys.append(key) }
            }
            // Belarusian words without a Russian cognate (урад → правительство) through Apertium's BE–RU pairs.
            if let belarusianRussian {
                for form in [word] + lemmas {
                    for russian in belarusianRussian.russian(of: form) {
                        let key = interner.id("L:" + Self.vowelFolded(russianStemmer.stem(russian).prefix(5)))
                        if !keys.contains(key) { keys.append(key) }
                    }
                }
            }
        }
        return Token(weight: 1, keys: keys, learnKey: interner.id("S:" + stem))
    }

    /// Words of the matching key (letters only), each with whether it was capitalized in the text.
    static func words(of text: String, key: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        var capitalizedWords = Set<String>()
        var current = "", first: Character?
        func flush(_ into: inout Set<String>) {
            if let first, first.isUppercase, !current.isEmpty { into.insert(current.lowercased()) }
            current = ""
            first = nil
        }
        for c in text {
            if c.isLetter {
                if current.isEmpty { first = c }
                current.append(c)
            } else { flush(&capitalizedWords) }
        }
        flush(&capitalizedWords)
        var word = ""
        for c in key {
            if c.isLetter { word.append(c) } else if !word.isEmpty {
                result.append((word, capitalizedWords.contains(word)))
                word = ""
            }
        }
        if !word.isEmpty { result.append((word, capitalizedWords.contains(word))) }
        return result
    }

    /// A cross-script key: the word in ASCII Latin, spelling variants merged (z→s, w→v, kh→h…), vowels after the
    /// first letter dropped, doubled letters collapsed, first 4 letters. "Патрушев", "Патрушаў", "Patrushev" → ptrs.
    func skeleton(of word: String) -> String {
        if let cached = skeletonCache[word] { return cached }
        let ascii = (latin?.transliterate(word) ?? word).lowercased()
        var s = ascii.unicodeScalars.filter { ("a"..."z").contains($0) }.map(Character.init).reduce(into: "") { $0.append($1) }
        for (from, to) in [("shch", "s"), ("sch", "s"), ("tch", "k"), ("ch", "k"), ("sh", "s"), ("zh", "j"), ("kh", "h"),
                           ("ts", "c"), ("tz", "c"), ("ph", "f"), ("th", "t"), ("dz", "d"), ("gue", "g"), ("qu", "k")] {
            s = s.replacingAll(from, with: to)
        }
        var out = ""
        var previous: Character?
        for (offset, c) in s.enumerated() {
            var mapped: Character = c
            switch c {
            case "z": mapped = "s"
            case "w": mapped = "v"
            case "x": mapped = "s"
            case "c": mapped = "k"
            case "g": mapped = "g"
            default: break
            }
            let vowel = "aeiouy".contains(mapped)
            if offset > 0 && vowel { previous = nil; continue }
            if mapped == previous { continue }
            out.append(mapped)
            previous = mapped
            if out.count == 4 { break }
        }
        skeletonCache[word] = out
        return out
    }

    /// Russian and Belarusian spell unstressed vowels differently (ваенны/военный): а/о, е/я/э/ё and и/ы/і are
    /// merged in the keys both sides meet on.
    static func vowelFolded(_ stem: Substring) -> String {
        var out = ""
        for c in stem {
            switch c {
            case "а", "о": out.append("о")
            case "е", "я", "э", "ё": out.append("е")
            case "ы", "й", "і": out.append("и")
            case "ў": out.append("в")
            default: out.append(c)
            }
        }
        return out
    }

    /// The first four letters of a Cyrillic word with the Russian–Belarusian spelling differences folded
    /// (і→и, ў→в, а/о, е/э/я/ё, и/ы/й, дз→д, ц→т before soft vowels): Масква and Москва → моск.
    static func cyrillicPrefix(_ word: String) -> String {
        var out = ""
        for c in russianized(word) {
            switch c {
            case "а", "о": out.append("о")
            case "е", "я": out.append("е")
            case "ы", "й": out.append("и")
            default: out.append(c)
            }
            if out.count == 4 { break }
        }
        return out
    }

    /// A Belarusian word spelled the Russian way where the spelling rules differ, for the Russian stemmer and lexicon.
    static func russianized(_ word: String) -> String {
        var s = word
        for (from, to) in [("шч", "щ"), ("дзе", "де"), ("дзі", "ди"), ("дзя", "дя"), ("дзё", "дё"), ("дзю", "дю"), ("ць", "ть"),
                           ("цы", "ти"), ("ці", "ти"), ("ця", "тя"), ("цю", "тю"), ("цё", "тё"), ("'", ""), ("’", "")] {
            s = s.replacingAll(from, with: to)
        }
        var out = ""
        for c in s {
            switch c {
            case "і": out.append("и")
            case "ў": out.append("в")
            case "э": out.append("е")
            case "ё": out.append("е")
            default: out.append(c)
            }
        }
        return out
    }
}

/// Hunspell dictionaries opened once per process (loading one takes a while); each is thread-safe.
enum SharedDictionaries {
    static let belarusian: HunspellDictionary? = HunspellDictionary(language: .be)
}

/// Transliterators opened once per process (opening one compiles its rules); each is thread-safe.
enum SharedTransliterators {
    private static let cache = Mutex<[String: ICUTransliterator]>([:])

    static func named(_ id: String) -> ICUTransliterator? {
        if let open = cache.withLock({ $0[id] }) { return open }
        guard let opened = try? ICUTransliterator(id: id) else { return nil }
        return cache.withLock { table in
            if let open = table[id] { return open }
            table[id] = opened
            return opened
        }
    }
}

extension String {
    /// Every occurrence of `target` replaced (byte-wise on UTF-8, which cannot match inside a character).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let bytes = Array(utf8), pattern = Array(target.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0, replaced = false
        while i < bytes.count {
            if bytes[i] == pattern[0], i + pattern.count <= bytes.count, bytes[i..<i + pattern.count].elementsEqual(pattern) {
                out.append(contentsOf: replacement.utf8)
                i += pattern.count
                replaced = true
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return replaced ? String(decoding: out, as: UTF8.self) : self
    }
}

/// Numbers in text, normalized so that "1,000", "1 000" and "1000" agree, and "3.5" and "3,5".
enum NumberScanner {
    static func numbers(in text: String) -> [String] {
        var result: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard isDigit(scalars[i]) else { i += 1; continue }
            var groups: [String] = []
            var separators: [Unicode.Scalar] = []
            var current = ""
            while i < scalars.count {
                let s = scalars[i]
                if isDigit(s) {
                    current.unicodeScalars.append(s)
                    i += 1
                } else if [",", ".", " ", "\u{A0}", "\u{202F}", "\u{2009}"].contains(s), i + 1 < scalars.count, isDigit(scalars[i + 1]) {
                    groups.append(current)
                    separators.append(s)
                    current = ""
                    i += 1
                } else { break }
            }
            groups.append(current)
            result.append(contentsOf: interpret(groups: groups, separators: separators))
        }
        return result
    }

    /// Groups of digits between separators: a 3-digit group continues the number (thousands); another group after
    /// `,` or `.` is its decimal part and ends it; after a space it starts a new number.
    static func interpret(groups: [String], separators: [Unicode.Scalar]) -> [String] {
        var numbers: [String] = []
        var integer: String? = groups[0]
        for k in 1..<max(1, groups.count) where k < groups.count {
            let group = groups[k], separator = separators[k - 1]
            guard let current = integer else {
                integer = group
                continue
            }
            if group.count == 3 {
                integer = current + group
            } else if separator == "," || separator == "." {
                numbers.append(trimmed(current) + "." + group)
                integer = nil
            } else {
                numbers.append(trimmed(current))
                integer = group
            }
        }
        if let integer { numbers.append(trimmed(integer)) }
        return numbers
    }

    static func trimmed(_ digits: String) -> String {
        let t = digits.drop { $0 == "0" }
        return t.isEmpty ? "0" : String(t)
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}

/// Month names of the languages in the dev data and the agencies' languages, to a month number: a stem of at
/// least five letters followed by at most three letters of ending, or an exact short form.
enum Months {
    static let stems: [(String, Int)] = [
        ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("august", 8), ("september", 9),
        ("october", 10), ("november", 11), ("december", 12),
        ("январ", 1), ("феврал", 2), ("апрел", 4), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
        ("студзен", 1), ("студзен", 1), ("сакавік", 3), ("красавік", 4), ("траўн", 5), ("чэрвен", 6), ("ліпен", 7),
        ("жнівен", 8), ("жніўн", 8), ("верас", 9), ("кастрычнік", 10), ("лістапад", 11), ("снежан", 12), ("снежн", 12),
        ("januar", 1), ("februar", 2), ("oktober", 10), ("dezember", 12),
        ("janvier", 1), ("février", 2), ("avril", 4), ("juillet", 7), ("septembre", 9), ("octobre", 10),
        ("novembre", 11), ("décembre", 12),
    ]
    static let exact: [String: Int] = [
        "may": 5, "june": 6, "july": 7,
        "март": 3, "марта": 3, "марте": 3, "май": 5, "мая": 5, "мае": 5, "июнь": 6, "июня": 6, "июне": 6,
        "июль": 7, "июля": 7, "июле": 7,
        "люты": 2, "лютага": 2, "лютым": 2, "травень": 5, "чэрвень": 6, "ліпень": 7, "жнівень": 8, "снежань": 12,
        "märz": 3, "mai": 5, "juni": 6, "juli": 7, "mars": 3, "juin": 6, "août": 8,
    ]

    static func number(of word: String) -> Int? {
        if let n = exact[word] { return n }
        guard word.count >= 5 else { return nil }
        for (stem, n) in stems where word.hasPrefix(stem) && word.count <= stem.count + 3 { return n }
        return nil
    }
}
/// Function words of English, Russian and Belarusian: they occur in almost every unit and their dictionary
/// translations match almost anything, so they are not evidence.
enum FunctionWords {
    static let all: Set<String> = Set("""
        the and for was are has had have been but not its his her hers him who whom whose that this these those with \
        from were will would could should shall can may might must they them their there here then than also which \
        what when where while about into onto over under after before between through during without within upon \
        such some any all each every other others more most much many very just only even still yet again too \
        our ours your yours she he it we you one ones said says say being does did doing done how why whether \
        что это как для или его был была было были она они оно так все всё при над под без также который которая \
        которое которые которых котором которой этот эта эти того тем том чем если уже еще ещё может могут \
        будет быть есть нет них ним него нее неё ней вот где когда чтобы этого этом этой этих свой своей своих \
        своё свое сказал заявил отметил \
        што гэта як або яго быў была было былі яна яны яно ўсе усе пры пад без таксама які якая якое якія якіх \
        гэты гэтая гэтыя таго тым чым калі ўжо яшчэ можа будзе быць ёсць няма іх ім яго яе ёй дзе каб сказаў
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
}
