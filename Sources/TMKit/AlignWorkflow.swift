import Foundation

/// `tmkit align`: read two versions of an article, split them into units, align them, and render the beads or
/// turn them into translation units for the memory.
public enum AlignWorkflow {
    /// How an input file is read.
    public enum InputKind: String, CaseIterable, Sendable {
        /// HTML when it looks like HTML, else plain text with blank-line paragraphs.
        case auto
        /// Plain text: paragraphs separated by blank lines, sentences found by `SentenceSegmenter`.
        case text
        /// An HTML page: its article text (`HTMLText.extract`), then as plain text.
        case html
        /// One unit per line, as is (empty lines skipped).
        case presplit
    }

    /// One side of an alignment: its language, file name and units.
    public struct Document: Sendable, Hashable {
        public var language: LanguageTag
        public var file: String?
        public var units: [String]
        /// The paragraph of each unit (0-based).
        public var paragraphs: [Int]

        public init(language: LanguageTag, file: String? = nil, units: [String], paragraphs: [Int]? = nil) {
            self.language = language
            self.file = file
            self.units = units
            self.paragraphs = paragraphs ?? Array(repeating: 0, count: units.count)
        }
    }

    /// Two documents and the beads between them.
    public struct Result: Sendable, Hashable {
        public var source: Document
        public var target: Document
        public var beads: [Bead]

        /// The text of a bead's side: its units joined by a space.
        public func text(of range: Range<Int>, in document: Document) -> String {
            document.units[range].joined(separator: " ")
        }

        /// The beads with units on both sides and a confidence of at least `minConfidence`, as translation units
        /// with provenance (status `aligned`, score = confidence, origin, file, tool, and `created` when given).
        /// The source variant carries the previous source unit as `Property.previousSegmentType`, so the memory
        /// can give 101% context matches.
        public func translationUnits(origin: String?, minConfidence: Double = 0, created: Date? = nil) -> [TranslationUnit] {
            let file = source.file.map { ($0 as NSString).lastPathComponent }
            let stamp = created.map { Stamp(date: $0, user: nil) }
            return beads.filter { !$0.shape.isSkip && $0.confidence >= minConfidence }.map { bead in
                var sourceVariant = Variant(source.language, text(of: bead.source, in: source))
                if bead.source.lowerBound > 0 {
                    sourceVariant.properties.append(Property(type: Property.previousSegmentType, value: source.units[bead.source.lowerBound - 1]))
                }
                return TranslationUnit(variants: [sourceVariant, Variant(target.language, text(of: bead.target, in: target))],
                                       provenance: Provenance(origin: origin, file: file, tool: "tmkit align \(TMKitInfo.version)",
                                                              created: stamp, score: bead.confidence, status: .aligned))
            }
        }

        /// Beads with units on both sides whose confidence is below `minConfidence` (to review).
        public func weakBeads(below minConfidence: Double) -> [Bead] {
            beads.filter { !$0.shape.isSkip && $0.confidence < minConfidence }
        }
    }

    /// The output formats.
    public enum Format: String, CaseIterable, Sendable {
        /// `source TAB target TAB confidence`, one bead per line (an empty side for 1-0 and 0-1).
        case tsv
        /// The gold sets' structure: languages, units, beads as index lists, and a confidence per bead.
        case json
        /// hunalign's ladder: `i TAB j TAB confidence` at the start of every bead, then `n TAB m`.
        case ladder
        /// TMX 1.4 with one `tu` per bead that has units on both sides.
        case tmx
    }

    /// Reads one input: decodes the bytes (UTF-8 or UTF-16 with BOM), rejects binary data, splits into units.
    public static func read(bytes: [UInt8], file: String, kind: InputKind, language: LanguageTag?) throws -> Document {
        let text = try TextInput.decode(bytes, source: file)
        if let zero = text.utf8.firstIndex(of: 0) {
            throw AlignError("looks like a binary file (NUL byte)", location: SourceLocation(file: file, byteOffset: text.utf8.distance(from: text.utf8.startIndex, to: zero)))
        }
        let resolved = kind == .auto ? (DocumentFormat.detect(content: text, fileExtension: (file as NSString).pathExtension) == .html ? .html : .text) : kind
        if resolved == .presplit {
            let units = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if units.isEmpty { throw AlignError("no text to align (the file is empty)", location: SourceLocation(file: file)) }
            return Document(language: try resolveLanguage(language, text: units.joined(separator: " "), file: file), file: file, units: units)
        }
        let plain = resolved == .html ? HTMLText.extract(text) : text
        if plain.allSatisfy(\.isWhitespace) { throw AlignError("no text to align (the file is empty)", location: SourceLocation(file: file)) }
        let tag = try resolveLanguage(language, text: plain, file: file)
        guard let known = tag.language else {
            throw AlignError("sentences can be split only in English, Russian and Belarusian; give \(tag.code) text with --presplit", location: SourceLocation(file: file))
        }
        let sentences = try SentenceSegmenter(language: known).segment(plain)
        if sentences.isEmpty { throw AlignError("no text to align (the file is empty)", location: SourceLocation(file: file)) }
        return Document(language: tag, file: file, units: sentences.map(\.text), paragraphs: sentences.map(\.paragraph))
    }

