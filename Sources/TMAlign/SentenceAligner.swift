import Synchronization
import TMCore
import TMText

/// Aligns the units (sentences) of two versions of a document.
///
/// Evidence per unit pair (see the README, "Sentence alignment"): shared numbers (normalized), months, quotes and question or
/// exclamation marks; words matched by identical form, by a cross-script consonant skeleton (names and
/// cognates: Patrushev ↔ Патрушев ↔ Патрушаў), by the EN–RU dictionary (mueller7 + FreeDict, stemmed) or by
/// Russian stems (RU–BE, EN–BE through Belarusian words spelled the Russian way); character lengths with a
/// ratio and variance estimated from the document; the number of sentences on each side of a bead. A first pass
/// aligns in a band around the diagonal; a second learns word pairs, the length model and how many words this
/// document's translations share (`ChanceTest`) from the first pass's confident beads and aligns again.
public struct SentenceAligner: Sendable {
    public var sourceLanguage: LanguageTag
    public var targetLanguage: LanguageTag
    public var parameters: ScoringParameters
    /// The largest number of units on one side of a bead (1-3, 3-1… when 3).
    public var maxUnits: Int

    public init(from source: LanguageTag, to target: LanguageTag, parameters: ScoringParameters = ScoringParameters(),
                maxUnits: Int = 3) {
        sourceLanguage = source
        targetLanguage = target
        self.parameters = parameters
        self.maxUnits = max(1, min(maxUnits, 4))
    }

    /// The beads aligning `source` with `target`, in order; they cover every unit of both sides exactly once.
    /// `sourceParagraphs`/`targetParagraphs` give each unit's paragraph when known: a bead that merges units of
    /// two paragraphs costs more (paragraph boundaries are soft anchors).
    /// - Complexity: O((n + m) × w) time and memory, w the band width (a few dozen units; it widens only where
    ///   the path reaches its edge).
    public func align(_ source: [String], _ target: [String], sourceParagraphs: [Int]? = nil, targetParagraphs: [Int]? = nil) -> [Bead] {
        let n = source.count, m = target.count
        if n == 0 || m == 0 {
            return (0..<n).map { Bead(source: $0..<$0 + 1, target: 0..<0) } + (0..<m).map { Bead(source: n..<n, target: $0..<$0 + 1) }
        }
        let interner = Interner()
        let lexicon = bothUseRussianPivot
        let sourceExtractor = FeatureExtractor(language: sourceLanguage, useLexicon: lexicon, interner: interner)
        let targetExtractor = FeatureExtractor(language: targetLanguage, useLexicon: lexicon, interner: interner)
        var sourceFeatures = source.map(sourceExtractor.features(of:))
        var targetFeatures = target.map(targetExtractor.features(of:))
        Self.weightByRarity(&sourceFeatures)
        Self.weightByRarity(&targetFeatures)
        if let sourceParagraphs, sourceParagraphs.count == n {
            for i in 0..<n { sourceFeatures[i].paragraph = sourceParagraphs[i] }
        }
        if let targetParagraphs, targetParagraphs.count == m {
            for j in 0..<m { targetFeatures[j].paragraph = targetParagraphs[j] }
        }

        let shapes = BeadShape.all(maxUnits: maxUnits)
        let ratio = Double(targetFeatures.reduce(0) { $0 + $1.characters }) / Double(max(1, sourceFeatures.reduce(0) { $0 + $1.characters }))
        var variance = 6.8 * ratio
        // Without a dictionary (no Russian pivot: German–French…) evidence is names, numbers and learned pairs, too
        // sparse for each part of a true merge to show words of its own: redundancy says nothing there.
        var weights = parameters
        if !lexicon { weights.redundancyCost = 0; weights.chanceWeight = 0 }
        // Sentence counts are known only where both languages have a segmenter (en, ru, be); elsewhere every unit
        // counts as one sentence and the cost would only make every merge dearer.
        if !(sourceExtractor.countsSentences && targetExtractor.countsSentences) { weights.sentenceCountCost = 0 }
        let first = search(sourceFeatures, targetFeatures, shapes: shapes, ratio: ratio, variance: variance,
                           band: Band.diagonal(sourceCount: n, targetCount: m, halfWidth: Self.initialHalfWidth(n, m)), parameters: weights)

        // Second pass: learn from the confident beads of the first.
        let confident = first.filter { $0.shape == BeadShape(1, 1) && $0.confidence >= 0.8 }
        if confident.count >= 5 {
            variance = Self.lengthVariance(confident, sourceFeatures, targetFeatures, ratio: ratio) ?? variance
        }
        let learned = Self.learnPairs(from: confident, sourceFeatures, targetFeatures, interner: interner)
        if !learned.isEmpty {
            Self.addLearnedKeys(learned, to: &sourceFeatures, side: 0)
            Self.addLearnedKeys(learned, to: &targetFeatures, side: 1)
        }
        var second = weights
        if parameters.referenceCoverage > 0, confident.count >= 5,
           let typical = Self.medianCoverage(confident, sourceFeatures, targetFeatures), typical > 0 {
            // Evidence is sparser for some language pairs (no dictionary) than others: this document's own confident
            // beads show how much of a unit its translation accounts for.
            // With little lexical evidence the similarity of a merged bead is not inflated by chance matches, and
            // the length model must decide merges: a merge costs less. A short document's few beads say little,
            // so its estimate is shrunk towards the reference (as if `coveragePriorBeads` beads had shown it).
            let beads = Double(confident.count), prior = parameters.coveragePriorBeads
            let shrunk = (beads * typical + prior * parameters.referenceCoverage) / (beads + prior)
            second.mergeCost *= min(1, max(0.4, shrunk / parameters.referenceCoverage))
        }
        let chanceTest = second.chanceWeight > 0 ? ChanceTest(confident: confident, sourceFeatures, targetFeatures) : nil
        return search(sourceFeatures, targetFeatures, shapes: shapes, ratio: ratio, variance: variance,
                      band: Band.around(first, sourceCount: n, targetCount: m, halfWidth: 8), parameters: second,
                      chanceTest: chanceTest)
    }

