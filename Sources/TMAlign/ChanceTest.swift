#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a 1-1 pair shares as many words as this document's translations do, or only as many as unrelated units
/// of this document share by chance (a dropped sentence next to an inserted one).
///
/// Only words that *could* match count: a unit's words with a key found anywhere on the other side of the
/// document (a dictionary translation, a name, a number, a learned pair that occurs there). Of those, a
/// translation shares a rate `translation` learned from the first pass's confident 1-1 beads, and an unrelated
/// unit a rate `chance` measured on pairs of confident beads three apart. A pair's words then weigh for one
/// hypothesis or the other (a binomial log-likelihood ratio per side); evidence far below this document's own
/// translations is a cost. Relative to the document: where the dictionary covers little, `translation` is low and
/// a pair with few shared words is not suspect.
struct ChanceTest: Sendable {
    /// The words of each unit (bit mask over its first 64 tokens) that could match something on the other side.
    let sourceJudgeable: [UInt64]
    let targetJudgeable: [UInt64]
    /// Share of judgeable words found on the other side of a confident 1-1 bead.
    let translation: Double
    /// Share of judgeable words found in an unrelated unit of the document.
    let chance: Double

    /// Weak priors (rate, words) that keep a few beads' counts from giving extreme rates.
    static let translationPrior = (rate: 0.5, words: 10.0)
    static let chancePrior = (rate: 0.1, words: 10.0)

    /// The test for one document, learned from `confident` 1-1 beads; nil when fewer than 5 or when
    /// translations share no more than chance pairs do (no lexical evidence to judge by).
    init?(confident: [Bead], _ source: [UnitFeatures], _ target: [UnitFeatures]) {
        guard confident.count >= 5 else { return nil }
        let sourceJudgeable = Self.judgeable(source, against: target)
        let targetJudgeable = Self.judgeable(target, against: source)
        var found = 0, words = 0, chanceFound = 0, chanceWords = 0
        func count(_ a: Int, _ b: Int, into found: inout Int, _ words: inout Int) {
            let (x, y) = PairTable.overlap(source[a], target[b])
            found += (x & sourceJudgeable[a]).nonzeroBitCount + (y & targetJudgeable[b]).nonzeroBitCount
            words += sourceJudgeable[a].nonzeroBitCount + targetJudgeable[b].nonzeroBitCount
        }
        for (k, bead) in confident.enumerated() {
            count(bead.source.lowerBound, bead.target.lowerBound, into: &found, &words)
            if k + 3 < confident.count {
                let other = confident[k + 3]
                count(bead.source.lowerBound, other.target.lowerBound, into: &chanceFound, &chanceWords)
                count(other.source.lowerBound, bead.target.lowerBound, into: &chanceFound, &chanceWords)
            }
        }
        let t = Self.translationPrior, c = Self.chancePrior
        translation = (Double(found) + t.rate * t.words) / (Double(words) + t.words)
        chance = (Double(chanceFound) + c.rate * c.words) / (Double(chanceWords) + c.words)
        guard translation > chance else { return nil }
        self.sourceJudgeable = sourceJudgeable
        self.targetJudgeable = targetJudgeable
    }

    /// The tokens of each unit with a key that occurs somewhere in `other`.
    static func judgeable(_ units: [UnitFeatures], against other: [UnitFeatures]) -> [UInt64] {
        var keys = Set<Int32>()
        for unit in other { keys.formUnion(unit.keySet) }
        return units.map { unit in
            var mask: UInt64 = 0
            for (k, token) in unit.tokens.prefix(64).enumerated() where token.keys.contains(where: keys.contains) {
                mask |= 1 << UInt64(k)
            }
            return mask
        }
    }

    /// The cost of pairing source unit `a` with target unit `b` 1-1, given the words of each found in the other:
    /// `weight` × the log-likelihood ratio of chance over translation when positive, at most `cap`; 0 when either
    /// side has fewer than `minimumWords` judgeable words.
    @inline(__always) func cost(_ a: Int, _ b: Int, sourceFound: UInt64, targetFound: UInt64,
                                weight: Double, cap: Double, minimumWords: Double) -> Double {
        let ka = sourceJudgeable[a].nonzeroBitCount, kb = targetJudgeable[b].nonzeroBitCount
        guard Double(min(ka, kb)) >= minimumWords else { return 0 }
        let x = (sourceFound & sourceJudgeable[a]).nonzeroBitCount + (targetFound & targetJudgeable[b]).nonzeroBitCount
        let k = ka + kb
        let support = Double(x) * log(translation / chance) + Double(k - x) * log((1 - translation) / (1 - chance))
        return min(cap, weight * max(0, -support))
    }
}
