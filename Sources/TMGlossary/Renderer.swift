import TMCore
import TMText

/// Turns a Cyrillic name into Latin letters (a romanization scheme). Injected, so any scheme registry can serve.
public typealias Romanize = @Sendable (String) -> String

/// One replaced span of a rendered text.
public struct RenderedName: Hashable, Sendable {
    /// Where a rendering came from.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The concept's preferred English term.
        case glossary
        /// Not in the glossary: romanized by the scheme, for a person to check.
        case guessed
    }
    public var kind: Kind
    /// The source words as written and what replaced them.
    public var source: String
    public var rendering: String
    /// The concept, for glossary renderings.
    public var conceptID: String?
    public var offset: Int
    public var line: Int
    public var column: Int
}

/// The result of rendering a text: the text with names replaced, and each replacement.
public struct Rendering: Hashable, Sendable {
    public var text: String
    public var names: [RenderedName]
}

/// Renders the names and institutions of a Russian or Belarusian text in English: glossary terms by their preferred
/// English term, other capitalized names by the romanization scheme (of the dictionary's lemma when it knows the
/// name: Сергея → Sergey), marked `⟨…⟩` as guesses; the same name (same stem) gets the same rendering throughout.
public struct GlossaryRenderer: Sendable {
    public let matcher: GlossaryMatcher
    public let romanize: Romanize
    public let target: LanguageTag

    /// Marks around a guessed (romanized) name.
    public static let guessOpen = "⟨", guessClose = "⟩"

    /// A renderer into `target` (English) with `romanize` for names not in the glossary.
    public init(matcher: GlossaryMatcher, romanize: @escaping Romanize, target: LanguageTag = .en) {
        self.matcher = matcher
        self.romanize = romanize
        self.target = target
    }

    /// Renders `text` written in `language`. Rendering a rendered text changes nothing.
    /// - Complexity: O(w) dictionary look-ups for w words, plus the matcher's cost.
    public func render(_ text: String, from language: Language) -> Rendering {
        var names: [(range: Range<String.Index>, name: RenderedName)] = []
        for match in matcher.matches(in: text, languages: [language]) {
            guard let english = match.rendering(in: target) else { continue }
            names.append((match.range, RenderedName(kind: .glossary, source: match.text, rendering: english,
                                                    conceptID: match.concept.id, offset: match.offset, line: match.line,
                                                    column: match.column)))
        }
        let covered = names.map(\.range) + Self.guessedSpans(in: text)
        let capitalized = WordTokenizer.tokens(text).filter { word in
            word.isCapitalized && !covered.contains { $0.overlaps(word.range) }
                && word.text.unicodeScalars.contains { Script.of($0) == .cyrillic }
        }
        // A capitalized word inside a sentence is a name; at the start of one, when the dictionary does not know it
        // as a common word or the same name occurs inside a sentence elsewhere in the text.
        let namesInside = Set(capitalized.filter { !$0.startsSentence }.map { matcher.keys.nameStem($0.text) })
        let words = capitalized.filter { word in
            !word.startsSentence || namesInside.contains(matcher.keys.nameStem(word.text))
                || !matcher.keys.isCommonWord(word.text, language: language)
        }
        var byStem: [String: String] = [:]
        var runStart = 0
        while runStart < words.count {
            var runEnd = runStart + 1
            while runEnd < words.count,
                  text[words[runEnd - 1].range.upperBound..<words[runEnd].range.lowerBound].allSatisfy({ $0 == " " }) {
                runEnd += 1
            }
            let run = words[runStart..<runEnd]
            // A first name the dictionary knows in an oblique case (Ивана, Іванам) tells the case of the
            // surname after it: Ивана Петрова is the genitive of Иван Петров, not a woman's name.
            let firstLemma = run.count > 1 ? run.first.flatMap { matcher.keys.nameLemma($0.text, language: language) } : nil
            let obliqueCase = firstLemma.map { matcher.keys.key($0[...]) != matcher.keys.key(run[run.startIndex].text) } ?? false
            let rendered = run.enumerated().map { index, word -> String in
                var lemma = matcher.keys.nameLemma(word.text, language: language)
                if lemma == nil, obliqueCase, index == run.count - 1 {
                    lemma = Self.masculineSurname(String(word.text), language: language)
                }
                // After a first name in the nominative, a surname in -а is a woman's (Анна Петрова), not Петров's.
                let feminine = firstLemma != nil && !obliqueCase && index == run.count - 1 && lemma == nil
                    && (word.text.last == "а" || word.text.last == "А")
                let stem = feminine ? matcher.keys.key(word.text) : matcher.keys.nameStem(lemma.map { $0[...] } ?? word.text)
                if let earlier = byStem[stem] { return earlier }
                let fresh = romanize(lemma ?? String(word.text))
                byStem[stem] = fresh
                return fresh
            }.joined(separator: " ")
            guard let first = run.first, let last = run.last else { break }
            let range = first.range.lowerBound..<last.range.upperBound
            names.append((range, RenderedName(kind: .guessed, source: String(text[range]),
                                              rendering: Self.guessOpen + rendered + Self.guessClose, conceptID: nil,
                                              offset: first.offset, line: first.line, column: first.column)))
            runStart = runEnd
        }
        names.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out = ""
        var cursor = text.startIndex
        for (range, name) in names {
            out += text[cursor..<range.lowerBound]
            out += name.rendering
            cursor = range.upperBound
        }
        out += text[cursor...]
        return Rendering(text: out, names: names.map(\.name))
    }