    /// The median share of a unit's token weight found on the other side of its bead, over 1-1 beads.
    static func medianCoverage(_ beads: [Bead], _ source: [UnitFeatures], _ target: [UnitFeatures]) -> Double? {
        var values: [Float] = []
        for bead in beads {
            let a = source[bead.source.lowerBound], b = target[bead.target.lowerBound]
            let (x, y) = PairTable.overlap(a, b)
            if a.weight > 0 { values.append(a.weight(of: x) / a.weight) }
            if b.weight > 0 { values.append(b.weight(of: y) / b.weight) }
        }
        values.sort()
        return values.isEmpty ? nil : Double(values[values.count / 2])
    }

    /// EN–RU, EN–BE, RU–BE, RU–RU…: both sides can meet on Russian stems.
    var bothUseRussianPivot: Bool {
        guard let a = sourceLanguage.language, let b = targetLanguage.language else { return false }
        return a.isCyrillic || b.isCyrillic
    }

    static func initialHalfWidth(_ n: Int, _ m: Int) -> Int { max(20, min(60, max(n, m) / 20)) }

    /// The search drops lattice points whose forward log-mass and best prefix score are both this far below the
    /// best of their row (`BeadSearch.align`'s margin; e^−60 ≈ 10^−26). Where evidence is sparse, many weak paths
    /// add up and the true path can trail a row's best by a lot: at 40 the German–French dev set lost beads, at 60
    /// no dev set changes a bead, and the 5k- and 10k-unit pairs align in 1.6× less CPU.
    static let searchMargin = 60.0

    /// Searches in `band`; where the best path reaches the band's edge, moves the band onto the path and widens it.
    func search(_ source: [UnitFeatures], _ target: [UnitFeatures], shapes: [BeadShape], ratio: Double, variance: Double,
                band initial: Band, parameters: ScoringParameters, chanceTest: ChanceTest? = nil) -> [Bead] {
        var band = initial
        let postings = TargetPostings(target)
        let baseWidth = Self.initialHalfWidth(source.count, target.count)
        var beads: [Bead] = []
        for attempt in 0..<6 {
            let pairs = PairTable(source: source, target: target, band: band, maxUnits: maxUnits, postings: postings)
            let scorer = BeadScorer(source: source, target: target, pairs: pairs, shapes: shapes, parameters: parameters,
                                    ratio: ratio, variance: variance, chanceTest: chanceTest)
            beads = BeadSearch.align(shapes: shapes, band: band, temperature: parameters.temperature, margin: Self.searchMargin,
                                     score: scorer.score) ?? []
            if attempt == 5 || !band.isTouched(by: beads, margin: 3) { break }
            // Follow the path first (the band walks towards it); widen only when that is not enough.
            let halfWidth = attempt < 2 ? baseWidth / 2 : baseWidth * (attempt - 1)
            band = Band.around(beads, sourceCount: source.count, targetCount: target.count, halfWidth: halfWidth)
        }
        return beads
    }

