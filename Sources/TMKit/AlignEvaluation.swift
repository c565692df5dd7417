import Dispatch
import Foundation

/// `tmkit eval align`: aligns every case of a gold set (or reads another aligner's beads) and scores it.
public enum AlignEvaluation {
    /// How cases are grouped in the report.
    public enum Grouping: String, CaseIterable, Sendable { case variant, corpus, none }

    /// The figures of one group.
    public struct Group: Sendable {
        public var name: String
        public var cases = 0
        public var units = 0
        public var score = AlignmentScore()
    }

    /// The result of an evaluation.
    public struct Report: Sendable {
        public var groups: [Group]
        public var total: Group
        /// Wall-clock seconds spent aligning (0 when predictions were read).
        public var seconds: Double
        /// tmkit's beads per case, in the set's order (empty when predictions were read).
        public var predictions: [AlignmentPrediction]

        /// One line per group and a total line, then the speed.
        public var text: String {
            func line(_ g: Group) -> String {
                let s = g.score.strict, l = g.score.lax
                let name = g.name.padding(toLength: max(10, g.name.count), withPad: " ", startingAt: 0)
                return "\(name) cases=\(g.cases) strict P=\(f3(s.precision)) R=\(f3(s.recall)) F1=\(f3(s.f1))  lax P=\(f3(l.precision)) R=\(f3(l.recall)) F1=\(f3(l.f1))"
            }
            var out = groups.map(line).joined(separator: "\n")
            if !out.isEmpty { out += "\n" }
            out += line(total) + "\n"
            if seconds > 0 {
                out += "aligned \(total.units) units in \(String(format: "%.2f", seconds)) s = \(Int((Double(total.units) / seconds).rounded())) units/s\n"
            }
            return out
        }

        private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
    }

    /// Scores `cases`: with `predictions` given, those beads (a case without one scores as all-wrong);
    /// otherwise tmkit aligns each case (in parallel over the cores) with the case's languages.
    public static func run(cases: [AlignmentCase], by grouping: Grouping, predictions: [AlignmentPrediction]? = nil,
                           parameters: ScoringParameters = ScoringParameters()) throws -> Report {
        var beads: [[[[Int]]]]
        var seconds = 0.0
        var made: [AlignmentPrediction] = []
        if let predictions {
            let byId = Dictionary(predictions.map { ($0.id, $0.beads) }, uniquingKeysWith: { first, _ in first })
            beads = cases.map { byId[$0.id] ?? [] }
        } else {
            let aligners = try cases.map { c -> SentenceAligner in
                guard let from = LanguageTag(c.sourceLanguage), let to = LanguageTag(c.targetLanguage) else {
                    throw AlignError("bad language tag \(c.sourceLanguage) or \(c.targetLanguage)", location: SourceLocation(unit: c.id))
                }
                return SentenceAligner(from: from, to: to, parameters: parameters)
            }
            let start = DispatchTime.now().uptimeNanoseconds
            let results = ResultSlots<[Bead]>(count: cases.count)
            // Longest cases first so the cores finish together.
            let order = cases.indices.sorted { cases[$0].source.count + cases[$0].target.count > cases[$1].source.count + cases[$1].target.count }
            DispatchQueue.concurrentPerform(iterations: order.count) { k in
                let index = order[k]
                results.set(index, aligners[index].align(cases[index].source, cases[index].target))
            }
            seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            made = zip(cases, results.values).map { AlignmentPrediction(id: $0.id, beads: $1 ?? []) }
            beads = made.map(\.beads)
        }
        var groups: [String: Group] = [:]
        var total = Group(name: "total")
        for (c, test) in zip(cases, beads) {
            let score = AlignmentScore(gold: c.gold, test: test)
            let key = grouping == .variant ? c.variant ?? "all" : grouping == .corpus ? c.corpus ?? "all" : nil
            for name in [key, "total"].compactMap({ $0 }) {
                var g = name == "total" ? total : groups[name] ?? Group(name: name)
                g.cases += 1
                g.units += c.source.count + c.target.count
                g.score = g.score + score
                if name == "total" { total = g } else { groups[name] = g }
            }
        }
        return Report(groups: groups.keys.sorted().compactMap { groups[$0] }, total: total, seconds: seconds, predictions: made)
    }
}

/// Slots written from concurrent tasks, each index by one task.
/// Sendable notes: every write goes through the lock.
final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }
    var values: [T?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
