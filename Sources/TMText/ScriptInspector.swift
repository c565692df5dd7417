import TMCore

/// Finds what a reader cannot see: words typed with letters of two scripts ("Мoсква" with a Latin o, "ЕC" with a
/// Latin C), and apostrophes or quotation marks of different styles in one text; and repairs what is unambiguous.
///
/// Repair rule: in a word with both Latin and Cyrillic letters, the minority script's letters are replaced by
/// their look-alikes (`Homoglyphs`) in the majority script. A tie is broken by the script of the line, then of
/// the whole text, then of the language given. A word with a foreign letter that has no look-alike, or a tie
/// nothing breaks, is reported without a repair.
///
///     ScriptInspector.inspect("ранiца").mixedScriptWords[0].repair == "раніца"
public enum ScriptInspector {
    /// A word with letters of both Latin and Cyrillic scripts.
    public struct MixedScriptWord: Sendable, Hashable, Codable {
        /// 1-based line and column (in characters) of the word's first letter.
        public var line: Int
        public var column: Int
        public var word: String
        /// The letters of the minority script, in order (or of both, when nothing decides).
        public var foreignLetters: [String]
        /// The script of those letters: "Latin" or "Cyrillic".
        public var foreignScript: String
        /// The word with the foreign letters replaced by look-alikes, or nil when a letter has none.
        public var repair: String?
    }

    /// One style of apostrophe or quotation marks, with how often and where it first occurs.
    public struct MarkUse: Sendable, Hashable, Codable {
        /// The mark(s) as written: `'`, `’`, `« »`, `“ ”`, …
        public var mark: String
        public var count: Int
        public var line: Int
        public var column: Int
    }

