import Testing
import TMCore
import TestSupport
@testable import TMText

/// Seeded random texts: invariants that must hold whatever the input.
@Suite struct TextPropertyTests {
    static let pieces = ["Мінск", "г.", "А.", "Г.", "Mr.", " ", " ", "  ", ". ", "? ", "! ", "\n", "\n\n", "«", "»", "“", "”",
                         "— ", "1.", "5", "тыс.", "т. е.", "U.S.", "the", "он", "Он", "(", ")", "…", "\u{00A0}", "😀",
                         "𝐀", "и\u{306}", "\u{200B}", "'", "’", "ЕC", "Мoсква", "р-н.", "\r\n", "<p>", "&amp;"]

    static func randomText(_ generator: inout SeededGenerator) -> String {
        (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    @Test func segmentsCoverTheTextInOrder() throws {
        var generator = SeededGenerator(seed: 2012_03_01)
        for language in Language.allCases {
            let segmenter = try SentenceSegmenter(language: language)
            for _ in 0..<300 {
                let text = Self.randomText(&generator)
                let units = Array(text.utf16)
                let sentences = try segmenter.segment(text)
                var covered = [Bool](repeating: false, count: units.count)
                var previousEnd = 0, previousParagraph = 0
                for s in sentences {
                    #expect(s.range.lowerBound >= previousEnd && !s.range.isEmpty)
                    #expect(s.paragraph >= previousParagraph)
                    #expect(String(decoding: units[s.range], as: UTF16.self) == s.text)
                    for i in s.range { covered[i] = true }
                    previousEnd = s.range.upperBound
                    previousParagraph = s.paragraph
                }
                for (i, u) in units.enumerated() where !covered[i] {
                    #expect(isSpace(u), "text lost at \(i) in \(text.debugDescription)")
                }
                _ = try segmenter.segment(html: text)  // never fails on random markup
            }
        }
    }

    @Test func matchingKeyIgnoresNormalizationForm() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<500 {
            let text = Self.randomText(&generator)
            for language in Language.allCases {
                let key = MatchingKey.make(text, language: language)
                #expect(MatchingKey.make(text.normalized(.nfd), language: language) == key)
                #expect(MatchingKey.make(key, language: language) == key)
            }
        }
    }

    @Test func utf16TranscodingRoundTrips() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<500 {
            let text = Self.randomText(&generator)
            #expect(text.utf16Units == Array(text.utf16))
            #expect(String(utf16Units: text.utf16Units) == text)
        }
        #expect(String(utf16Units: [0x41, 0xD800, 0x42]) == "A\u{FFFD}B", "a lone surrogate becomes U+FFFD")
    }

    @Test func repairIsIdempotentAndKeepsLineCount() {
        var generator = SeededGenerator(seed: 13)
        for _ in 0..<300 {
            let text = Self.randomText(&generator).replacingOccurrences(of: "\r\n", with: "\n")
            let repaired = ScriptInspector.repair(text)
            #expect(ScriptInspector.repair(repaired) == repaired)
            #expect(repaired.split(separator: "\n", omittingEmptySubsequences: false).count
                    == text.split(separator: "\n", omittingEmptySubsequences: false).count)
        }
    }
}
