import Foundation
import Testing
import TMCore
import TestSupport
@testable import TMText

/// The quality gate of issue #2: on the `clean` cases of every alignment dev set, units joined with spaces and
/// split again must show at least 99.5% of the unit boundaries that follow sentence punctuation.
@Suite struct SegmentationDevSetTests {
    struct Case: Decodable {
        let id: String
        let variant: String
        let src_lang: String
        let tgt_lang: String
        let src: [String]
        let tgt: [String]
    }

    /// Every clean document side of every dev set, with its language (sets in other languages are skipped).
    static func documents() throws -> [(label: String, language: Language, units: [String])] {
        let folder = TestData.url("align")
        var out: [(String, Language, [String])] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".jsonl") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let c = try JSONDecoder().decode(Case.self, from: Data(line.utf8))
                guard c.variant == "clean" else { continue }
                if let l = Language(rawValue: c.src_lang) { out.append(("\(c.id) src", l, c.src)) }
                if let l = Language(rawValue: c.tgt_lang) { out.append(("\(c.id) tgt", l, c.tgt)) }
            }
        }
        return out
    }

    @Test func unitBoundariesAreFoundOnCleanDevSets() throws {
        let documents = try Self.documents()
        #expect(documents.count > 1000, "expected the NTREX and WMT clean cases")
        var byLanguage: [Language: SegmentationEvaluation] = [:]
        for language in Language.allCases {
            let segmenter = try SentenceSegmenter(language: language)
            var evaluation = SegmentationEvaluation()
            for document in documents where document.language == language {
                try evaluation.add(document: document.label, units: document.units, segmenter: segmenter)
            }
            byLanguage[language] = evaluation
        }
        // The full report (every miss and extra split) goes to a file: test output is no place for 200 lines.
        var report = ""
        for language in Language.allCases {
            guard let e = byLanguage[language] else { continue }
            report += "segmentation \(language): boundaries \(e.found)/\(e.boundaries) = \(e.recall); "
                + "after punctuation \(e.foundPunctuated)/\(e.punctuatedBoundaries) = \(e.punctuatedRecall); "
                + "extra splits \(e.extraSplits.count)\n"
            for miss in e.misses where miss.punctuated { report += "  MISS \(miss.document) #\(miss.unit): …\(miss.before) | \(miss.after)…\n" }
            for split in e.extraSplits { report += "  EXTRA \(split.document) #\(split.unit): \(split.pieces.joined(separator: " ‖ "))\n" }
            #expect(e.punctuatedRecall >= 0.995, "\(language): \(e.foundPunctuated)/\(e.punctuatedBoundaries)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-segmentation-devsets.txt")
        try report.write(to: file, atomically: true, encoding: .utf8)
        print("segmentation report: \(file.path)")
    }
}