    /// Aligns two documents.
    /// - Complexity: linear in the number of units (see `SentenceAligner.align`).
    public static func align(_ source: Document, _ target: Document, parameters: ScoringParameters = ScoringParameters()) throws -> Result {
        if source.units == target.units && source.language == target.language {
            throw AlignError("the two files have the same text; nothing to align", location: SourceLocation(file: target.file))
        }
        let aligner = SentenceAligner(from: source.language, to: target.language, parameters: parameters)
        let beads = aligner.align(source.units, target.units, sourceParagraphs: source.paragraphs, targetParagraphs: target.paragraphs)
        return Result(source: source, target: target, beads: beads)
    }

    /// Renders a result.
    public static func render(_ result: Result, format: Format, minConfidence: Double = 0, origin: String? = nil) -> String {
        let kept = result.beads.filter { $0.confidence >= minConfidence || $0.shape.isSkip }
        switch format {
        case .tsv:
            return kept.map { bead in
                [result.text(of: bead.source, in: result.source), result.text(of: bead.target, in: result.target)]
                    .map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: "\t") + "\t" + String(format: "%.3f", bead.confidence) + "\n"
            }.joined()
        case .ladder:
            var out = kept.map { "\($0.source.lowerBound)\t\($0.target.lowerBound)\t" + String(format: "%.3f", $0.confidence) + "\n" }.joined()
            out += "\(result.source.units.count)\t\(result.target.units.count)\n"
            return out
        case .json:
            func strings(_ list: [String]) -> String { "[" + list.map(JSONLines.quote).joined(separator: ", ") + "]" }
            func indices(_ r: Range<Int>) -> String { "[" + r.map(String.init).joined(separator: ", ") + "]" }
            let beads = kept.map { "[\(indices($0.source)), \(indices($0.target))]" }.joined(separator: ", ")
            let confidences = kept.map { String(format: "%.3f", $0.confidence) }.joined(separator: ", ")
            return "{\"src_lang\": \(JSONLines.quote(result.source.language.code)), \"tgt_lang\": \(JSONLines.quote(result.target.language.code)), "
                + "\"src\": \(strings(result.source.units)), \"tgt\": \(strings(result.target.units)), "
                + "\"beads\": [\(beads)], \"confidence\": [\(confidences)]}\n"
        case .tmx:
            return TMXWriter.prologue(sourceLanguage: result.source.language, toolVersion: TMKitInfo.version)
                + result.translationUnits(origin: origin, minConfidence: minConfidence).map(TMXWriter.render).joined()
                + TMXWriter.epilogue
        }
    }

    // MARK: - Input helpers

    /// The language given, checked against the text; or the detected one.
    static func resolveLanguage(_ given: LanguageTag?, text: String, file: String) throws -> LanguageTag {
        let evidence = LanguageIdentifier.evidence(in: text)
        let detected = LanguageIdentifier.decide(evidence)
        guard let given else {
            guard let detected else {
                throw AlignError("cannot tell the language (give it with --from/--to)", location: SourceLocation(file: file))
            }
            return LanguageTag(language: detected)
        }
        if let expected = given.language, let detected, detected != expected {
            let scriptsDiffer = expected.isCyrillic != detected.isCyrillic
            let marks = evidence.belarusianMarks + evidence.russianMarks
            let decisive = marks >= 20 && max(evidence.belarusianMarks, evidence.russianMarks) >= 4 * min(evidence.belarusianMarks, evidence.russianMarks)
            if scriptsDiffer || decisive {
                throw AlignError("the text looks \(detected.name), not \(expected.name) as given", location: SourceLocation(file: file))
            }
        }
        return given
    }
}
