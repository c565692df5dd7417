import Synchronization
import TMCore
import TMText

/// One occurrence of a glossary term in a text.
public struct GlossaryMatch: Hashable, Sendable {
    /// The concept found.
    public var concept: Concept
    /// The term of the concept that matched (any status; a deprecated term is reported as such).
    public var term: Term
    /// Where it is in the text, and the words as written there.
    public var range: Range<String.Index>
    public var text: String
    /// Character offset (0-based) and length, line and column (1-based) of the first character.
    public var offset: Int
    public var length: Int
    public var line: Int
    public var column: Int

    /// The concept's canonical rendering in `language`.
    public func preferred(_ language: LanguageTag) -> String? { concept.preferred(language)?.text }

    /// The rendering of the matched term in `language`: when it is the concept's n-th preferred term in its own
    /// language and `language` has an n-th preferred term, that one (Лукашенко → Lukashenko, СНГ → CIS, after
    /// the full names); otherwise the canonical rendering.
    public func rendering(in language: LanguageTag) -> String? {
        let own = concept.terms(in: term.language).filter { $0.status == .preferred }
        let other = concept.terms(in: language).filter { $0.status == .preferred }
        if term.status == .preferred, let n = own.firstIndex(of: term), n < other.count { return other[n].text }
        return preferred(language)
    }
}

/// Finds glossary terms in texts through inflection (Совета Безопасности, в Гомеле, Лукашэнкам).
///
/// Every term is indexed as a sequence of words, each with the set of its keys (matching key and stems, see
/// `WordKeys`); a text word matches a term word when their key sets share a key; a capitalized word of a
/// name must be capitalized in the text, and an acronym (СНГ, ЗАС) written in capitals. Terms are found through a hash of their first word's keys.
///
/// Sendable notes: the index is immutable after `init`; the per-word key cache is behind a `Mutex`.
public final class GlossaryMatcher: Sendable {
    /// The glossary searched.
    public let glossary: Glossary
    let keys: WordKeys
    /// Every key of every term word, by its UTF-8 bytes (hashing bytes avoids String's normalizing hash).
    private let keyIDs: [[UInt8]: Int32]
    private let entries: [Entry]
    private let byFirstKey: [Int32: [Int32]]
    /// The two-letter prefixes of every term word's key: a text word whose prefix is not here cannot have a lemma
    /// that matches, so the dictionary is not asked (a lemma shares the first two letters of its forms: узла/узел).
    private let prefixes: Set<UInt64>
    private let cache = Mutex<[[UInt8]: [Int32]]>([:])

    struct Entry: Sendable {
        var concept: Int32
        var term: Int32
        var language: Language?
        var words: [[Int32]]
        var capitalized: [Bool]
        var acronym: [Bool]
        var status: TermStatus
    }

    /// Indexes every term (and its explicit forms) of `glossary`.
    /// - Complexity: O(n) in the number of term words.
    public init(glossary: Glossary, keys: WordKeys = WordKeys()) {
        self.glossary = glossary
        self.keys = keys
        var keyIDs: [[UInt8]: Int32] = [:]
        var entries: [Entry] = []
        var byFirstKey: [Int32: [Int32]] = [:]
        var prefixes: Set<UInt64> = []
        func intern(_ key: String) -> Int32 {
            let bytes = Array(key.utf8)
            if let id = keyIDs[bytes] { return id }
            let id = Int32(keyIDs.count)
            keyIDs[bytes] = id
            return id
        }
        for (c, concept) in glossary.concepts.enumerated() {
            for (t, term) in concept.terms.enumerated() {
                let language = term.language.language
                for surface in [term.text] + term.forms {
                    let words = WordTokenizer.tokens(surface)
                    guard !words.isEmpty else { continue }
                    var sets: [[Int32]] = []
                    var capitals: [Bool] = [], acronyms: [Bool] = []
                    for word in words {
                        let key = keys.key(word.text)
                        var set = [intern(key)]
                        prefixes.insert(WordKeys.prefix(of: key))
                        for language in language.map({ [$0] }) ?? Language.allCases {
                            for stem in keys.stems(of: word.text, key: key, language: language, inText: false,
                                                   properName: concept.type.isName && word.isCapitalized) {
                                let id = intern(stem)
                                if !set.contains(id) { set.append(id) }
                            }
                        }
                        sets.append(set)
                        capitals.append(concept.type.isName && word.isCapitalized)
                        acronyms.append(word.isAllCaps && word.length >= 2 && word.text.contains { $0.isLetter })
                    }
                    let index = Int32(entries.count)
                    entries.append(Entry(concept: Int32(c), term: Int32(t), language: language, words: sets,
                                         capitalized: capitals, acronym: acronyms, status: term.status))
                    for id in sets[0] { byFirstKey[id, default: []].append(index) }
                }
            }
        }
        self.keyIDs = keyIDs
        self.entries = entries
        self.byFirstKey = byFirstKey
        self.prefixes = prefixes
    }

