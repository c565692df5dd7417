#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The weights of the bead score. One set for every language pair and document: tuned on the kind of data
/// (agency news, books), not per file.
public struct ScoringParameters: Hashable, Sendable {
    /// Reward per unit of a bead for lexical similarity above `threshold`.
    public var similarityWeight = 7.0
    /// The similarity at which a bead is as good as leaving its units unaligned.
    public var threshold = 0.05
    /// Weight of the length term (Gale-Church log-probability of the length difference).
    public var lengthWeight = 0.5
    /// Cost of leaving one unit unaligned (1-0 or 0-1).
    public var skipCost = 1.5
    /// Cost of each extra unit on a side beyond 1-1 (a 2-1 pays it once, a 2-2 twice…).
    public var mergeCost = 3.5
    /// Cost of a bead that merges units of two paragraphs on one side (when paragraphs are known).
    public var paragraphCost = 2.0
    /// Pseudo-weight that pulls the similarity of a bead with little evidence towards the threshold.
    public var evidencePrior = 1.0
    /// The coverage of a typical translated unit with a good dictionary; documents whose confident beads reach
    /// less (no dictionary: only numbers, names, cognates and learned pairs) get their similarity scaled up in the
    /// second pass. 0 turns this off.
    public var referenceCoverage = 0.5
    /// Temperature of the posterior that gives each bead its confidence.
    public var temperature = 1.0
    /// Cost of leaving a one-sided boilerplate line ("read also", photo credit) unaligned: they usually are.
    public var oneSidedSkipCost = 0.5
    /// Cost of a bead that pairs boilerplate on one side with none on the other.
    public var oneSidedPairCost = 5.0
    /// How many confident beads the reference coverage counts for when a document's own coverage is estimated.
    public var coveragePriorBeads = 20.0
    /// Cost of a unit in a multi-unit side of a bead that explains nothing the other units of its side do not
    /// already explain (a neighbour absorbed only through a name the bead's other units repeat): grows linearly to
    /// `redundancyCost` as the share of the other side's weight found only through this unit falls from
    /// `redundancyLevel` to 0. Not applied without a dictionary (German–French: evidence there is
    /// names, numbers and learned pairs, too sparse for each part of a true merge to show words of its own). 0 turns
    /// this off.
    public var redundancyCost = 1.0
    /// The unique share below which `redundancyCost` starts to apply.
    public var redundancyLevel = 0.05
    /// Weight of the chance test on 1-1 beads (second pass): the log-likelihood ratio of the words a pair shares
    /// under "chance" (the rate at which unrelated units of this document share words) against "translation" (the
    /// rate this document's confident beads show), counted over the words that could have matched. A pair sharing
    /// far fewer than this document's translations do pays it. 0 turns this off.
    public var chanceWeight = 0.25
    /// The most the chance test can cost one bead.
    public var chanceCap = 1.5
    /// The chance test judges a pair only when each side has at least this many words that could match.
    public var chanceMinimumWords = 4.0
    /// Cost per sentence by which the two sides of a bead differ (a translation keeps its sentences: a unit of two
    /// sentences paired with a unit of one is more likely half of a merge). Only when both languages have a
    /// sentence segmenter. 0 turns this off.
    public var sentenceCountCost = 2.0

    public init() {}

    /// Sets a weight by its name (for tuning from the command line); false when the name is unknown.
    public mutating func set(_ name: String, _ value: Double) -> Bool {
        switch name {
        case "similarityWeight": similarityWeight = value
        case "threshold": threshold = value
        case "lengthWeight": lengthWeight = value
        case "skipCost": skipCost = value
        case "mergeCost": mergeCost = value
        case "evidencePrior": evidencePrior = value
        case "temperature": temperature = value
        case "paragraphCost": paragraphCost = value
        case "referenceCoverage": referenceCoverage = value
        case "oneSidedSkipCost": oneSidedSkipCost = value
        case "oneSidedPairCost": oneSidedPairCost = value
        case "coveragePriorBeads": coveragePriorBeads = value
        case "redundancyCost": redundancyCost = value
        case "redundancyLevel": redundancyLevel = value
        case "chanceWeight": chanceWeight = value
        case "chanceCap": chanceCap = value
        case "chanceMinimumWords": chanceMinimumWords = value
        case "sentenceCountCost": sentenceCountCost = value
        default: return false
        }
        return true
    }
}

