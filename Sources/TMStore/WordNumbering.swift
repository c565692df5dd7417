/// The distinct words of a query, numbered, looked up by their UTF-8 bytes: the words of a stored `words`
/// column (each word preceded by one space) become numbers without making strings, so fuzzy ranking and
/// scoring compare integers. Words are compared byte for byte: keys are NFKC case-folded (`MatchingKey`), so
/// equal words have equal bytes.
struct WordNumbering {
    /// Every word's bytes, one after the other, and per word where its bytes start and end and its number.
    private let bytes: [UInt8]
    private let words: [(start: Int, end: Int, number: Int)]
    /// An open-addressing table of indices into `words` (−1 for an empty slot), by `hash(_:)`.
    private let slots: [Int]
    private let mask: Int

    /// Numbers `words` (distinct): each word's number is given beside it.
    init(_ numbered: [(word: Substring, number: Int)]) {
        var bytes: [UInt8] = [], words: [(Int, Int, Int)] = []
        for (word, number) in numbered {
            words.append((bytes.count, bytes.count + word.utf8.count, number))
            bytes.append(contentsOf: word.utf8)
        }
        var capacity = 8
        while capacity < 2 * words.count { capacity *= 2 }
        var slots = [Int](repeating: -1, count: capacity)
        for (index, word) in words.enumerated() {
            let hash = bytes.withUnsafeBufferPointer { WordNumbering.hash(UnsafeBufferPointer(rebasing: $0[word.0..<word.1])) }
            var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = index
        }
        self.bytes = bytes
        self.words = words
        self.slots = slots
        mask = capacity - 1
    }

    /// A hash of a word's length and its first, middle and last bytes: cheap (most words of a stored key are no
    /// query word and meet an empty slot), with collisions settled by comparing the bytes.
    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let first = word.first, let last = word.last else { return 0 }
        var h = UInt64(truncatingIfNeeded: word.count) &* 0x9E37_79B9_7F4A_7C15
        h ^= (UInt64(first) | UInt64(word[word.count / 2]) << 8 | UInt64(last) << 16) &* 0xC2B2_AE3D_27D4_EB4F
        return h ^ (h >> 31)
    }

    /// The number of `word`, −1 when it is no query word.
    func number(of word: UnsafeBufferPointer<UInt8>) -> Int {
        var slot = Int(truncatingIfNeeded: WordNumbering.hash(word)) & mask
        return bytes.withUnsafeBufferPointer { bytes in
            while slots[slot] >= 0 {
                let candidate = words[slots[slot]]
                if candidate.end - candidate.start == word.count {
                    var offset = 0
                    while offset < word.count && bytes[candidate.start + offset] == word[offset] { offset += 1 }
                    if offset == word.count { return candidate.number }
                }
                slot = (slot + 1) & mask
            }
            return -1
        }
    }

    /// The number of `word`, −1 when it is no query word.
    func number(of word: Substring) -> Int {
        var word = word
        return word.withUTF8 { number(of: $0) }
    }

    /// Appends the number of each word of a `words` column (−1 for words that are no query word) to `numbers`.
    /// - Complexity: O(n) in the column's bytes.
    func appendNumbers(ofColumn column: UnsafeRawBufferPointer, to numbers: inout [Int]) {
        let text = column.bindMemory(to: UInt8.self)
        var start = 0
        while start < text.count {
            var end = start
            while end < text.count && text[end] != UInt8(ascii: " ") { end += 1 }
            if end > start { numbers.append(number(of: UnsafeBufferPointer(rebasing: text[start..<end]))) }
            start = end + 1
        }
    }

    /// Appends the number of each word of a matching key (`LookupText.words(ofKey:)`), given as its UTF-8
    /// bytes, to `numbers`.
    /// - Complexity: O(n) in the bytes.
    func appendNumbers(ofKey key: UnsafeBufferPointer<UInt8>, to numbers: inout [Int]) {
        LookupText.forEachWord(inUTF8: key) { numbers.append(number(of: UnsafeBufferPointer(rebasing: key[$0]))) }
    }
}
