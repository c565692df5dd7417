import Foundation
import TMCore

/// One sentence of a segmented text.
public struct Sentence: Sendable, Hashable, Codable {
    /// The sentence as written, without surrounding whitespace.
    public var text: String
    /// The 0-based paragraph the sentence belongs to (paragraphs are separated by blank lines).
    public var paragraph: Int
    /// Where the sentence is in the segmented text, in UTF-16 code units (`NSRange`/JavaScript offsets).
    public var range: Range<Int>

    /// A sentence at a UTF-16 `range` of the text it came from.
    public init(text: String, paragraph: Int, range: Range<Int>) {
        self.text = text
        self.paragraph = paragraph
        self.range = range
    }

    /// The sentence's place as `String.Index`es into `source` (the text it was segmented from), or nil when the
    /// range does not fit that text.
    public func range(in source: String) -> Range<String.Index>? {
        let utf16 = source.utf16
        guard let lower = utf16.index(utf16.startIndex, offsetBy: range.lowerBound, limitedBy: utf16.endIndex),
              let upper = utf16.index(lower, offsetBy: range.count, limitedBy: utf16.endIndex) else { return nil }
        return lower..<upper
    }
}

/// Splits English, Russian and Belarusian text into sentences and paragraphs.
///
/// ICU's sentence break iterator proposes the breaks (locales `en`, `ru`, `be`); tmkit adds the ones ICU's rules
/// never make (". 46 ships", ". — Сейчас", "… Нет") and then removes those that follow abbreviations ("Mr.",
/// "г.", "т. е."), initials ("А.Г. Лукашенко"), list numbers and labels ("1.", "Q."), and those before a word in lower case
/// after a closing quote or a dash ("«Почему?» — спросил он").
/// The exception lists are data files (`Resources/Segmentation/{en,ru,be}.txt`). A line break always ends a
/// sentence unless the next line starts in lower case; a blank line also ends the paragraph.
///
///     let segmenter = try SentenceSegmenter(language: .ru)
///     segmenter.segment("Встреча прошла в г. Минске. Её провёл А.Г. Лукашенко.").map(\.text)
///     // ["Встреча прошла в г. Минске.", "Её провёл А.Г. Лукашенко."]
public struct SentenceSegmenter: Sendable {
    /// The language whose rules are used.
    public let language: Language
    /// The exception lists in use.
    public let rules: SegmentationRules
    private let locale: String

    /// A segmenter with the bundled exception lists of `language`.
    public init(language: Language) throws {
        try self.init(language: language, rules: SegmentationRules.bundled(language))
    }

    /// A segmenter with the given exception lists (for tests and custom lists).
    public init(language: Language, rules: SegmentationRules) throws {
        self.language = language
        self.rules = rules
        switch language {
        // Not `en@ss=standard`: ICU's suppression matches a suffix without a word boundary, so its entry "O."
        // keeps "NATO. Macedonian …" together and "Act." keeps "… the Act. The …"; the lists here cover its titles.
        case .en: locale = "en"
        case .ru: locale = "ru"
        case .be: locale = "be"
        }
        // Opens the ICU iterator once so a broken ICU installation fails here, not on first use.
        _ = try BreakIterator.boundaries(.sentence, in: "A. B", locale: locale)
    }

    /// The sentences of a plain text, in order, with paragraph indices and UTF-16 ranges into `text`.
    /// An empty or blank text has no sentences.
    /// - Complexity: O(n) in the length of the text.
    public func segment(_ text: String) throws -> [Sentence] {
        let units = text.utf16Units
        if units.isEmpty { return [] }
        let breaks = try BreakIterator.boundaries(.sentence, units: units, locale: locale)
        var pass = ExceptionPass(units: units, rules: rules)
        var start = 0
        for boundary in breaks {
            for cut in pass.missedBreaks(in: start..<boundary.offset) {
                pass.add(piece: start..<cut)
                start = cut
            }
            pass.add(piece: start..<boundary.offset)
            start = boundary.offset
        }
        return pass.finish()
    }

    /// The sentences of an HTML page's article text (see `HTMLText.extract`); ranges refer to that extracted text.
    public func segment(html: String) throws -> [Sentence] {
        try segment(HTMLText.extract(html))
    }

    /// The sentences of a document in the given format.
    public func segment(_ text: String, format: DocumentFormat) throws -> [Sentence] {
        switch format {
        case .text: try segment(text)
        case .html: try segment(html: text)
        }
    }
}

