import Testing
import TestSupport
@testable import TMAlign
import TMCore

/// The kernel on random score tables: structural properties, and optimality against an exhaustive search.
@Suite struct BeadSearchTests {
    /// A random score for every (shape, i, j), fixed by the seed.
    struct RandomTable {
        let shapes: [BeadShape]
        let n: Int, m: Int
        let values: [Double]

        init(n: Int, m: Int, shapes: [BeadShape], generator: inout SeededGenerator) {
            self.n = n
            self.m = m
            self.shapes = shapes
            values = (0..<(shapes.count * (n + 1) * (m + 1))).map { _ in Double.random(in: -3...2, using: &generator) }
        }

        func score(_ s: Int, _ i: Int, _ j: Int) -> Double { values[(s * (n + 1) + i) * (m + 1) + j] }

        /// The best total by exhaustive dynamic programming over the whole lattice (no band), written plainly.
        func bestTotal() -> Double {
            var best = Array(repeating: Array(repeating: -Double.infinity, count: m + 1), count: n + 1)
            best[0][0] = 0
            for i in 0...n {
                for j in 0...m where i > 0 || j > 0 {
                    for (s, shape) in shapes.enumerated() where i >= shape.source && j >= shape.target {
                        best[i][j] = max(best[i][j], best[i - shape.source][j - shape.target] + score(s, i, j))
                    }
                }
            }
            return best[n][m]
        }

        func total(of beads: [Bead]) -> Double {
            beads.reduce(0) { sum, bead in
                let s = shapes.firstIndex(of: bead.shape) ?? 0
                return sum + score(s, bead.source.upperBound, bead.target.upperBound)
            }
        }
    }