    /// Scales word weights by how rare the word is in its document: a word in every unit tells little about
    /// which units correspond.
    static func weightByRarity(_ units: inout [UnitFeatures]) {
        var frequency: [Int32: Int] = [:]
        for unit in units {
            for key in Set(unit.tokens.compactMap(\.learnKey)) { frequency[key, default: 0] += 1 }
        }
        let n = Double(units.count)
        guard n >= 4 else { return }
        for u in units.indices {
            for t in units[u].tokens.indices {
                guard let key = units[u].tokens[t].learnKey, let df = frequency[key] else { continue }
                let rarity = log((n + 1) / Double(df)) / log(n + 1)
                units[u].tokens[t].weight *= Float(0.3 + 0.7 * min(1, max(0, rarity * 1.5)))
            }
            units[u].finish()
        }
    }

    /// Gale-Church's variance re-estimated from 1-1 beads (robust: the median squared deviation, scaled).
    static func lengthVariance(_ beads: [Bead], _ source: [UnitFeatures], _ target: [UnitFeatures], ratio: Double) -> Double? {
        var values: [Double] = []
        for bead in beads {
            let ls = Double(source[bead.source.lowerBound].characters), lt = Double(target[bead.target.lowerBound].characters)
            let mean = max(1, (ls + lt / ratio) / 2)
            values.append((lt - ratio * ls) * (lt - ratio * ls) / mean)
        }
        values.sort()
        guard !values.isEmpty else { return nil }
        // For a normal variable the median of the squared deviation is 0.455 σ².
        let estimate = values[values.count / 2] / 0.455
        return min(max(estimate, 0.5 * ratio), 40 * ratio)
    }

    /// Word pairs that occur together in confident 1-1 beads far more than apart (Dice ≥ 0.6, at least twice).
    static func learnPairs(from beads: [Bead], _ source: [UnitFeatures], _ target: [UnitFeatures], interner: Interner) -> [(Int32, Int32, Int32)] {
        guard beads.count >= 8 else { return [] }
        var together: [Int64: Int] = [:]
        var sourceCount: [Int32: Int] = [:], targetCount: [Int32: Int] = [:]
        for bead in beads {
            let a = Set(source[bead.source.lowerBound].tokens.compactMap(\.learnKey))
            let b = Set(target[bead.target.lowerBound].tokens.compactMap(\.learnKey))
            for x in a { sourceCount[x, default: 0] += 1 }
            for y in b { targetCount[y, default: 0] += 1 }
            for x in a { for y in b { together[Int64(x) << 32 | Int64(y), default: 0] += 1 } }
        }
        var result: [(Int32, Int32, Int32)] = []
        for (pair, count) in together where count >= 2 {
            let x = Int32(truncatingIfNeeded: pair >> 32), y = Int32(truncatingIfNeeded: pair & 0xFFFF_FFFF)
            let dice = 2 * Double(count) / Double((sourceCount[x] ?? 0) + (targetCount[y] ?? 0))
            if dice >= 0.6 { result.append((x, y, interner.id("P:\(x):\(y)"))) }
        }
        return result.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    static func addLearnedKeys(_ pairs: [(Int32, Int32, Int32)], to units: inout [UnitFeatures], side: Int) {
        var keys: [Int32: [Int32]] = [:]
        for (x, y, id) in pairs { keys[side == 0 ? x : y, default: []].append(id) }
        for u in units.indices {
            var changed = false
            for t in units[u].tokens.indices {
                if let key = units[u].tokens[t].learnKey, let extra = keys[key] {
                    units[u].tokens[t].keys += extra
                    changed = true
                }
            }
            if changed { units[u].finish() }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SentenceAligner {
    /// For inspection: the 1-1 similarity of every unit pair (matched token weight over all token weight) and
    /// the keys each unit's tokens carry.
    public func explain(_ source: [String], _ target: [String]) -> (similarity: [[Double]], sourceKeys: [[String]], targetKeys: [[String]]) {
        let interner = Interner()
        let s = FeatureExtractor(language: sourceLanguage, useLexicon: bothUseRussianPivot, interner: interner)
        let t = FeatureExtractor(language: targetLanguage, useLexicon: bothUseRussianPivot, interner: interner)
        var sf = source.map(s.features(of:)), tf = target.map(t.features(of:))
        Self.weightByRarity(&sf)
        Self.weightByRarity(&tf)
        let sim = sf.map { a in tf.map { b in
            let (x, y) = PairTable.overlap(a, b)
            return Double(a.weight(of: x) + b.weight(of: y)) / Double(max(1e-9, a.weight + b.weight))
        } }
        func keys(_ u: UnitFeatures) -> [String] { u.tokens.map { t in String(format: "%.2f", t.weight) + "{" + t.keys.map { interner.strings[Int($0)] }.joined(separator: ",") + "}" } }
        return (sim, sf.map(keys), tf.map(keys))
    }
}