/// Word-overlap evidence of every unit pair inside a band (plus the neighbours a multi-unit bead reaches): which
/// tokens of i are found in j and which of j in i, as bit masks over each unit's first 64 tokens, so the tokens a
/// multi-unit bead matches are an exact union (an OR), never counted twice.
struct PairTable {
    private var first: [Int]
    private var offsets: [Int]
    private var sourceMasks: [UInt64]
    private var targetMasks: [UInt64]

    /// For each source unit i, the target units a bead ending in the band can pair with it. Built from postings
    /// (key → units, key → unit tokens) so the cost is per key and unit, not per key and pair.
    init(source: [UnitFeatures], target: [UnitFeatures], band: Band, maxUnits: Int, postings: TargetPostings) {
        let n = source.count, m = target.count
        first = []
        offsets = [0]
        sourceMasks = []
        targetMasks = []
        first.reserveCapacity(n)
        offsets.reserveCapacity(n + 1)
        for i in 0..<n {
            let lo = max(0, min(m, band.lower[i + 1] - maxUnits))
            let hi = max(lo, min(m, band.upper[min(n, i + maxUnits)]))
            first.append(lo)
            let base = sourceMasks.count
            sourceMasks.append(contentsOf: repeatElement(0, count: hi - lo))
            targetMasks.append(contentsOf: repeatElement(0, count: hi - lo))
            if hi > lo {
                for (k, token) in source[i].tokens.prefix(64).enumerated() {
                    let bit: UInt64 = 1 << UInt64(k)
                    for key in token.keys {
                        guard let units = postings.units[key] else { continue }
                        var p = TargetPostings.firstIndex(in: units, atLeast: lo)
                        while p < units.count && Int(units[p]) < hi {
                            sourceMasks[base + Int(units[p]) - lo] |= bit
                            p += 1
                        }
                    }
                }
                for key in source[i].keySet {
                    guard let tokens = postings.tokens[key] else { continue }
                    var p = TargetPostings.firstIndex(in: tokens, atLeast: lo)
                    while p < tokens.count && Int(tokens[p].unit) < hi {
                        targetMasks[base + Int(tokens[p].unit) - lo] |= 1 << UInt64(tokens[p].token)
                        p += 1
                    }
                }
            }
            offsets.append(sourceMasks.count)
        }
    }

    /// The tokens of i found in j, and of j found in i.
    @inline(__always) static func overlap(_ s: UnitFeatures, _ t: UnitFeatures) -> (UInt64, UInt64) {
        (found(s, in: t), found(t, in: s))
    }

    @inline(__always) static func found(_ s: UnitFeatures, in t: UnitFeatures) -> UInt64 {
        var mask: UInt64 = 0
        for (k, token) in s.tokens.prefix(64).enumerated() where token.keys.contains(where: t.keySet.contains) {
            mask |= 1 << UInt64(k)
        }
        return mask
    }

    @inline(__always) func masks(_ i: Int, _ j: Int) -> (UInt64, UInt64)? {
        let k = j - first[i]
        guard k >= 0, offsets[i] + k < offsets[i + 1] else { return nil }
        return (sourceMasks[offsets[i] + k], targetMasks[offsets[i] + k])
    }
}

/// Where each key occurs on the target side: the units that have it, and the (unit, token) pairs.
struct TargetPostings {
    var units: [Int32: [Int32]] = [:]
    var tokens: [Int32: [(unit: Int32, token: UInt8)]] = [:]

    init(_ target: [UnitFeatures]) {
        for (j, unit) in target.enumerated() {
            for key in unit.keySet.sorted() { units[key, default: []].append(Int32(j)) }
            for (k, token) in unit.tokens.prefix(64).enumerated() {
                for key in Set(token.keys) { tokens[key, default: []].append((Int32(j), UInt8(k))) }
            }
        }
    }

    static func firstIndex(in list: [Int32], atLeast value: Int) -> Int {
        var a = 0, b = list.count
        while a < b {
            let mid = (a + b) / 2
            if Int(list[mid]) < value { a = mid + 1 } else { b = mid }
        }
        return a
    }