    /// Beads are in order, contiguous, cover every unit of both sides exactly once, and have allowed shapes.
    func checkStructure(_ beads: [Bead], n: Int, m: Int, maxUnits: Int) {
        var i = 0, j = 0
        for bead in beads {
            #expect(bead.source.lowerBound == i && bead.target.lowerBound == j, "beads must be monotone and contiguous")
            #expect(bead.source.count <= maxUnits && bead.target.count <= maxUnits)
            #expect(bead.source.count + bead.target.count > 0)
            if bead.shape.isSkip { #expect(bead.source.count + bead.target.count == 1, "skips are 1-0 or 0-1") }
            #expect((0...1).contains(bead.confidence))
            i = bead.source.upperBound
            j = bead.target.upperBound
        }
        #expect(i == n && j == m, "every unit is covered")
    }

    @Test func randomTablesGiveValidOptimalPaths() throws {
        var generator = SeededGenerator(seed: 42)
        let shapes = BeadShape.all(maxUnits: 3)
        for _ in 0..<60 {
            let n = Int.random(in: 0...14, using: &generator), m = Int.random(in: 0...14, using: &generator)
            let table = RandomTable(n: n, m: m, shapes: shapes, generator: &generator)
            let band = Band.diagonal(sourceCount: n, targetCount: m, halfWidth: 20)
            let beads = try #require(BeadSearch.align(shapes: shapes, band: band, score: table.score))
            checkStructure(beads, n: n, m: m, maxUnits: 3)
            #expect(abs(table.total(of: beads) - table.bestTotal()) < 1e-9, "the full-band search finds the optimum")
        }
    }

    @Test func narrowBandsStillCoverEverything() throws {
        var generator = SeededGenerator(seed: 7)
        let shapes = BeadShape.all(maxUnits: 3)
        for _ in 0..<40 {
            let n = Int.random(in: 1...60, using: &generator), m = Int.random(in: 1...60, using: &generator)
            let table = RandomTable(n: n, m: m, shapes: shapes, generator: &generator)
            let band = Band.diagonal(sourceCount: n, targetCount: m, halfWidth: Int.random(in: 0...4, using: &generator))
            let beads = try #require(BeadSearch.align(shapes: shapes, band: band, score: table.score))
            checkStructure(beads, n: n, m: m, maxUnits: 3)
            #expect(table.total(of: beads) <= table.bestTotal() + 1e-9)
            // Re-searching around the found path never does worse.
            let around = Band.around(beads, sourceCount: n, targetCount: m, halfWidth: 3)
            let again = try #require(BeadSearch.align(shapes: shapes, band: around, score: table.score))
            checkStructure(again, n: n, m: m, maxUnits: 3)
            #expect(table.total(of: again) >= table.total(of: beads) - 1e-9)
        }
    }

    @Test func aDominantPathHasConfidentBeadsAndAlternativesShareProbability() throws {
        let shapes = BeadShape.all(maxUnits: 2)
        let oneToOne = try #require(shapes.firstIndex(of: BeadShape(1, 1)))
        // 1-1 on the diagonal scores 10, everything else -10.
        let beads = try #require(BeadSearch.align(shapes: shapes, band: .diagonal(sourceCount: 5, targetCount: 5, halfWidth: 5)) { s, i, j in
            s == oneToOne && i == j ? 10 : -10
        })
        #expect(beads.map(\.shape) == Array(repeating: BeadShape(1, 1), count: 5))
        #expect(beads.allSatisfy { $0.confidence > 0.99 })
        // Three equally good ways through a 1×1 lattice (1-1; 1-0 then 0-1; 0-1 then 1-0): each bead has posterior 1/3.
        let tied = try #require(BeadSearch.align(shapes: [BeadShape(1, 0), BeadShape(0, 1), BeadShape(1, 1)],
                                                 band: .diagonal(sourceCount: 1, targetCount: 1, halfWidth: 1)) { _, _, _ in 0 })
        #expect(tied.count == 1 || tied.count == 2)
        #expect(tied.allSatisfy { abs($0.confidence - 1.0 / 3) < 1e-9 })
    }

    /// On a table with a clear path (as real documents have), the margin drops much of a wide band and changes
    /// neither the beads nor their confidences.
    @Test func theMarginSkipsMuchOfTheBandAndChangesNothing() throws {
        var generator = SeededGenerator(seed: 11)
        let shapes = BeadShape.all(maxUnits: 3)
        let n = 300, m = 280
        let table = RandomTable(n: n, m: m, shapes: shapes, generator: &generator)
        let oneToOne = try #require(shapes.firstIndex(of: BeadShape(1, 1)))
        // The path: 1-1 beads along the diagonal score well; everything else is the random table's −3…2.
        let onPath = { (s: Int, i: Int, j: Int) in s == oneToOne && j == Int((Double(i) * Double(m) / Double(n)).rounded()) }
        let band = Band.diagonal(sourceCount: n, targetCount: m, halfWidth: 60)
        var calls = (exact: 0, margin: 0)
        let exact = try #require(BeadSearch.align(shapes: shapes, band: band) { s, i, j in
            calls.exact += 1
            return onPath(s, i, j) ? 8 : table.score(s, i, j)
        })
        let pruned = try #require(BeadSearch.align(shapes: shapes, band: band, margin: 60) { s, i, j in
            calls.margin += 1
            return onPath(s, i, j) ? 8 : table.score(s, i, j)
        })
        #expect(pruned.map(\.source) == exact.map(\.source) && pruned.map(\.target) == exact.map(\.target))
        #expect(zip(pruned, exact).allSatisfy { abs($0.confidence - $1.confidence) < 1e-12 })
        // Here about 56% of the exact search's scores (off-path beads of −3…2 stay near the path's best longer
        // than real ones do).
        #expect(calls.margin * 3 < calls.exact * 2, "\(calls)")
    }

    /// When the margin drops every point that leads to the end, the search runs again without it.
    @Test func whenTheMarginLeavesNoPathTheSearchRunsWithoutIt() throws {
        let shapes = [BeadShape(1, 0), BeadShape(0, 1), BeadShape(1, 1)]
        // (1, 1) is reached with +100 but is a dead end; (1, 0), 101 below it, is the only way on.
        let score = { (s: Int, i: Int, j: Int) -> Double in
            switch (shapes[s], i, j) {
            case (BeadShape(1, 1), 1, 1): return 100
            case (_, 2, 1) where s == 0, (_, 1, 2), (BeadShape(1, 1), 2, 2): return -.infinity
            default: return -1
            }
        }
        let band = Band.diagonal(sourceCount: 2, targetCount: 2, halfWidth: 5)
        let exact = try #require(BeadSearch.align(shapes: shapes, band: band, score: score))
        let pruned = try #require(BeadSearch.align(shapes: shapes, band: band, margin: 60, score: score))
        checkStructure(pruned, n: 2, m: 2, maxUnits: 1)
        #expect(pruned == exact)
        #expect(pruned.first?.shape == BeadShape(1, 0))
    }

    @Test func emptySidesGiveOnlySkips() throws {
        let shapes = BeadShape.all()
        let beads = try #require(BeadSearch.align(shapes: shapes, band: .diagonal(sourceCount: 3, targetCount: 0, halfWidth: 2)) { _, _, _ in 0 })
        #expect(beads.map(\.shape) == Array(repeating: BeadShape(1, 0), count: 3))
        #expect(SentenceAligner(from: .en, to: .ru).align([], ["Один."]) == [Bead(source: 0..<0, target: 0..<1)])
    }
}