    /// The nominative of a masculine surname in -ов/-ев/-ин (be -оў/-аў/-еў/-ін) in an oblique case:
    /// Петрова, Петрову, Петрове → Петров; Пятрова, Пятрову → Пятроў. Nil for other words.
    static func masculineSurname(_ word: String, language: Language) -> String? {
        var scalars = Array(word.unicodeScalars)
        guard scalars.count > 4, let last = scalars.last, "ауеАУЕ".unicodeScalars.contains(last) else { return nil }
        scalars.removeLast()
        let tail = String(String.UnicodeScalarView(scalars.suffix(2))).lowercased()
        switch (language, tail) {
        case (.ru, "ов"), (.ru, "ев"), (.ru, "ёв"), (.ru, "ин"), (.ru, "ын"), (.be, "ін"), (.be, "ын"):
            return String(String.UnicodeScalarView(scalars))
        case (.be, "ов"), (.be, "ав"), (.be, "ев"), (.be, "эв"):
            return String(String.UnicodeScalarView(scalars.dropLast())) + "ў"
        default:
            return nil
        }
    }

    /// The spans already marked as guesses (`⟨…⟩`), left alone so that rendering twice changes nothing.
    static func guessedSpans(in text: String) -> [Range<String.Index>] {
        var spans: [Range<String.Index>] = []
        var rest = text[...]
        while let open = rest.range(of: guessOpen), let close = rest[open.upperBound...].range(of: guessClose) {
            spans.append(open.lowerBound..<close.upperBound)
            rest = rest[close.upperBound...]
        }
        return spans
    }

    /// Reverse look-up of English text: each glossary term found (with the concept's Cyrillic terms), and for other
    /// capitalized words, a transliteration into each Cyrillic language by `cyrillicCandidates`.
    public static func reverse(_ text: String, matcher: GlossaryMatcher,
                               cyrillicCandidates: (String) -> [(LanguageTag, String)]) -> [ReverseEntry] {
        var result: [ReverseEntry] = []
        let matches = matcher.matches(in: text, languages: [.en])
        for match in matches {
            result.append(ReverseEntry(english: match.text, conceptID: match.concept.id,
                                       candidates: [LanguageTag.ru, .be].compactMap { language in
                                           match.rendering(in: language).map { (language, $0) }
                                       }.map { ReverseEntry.Candidate(language: $0.0, text: $0.1) }, offset: match.offset))
        }
        for word in WordTokenizer.tokens(text) where word.isCapitalized && !matches.contains(where: { $0.range.overlaps(word.range) })
            && word.text.unicodeScalars.allSatisfy({ Script.of($0) != .cyrillic }) {
            result.append(ReverseEntry(english: String(word.text), conceptID: nil,
                                       candidates: cyrillicCandidates(String(word.text)).map { ReverseEntry.Candidate(language: $0.0, text: $0.1) },
                                       offset: word.offset))
        }
        return result.sorted { $0.offset < $1.offset }
    }
}

/// An English name and its Cyrillic candidates: the glossary concept's terms, or transliterations (no concept).
public struct ReverseEntry: Hashable, Sendable {
    /// A Cyrillic candidate in one language.
    public struct Candidate: Hashable, Sendable {
        public var language: LanguageTag
        public var text: String
    }
    public var english: String
    public var conceptID: String?
    public var candidates: [Candidate]
    public var offset: Int
}