/// Whether an input is plain text or an HTML page.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text, html

    /// Detects the format from a file extension (`.html`, `.htm`, `.xhtml`) or, failing that, from the content:
    /// HTML when the text starts with a tag and an `<html`, `<!doctype html`, `<body`, `<p`, `<div` or
    /// `<article` tag appears near the start.
    public static func detect(content: String, fileExtension: String? = nil) -> DocumentFormat {
        if let ext = fileExtension?.lowercased(), ["html", "htm", "xhtml"].contains(ext) { return .html }
        let head = content.unicodeScalars.prefix(4096)
        guard let first = head.first(where: { !$0.properties.isWhitespace && $0 != "\u{FEFF}" }), first == "<" else {
            return .text
        }
        let lowered = String(String.UnicodeScalarView(head)).lowercased()
        let markers = ["<html", "<!doctype html", "<body", "<p>", "<p ", "<div", "<article", "<h1", "<br"]
        return markers.contains { lowered.contains($0) } ? .html : .text
    }
}

/// The exception lists of one language (see `Resources/Segmentation/README.txt`).
public struct SegmentationRules: Sendable {
    /// Abbreviations after which a sentence never ends ("Mr.", "ул.", "т.е."), spaces removed.
    public private(set) var neverFinal: Set<String> = []
    /// Abbreviations that end a sentence only before a sentence starter ("Ltd.", "г.", "тыс."), spaces removed.
    public private(set) var ambiguous: Set<String> = []
    /// Abbreviations of units, amounts and years ("г.", "тыс.", "км."): after a number they end a sentence
    /// before any word not in lower case; elsewhere they are ambiguous ("г. Минск").
    public private(set) var units: Set<String> = []
    /// Abbreviations that end sentences like ordinary words, listed because a shorter entry would match them
    /// ("и т. д." ends a sentence although "д." alone never does).
    public private(set) var final: Set<String> = []
    /// Words that begin sentences and are rarely names ("The", "В", "Але").
    public private(set) var starters: Set<String> = []

    /// Parses a rules file; `file` names it in errors (an unknown `[class]` or an entry before any class).
    public init(parsing text: String, file: String) throws {
        var section: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            if line.hasPrefix("[") && line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
                guard ["never", "ambiguous", "units", "final", "starters"].contains(section ?? "") else {
                    throw ICUError(code: Self.parseError, operation: "read segmentation rules: unknown class \(line)",
                                   location: SourceLocation(file: file, line: index + 1))
                }
                continue
            }
            let entry = line.filter { !$0.isWhitespace }
            switch section {
            case "never": Self.insert(entry, into: &neverFinal)
            case "ambiguous": Self.insert(entry, into: &ambiguous)
            case "units": Self.insert(entry, into: &units)
            case "final": Self.insert(entry, into: &final)
            case "starters": starters.insert(entry)
            default:
                throw ICUError(code: Self.parseError, operation: "read segmentation rules: entry before any [class]",
                               location: SourceLocation(file: file, line: index + 1))
            }
        }
    }

    /// The bundled lists for `language` (`Resources/Segmentation/<language>.txt`).
    public static func bundled(_ language: Language) throws -> SegmentationRules {
        let cache = bundledCache
        if let rules = cache.withLock({ $0[language] }) { return rules }
        let name = "\(language.rawValue).txt"
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "txt",
                                          subdirectory: "Resources/Segmentation"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ICUError(code: 4, operation: "read the bundled segmentation rules",  // U_FILE_ACCESS_ERROR
                           location: SourceLocation(file: "Resources/Segmentation/\(name)"))
        }
        let rules = try SegmentationRules(parsing: text, file: name)
        cache.withLock { $0[language] = rules }
        return rules
    }

    /// ICU's U_PARSE_ERROR, the code rules-file errors carry.
    static let parseError: Int32 = 9

    private static let bundledCache = LockedCache()

    /// An entry also matches with its first letter capitalized (at the start of a sentence: "Т.е.", "Vs.").
    private static func insert(_ entry: String, into set: inout Set<String>) {
        set.insert(entry)
        if let first = entry.first, first.isLowercase { set.insert(first.uppercased() + entry.dropFirst()) }
    }
}

/// Sendable notes: the dictionary is only touched under the lock.
private final class LockedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var rules: [Language: SegmentationRules] = [:]
    func withLock<T>(_ body: (inout [Language: SegmentationRules]) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&rules)
    }
}

/// Joins ICU's pieces into sentences: one pass over the pieces, deciding at each break whether it stands.
private struct ExceptionPass {
    let units: [UInt16]
    let rules: SegmentationRules
    var sentences: [Sentence] = []
    /// The sentence being built: its content range (whitespace trimmed).
    var current: Range<Int>?
    var paragraph = 0
    /// Line breaks seen since the end of `current`.
    var newlines = 0

    init(units: [UInt16], rules: SegmentationRules) {
        self.units = units
        self.rules = rules
    }

