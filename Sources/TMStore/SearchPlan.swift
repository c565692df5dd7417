import Foundation
import TMCore
import TMText

/// The backend-neutral part of a `search`: the query's text forms, the classification of the rows a backend's
/// indexes propose (exact, near-exact, fuzzy), and the final ranking. A backend only finds candidate rows,
/// so every backend gives the same matches and percentages for the same candidates.
struct SearchPlan {
    /// A source variant found for the query, before ranking.
    struct Candidate {
        var variantID: Int64
        var unitID: Int64
        var score: Int
        var kind: MatchKind
        var notes: [String]
    }

    let query: SearchQuery
    /// The query text in NFC, its matching key, the key's words and near-exact skeleton.
    let text: String
    let key: String
    let words: [Substring]
    let skeleton: String
    /// The hash of the previous segment's key, for context (101%) matches.
    let contextHash: Int64?
    /// The best candidate per unit.
    private(set) var best: [Int64: Candidate] = [:]
    /// The lowest score a candidate found from now on can have and still be shown: `minimum`, or once `limit`
    /// units have candidates, the `limit`-th best of their scores (a lower one can never make the shortlist).
    /// Fuzzy rows that cannot reach it are given up while their distance is computed.
    private(set) var scoreFloor: Int
    /// Each distinct query word's number (where it first occurs in `words`), and the query as those numbers:
    /// fuzzy ranking and scoring compare numbers, never strings.
    let numbering: WordNumbering
    let queryNumbers: [Int]

    init(_ query: SearchQuery) {
        self.query = query
        text = query.text.normalized(.nfc)
        key = LookupText.key(text, language: query.source)
        words = LookupText.words(ofKey: key)
        skeleton = LookupText.skeleton(ofKey: key)
        contextHash = query.previous.map { LookupText.hash(LookupText.key($0, language: query.source)) }
        var numbers: [Substring: Int] = [:]
        for (index, word) in words.enumerated() where numbers[word] == nil { numbers[word] = index }
        numbering = WordNumbering(numbers.map { ($0.key, $0.value) }.sorted { $0.1 < $1.1 })
        queryNumbers = words.map { numbers[$0] ?? 0 }
        scoreFloor = query.minimum
    }

    /// False when nothing can match (an empty key or a zero limit).
    var isSearchable: Bool { !key.isEmpty && query.limit > 0 }
    var keyHash: Int64 { LookupText.hash(key) }
    var skeletonHash: Int64 { LookupText.hash(skeleton) }

    private mutating func consider(_ candidate: Candidate) {
        if let old = best[candidate.unitID], old.score >= candidate.score { return }
        best[candidate.unitID] = candidate
        // Only a score above the floor can raise the `limit`-th best.
        if candidate.score > scoreFloor && best.count >= query.limit {
            scoreFloor = max(query.minimum, SearchPlan.highestScore(query.limit, of: best.values))
        }
    }

    /// The `k`-th highest score of `candidates`; `Int.min` when there are fewer than `k` (or `k` < 1).
    private static func highestScore(_ k: Int, of candidates: Dictionary<Int64, Candidate>.Values) -> Int {
        guard k >= 1 else { return Int.min }
        var top: [Int] = []  // the k highest so far, descending
        top.reserveCapacity(k + 1)
        for candidate in candidates where top.count < k || candidate.score > top[k - 1] {
            let at = top.firstIndex { $0 < candidate.score } ?? top.count
            top.insert(candidate.score, at: at)
            if top.count > k { top.removeLast() }
        }
        return top.count == k ? top[k - 1] : Int.min
    }

    /// A row found by the key hash: exact (100), context (101) or, when only the surface differs, near-exact.
    mutating func considerKeyRow(variantID: Int64, unitID: Int64, memoryKey: String, plain: String, contextHash memoryContext: Int64?) {
        guard memoryKey == key else { return }
        if plain.normalized(.nfc) == text {
            let context = contextHash != nil && memoryContext == contextHash
            consider(Candidate(variantID: variantID, unitID: unitID, score: context ? 101 : 100, kind: context ? .context : .exact, notes: []))
        } else {
            let (score, notes) = MatchScoring.nearExact(query: text, queryKey: key, memory: plain, memoryKey: memoryKey)
            consider(Candidate(variantID: variantID, unitID: unitID, score: score, kind: .nearExact, notes: notes))
        }
    }

    /// At most this many rows that share the query's skeleton but not its key are scored as near-exact
    /// candidates (by key hash, then id: deterministic on every backend). Memories of segments that differ only
    /// in numbers (exchange rates, results) hold thousands of them; scoring all would cost every lookup.
    static let nearExactRowLimit = 500

    /// A row found by the skeleton hash: near-exact when only numbers or punctuation differ.
    mutating func considerSkeletonRow(variantID: Int64, unitID: Int64, memoryKey: String, plain: String) {
        guard memoryKey != key, LookupText.skeleton(ofKey: memoryKey) == skeleton else { return }
        let (score, notes) = MatchScoring.nearExact(query: text, queryKey: key, memory: plain, memoryKey: memoryKey)
        consider(Candidate(variantID: variantID, unitID: unitID, score: score, kind: .nearExact, notes: notes))
    }