    /// Every term found in `text` (of `languages`' terms; all when nil), longest match first and without overlaps,
    /// returned in text order. A span matched by several concepts goes to the preferred term, then file order.
    /// With `overlapping`, every occurrence of every term is returned, nested and overlapping ones included.
    /// - Complexity: O(w·k) for w words in the text and k terms sharing a first word's key.
    public func matches(in text: String, languages: Set<Language>? = nil, overlapping: Bool = false) -> [GlossaryMatch] {
        let words = WordTokenizer.tokens(text)
        guard !words.isEmpty else { return [] }
        let keySets = words.map(keyIDs(of:))
        struct Candidate { var start: Int, count: Int, entry: Int32, characters: Int }
        var candidates: [Candidate] = []
        for start in words.indices {
            var seen: Set<Int32> = []
            for key in keySets[start] {
                guard let list = byFirstKey[key] else { continue }
                for entryIndex in list where seen.insert(entryIndex).inserted {
                    let entry = entries[Int(entryIndex)]
                    if let languages, !(entry.language.map(languages.contains) ?? false) { continue }
                    let count = entry.words.count
                    guard start + count <= words.count else { continue }
                    var ok = true
                    for j in 0..<count {
                        if entry.capitalized[j] && !words[start + j].isCapitalized { ok = false; break }
                        if entry.acronym[j] && !words[start + j].isAllCaps { ok = false; break }
                        if j > 0 && !keySets[start + j].contains(where: entry.words[j].contains) { ok = false; break }
                    }
                    if ok {
                        let last = words[start + count - 1]
                        candidates.append(Candidate(start: start, count: count, entry: entryIndex,
                                                    characters: last.offset + last.length - words[start].offset))
                    }
                }
            }
        }
        candidates.sort {
            ($0.count, $0.characters) != ($1.count, $1.characters) ? ($0.count, $0.characters) > ($1.count, $1.characters)
                : $0.start != $1.start ? $0.start < $1.start
                : (entries[Int($0.entry)].status, $0.entry) < (entries[Int($1.entry)].status, $1.entry)
        }
        var taken = [Bool](repeating: false, count: words.count)
        var reported: Set<[Int32]> = []
        var result: [GlossaryMatch] = []
        for candidate in candidates {
            let span = candidate.start..<(candidate.start + candidate.count)
            guard overlapping || !span.contains(where: { taken[$0] }) else { continue }
            let entry = entries[Int(candidate.entry)]
            guard reported.insert([Int32(candidate.start), Int32(candidate.count), entry.concept]).inserted else { continue }
            for i in span { taken[i] = true }
            let concept = glossary.concepts[Int(entry.concept)]
            let first = words[span.lowerBound], last = words[span.upperBound - 1]
            let range = first.range.lowerBound..<last.range.upperBound
            result.append(GlossaryMatch(concept: concept, term: concept.terms[Int(entry.term)], range: range,
                                        text: String(text[range]), offset: first.offset,
                                        length: last.offset + last.length - first.offset, line: first.line, column: first.column))
        }
        return result.sorted { ($0.offset, $1.length) < ($1.offset, $0.length) }
    }

    /// The glossary's key ids of a text word: its matching key and its stems in every language, cached per word.
    private func keyIDs(of word: WordToken) -> [Int32] {
        let bytes = Array(word.text.utf8)
        if let cached = cache.withLock({ $0[bytes] }) { return cached }
        let key = keys.key(word.text)
        var ids: [Int32] = []
        if let id = keyIDs[Array(key.utf8)] { ids.append(id) }
        let askDictionary = prefixes.contains(WordKeys.prefix(of: key))
        for language in Language.allCases {
            for stem in keys.stems(of: word.text, key: key, language: language, inText: true, dictionary: askDictionary) {
                if let id = keyIDs[Array(stem.utf8)], !ids.contains(id) { ids.append(id) }
            }
        }
        cache.withLock { $0[bytes] = ids }
        return ids
    }
}
