import Foundation

/// `tmkit align`: read two versions of an article, split them into units, align them, and render the beads or
/// turn them into translation units for the memory.
public enum AlignWorkflow {
    /// How an input file is read.
    public enum InputKind: String, CaseIterable, Sendable {
        /// HTML when it looks like HTML, else plain text with blank-line paragraphs.
        case auto
        /// Plain text: paragraphs separated by blank lines, sentences found by ICU.
        case text
        /// An HTML page: block elements are paragraphs; scripts, styles and tags are dropped.
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
        /// with provenance (status `aligned`, score = confidence, origin, file, tool).
        public func translationUnits(origin: String?, minConfidence: Double = 0) -> [TranslationUnit] {
            beads.filter { !$0.shape.isSkip && $0.confidence >= minConfidence }.map { bead in
                TranslationUnit(variants: [Variant(source.language, text(of: bead.source, in: source)),
                                           Variant(target.language, text(of: bead.target, in: target))],
                                provenance: Provenance(origin: origin, file: source.file.map { ($0 as NSString).lastPathComponent },
                                                       tool: "tmkit align \(TMKitInfo.version)", score: bead.confidence,
                                                       status: .aligned))
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
        let resolved = kind == .auto ? (looksLikeHTML(text) ? .html : .text) : kind
        let paragraphs: [String]
        switch resolved {
        case .presplit:
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let units = lines.filter { !$0.isEmpty }
            if units.isEmpty { throw AlignError("no text to align (the file is empty)", location: SourceLocation(file: file)) }
            return Document(language: try resolveLanguage(language, text: units.joined(separator: " "), file: file), file: file, units: units)
        case .html: paragraphs = HTMLText.paragraphs(of: text)
        case .text, .auto: paragraphs = splitParagraphs(text)
        }
        if paragraphs.isEmpty { throw AlignError("no text to align (the file is empty)", location: SourceLocation(file: file)) }
        let lang = try resolveLanguage(language, text: paragraphs.joined(separator: "\n"), file: file)
        var units: [String] = [], numbers: [Int] = []
        for (number, paragraph) in paragraphs.enumerated() {
            for sentence in try sentences(of: paragraph, language: lang) {
                units.append(sentence)
                numbers.append(number)
            }
        }
        return Document(language: lang, file: file, units: units, paragraphs: numbers)
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
            return TMXText.document(result.translationUnits(origin: origin, minConfidence: minConfidence), sourceLanguage: result.source.language)
        }
    }

    // MARK: - Input helpers

    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(2048).lowercased()
        return head.contains("<!doctype html") || head.contains("<html") || head.contains("<body") || head.contains("<p>") || head.contains("<p ")
    }

    /// Paragraphs: runs of non-blank lines, joined by spaces.
    static func splitParagraphs(_ text: String) -> [String] {
        var paragraphs: [String] = [], current: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
                current.removeAll()
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
        return paragraphs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Sentences of a paragraph by ICU's rules (with the standard abbreviation suppressions for en and ru).
    static func sentences(of paragraph: String, language: LanguageTag) throws -> [String] {
        let locale = language.primary == "be" ? "be" : "\(language.primary)@ss=standard"
        let utf16 = Array(paragraph.utf16)
        var result: [String] = []
        var start = 0
        for boundary in try BreakIterator.boundaries(.sentence, in: paragraph, locale: locale) {
            let piece = String(decoding: utf16[start..<boundary.offset], as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !piece.isEmpty { result.append(piece) }
            start = boundary.offset
        }
        return result
    }

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

/// Text of an HTML page, paragraph by paragraph (no DOM: block tags break paragraphs, other tags are dropped).
enum HTMLText {
    static let blockTags: Set<String> = ["p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
                                         "blockquote", "section", "article", "header", "footer", "title", "figcaption", "dd", "dt", "pre"]

    static func paragraphs(of html: String) -> [String] {
        var paragraphs: [String] = []
        var current = ""
        var skipping: String?
        var index = html.startIndex
        func flush() {
            let text = decodeEntities(current).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !text.isEmpty { paragraphs.append(text) }
            current = ""
        }
        while index < html.endIndex {
            let c = html[index]
            if c == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber })
                index = html.index(after: close)
                if let skip = skipping {
                    if tag.hasPrefix("/") && name == skip { skipping = nil }
                    continue
                }
                if (name == "script" || name == "style") && !tag.hasPrefix("/") && !tag.hasSuffix("/") {
                    skipping = name
                    continue
                }
                if tag.hasPrefix("!--") {
                    if let end = html[index...].range(of: "-->"), !tag.hasSuffix("--") { index = end.upperBound }
                    continue
                }
                if blockTags.contains(name) { flush() } else { current.append(" ") }
                continue
            }
            if skipping == nil { current.append(c) }
            index = html.index(after: index)
        }
        flush()
        return paragraphs
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = String(after[after.index(after: after.startIndex)..<semicolon])
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            case "nbsp": replacement = "\u{A0}"
            case "laquo": replacement = "«"
            case "raquo": replacement = "»"
            case "mdash": replacement = "—"
            case "ndash": replacement = "–"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X"), let v = UInt32(name.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                    replacement = String(Character(s))
                } else if name.hasPrefix("#"), let v = UInt32(name.dropFirst()), let s = Unicode.Scalar(v) {
                    replacement = String(Character(s))
                }
            }
            if let replacement {
                out += replacement
                rest = rest[rest.index(after: semicolon)...]
            } else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        out += rest
        return out
    }
}

/// A minimal deterministic TMX 1.4 writer for aligned units (the TMX module's writer replaces it at merge).
enum TMXText {
    static func document(_ units: [TranslationUnit], sourceLanguage: LanguageTag) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n"
        out += "  <header creationtool=\"tmkit\" creationtoolversion=\"\(TMKitInfo.version)\" segtype=\"sentence\" o-tmf=\"tmkit\" "
        out += "adminlang=\"en\" srclang=\"\(sourceLanguage.code)\" datatype=\"plaintext\"/>\n  <body>\n"
        for unit in units {
            out += "    <tu>\n"
            if let score = unit.provenance.score { out += "      <prop type=\"x-confidence\">\(String(format: "%.3f", score))</prop>\n" }
            if let origin = unit.provenance.origin { out += "      <prop type=\"x-origin\">\(XMLEscaping.escapeText(origin))</prop>\n" }
            out += "      <prop type=\"x-status\">\(unit.provenance.status.rawValue)</prop>\n"
            for variant in unit.variants {
                out += "      <tuv xml:lang=\"\(variant.language.code)\"><seg>\(variant.segment.markup)</seg></tuv>\n"
            }
            out += "    </tu>\n"
        }
        return out + "  </body>\n</tmx>\n"
    }
}