    /// Fuzzy search runs only when the text itself is not in the memory, fewer than `limit` units matched so
    /// far, and the minimum admits fuzzy scores.
    var wantsFuzzy: Bool {
        let hasExact = best.values.contains { $0.kind == .exact || $0.kind == .context }
        return !hasExact && best.count < query.limit && query.minimum <= 94 && !words.isEmpty
    }

    /// The distinct query words whose document frequencies choose the fuzzy lookup words (`fuzzyWords`),
    /// sorted; both backends start from these. Words over 1,000 bytes are left out: PostgreSQL's text search
    /// cannot index them, and SQLite must choose as PostgreSQL does.
    var frequencyWords: [String] { Array(Set(words.map(String.init).filter { $0.utf8.count <= 1000 })).sorted() }

    /// Document frequencies are counted, or read, capped at this.
    static let frequencyCap = 2_000

    /// When the three rarest query words are together in more variants than this, a fuzzy candidate must hold
    /// two of them: single holders are then plentiful, and reading them all cost more than they brought (at 1M
    /// units of the benchmark memory, 1.6 times the CPU per lookup for the same best match on all 1,000 queries).
    static let pairwisePostings = 1_000

    /// The words fuzzy candidates are looked up by, as both backends choose them from the query words' document
    /// frequencies (capped at `frequencyCap`; words absent from the memory left out): the rarest 3 (ties by
    /// code point), and more, up to 8, while their postings together stay under the cap. A candidate holds one
    /// of them (`paired` 0) or, when one of the three rarest is common (at the cap) or the three are together in
    /// more than `pairwisePostings` variants, two of the three rarest (`paired` 3). Empty when no query word is
    /// in the memory.
    static func fuzzyWords(frequency: [String: Int]) -> (words: [String], paired: Int) {
        let present = frequency.filter { $0.value > 0 }.keys.sorted { (frequency[$0] ?? 0, $0) < (frequency[$1] ?? 0, $1) }
        var chosen: [String] = []
        var postings = 0
        for word in present where chosen.count < 3 || (chosen.count < 8 && postings + (frequency[word] ?? 0) <= frequencyCap) {
            chosen.append(word)
            postings += frequency[word] ?? 0
        }
        let rarest = chosen.prefix(3).map { frequency[$0] ?? 0 }
        let paired = rarest.count == 3 && (rarest.contains { $0 >= frequencyCap } || rarest.reduce(0, +) > pairwisePostings)
        return (chosen, paired ? 3 : 0)
    }

    /// A tsquery/FTS5-style condition: any one of `terms`, or, when `paired` > 0, any two of the first `paired`.
    static func anyOf(_ terms: [String], paired: Int, or: String, and: String) -> String {
        clauses(terms, paired: paired, and: and).joined(separator: " \(or) ")
    }

    /// The alternatives of `anyOf`: each term, or, when `paired` > 0, each pair of the first `paired`.
    static func clauses(_ terms: [String], paired: Int, and: String) -> [String] {
        guard paired >= 2 else { return terms }
        let first = Array(terms.prefix(paired))
        var clauses: [String] = []
        for i in first.indices { for j in first.indices where j > i { clauses.append("(\(first[i]) \(and) \(first[j]))") } }
        return clauses
    }

    /// A row proposed by a fuzzy index, its key given as its words' numbers (`numbering`, −1 for words that are
    /// no query word: Levenshtein compares memory words only with query words): scored by word edit distance,
    /// kept when it can still be shown (`scoreFloor`).
    mutating func considerFuzzyRow(variantID: Int64, unitID: Int64, memoryNumbers memory: ArraySlice<Int>) {
        guard let score = MatchScoring.fuzzy(query: queryNumbers, memory: memory, atLeast: scoreFloor) else { return }
        consider(Candidate(variantID: variantID, unitID: unitID, score: score, kind: .fuzzy, notes: []))
    }

    /// What orders alternatives of equal score: confirmed before aligned before imported, then newer, then
    /// the higher aligner score (then the older unit).
    struct UnitRank {
        var status: UnitStatus
        /// `coalesce(changed, created)` in seconds since 1970; −∞ when the unit has neither date.
        var recency: Double
        var score: Double?

        init(status: UnitStatus, recency seconds: Int64?, score: Double?) {
            self.status = status
            recency = seconds.map(Double.init) ?? -Double.infinity
            self.score = score
        }

        init(_ provenance: Provenance) {
            status = provenance.status
            recency = (provenance.changed?.date ?? provenance.created?.date)?.timeIntervalSince1970 ?? -Double.infinity
            score = provenance.score
        }

        /// The rank of a unit whose row was not read: last.
        static let lowest = UnitRank(status: .imported, recency: nil, score: nil)
    }

