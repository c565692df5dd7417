/// The rows a backend's word index proposes for fuzzy scoring (the source-language variants holding the words
/// `SearchPlan.fuzzyWords` chose), scored the same way on every backend, so both give the same matches: each
/// row gets an upper bound of its score from the words it shares with the query, and rows are scored best bound
/// first until the bound falls below the lowest score that can still be shown (`SearchPlan.scoreFloor`). No row
/// that could be shown is passed over (up to `limit` scored rows), and most rows are never scored. A backend
/// only reads rows and says whether a candidate's unit has a variant in the target language.
struct FuzzyCandidates {
    /// A row as ranked: `row` is its index in the backend's result, `words` where its word numbers are.
    struct Candidate {
        var row: Int
        var id: Int64
        var unitID: Int64
        var words: Range<Int>
        /// The highest score the row can have: `min(94, floor(100 × shared / max(n, m)))` for `shared` words in
        /// common with the query (as multisets), `n` query words and `m` row words. The word edit distance is at
        /// least `max(n, m)` less the longest common subsequence, which is at most `shared`.
        var bound: Int
        /// How far the row's word count is from the query's.
        var distance: Int
    }

    /// At most this many rows are scored (only when more can still reach the floor: thousands of copies of one
    /// sentence).
    static let limit = 400

    /// At most this many rows are read per lookup, the first in the word index's order (row id on SQLite; table
    /// order on PostgreSQL, which is id order until rows are deleted and their space reused or `optimize`
    /// reorders them). Only a query of common words alone finds more (at 1M units, "the of and in to a is
    /// that" finds 155,239 rows holding two of its three rarest words, and took 1.1 s on PostgreSQL and 2.7 s
    /// on SQLite); the most any of the benchmark's 1,000 queries finds is 18,035.
    static let rowLimit = 20_000

    /// How often each query word number occurs in the query.
    private let queryCounts: [Int]
    private let queryWordCount: Int
    /// Every row's key as query word numbers (`SearchPlan.numbering`, −1 for other words), one after the other.
    private var numbers: [Int] = []
    private var candidates: [Candidate] = []
    /// Per query word number, how often the row being added holds it (zeroed again after each row).
    private var held: [Int]

    /// For `plan`'s query; room for `rows` rows reserved.
    init(_ plan: SearchPlan, rows: Int = 0) {
        var counts = [Int](repeating: 0, count: plan.words.count)
        for number in plan.queryNumbers { counts[number] += 1 }
        queryCounts = counts
        queryWordCount = plan.words.count
        held = [Int](repeating: 0, count: counts.count)
        numbers.reserveCapacity(rows * (plan.words.count + 4))
        candidates.reserveCapacity(rows)
    }

    /// Adds one row (`row` is its index in the backend's result, handed back to `score`'s `hasTarget`):
    /// `readWords` appends the numbers of its key's words.
    mutating func add(row: Int, id: Int64, unitID: Int64, readWords: (inout [Int]) -> Void) {
        let start = numbers.count
        readWords(&numbers)
        var shared = 0
        for index in start..<numbers.count {
            let number = numbers[index]
            guard number >= 0 && number < held.count else { continue }
            held[number] += 1
            if held[number] <= queryCounts[number] { shared += 1 }
        }
        for index in start..<numbers.count where numbers[index] >= 0 && numbers[index] < held.count { held[numbers[index]] = 0 }
        let count = numbers.count - start, longest = max(count, queryWordCount)
        candidates.append(Candidate(row: row, id: id, unitID: unitID, words: start..<numbers.count,
                                    bound: longest == 0 ? 0 : min(94, 100 * shared / longest),
                                    distance: abs(count - queryWordCount)))
    }

    /// Scores the rows in `precedes` order while their bound reaches `plan.scoreFloor` (which rises as matches
    /// are found), those whose unit has a variant in the target language other than the row itself
    /// (`hasTarget`, asked in that order), up to `limit` of them.
    func score(into plan: inout SearchPlan, hasTarget: (Candidate) throws -> Bool) rethrows {
        var scored = 0
        for candidate in inScoringOrder {
            guard candidate.bound >= plan.scoreFloor && scored < FuzzyCandidates.limit else { break }
            guard try hasTarget(candidate) else { continue }
            scored += 1
            plan.considerFuzzyRow(variantID: candidate.id, unitID: candidate.unitID, memoryNumbers: numbers[candidate.words])
        }
    }

    /// The rows in the order they are scored (`precedes`).
    var inScoringOrder: [Candidate] { candidates.sorted(by: FuzzyCandidates.precedes) }

    /// True when `a` is scored before `b`: the higher bound, then the closer word count, then the lower id.
    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.bound != b.bound { return a.bound > b.bound }
        if a.distance != b.distance { return a.distance < b.distance }
        return a.id < b.id
    }
}
