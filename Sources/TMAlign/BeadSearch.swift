/// A corridor of the alignment lattice: for each source boundary `i` (0...n) the target boundaries
/// `lower[i]...upper[i]` the search may visit. Lattice point (i, j) means "the first i source units and the first
/// j target units are aligned".
public struct Band: Hashable, Sendable {
    public let sourceCount: Int
    public let targetCount: Int
    public private(set) var lower: [Int]
    public private(set) var upper: [Int]

    /// A band from raw bounds, repaired so that it is connected: both bounds non-decreasing, consecutive rows
    /// overlap, and the corners (0, 0) and (n, m) are inside.
    public init(sourceCount n: Int, targetCount m: Int, lower: [Int], upper: [Int]) {
        sourceCount = n
        targetCount = m
        var lo = (0...n).map { i in i < lower.count ? min(max(lower[i], 0), m) : m }
        var hi = (0...n).map { i in i < upper.count ? min(max(upper[i], 0), m) : m }
        lo[0] = 0
        hi[n] = m
        for i in 0...n where hi[i] < lo[i] { hi[i] = lo[i] }
        for i in 1...max(1, n) where i <= n { hi[i] = max(hi[i], hi[i - 1]) }
        for i in stride(from: n - 1, through: 0, by: -1) { lo[i] = min(lo[i], lo[i + 1]) }
        // Rows must overlap for a path to move from one to the next.
        for i in 1...max(1, n) where i <= n && lo[i] > hi[i - 1] { hi[i - 1] = lo[i] }
        for i in 1...max(1, n) where i <= n { hi[i] = max(hi[i], hi[i - 1]) }
        self.lower = lo
        self.upper = hi
    }

    /// The band of half-width `halfWidth` around the straight line from (0, 0) to (n, m).
    public static func diagonal(sourceCount n: Int, targetCount m: Int, halfWidth: Int) -> Band {
        let centers = (0...n).map { n == 0 ? 0 : Int((Double($0) * Double(m) / Double(n)).rounded()) }
        return Band(sourceCount: n, targetCount: m, lower: centers.map { $0 - halfWidth }, upper: centers.map { $0 + halfWidth })
    }

    /// The band of half-width `halfWidth` around a path of beads (which must cover both sides).
    public static func around(_ beads: [Bead], sourceCount n: Int, targetCount m: Int, halfWidth: Int) -> Band {
        var low = Array(repeating: Int.max, count: n + 1), high = Array(repeating: Int.min, count: n + 1)
        var i = 0, j = 0
        low[0] = 0
        high[0] = 0
        for bead in beads {
            let i1 = bead.source.upperBound, j1 = bead.target.upperBound
            // Every row the bead spans may hold any target boundary between its corners.
            for row in i...min(i1, n) {
                low[row] = min(low[row], j)
                high[row] = max(high[row], j1)
            }
            i = i1
            j = j1
        }
        var lower = [Int](), upper = [Int]()
        lower.reserveCapacity(n + 1)
        upper.reserveCapacity(n + 1)
        for row in 0...n {
            // Widen in both directions: horizontally by half-width rows, vertically by half-width targets.
            let a = max(0, row - halfWidth), b = min(n, row + halfWidth)
            lower.append((low[a] == Int.max ? 0 : low[a]) - halfWidth)
            upper.append((high[b] == Int.min ? m : high[b]) + halfWidth)
        }
        return Band(sourceCount: n, targetCount: m, lower: lower, upper: upper)
    }

    /// True when (i, j) is inside.
    @inline(__always) public func contains(_ i: Int, _ j: Int) -> Bool {
        i >= 0 && i <= sourceCount && j >= lower[i] && j <= upper[i]
    }

    /// The number of lattice points inside (the search's time and memory are proportional to it).
    public var cellCount: Int { zip(lower, upper).reduce(0) { $0 + $1.1 - $1.0 + 1 } }

    /// True when the path comes within `margin` of an edge that is not the document's own edge: the best path
    /// may lie outside, and the band should be moved or widened.
    public func isTouched(by beads: [Bead], margin: Int) -> Bool {
        var i = 0, j = 0
        for bead in beads {
            i = bead.source.upperBound
            j = bead.target.upperBound
            if (lower[i] > 0 && j - lower[i] < margin) || (upper[i] < targetCount && upper[i] - j < margin) { return true }
        }
        return false
    }
}

/// The dynamic-programming kernel: the best sequence of beads through a band, and each bead's posterior.
///
/// Pure: it sees only the shapes, the band and a score function `score(shapeIndex, i, j)` giving the
/// log-score of the bead of that shape that ends at lattice point (i, j) (source units `i-k..<i`, target units
/// `j-l..<j`); `-infinity` forbids it. It knows nothing of text.
public enum BeadSearch {
    /// The highest-scoring bead sequence from (0, 0) to (n, m) inside `band`, with each bead's confidence set
    /// to its posterior probability under the distribution `exp(total score / temperature)` over all paths in
    /// the band (forward-backward). Returns nil only when no path exists (it always does in a repaired band
    /// when the shapes include 1-0 and 0-1).
    ///
    /// With a finite `margin`, the forward pass drops the points of a row (all but the last) whose forward
    /// log-mass and best prefix score are both more than `margin` below the row's best: no bead is scored from
    /// them, in either pass. Far from the path most of a wide band is such points. When dropping leaves no
    /// path, the search runs again without it.
    /// - Complexity: O(cells × shapes) time, O(cells) memory, cells = `band.cellCount` (≈ n × band width); with a
    ///   margin, the time is that of the cells kept.
    public static func align(shapes: [BeadShape], band: Band, temperature: Double = 1, margin: Double = .infinity,
                             score: (Int, Int, Int) -> Double) -> [Bead]? {
        if margin.isFinite, let beads = search(shapes: shapes, band: band, temperature: temperature, margin: margin, score: score) {
            return beads
        }
        return search(shapes: shapes, band: band, temperature: temperature, margin: .infinity, score: score)
    }