    static func firstIndex(in list: [(unit: Int32, token: UInt8)], atLeast value: Int) -> Int {
        var a = 0, b = list.count
        while a < b {
            let mid = (a + b) / 2
            if Int(list[mid].unit) < value { a = mid + 1 } else { b = mid }
        }
        return a
    }
}

/// Scores beads from unit features: lexical similarity, length, and a cost per shape. Pure given its inputs.
struct BeadScorer {
    let source: [UnitFeatures]
    let target: [UnitFeatures]
    let pairs: PairTable
    let shapes: [BeadShape]
    let parameters: ScoringParameters
    /// Target characters per source character.
    let ratio: Double
    /// Variance of the target length per source character (Gale-Church's s²).
    let variance: Double
    /// The document's chance test for 1-1 beads (second pass only; nil when `chanceWeight` is 0).
    let chanceTest: ChanceTest?
    /// Flat copies of what every score needs, so the hot loop touches no nested arrays.
    private let sourceSide: FlatUnits, targetSide: FlatUnits

    init(source: [UnitFeatures], target: [UnitFeatures], pairs: PairTable, shapes: [BeadShape], parameters: ScoringParameters,
         ratio: Double, variance: Double, chanceTest: ChanceTest? = nil) {
        self.source = source
        self.target = target
        self.pairs = pairs
        self.shapes = shapes
        self.parameters = parameters
        self.ratio = ratio
        self.variance = variance
        self.chanceTest = chanceTest
        sourceSide = FlatUnits(source)
        targetSide = FlatUnits(target)
    }

    /// Characters, total weight and token weights of every unit, in flat arrays.
    struct FlatUnits {
        var characters: [Int] = []
        var paragraph: [Int] = []
        var sentences: [Int] = []
        var isOneSided: [Bool] = []
        var weight: [Float] = []
        var tokenStart: [Int] = [0]
        var tokenWeight: [Float] = []

        init(_ units: [UnitFeatures]) {
            for unit in units {
                characters.append(unit.characters)
                paragraph.append(unit.paragraph)
                sentences.append(unit.sentences)
                isOneSided.append(unit.isOneSided)
                weight.append(unit.weight)
                tokenWeight += unit.tokens.prefix(64).map(\.weight)
                tokenStart.append(tokenWeight.count)
            }
        }

        @inline(__always) func weight(of mask: UInt64, unit: Int) -> Float {
            var total: Float = 0
            var bits = mask
            let base = tokenStart[unit]
            while bits != 0 {
                total += tokenWeight[base + bits.trailingZeroBitCount]
                bits &= bits - 1
            }
            return total
        }
    }

    func score(_ shapeIndex: Int, _ i: Int, _ j: Int) -> Double {
        let shape = shapes[shapeIndex]
        if shape.isSkip {
            let oneSided = shape.source == 1 ? sourceSide.isOneSided[i - 1] : targetSide.isOneSided[j - 1]
            return -(oneSided ? parameters.oneSidedSkipCost : parameters.skipCost)
        }
        let s0 = i - shape.source, t0 = j - shape.target
        // Boilerplate paired with none on the other side: a "read also" line is not a translation of a sentence.
        let oneSidedMismatch = sourceSide.isOneSided[s0..<i].contains(true) != targetSide.isOneSided[t0..<j].contains(true)
        // Token masks, each side's own view (index own * 4 + other): found[a, b] are the tokens of unit a found in
        // unit b of the other side, back[a, b] those of b found in a.
        var sourceFound = SIMD16<UInt64>(), sourceBack = SIMD16<UInt64>(), targetFound = SIMD16<UInt64>(), targetBack = SIMD16<UInt64>()
        var ls = 0, lt = 0
        for a in s0..<i { ls += sourceSide.characters[a] }
        for b in t0..<j { lt += targetSide.characters[b] }
        for a in s0..<i {
            for b in t0..<j {
                let (sx, ty) = pairs.masks(a, b) ?? PairTable.overlap(source[a], target[b])
                sourceFound[(a - s0) * 4 + b - t0] = sx
                sourceBack[(a - s0) * 4 + b - t0] = ty
                targetFound[(b - t0) * 4 + a - s0] = ty
                targetBack[(b - t0) * 4 + a - s0] = sx
            }
        }
        let sourceTerms = sideTerms(sourceSide, s0..<i, other: targetSide, t0..<j, found: sourceFound, back: sourceBack)
        let targetTerms = sideTerms(targetSide, t0..<j, other: sourceSide, s0..<i, found: targetFound, back: targetBack)
        let extra = Double(shape.source + shape.target - 2)
        var crossings = 0.0
        if shape.source > 1 && sourceSide.paragraph[s0] != sourceSide.paragraph[i - 1] { crossings += 1 }
        if shape.target > 1 && targetSide.paragraph[t0] != targetSide.paragraph[j - 1] { crossings += 1 }
        var sourceSentences = 0, targetSentences = 0
        for a in s0..<i { sourceSentences += sourceSide.sentences[a] }
        for b in t0..<j { targetSentences += targetSide.sentences[b] }
        var chanceCost = 0.0
        if let chanceTest, shape.source == 1 && shape.target == 1 {
            chanceCost = chanceTest.cost(s0, t0, sourceFound: sourceFound[0], targetFound: targetFound[0],
                                         weight: parameters.chanceWeight, cap: parameters.chanceCap,
                                         minimumWords: parameters.chanceMinimumWords)
        }
        return parameters.similarityWeight * Double(sourceTerms.coverage + targetTerms.coverage)
            - parameters.lengthWeight * lengthCost(Double(ls), Double(lt))
            - parameters.mergeCost * extra
            - parameters.paragraphCost * crossings
            - (oneSidedMismatch ? parameters.oneSidedPairCost : 0)
            - Double(Float(parameters.redundancyCost) * (sourceTerms.redundancy + targetTerms.redundancy))
            - chanceCost
            - parameters.sentenceCountCost * Double(abs(sourceSentences - targetSentences))
    }

