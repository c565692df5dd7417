import TMCore
import TMText

/// OmegaT's glossary layout: one row per entry, `source term`, `target term`, optional `comment`, separated by tabs
/// (`.tab`, `.txt`, `.utf8`) or commas (`.csv`, RFC 4180 quoting). Lines starting with `#` are comments (OmegaT's
/// `-*- coding: utf-8 -*-` header is one). Rows with the same source term are one concept: the first target is
/// preferred, the others admitted. The languages are not in the file; the caller names them.
public enum DelimitedFile {
    /// The field separator: tab or comma.
    public enum Separator: Sendable {
        case tab, comma

        /// The separator a file name implies: comma for `.csv`, tab otherwise.
        public init(fileName: String) { self = fileName.lowercased().hasSuffix(".csv") ? .comma : .tab }
    }

    /// OmegaT's first line of a tab-separated glossary.
    public static let header = "# Glossary in tab-separated format -*- coding: utf-8 -*-"

    /// Reads decoded text (see `TextInput.decode`). A row without a target term is an error naming its line.
    /// - Complexity: O(n) in the length of the text.
    public static func read(_ text: String, separator: Separator, from source: LanguageTag, to target: LanguageTag,
                            file: String? = nil) throws -> Glossary {
        var concepts: [Concept] = []
        var indexBySource: [String: Int] = [:]
        var usedIDs: Set<String> = []
        let latinizer = try? ICUTransliterator(id: "Any-Latin; Latin-ASCII")
        for (line, fields) in try rows(text, separator: separator, file: file) {
            let cells = fields.map { $0.trimmingSpaces }
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count >= 2, !cells[0].isEmpty, !cells[1].isEmpty else {
                throw GlossaryError("a glossary row needs a source term and a target term", at: SourceLocation(file: file, line: line))
            }
            let comment = cells.count > 2 ? cells[2...].filter { !$0.isEmpty }.joined(separator: "; ") : ""
            let key = MatchingKey.make(cells[0], language: source.language)
            if let index = indexBySource[key] {
                concepts[index].terms.append(Term(language: target, status: .admitted, text: cells[1], line: line))
                if !comment.isEmpty {
                    concepts[index].note = concepts[index].note.map { $0 + "; " + comment } ?? comment
                }
                continue
            }
            let id = uniqueID(for: cells[0], latinizer: latinizer, used: &usedIDs, ordinal: concepts.count + 1)
            indexBySource[key] = concepts.count
            concepts.append(Concept(id: id, type: .other, note: comment.isEmpty ? nil : comment,
                                    terms: [Term(language: source, text: cells[0], line: line),
                                            Term(language: target, text: cells[1], line: line)],
                                    leadingLines: concepts.isEmpty ? [] : [""],
                                    location: SourceLocation(file: file, line: line)))
        }
        return Glossary(concepts: concepts)
    }

    /// OmegaT rows for the concepts that have terms in both languages: the canonical source term with each
    /// preferred and admitted target term (deprecated terms cannot be carried), the note as comment of the first.
    public static func write(_ glossary: Glossary, separator: Separator, from source: LanguageTag, to target: LanguageTag) -> String {
        var out = separator == .tab ? header + "\n" : ""
        for concept in glossary.concepts {
            guard let sourceTerm = concept.preferred(source) else { continue }
            let targets = concept.terms(in: target).filter { $0.status != .deprecated }
            for (index, term) in targets.enumerated() {
                var fields = [sourceTerm.text, term.text]
                if index == 0, let note = concept.note { fields.append(note) }
                out += fields.map { field(encoding: $0, separator: separator) }.joined(separator: separator == .tab ? "\t" : ",") + "\n"
            }
        }
        return out
    }

    private static func field(encoding value: String, separator: Separator) -> String {
        switch separator {
        case .tab:
            return String(value.map { $0 == "\t" || $0 == "\n" ? " " : $0 })
        case .comma:
            guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) || value.hasPrefix("#") else { return value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
    }

    /// Rows with the line each starts on; comment lines skipped; CSV quotes may span lines.
    static func rows(_ text: String, separator: Separator, file: String?) throws -> [(line: Int, fields: [String])] {
        var result: [(Int, [String])] = []
        var line = 1
        var chars = text.makeIterator()
        var lookahead: Character? = chars.next()
        func next() -> Character? {
            let c = lookahead
            lookahead = chars.next()
            return c
        }
        while lookahead != nil {
            let startLine = line
            if lookahead == "#" {
                while let c = next(), c != "\n" {}
                line += 1
                continue
            }
            var fields: [String] = []
            var field = ""
            var quoted = false, atFieldStart = true
            rowLoop: while true {
                guard let c = next() else {
                    if quoted {
                        throw GlossaryError("unterminated quoted field", at: SourceLocation(file: file, line: startLine))
                    }
                    break rowLoop
                }
                if quoted {
                    if c == "\"" {
                        if lookahead == "\"" { _ = next(); field.append("\"") } else { quoted = false }
                    } else {
                        if c == "\n" { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case "\n":
                    line += 1
                    break rowLoop
                case "\t" where separator == .tab, "," where separator == .comma:
                    fields.append(field)
                    field = ""
                    atFieldStart = true
                    continue rowLoop
                case "\"" where separator == .comma && atFieldStart:
                    quoted = true
                default:
                    field.append(c)
                }
                atFieldStart = false
            }
            fields.append(field)
            result.append((startLine, fields))
        }
        return result
    }

    /// An id from the term's ASCII transliteration (`alpha-smoothing-factor`), made unique with `-2`, `-3`….
    static func uniqueID(for term: String, latinizer: ICUTransliterator?, used: inout Set<String>, ordinal: Int) -> String {
        let latin = latinizer?.transliterate(term) ?? term
        var base = ""
        for scalar in latin.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                base.unicodeScalars.append(scalar)
            } else if !base.isEmpty && !base.hasSuffix("-") {
                base += "-"
            }
        }
        while base.hasSuffix("-") { base.removeLast() }
        if base.isEmpty { base = "entry-\(ordinal)" }
        var id = base, n = 2
        while used.contains(id) { id = "\(base)-\(n)"; n += 1 }
        used.insert(id)
        return id
    }
}