    mutating func add(piece: Range<Int>) {
        var lower = piece.lowerBound, upper = piece.upperBound
        while lower < upper, isSpace(units[lower]) { countNewline(at: lower); lower += 1 }
        if lower == upper { return }
        var end = upper
        while end > lower, isSpace(units[end - 1]) { end -= 1 }
        let content = lower..<end
        if let sentence = current {
            if joins(sentence, content) {
                current = sentence.lowerBound..<content.upperBound
            } else {
                emit(sentence)
                if newlines >= 2 { paragraph += 1 }
                current = content
            }
        } else {
            current = content
        }
        newlines = 0
        for i in end..<upper { countNewline(at: i) }
    }

    mutating func finish() -> [Sentence] {
        if let sentence = current { emit(sentence) }
        current = nil
        return sentences
    }

    private mutating func emit(_ range: Range<Int>) {
        sentences.append(Sentence(text: String(utf16Units: units[range]), paragraph: paragraph, range: range))
    }

    private mutating func countNewline(at i: Int) {
        let u = units[i]
        if u == 0x0A || u == 0x2029 || u == 0x85 || (u == 0x0D && (i + 1 == units.count || units[i + 1] != 0x0A)) {
            newlines += 1
        }
    }

    /// Whether the break between `left` (the sentence so far) and `right` (ICU's next piece) is false.
    private func joins(_ left: Range<Int>, _ right: Range<Int>) -> Bool {
        if newlines >= 2 { return false }
        let next = firstWord(of: right)
        if newlines == 1 {
            // A wrapped line continues the sentence only when it goes on in lower case after a word.
            return next.startsLowercase && !isTerminal(units[left.upperBound - 1])
        }
        if next.startsWithContinuation { return true }
        if next.startsLowercase && (next.afterDash || isCloser(units[left.upperBound - 1])) { return true }
        guard units[left.upperBound - 1] == 0x2E else { return false }  // the exceptions all end in "."
        let tokens = lastTokens(of: left, count: 3)
        guard let last = tokens.last else { return false }
        // A list marker ("1.", "IV.") or a label of capitals ("Q.", "A.", "P.S.") is not a sentence by itself.
        if tokens.count == 1 && (isListNumber(last) || isInitials(last)) { return true }
        // The longest listed tail decides: "т. д." (final) before "д." (never).
        for k in stride(from: tokens.count, through: 1, by: -1) {
            let tail = tokens[(tokens.count - k)...].joined()
            if rules.final.contains(tail) { return false }
            if rules.neverFinal.contains(tail) { return true }
            if rules.units.contains(tail) {
                // "23 см.", "$135 млрд." — but not "350000, г. Краснодар" (a postcode in an address).
                let afterNumber = k < tokens.count && tokens[tokens.count - k - 1].last?.isNumber == true
                if afterNumber { return next.startsLowercase }
                return !next.isStarter(rules.starters)
            }
            if rules.ambiguous.contains(tail) { return !next.isStarter(rules.starters) }
        }
        if isInitials(last) { return !next.isStarter(rules.starters) }
        return false
    }

    /// The first word of a piece, after dashes, quotes and brackets.
    private func firstWord(of range: Range<Int>) -> NextWord {
        var i = range.lowerBound
        var continuation = false
        if let s = scalar(units[i]), ",;:)]}".unicodeScalars.contains(s) { continuation = true }
        let dash = isDash(units[i])
        while i < range.upperBound, let s = scalar(units[i]), !s.properties.isAlphabetic, !isDigit(units[i]) { i += 1 }
        var end = i
        while end < range.upperBound, !isSpace(units[end]) { end += 1 }
        var word = String(utf16Units: units[i..<end])
        let initial = Self.isInitialsToken(word)
        while let last = word.unicodeScalars.last, !last.properties.isAlphabetic, !("0"..."9").contains(last) {
            word.unicodeScalars.removeLast()
        }
        let lower = word.unicodeScalars.first.map { $0.properties.isLowercase } ?? false
        return NextWord(word: word, startsLowercase: lower, startsWithContinuation: continuation, afterDash: dash,
                        isInitial: initial)
    }

    /// Up to `count` whitespace-separated tokens ending the range, opening quotes and brackets removed.
    private func lastTokens(of range: Range<Int>, count: Int) -> [String] {
        var tokens: [String] = []
        var end = range.upperBound
        while tokens.count < count && end > range.lowerBound {
            var start = end
            while start > range.lowerBound, !isSpace(units[start - 1]) { start -= 1 }
            var token = String(utf16Units: units[start..<end])
            while let first = token.unicodeScalars.first, "([{«„“\"'‘".unicodeScalars.contains(first) {
                token.unicodeScalars.removeFirst()
            }
            tokens.insert(token, at: 0)
            end = start
            while end > range.lowerBound, isSpace(units[end - 1]) { end -= 1 }
        }
        return tokens
    }

