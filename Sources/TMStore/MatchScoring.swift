import TMCore
import TMText

/// The text forms every store keeps per variant and every lookup compares; shared by all backends so a query
/// gives the same matches and percentages whatever the store.
public enum LookupText {
    /// The matching key of `text` in `language` (TMText's `MatchingKey`; languages without tmkit rules use
    /// the English rules, so no language detection runs on stored text).
    public static func key(_ text: String, language: LanguageTag) -> String {
        MatchingKey.make(text, language: language.language ?? .en)
    }

    /// The words of a matching key: maximal runs of letters, marks and digits; punctuation and spaces dropped.
    /// - Complexity: O(n); ASCII and Cyrillic are classified without Unicode property lookups.
    public static func words(ofKey key: String) -> [Substring] {
        var out: [Substring] = []
        var bytes = key
        bytes.withUTF8 { bytes in
            forEachWord(inUTF8: bytes) { range in
                let start = key.utf8.index(key.utf8.startIndex, offsetBy: range.lowerBound)
                out.append(key[start..<key.utf8.index(start, offsetBy: range.count)])
            }
        }
        return out
    }

    /// Calls `body` with the byte range of each word (as `words(ofKey:)` finds them) of a key's UTF-8 bytes, in
    /// order, making no strings.
    /// - Complexity: O(n) in the bytes.
    static func forEachWord(inUTF8 bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>) -> Void) {
        var start = -1, index = 0
        while index < bytes.count {
            let lead = bytes[index]
            var length = 1, value = UInt32(lead)
            if lead >= 0x80 {
                length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                value &= 0x7F >> UInt32(length)
                for offset in 1..<min(length, bytes.count - index) { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            }
            if isWordValue(value) {
                if start < 0 { start = index }
            } else if start >= 0 {
                body(start..<index)
                start = -1
            }
            index += length
        }
        if start >= 0 { body(start..<bytes.count) }
    }

    /// The key's characters outside its words (`forEachWord`) that are no whitespace, as UTF-8: its punctuation
    /// and symbols, in order.
    /// - Complexity: O(n) in the key's bytes.
    static func punctuation(ofKey key: String) -> [UInt8] {
        var key = key
        return key.withUTF8 { bytes in
            var out: [UInt8] = [], gapStart = 0
            func keep(_ gap: Range<Int>) {
                for scalar in String(decoding: UnsafeBufferPointer(rebasing: bytes[gap]), as: UTF8.self).unicodeScalars
                where !isWhitespace(scalar) {
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
            forEachWord(inUTF8: bytes) { word in
                if word.lowerBound > gapStart { keep(gapStart..<word.lowerBound) }
                gapStart = word.upperBound
            }
            if bytes.count > gapStart { keep(gapStart..<bytes.count) }
            return out
        }
    }

    /// True for a White_Space scalar (ASCII without a property lookup).
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// True when the scalar with value `v` belongs to a word: a letter, mark or digit (false for a value that
    /// is no scalar).
    @inline(__always)
    static func isWordValue(_ v: UInt32) -> Bool {
        if v < 0x80 { return (0x61...0x7A).contains(v | 0x20) || (0x30...0x39).contains(v) }
        if (0x400...0x52F).contains(v) { return v != 0x482 }
        guard let properties = Unicode.Scalar(v)?.properties else { return false }
        return properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
            || properties.generalCategory == .spacingMark
    }

    /// The near-exact skeleton: the key's words with every number replaced by `0`, joined by spaces.
    /// Two texts with the same skeleton differ at most in numbers, punctuation, whitespace, case or quotes.
    public static func skeleton(ofKey key: String) -> String {
        words(ofKey: key).map { $0.utf8.allSatisfy { (0x30...0x39).contains($0) } ? "0" : String($0) }.joined(separator: " ")
    }

    /// A stable 64-bit FNV-1a hash of the UTF-8 bytes, as a signed integer for SQL columns.
    public static func hash(_ text: String) -> Int64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        return Int64(bitPattern: h)
    }
}

/// How a match was found, best first.
public enum MatchKind: String, Sendable, Codable, CaseIterable {
    /// Same text and the same previous source segment: 101%.
    case context
    /// Same text: 100%.
    case exact
    /// Only numbers, punctuation, whitespace, case or quotes differ: 95–99%.
    case nearExact = "near-exact"
    /// Word-level edit distance: `--min` to 94%.
    case fuzzy
}

/// One word-level difference between a memory segment and the query.
public struct WordDifference: Hashable, Sendable, Codable {
    public enum Operation: String, Sendable, Codable { case replace, delete, insert }
    public var operation: Operation
    /// The word(s) in the memory segment (empty for an insertion).
    public var memory: String
    /// The word(s) in the query (empty for a deletion).
    public var query: String

    public init(operation: Operation, memory: String, query: String) {
        self.operation = operation
        self.memory = memory
        self.query = query
    }
}

/// The scoring every backend uses once it has candidates (documented in the README, "How matches are found and scored").
public enum MatchScoring {
    /// The near-exact percentage of two texts whose skeletons are equal, and what differs.
    ///
    /// 100 − 1 per kind of surface difference (case, whitespace, quotes/dashes/apostrophes), − 2 when
    /// punctuation differs, − 3 when numbers differ; clamped to 95…99. Texts with equal matching keys but
    /// different surfaces are near-exact too (at least 99 − …); identical texts are exact (not scored here).
    public static func nearExact(query: String, queryKey: String, memory: String, memoryKey: String) -> (score: Int, notes: [String]) {
        var notes: [String] = []
        var penalty = 0
        if queryKey == memoryKey {
            notes += surfaceDifferences(query, memory)
        } else {
            let q = LookupText.words(ofKey: queryKey), m = LookupText.words(ofKey: memoryKey)
            let numbers = zip(q, m).filter { $0 != $1 }.map { "\($1) → \($0)" }
            if !numbers.isEmpty { notes.append("numbers differ: " + numbers.joined(separator: ", ")); penalty += 3 }
            if q == m || LookupText.punctuation(ofKey: queryKey) != LookupText.punctuation(ofKey: memoryKey) {
                notes.append("punctuation differs")
                penalty += 2
            }
            notes += surfaceDifferences(query, memory).filter { $0 != "quotes differ" }
        }
        penalty += notes.filter { $0 == "case differs" || $0 == "whitespace differs" || $0 == "quotes differ" }.count
        return (min(99, max(95, 100 - max(1, penalty))), notes.isEmpty ? ["differs only in Unicode form"] : notes)
    }

    /// Case, whitespace and quote differences between two surfaces. Compared scalar by scalar: whitespace and
    /// quotes are single scalars, and splitting into grapheme clusters was most of the CPU of a lookup with
    /// hundreds of near-exact candidates (numbers-only variants of one sentence).
    static func surfaceDifferences(_ a: String, _ b: String) -> [String] {
        let ca = singleSpaced(a), cb = singleSpaced(b)
        let qa = foldQuotes(ca), qb = foldQuotes(cb)
        let foldedEqual = qa.lowercased() == qb.lowercased()
        var notes: [String] = []
        if whitespaceRuns(a) != whitespaceRuns(b) || a.unicodeScalars.first.map(LookupText.isWhitespace) != b.unicodeScalars.first.map(LookupText.isWhitespace) {
            notes.append("whitespace differs")
        }
        if foldedEqual && qa != qb { notes.append("case differs") }
        if foldedEqual && ca.lowercased() != cb.lowercased() { notes.append("quotes differ") }
        return notes
    }

    /// The text's words (runs of non-whitespace) joined by one space.
    static func singleSpaced(_ text: String) -> String {
        var out: [UInt8] = [], space = false
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if LookupText.isWhitespace(scalar) {
                space = !out.isEmpty
            } else {
                if space { out.append(UInt8(ascii: " ")) }
                space = false
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The runs of whitespace in the text, in order.
    static func whitespaceRuns(_ text: String) -> [String] {
        var runs: [String] = [], run: [UInt8] = []
        for scalar in text.unicodeScalars {
            if LookupText.isWhitespace(scalar) {
                UTF8.encode(scalar) { run.append($0) }
            } else if !run.isEmpty {
                runs.append(String(decoding: run, as: UTF8.self))
                run = []
            }
        }
        if !run.isEmpty { runs.append(String(decoding: run, as: UTF8.self)) }
        return runs
    }

    /// The text with typographic quotes, apostrophes and dashes folded to ASCII.
    static func foldQuotes(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22, 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F: out.append(UInt8(ascii: "\""))
            case 0x27, 0x2018, 0x2019, 0x201A, 0x201B, 0x2BC, 0x60, 0xB4: out.append(UInt8(ascii: "'"))
            case 0x2010...0x2015, 0x2212: out.append(UInt8(ascii: "-"))
            default: UTF8.encode(scalar) { out.append($0) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The fuzzy percentage: word-level Levenshtein distance `d` between the words of the two matching keys
    /// (each insertion, deletion or substitution of a word costs 1), `floor(100 × (1 − d / max(n, m)))`,
    /// capped at 94 so 95–99 stays reserved for near-exact matches.
    /// - Complexity: O(n × m) in the number of words.
    public static func fuzzy(query: [Substring], memory: [Substring]) -> Int {
        fuzzy(query: query.map { $0.hashValue }, memory: memory.map { $0.hashValue })
    }

    /// `fuzzy(query:memory:)` on words given as numbers: two words are equal when their numbers are.
    static func fuzzy(query: [Int], memory: [Int]) -> Int {
        fuzzy(query: query, memory: memory[...], atLeast: 0) ?? 0
    }

    /// `fuzzy(query:memory:)` when it is at least `minimum`, else nil; the distance table is then filled only
    /// within the band of distances that can still reach `minimum`, and given up once no cell of a row can.
    /// - Complexity: O(max(n, m) × d), d the largest distance that reaches `minimum`.
    static func fuzzy(query: [Int], memory: ArraySlice<Int>, atLeast minimum: Int) -> Int? {
        let longest = max(query.count, memory.count)
        guard longest > 0 else { return minimum <= 0 ? 0 : nil }
        guard minimum <= 94 else { return nil }
        // floor(100 × (L − d) / L) ≥ minimum  ⇔  d ≤ floor(L × (100 − minimum) / 100)
        let allowed = longest * (100 - max(0, minimum)) / 100
        let distance = query.withUnsafeBufferPointer { a in memory.withUnsafeBufferPointer { b in levenshtein(a, b, atMost: allowed) } }
        guard let distance else { return nil }
        return min(94, (100 * (longest - distance)) / longest)
    }

    /// The word edit distance of `a` and `b` when at most `limit`, else nil: only cells within `limit` of the
    /// diagonal are computed (Ukkonen's band), in one row overwritten in place (no allocation: it is called
    /// once per candidate).
    static func levenshtein(_ a: UnsafeBufferPointer<Int>, _ b: UnsafeBufferPointer<Int>, atMost limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = limit + 1  // any value over the limit: cells outside the band
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: b.count + 1) { row -> Int? in
            for j in 0...b.count { row[j] = min(j, outside) }
            for i in 1...a.count {
                let low = max(1, i - limit), high = min(b.count, i + limit)
                var diagonal = row[low - 1]  // the previous row's value at low − 1
                row[low - 1] = low == 1 ? min(i, outside) : outside
                var rowMinimum = row[low - 1]
                for j in low...high {
                    let above = row[j]
                    let value = min(min(above, row[j - 1]) + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                    row[j] = min(value, outside)
                    rowMinimum = min(rowMinimum, row[j])
                    diagonal = above
                }
                if rowMinimum > limit { return nil }
            }
            return row[b.count] <= limit ? row[b.count] : nil
        }
    }

    /// The word differences that turn `memory` into `query` (word keys compared), in memory order, and the
    /// memory text with them marked: `[-memory words-]` for words the query lacks or replaces, `{+query words+}`
    /// for words only the query has.
    /// - Parameters:
    ///   - memoryText: the memory's surface text; `memorySurface` are its words (slices of it) whose keys are `memory`.
    public static func differences(query: [Substring], memory: [Substring], memoryText: String, memorySurface: [Substring],
                                   querySurface: [Substring]) -> (differences: [WordDifference], marked: String) {
        let n = memory.count, m = query.count
        var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { table[i][0] = i }
        for j in 0...m { table[0][j] = j }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (memory[i - 1] == query[j - 1] ? 0 : 1))
                }
            }
        }
        enum Step { case keep(Int), replace(Int, Int), delete(Int), insert(Int) }
        var steps: [Step] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            if i > 0 && j > 0 && memory[i - 1] == query[j - 1] && table[i][j] == table[i - 1][j - 1] {
                steps.append(.keep(i - 1)); i -= 1; j -= 1
            } else if i > 0 && j > 0 && table[i][j] == table[i - 1][j - 1] + 1 {
                steps.append(.replace(i - 1, j - 1)); i -= 1; j -= 1
            } else if i > 0 && table[i][j] == table[i - 1][j] + 1 {
                steps.append(.delete(i - 1)); i -= 1
            } else {
                steps.append(.insert(j - 1)); j -= 1
            }
        }
        steps.reverse()
        let q = { (j: Int) in querySurface.indices.contains(j) ? String(querySurface[j]) : String(query[j]) }
        var differences: [WordDifference] = []
        var marked = ""
        var cursor = memoryText.startIndex
        var pendingInsert: [String] = []
        /// Query-only words go right before the next memory word, followed by a space.
        func flushInsert() {
            if !pendingInsert.isEmpty { marked += "{+" + pendingInsert.joined(separator: " ") + "+} " }
            pendingInsert = []
        }
        for step in steps {
            switch step {
            case .keep(let i):
                marked += memoryText[cursor..<memorySurface[i].startIndex]
                flushInsert()
                marked += memorySurface[i]
                cursor = memorySurface[i].endIndex
            case .replace(let i, let j):
                differences.append(WordDifference(operation: .replace, memory: String(memorySurface[i]), query: q(j)))
                marked += memoryText[cursor..<memorySurface[i].startIndex]
                flushInsert()
                marked += "[-" + memorySurface[i] + "-]{+" + q(j) + "+}"
                cursor = memorySurface[i].endIndex
            case .delete(let i):
                differences.append(WordDifference(operation: .delete, memory: String(memorySurface[i]), query: ""))
                marked += memoryText[cursor..<memorySurface[i].startIndex]
                flushInsert()
                marked += "[-" + memorySurface[i] + "-]"
                cursor = memorySurface[i].endIndex
            case .insert(let j):
                differences.append(WordDifference(operation: .insert, memory: "", query: q(j)))
                pendingInsert.append(q(j))
            }
        }
        // Query-only words after the last memory word go after it, before trailing punctuation.
        if !pendingInsert.isEmpty { marked += " {+" + pendingInsert.joined(separator: " ") + "+}" }
        marked += memoryText[cursor...]
        return (differences, marked)
    }
}