    /// A text that uses more than one style of the same mark.
    public struct Inconsistency: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Codable { case apostrophes, quotes }
        public var kind: Kind
        /// Every style used, most frequent first.
        public var uses: [MarkUse]
    }

    /// What `inspect` found.
    public struct Report: Sendable, Hashable, Codable {
        public var mixedScriptWords: [MixedScriptWord] = []
        public var inconsistencies: [Inconsistency] = []
        /// Nothing found.
        public var isClean: Bool { mixedScriptWords.isEmpty && inconsistencies.isEmpty }
    }

    /// Inspects a text; `language` breaks ties that neither the line nor the text breaks. Lines are separated by LF
    /// (`TextInput.decode` turns CRLF into LF).
    /// - Complexity: O(n) in the length of the text.
    public static func inspect(_ text: String, language: Language? = nil) -> Report {
        var report = Report()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let documentScript = majorityScript(of: Substring(text)) ?? language.map { $0.isCyrillic ? .cyrillic : .latin }
        var apostrophes = MarkCounter(), quotes = MarkCounter()
        var quoteState = QuoteState()
        for (lineIndex, line) in lines.enumerated() {
            let lineScript = majorityScript(of: line) ?? documentScript
            let characters = Array(line)
            var column = 0
            while column < characters.count {
                let c = characters[column]
                if c.isLetter {
                    var end = column
                    while end < characters.count, characters[end].isLetter { end += 1 }
                    let word = String(characters[column..<end])
                    if let mixed = analyse(word, context: lineScript) {
                        report.mixedScriptWords.append(MixedScriptWord(
                            line: lineIndex + 1, column: column + 1, word: word, foreignLetters: mixed.foreign.map(String.init),
                            foreignScript: mixed.foreignScript, repair: mixed.repair))
                    }
                    column = end
                    continue
                }
                let previousIsLetter = column > 0 && characters[column - 1].isLetter
                let nextIsLetter = column + 1 < characters.count && characters[column + 1].isLetter
                if let mark = c.unicodeScalars.first, c.unicodeScalars.count == 1 {
                    if apostropheMarks.contains(mark) && previousIsLetter && nextIsLetter {
                        apostrophes.add(String(c), line: lineIndex + 1, column: column + 1)
                    } else if let style = quoteState.style(of: mark) {
                        quotes.add(style, line: lineIndex + 1, column: column + 1)
                    }
                }
                column += 1
            }
        }
        if let i = apostrophes.inconsistency(.apostrophes) { report.inconsistencies.append(i) }
        if let i = quotes.inconsistency(.quotes) { report.inconsistencies.append(i) }
        return report
    }

    /// The text with only unambiguous, invisible problems fixed: NFC; mixed-script words whose repair is
    /// certain; zero-width spaces, word joiners and stray byte-order marks removed, and ZWJ/ZWNJ removed
    /// between Latin or Cyrillic letters (kept next to emoji and other scripts, where they mean something).
    /// Everything else stays as written (quotes, apostrophes, soft hyphens, spaces).
    public static func repair(_ text: String, language: Language? = nil) -> String {
        // Invisibles go first: removing one can join two words into one mixed-script word.
        let composed = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { removingStrayInvisibles(String($0)) }.joined(separator: "\n").normalized(.nfc)
        let report = inspect(composed, language: language)
        var repairs: [Int: [Int: MixedScriptWord]] = [:]
        for word in report.mixedScriptWords where word.repair != nil { repairs[word.line, default: [:]][word.column] = word }
        var output: [String] = []
        for (lineIndex, line) in composed.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var characters = Array(line)
            if let fixes = repairs[lineIndex + 1] {
                for (column, fix) in fixes.sorted(by: { $0.key > $1.key }) {
                    guard let repaired = fix.repair else { continue }
                    let start = column - 1
                    characters.replaceSubrange(start..<(start + fix.word.count), with: Array(repaired))
                }
            }
            output.append(String(characters))
        }
        return output.joined(separator: "\n")
    }

    // MARK: Mixed scripts

    struct Mixed {
        var foreign: [Character]
        /// "Latin", "Cyrillic", or "Latin/Cyrillic" when nothing decides which is foreign.
        var foreignScript: String
        var repair: String?
    }

    /// Latin and Cyrillic letter counts of a word, and its repair when it mixes them.
    static func analyse(_ word: String, context: Script?) -> Mixed? {
        var latin = 0, cyrillic = 0
        for c in word {
            guard let s = c.unicodeScalars.first else { continue }
            switch Script.of(s) {
            case .latin: latin += 1
            case .cyrillic: cyrillic += 1
            default: break
            }
        }
        guard latin > 0 && cyrillic > 0 else { return nil }
        let target: Script? = latin > cyrillic ? .latin : cyrillic > latin ? .cyrillic : context
        guard let target else {
            // Nothing decides: report the letters of both scripts, repair nothing.
            let letters = word.filter { c in c.unicodeScalars.first.map { [.latin, .cyrillic].contains(Script.of($0)) } ?? false }
            return Mixed(foreign: Array(letters), foreignScript: "Latin/Cyrillic", repair: nil)
        }
        let foreignScript: Script = target == .latin ? .cyrillic : .latin
        let map = target == .latin ? Homoglyphs.cyrillicToLatin : Homoglyphs.latinToCyrillic
        var foreign: [Character] = []
        var repaired = ""
        var repairable = true
        for c in word {
            guard let first = c.unicodeScalars.first, Script.of(first) == foreignScript else { repaired.append(c); continue }
            foreign.append(c)
            if let lookAlike = map[first] {
                var scalars = String.UnicodeScalarView([lookAlike])
                scalars.append(contentsOf: c.unicodeScalars.dropFirst())
                repaired.append(contentsOf: String(scalars))
            } else {
                repairable = false
            }
        }
        return Mixed(foreign: foreign, foreignScript: foreignScript == .latin ? "Latin" : "Cyrillic",
                     repair: repairable ? repaired : nil)
    }

    /// The script most letters of `text` are in (Latin or Cyrillic), nil on a tie.
    static func majorityScript(of text: Substring) -> Script? {
        var latin = 0, cyrillic = 0
        for s in text.unicodeScalars where s.properties.isAlphabetic {
            switch Script.of(s) {
            case .latin: latin += 1
            case .cyrillic: cyrillic += 1
            default: break
            }
        }
        return latin > cyrillic ? .latin : cyrillic > latin ? .cyrillic : nil
    }

    // MARK: Marks

    /// Apostrophes as written inside words: ASCII ', right single quote ’, modifier letter ʼ, left single quote ‘.
    static let apostropheMarks: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{02BC}", "\u{2018}"]

    /// Tells quotation styles apart, counting only top-level quotes: «…„…“…» nests legitimately.
    struct QuoteState {
        var guillemets = 0, curly = 0, low = 0, straightOpen = false

        /// The style a top-level opening quote belongs to, or nil (closing or nested marks, not a quote).
        mutating func style(of mark: Unicode.Scalar) -> String? {
            let topLevel = guillemets == 0 && curly == 0 && low == 0 && !straightOpen
            switch mark {
            case "«": guillemets += 1; return topLevel ? "« »" : nil
            case "»": guillemets = max(0, guillemets - 1); return nil
            case "„": low += 1; return topLevel ? "„ “" : nil
            case "“":
                if low > 0 { low -= 1; return nil }
                curly += 1
                return topLevel ? "“ ”" : nil
            case "”": curly = max(0, curly - 1); return nil
            case "\"":
                // Straight quotes alternate: open, close.
                if straightOpen { straightOpen = false; return nil }
                straightOpen = true
                return topLevel ? "\" \"" : nil
            default: return nil
            }
        }
    }

    struct MarkCounter {
        var uses: [String: MarkUse] = [:]

        mutating func add(_ mark: String, line: Int, column: Int) {
            uses[mark, default: MarkUse(mark: mark, count: 0, line: line, column: column)].count += 1
        }

        func inconsistency(_ kind: Inconsistency.Kind) -> Inconsistency? {
            guard uses.count > 1 else { return nil }
            let sorted = uses.values.sorted { ($0.count, $1.line, $1.column) > ($1.count, $0.line, $0.column) }
            return Inconsistency(kind: kind, uses: sorted)
        }
    }

    // MARK: Invisible characters

    /// Removes U+200B, U+2060, U+FEFF everywhere and ZWJ/ZWNJ unless next to emoji or letters of other scripts.
    static func removingStrayInvisibles(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        guard scalars.contains(where: { [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF].contains($0.value) }) else { return line }
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            switch s.value {
            case 0x200B, 0x2060, 0xFEFF: continue
            case 0x200C, 0x200D:
                let neighbours = [i > 0 ? scalars[i - 1] : nil, i + 1 < scalars.count ? scalars[i + 1] : nil].compactMap { $0 }
                if neighbours.contains(where: meaningfulJoinerNeighbour) { out.append(s) }
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// Emoji, marks and letters of scripts other than Latin and Cyrillic, where joiners shape the text.
    static func meaningfulJoinerNeighbour(_ s: Unicode.Scalar) -> Bool {
        if s.value > 0x2000 && (s.properties.isEmoji || s.properties.isEmojiPresentation) { return true }
        if s.value == 0xFE0F { return true }
        switch Script.of(s) {
        case .other, .greek: return s.properties.isAlphabetic || s.properties.generalCategory == .spacingMark
            || s.properties.generalCategory == .nonspacingMark
        default: return false
        }
    }
}