    /// "1.", "12.", "IV." — a list marker standing alone.
    private func isListNumber(_ token: String) -> Bool {
        let body = token.dropLast()
        guard token.hasSuffix("."), !body.isEmpty else { return false }
        return body.allSatisfy(\.isASCII) && (body.allSatisfy(\.isNumber) || body.allSatisfy { "IVXLC".contains($0) })
    }

    private func isInitials(_ token: String) -> Bool { Self.isInitialsToken(token) }

    /// One or more capital letters each followed by a dot: "А.", "А.Г.", "U.S.".
    static func isInitialsToken(_ token: String) -> Bool {
        let scalars = Array(token.unicodeScalars)
        guard !scalars.isEmpty, scalars.count % 2 == 0 else { return false }
        for i in stride(from: 0, to: scalars.count, by: 2) {
            guard scalars[i].properties.isUppercase, scalars[i + 1] == "." else { return false }
        }
        return true
    }

    /// Breaks ICU's rules never make inside a piece: after sentence punctuation and a space, before a number
    /// (ICU reads ". 46 ships" as one sentence), before a dash and a capital ("… выходных. — Сейчас мы …",
    /// which ICU treats as a continuation), and after "…" before a capital. The exception pass then judges them.
    func missedBreaks(in piece: Range<Int>) -> [Int] {
        var cuts: [Int] = []
        var i = piece.lowerBound
        var brackets = 0  // inside "( … )" nothing is added: "(… группами. - Ред.)"
        while i < piece.upperBound {
            let u = units[i]
            i += 1
            if u == 0x28 || u == 0x5B { brackets += 1 } else if (u == 0x29 || u == 0x5D) && brackets > 0 { brackets -= 1 }
            guard brackets == 0, u == 0x2E || u == 0x21 || u == 0x3F || u == 0x2026 else { continue }
            var j = i
            while j < piece.upperBound, isCloser(units[j]) { j += 1 }
            let spaceStart = j
            while j < piece.upperBound, isSpace(units[j]), units[j] != 0x0A { j += 1 }
            guard j > spaceStart, j < piece.upperBound else { continue }
            var k = j
            while k < piece.upperBound, isOpener(units[k]) { k += 1 }
            guard k < piece.upperBound else { continue }
            let next = units[k]
            if isDigit(next) && u == 0x2E {
                cuts.append(j)
            } else if isDash(next) {
                // "— Сейчас", "-Supports": a dash, an optional space, a capital.
                var m = k + 1
                if m < piece.upperBound, isSpace(units[m]) { m += 1 }
                if m < piece.upperBound, isUppercase(units[m]) { cuts.append(j) }
            } else if u == 0x2026 && isUppercase(next) {
                cuts.append(j)
            }
        }
        return cuts
    }

    private func scalar(_ unit: UInt16) -> Unicode.Scalar? { Unicode.Scalar(unit) }

    private func isUppercase(_ unit: UInt16) -> Bool { scalar(unit)?.properties.isUppercase ?? false }

    private func isDash(_ unit: UInt16) -> Bool { unit == 0x2D || unit == 0x2013 || unit == 0x2014 || unit == 0x2212 }

    /// Opening quotes and brackets.
    private func isOpener(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x22, 0x27, 0x28, 0x5B, 0xAB, 0x2018, 0x201C, 0x201E, 0x2039: true
        default: false
        }
    }

    /// Closing quotes and brackets that may follow sentence punctuation.
    private func isCloser(_ unit: UInt16) -> Bool {
        switch unit {
        case 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x2019, 0x201D, 0x203A: true
        default: false
        }
    }

    private func isDigit(_ unit: UInt16) -> Bool { unit >= 0x30 && unit <= 0x39 }

    /// Sentence-final punctuation (a wrapped line never continues after it).
    private func isTerminal(_ unit: UInt16) -> Bool {
        unit == 0x2E || unit == 0x21 || unit == 0x3F || unit == 0x2026 || unit == 0x3A || unit == 0x3B
    }
}

/// The word after a candidate break.
private struct NextWord {
    let word: String
    let startsLowercase: Bool
    /// The piece starts with punctuation that only continues a sentence (",", ";", ")").
    let startsWithContinuation: Bool
    /// The piece starts with a dash (dialogue, an attribution, a list item).
    let afterDash: Bool
    /// The word is itself an initial ("В." in "А. В. Петров"), not the preposition "В".
    let isInitial: Bool

    func isStarter(_ starters: Set<String>) -> Bool { !isInitial && starters.contains(word) }
}

/// Whitespace as a UTF-16 unit (including NBSP, the thin and narrow spaces, line and paragraph separators).
@inline(__always)
func isSpace(_ u: UInt16) -> Bool {
    switch u {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
    default: false
    }
}