    private static func search(shapes: [BeadShape], band: Band, temperature: Double, margin: Double,
                               score: (Int, Int, Int) -> Double) -> [Bead]? {
        let n = band.sourceCount, m = band.targetCount
        if n == 0 && m == 0 { return [] }
        var offsets = [Int](repeating: 0, count: n + 2)
        for i in 0...n { offsets[i + 1] = offsets[i] + band.upper[i] - band.lower[i] + 1 }
        let cells = offsets[n + 1]
        @inline(__always) func index(_ i: Int, _ j: Int) -> Int { offsets[i] + j - band.lower[i] }

        var best = [Double](repeating: -.infinity, count: cells)
        var back = [UInt8](repeating: UInt8.max, count: cells)
        var forward = [Double](repeating: -.infinity, count: cells)
        best[index(0, 0)] = 0
        forward[index(0, 0)] = 0
        let t = max(temperature, 1e-9)
        var terms = [Double](repeating: 0, count: shapes.count)

        for i in 0...n {
            for j in band.lower[i]...band.upper[i] where i > 0 || j > 0 {
                var top = -Double.infinity, topShape = UInt8.max
                var count = 0
                var termMax = -Double.infinity
                for (s, shape) in shapes.enumerated() {
                    let pi = i - shape.source, pj = j - shape.target
                    guard band.contains(pi, pj) else { continue }
                    let p = index(pi, pj)
                    let previous = best[p]
                    let f = forward[p]
                    if previous == -.infinity && f == -.infinity { continue }
                    let value = score(s, i, j)
                    if value == -.infinity { continue }
                    if previous + value > top {
                        top = previous + value
                        topShape = UInt8(s)
                    }
                    let term = f + value / t
                    terms[count] = term
                    count += 1
                    termMax = max(termMax, term)
                }
                let c = index(i, j)
                best[c] = top
                back[c] = topShape
                forward[c] = logSumExp(terms, count: count, max: termMax)
            }
            // The last row holds the end point: nothing is dropped there.
            if margin.isFinite && i < n {
                let row = index(i, band.lower[i])...index(i, band.upper[i])
                let forwardFloor = (forward[row].max() ?? -.infinity) - margin, bestFloor = (best[row].max() ?? -.infinity) - margin
                for c in row where forward[c] < forwardFloor && best[c] < bestFloor {
                    forward[c] = -.infinity
                    best[c] = -.infinity
                }
            }
        }

        // Backward pass for posteriors.
        var backward = [Double](repeating: -.infinity, count: cells)
        backward[index(n, m)] = 0
        for i in stride(from: n, through: 0, by: -1) {
            for j in stride(from: band.upper[i], through: band.lower[i], by: -1) where i < n || j < m {
                // A dropped point (or one no path reaches) has no paths through it.
                if forward[index(i, j)] == -.infinity { continue }
                var count = 0
                var termMax = -Double.infinity
                for (s, shape) in shapes.enumerated() {
                    let ni = i + shape.source, nj = j + shape.target
                    guard band.contains(ni, nj) else { continue }
                    let b = backward[index(ni, nj)]
                    if b == -.infinity { continue }
                    let value = score(s, ni, nj)
                    if value == -.infinity { continue }
                    let term = b + value / t
                    terms[count] = term
                    count += 1
                    termMax = max(termMax, term)
                }
                backward[index(i, j)] = logSumExp(terms, count: count, max: termMax)
            }
        }

        let total = forward[index(n, m)]
        guard best[index(n, m)] > -.infinity else { return nil }
        var beads: [Bead] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let c = index(i, j)
            let s = Int(back[c])
            guard s < shapes.count else { return nil }
            let shape = shapes[s]
            let pi = i - shape.source, pj = j - shape.target
            let logPosterior = forward[index(pi, pj)] + score(s, i, j) / t + backward[c] - total
            let posterior = logPosterior.isFinite ? min(1, max(0, exp(logPosterior))) : 0
            beads.append(Bead(source: pi..<i, target: pj..<j, confidence: posterior))
            i = pi
            j = pj
        }
        return beads.reversed()
    }

    @inline(__always) static func logSumExp(_ terms: [Double], count: Int, max top: Double) -> Double {
        if count == 0 || top == -.infinity { return -.infinity }
        var sum = 0.0
        for k in 0..<count { sum += exp(terms[k] - top) }
        return top + log(sum)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