    /// One side of a bead: the summed `coverage` of its units and, when it merges several units, their summed
    /// redundancy — for each unit, how far the share of the other side's weight that only it accounts for falls
    /// short of `redundancyLevel` (0 at or above it, 1 when it accounts for nothing the others do not).
    /// - Parameters:
    ///   - found: index own * 4 + other: the tokens of each own unit found in each other-side unit.
    ///   - back: index own * 4 + other: the tokens of each other-side unit found in each own unit.
    @inline(__always) private func sideTerms(_ side: FlatUnits, _ units: Range<Int>, other: FlatUnits, _ others: Range<Int>,
                                             found: SIMD16<UInt64>, back: SIMD16<UInt64>) -> (coverage: Float, redundancy: Float) {
        var coverage: Float = 0, redundancy: Float = 0
        var otherWeight: Float = 0
        for b in others { otherWeight += other.weight[b] }
        let level = Float(parameters.redundancyLevel)
        let merged = parameters.redundancyCost > 0 && units.count > 1 && otherWeight > 0
        for a in units {
            var tokens: UInt64 = 0
            for b in others { tokens |= found[(a - units.lowerBound) * 4 + b - others.lowerBound] }
            coverage += self.coverage(side.weight(of: tokens, unit: a), of: side.weight[a])
            guard merged else { continue }
            // The other side's tokens only this unit accounts for.
            var unique: Float = 0
            for b in others {
                var elsewhere: UInt64 = 0
                for c in units where c != a { elsewhere |= back[(c - units.lowerBound) * 4 + b - others.lowerBound] }
                unique += other.weight(of: back[(a - units.lowerBound) * 4 + b - others.lowerBound] & ~elsewhere, unit: b)
            }
            redundancy += max(0, 1 - unique / otherWeight / level)
        }
        return (coverage, redundancy)
    }

    /// How much of a unit the other side of its bead accounts for, relative to the threshold: the share of its
    /// token weight found there (pulled towards the threshold when the unit has little evidence) minus the threshold.
    @inline(__always) func coverage(_ found: Float, of weight: Float) -> Float {
        let prior = Float(parameters.evidencePrior), threshold = Float(parameters.threshold)
        return (found + threshold * prior) / (weight + prior) - threshold
    }

    /// −log of the two-sided tail probability of the length difference (Gale & Church 1993).
    @inline(__always) func lengthCost(_ ls: Double, _ lt: Double) -> Double {
        let mean = (ls + lt / ratio) / 2
        let delta = (lt - ratio * ls) / (variance * max(mean, 1)).squareRoot()
        let p = erfc(abs(delta) / 2.0.squareRoot())
        return -log(max(p, 1e-12))
    }
}
