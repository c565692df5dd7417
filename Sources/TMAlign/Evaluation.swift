import Foundation
import TMCore

/// One case of a gold set (`../shared/testdata/align/*.jsonl`): two pre-split documents and their gold beads.
public struct AlignmentCase: Codable, Hashable, Sendable {
    public var id: String
    public var corpus: String?
    public var variant: String?
    public var sourceLanguage: String
    public var targetLanguage: String
    public var source: [String]
    public var target: [String]
    /// Beads as `[source indices, target indices]`.
    public var gold: [[[Int]]]

    enum CodingKeys: String, CodingKey {
        case id, corpus, variant, source = "src", target = "tgt", gold
        case sourceLanguage = "src_lang", targetLanguage = "tgt_lang"
    }

    /// Reads a JSONL gold set; an unreadable line is an error naming the file and line.
    public static func load(path: String) throws -> [AlignmentCase] {
        try JSONLines.decode(AlignmentCase.self, path: path)
    }
}

/// One line of a predictions file: `{"id": case id, "beads": [[[src...], [tgt...]], ...]}`.
public struct AlignmentPrediction: Codable, Hashable, Sendable {
    public var id: String
    public var beads: [[[Int]]]

    public init(id: String, beads: [[[Int]]]) {
        self.id = id
        self.beads = beads
    }

    /// A prediction from beads.
    public init(id: String, beads: [Bead]) {
        self.init(id: id, beads: beads.map { [Array($0.source), Array($0.target)] })
    }

    public static func load(path: String) throws -> [AlignmentPrediction] {
        try JSONLines.decode(AlignmentPrediction.self, path: path)
    }

    /// One JSON line (keys in a fixed order).
    public var jsonLine: String {
        let beadText = beads.map { bead in "[" + bead.map { "[" + $0.map(String.init).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]" }
        return "{\"id\": \(JSONLines.quote(id)), \"beads\": [\(beadText.joined(separator: ", "))]}"
    }
}

/// Strict and lax bead counts (vecalign's `score.py`): beads are (source tuple, target tuple), beads empty on
/// both sides dropped. Strict: a test bead counts when it is exactly a gold bead. Lax: when it overlaps a gold
/// bead on both sides. Precision counts test beads against the gold; recall the gold against the test.
public struct AlignmentScore: Hashable, Sendable {
    public var strictTruePositives = 0, strictFalsePositives = 0, laxTruePositives = 0, laxFalsePositives = 0
    public var strictFound = 0, strictMissed = 0, laxFound = 0, laxMissed = 0

    public init() {}

    /// The counts of one case.
    public init(gold: [[[Int]]], test: [[[Int]]]) {
        let p = Self.counts(gold: gold, test: test)
        let r = Self.counts(gold: test, test: gold)
        (strictTruePositives, strictFalsePositives, laxTruePositives, laxFalsePositives) = p
        (strictFound, strictMissed, laxFound, laxMissed) = r
    }

    static func counts(gold: [[[Int]]], test: [[[Int]]]) -> (Int, Int, Int, Int) {
        func beads(_ list: [[[Int]]]) -> Set<[[Int]]> {
            Set(list.compactMap { b in
                let s = b.first ?? [], t = b.count > 1 ? b[1] : []
                return s.isEmpty && t.isEmpty ? nil : [s, t]
            })
        }
        let goldSet = beads(gold), testSet = beads(test)
        var sourceToTarget: [Int: Set<Int>] = [:]
        for bead in goldSet { for i in bead[0] { sourceToTarget[i, default: []].formUnion(bead[1]) } }
        var tps = 0, fps = 0, tpl = 0, fpl = 0
        for bead in testSet {
            if goldSet.contains(bead) {
                tps += 1
                tpl += 1
            } else {
                fps += 1
                let reached = bead[0].reduce(into: Set<Int>()) { $0.formUnion(sourceToTarget[$1] ?? []) }
                if !reached.isDisjoint(with: bead[1]) { tpl += 1 } else { fpl += 1 }
            }
        }
        return (tps, fps, tpl, fpl)
    }

    public static func + (a: AlignmentScore, b: AlignmentScore) -> AlignmentScore {
        var c = AlignmentScore()
        c.strictTruePositives = a.strictTruePositives + b.strictTruePositives
        c.strictFalsePositives = a.strictFalsePositives + b.strictFalsePositives
        c.laxTruePositives = a.laxTruePositives + b.laxTruePositives
        c.laxFalsePositives = a.laxFalsePositives + b.laxFalsePositives
        c.strictFound = a.strictFound + b.strictFound
        c.strictMissed = a.strictMissed + b.strictMissed
        c.laxFound = a.laxFound + b.laxFound
        c.laxMissed = a.laxMissed + b.laxMissed
        return c
    }

    /// Precision, recall and F1 over strict matches.
    public var strict: (precision: Double, recall: Double, f1: Double) {
        Self.prf(strictTruePositives, strictFalsePositives, strictFound, strictMissed)
    }

    /// Precision, recall and F1 over lax matches.
    public var lax: (precision: Double, recall: Double, f1: Double) {
        Self.prf(laxTruePositives, laxFalsePositives, laxFound, laxMissed)
    }

    static func prf(_ tp: Int, _ fp: Int, _ found: Int, _ missed: Int) -> (precision: Double, recall: Double, f1: Double) {
        let p = tp + fp > 0 ? Double(tp) / Double(tp + fp) : 0
        let r = found + missed > 0 ? Double(found) / Double(found + missed) : 0
        let f = p + r > 0 ? 2 * p * r / (p + r) : 0
        return (p, r, f)
    }
}

/// JSON Lines reading with file and line in errors, and JSON string literals for writing.
public enum JSONLines {
    static func decode<T: Decodable>(_ type: T.Type, path: String) throws -> [T] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AlignError("cannot read the file (missing or not readable)", location: SourceLocation(file: path))
        }
        let decoder = JSONDecoder()
        var result: [T] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            do {
                result.append(try decoder.decode(T.self, from: Data(line)))
            } catch {
                throw AlignError("not a valid line: \(describe(error))", location: SourceLocation(file: path, line: lineNumber))
            }
        }
        return result
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing key \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: "malformed JSON"
        default: "\(error)"
        }
    }

    /// A JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