    /// True when (`score`, `rank`, `unitID`) comes before `other`; nil when they tie (the same unit).
    static func precedes(_ a: (score: Int, rank: UnitRank, unitID: Int64), _ b: (score: Int, rank: UnitRank, unitID: Int64)) -> Bool? {
        if a.score != b.score { return a.score > b.score }
        if a.rank.status != b.rank.status { return a.rank.status < b.rank.status }
        if a.rank.recency != b.rank.recency { return a.rank.recency > b.rank.recency }
        if a.rank.score != b.rank.score { return (a.rank.score ?? -1) > (b.rank.score ?? -1) }
        if a.unitID != b.unitID { return a.unitID < b.unitID }
        return nil
    }

    /// The candidates that can be shown, at most `limit`: the best by score, ties at the cutoff broken as the
    /// matches are ranked. Every candidate has a target variant, so a unit outside the best `limit` cannot
    /// contribute a shown match.
    /// - Parameter ranks: reads the `UnitRank` of units by id; called only when more than `limit` candidates
    ///   reach the cutoff score, so usually no query runs for it.
    func shortlist(ranks: ([Int64]) throws -> [Int64: UnitRank]) rethrows -> [Candidate] {
        let candidates = Array(best.values)
        let scores = candidates.map(\.score).sorted(by: >)
        let cutoff = scores.count > query.limit ? scores[query.limit - 1] : Int.min
        let shortlist = candidates.filter { $0.score >= cutoff }
        guard shortlist.count > query.limit else { return shortlist }
        let rank = try ranks(shortlist.map(\.unitID))
        return Array(shortlist.sorted { a, b in
            SearchPlan.precedes((a.score, rank[a.unitID] ?? .lowest, a.unitID), (b.score, rank[b.unitID] ?? .lowest, b.unitID)) ?? false
        }.prefix(query.limit))
    }

    /// The shortlisted candidates as matches with their target variants, ranked (score, status, newer, higher
    /// aligner score, older unit, target text), limited, with the differing words marked.
    /// - Parameters:
    ///   - shortlist: `shortlist(ranks:)`.
    ///   - units: the shortlisted candidates' units, variants in order.
    ///   - positions: each shortlisted candidate variant's position in its unit.
    func matches(of shortlist: [Candidate], units: [Int64: TranslationUnit], positions: [Int64: Int]) -> [Match] {
        var matches: [Match] = []
        for candidate in shortlist {
            guard let unit = units[candidate.unitID], let position = positions[candidate.variantID],
                  unit.variants.indices.contains(position) else { continue }
            let source = unit.variants[position]
            for target in unit.variants where target.language == query.target || target.language.primary == query.target.code {
                guard target != source else { continue }
                matches.append(Match(unitID: candidate.unitID, score: candidate.score, kind: candidate.kind, source: source, target: target,
                                     provenance: unit.provenance, notes: candidate.notes, differences: [], marked: nil))
            }
        }
        matches.sort { x, y in
            SearchPlan.precedes((x.score, UnitRank(x.provenance), x.unitID), (y.score, UnitRank(y.provenance), y.unitID))
                ?? (x.target.segment.markup < y.target.segment.markup)
        }
        let querySurface = LookupText.surfaceWords(query.text)
        // The shown matches are often near-duplicates: each distinct surface word's key is made once.
        var keys: [String: Substring] = [:]
        return matches.prefix(query.limit).map { match in
            var match = match
            if match.kind == .fuzzy || match.kind == .nearExact {
                let memoryText = match.source.segment.plainText
                let surface = LookupText.surfaceWords(memoryText)
                let surfaceKeys = surface.map { word in
                    let cacheKey = match.source.language.code + " " + word
                    if let known = keys[cacheKey] { return known }
                    let made = Substring(LookupText.key(String(word), language: match.source.language))
                    keys[cacheKey] = made
                    return made
                }
                let (differences, marked) = MatchScoring.differences(
                    query: words, memory: surfaceKeys, memoryText: memoryText, memorySurface: surface,
                    querySurface: querySurface.count == words.count ? querySurface : words)
                match.differences = differences
                match.marked = marked
            }
            return match
        }
    }
}

extension ConcordanceQuery {
    /// The words every hit must contain as word prefixes: the query's matching-key words (the given language's
    /// rules, else the detected language's).
    var keyWords: [String] {
        let key = language.map { LookupText.key(text, language: $0) } ?? MatchingKey.make(text)
        return LookupText.words(ofKey: key).map(String.init)
    }

    /// The page number and size asked for, at least 1 each.
    var bounds: (page: Int, size: Int) { (max(1, page), max(1, pageSize)) }

    /// The hits for the (unit id, matched variant position) rows a backend found, in order, with the key words
    /// highlighted.
    func hits(_ found: [(unitID: Int64, position: Int)], units: [Int64: TranslationUnit], words: [String]) -> [ConcordanceHit] {
        found.compactMap { id, position in
            guard let unit = units[id], unit.variants.indices.contains(position) else { return nil }
            let variant = unit.variants[position]
            return ConcordanceHit(unitID: id, unit: unit, matchedVariant: position,
                                  highlighted: LookupText.highlight(variant.segment.plainText, words: words, language: variant.language))
        }
    }
}
