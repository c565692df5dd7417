import TMCore

/// The house glossary format (`Glossaries/*.gloss`): a `[id]` line starts a concept, `key: value` lines give its
/// type, note and source, and `LANG OP TERM [| scheme: NAME] [| forms: f1, f2]` lines its terms, with OP `=`
/// preferred, `~` admitted, `!` deprecated. Comment lines start with `#`.
///
/// Reading keeps comments and blank lines, so `write(read(text))` gives back a file in the house layout unchanged.
public enum GlossFile {
    /// Reads a `.gloss` text; malformed lines are returned as findings (with `file:line`) and skipped.
    /// - Complexity: O(n) in the length of the text.
    public static func read(_ text: String, file: String? = nil) -> (glossary: Glossary, findings: [Finding]) {
        var glossary = Glossary()
        var findings: [Finding] = []
        var current: Concept?
        var hasType = false
        var pending: [String] = []

        func finish() {
            guard let concept = current else { return }
            if !hasType, let location = concept.location {
                findings.append(Finding("concept [\(concept.id)] has no `type:` line", at: location))
            }
            glossary.concepts.append(concept)
            current = nil
        }

        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, rawLine) in lines.enumerated() {
            let number = index + 1
            if index == lines.count - 1 && rawLine.isEmpty { break }
            let line = String(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine)
            let location = SourceLocation(file: file, line: number)
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                pending.append(line)
                continue
            }
            if trimmed.hasPrefix("[") {
                finish()
                guard trimmed.hasSuffix("]") else {
                    findings.append(Finding("a concept line must be `[id]`", at: location))
                    pending = []
                    continue
                }
                let id = String(trimmed.dropFirst().dropLast())
                if !isValidID(id) {
                    findings.append(Finding("concept id `\(id)` must be lowercase ASCII letters, digits and hyphens", at: location))
                }
                current = Concept(id: id, leadingLines: pending, location: location)
                hasType = false
                pending = []
                continue
            }
            guard current != nil else {
                findings.append(Finding("line outside a concept (start one with `[id]`)", at: location))
                pending = []
                continue
            }
            if let term = parseTerm(trimmed, location: location, findings: &findings) {
                var term = term
                term.leadingComments = pending.filter { !$0.trimmingSpaces.isEmpty }
                pending = []
                current?.terms.append(term)
                continue
            }
            pending = []
            if let colon = trimmed.firstIndex(of: ":"), trimmed[..<colon].allSatisfy({ $0.isASCII && $0.isLetter }) {
                let key = String(trimmed[..<colon])
                let value = trimmed[trimmed.index(after: colon)...].trimmingSpaces
                switch key {
                case "type":
                    if let type = ConceptType(rawValue: value) {
                        current?.type = type
                    } else {
                        let known = ConceptType.allCases.map(\.rawValue).joined(separator: "|")
                        findings.append(Finding("unknown type `\(value)` (expected \(known))", at: location))
                    }
                    hasType = true
                case "note": current?.note = value
                case "source": current?.source = value
                default: findings.append(Finding("unknown key `\(key)` (expected type, note or source)", at: location))
                }
                continue
            }
            if isTermShaped(trimmed) {
                continue  // parseTerm reported it
            }
            findings.append(Finding("unrecognized line (expected `LANG = TERM` or `key: value`)", at: location))
        }
        finish()
        glossary.trailingLines = pending
        return (glossary, findings)
    }

    /// The `.gloss` text of a glossary: deterministic, and the same text for a file in the house layout.
    public static func write(_ glossary: Glossary) -> String {
        var out = ""
        for concept in glossary.concepts {
            for line in concept.leadingLines { out += line + "\n" }
            out += "[\(concept.id)]\n"
            out += "type: \(concept.type.rawValue)\n"
            if let note = concept.note { out += "note: \(note)\n" }
            if let source = concept.source { out += "source: \(source)\n" }
            for term in concept.terms {
                for comment in term.leadingComments { out += comment + "\n" }
                out += "\(term.language.code) \(term.status.symbol) \(term.text)"
                if let scheme = term.scheme { out += " | scheme: \(scheme)" }
                if !term.forms.isEmpty { out += " | forms: " + term.forms.joined(separator: ", ") }
                out += "\n"
            }
        }
        for line in glossary.trailingLines { out += line + "\n" }
        return out
    }

    /// True for ids of lowercase ASCII letters, digits and hyphens.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `xx OP …` where OP is one punctuation character.
    private static func isTermShaped(_ line: String) -> Bool {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count >= 2, LanguageTag(String(parts[0])) != nil, parts[1].count == 1,
              let op = parts[1].first else { return false }
        return op.isPunctuation || op.isSymbol
    }

    private static func parseTerm(_ line: String, location: SourceLocation, findings: inout [Finding]) -> Term? {
        guard isTermShaped(line) else { return nil }
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard let language = LanguageTag(String(parts[0])), let op = parts[1].first else { return nil }
        guard let status = TermStatus(symbol: op) else {
            findings.append(Finding("unknown operator `\(op)` (expected = preferred, ~ admitted, ! deprecated)", at: location))
            return nil
        }
        let body = parts.count > 2 ? String(parts[2]) : ""
        var pieces = body.components(separatedBy: " | ")
        let text = pieces.removeFirst().trimmingSpaces
        guard !text.isEmpty else {
            findings.append(Finding("empty term", at: location))
            return nil
        }
        var term = Term(language: language, status: status, text: text, line: location.line)
        for piece in pieces {
            let piece = piece.trimmingSpaces
            if piece.hasPrefix("scheme:") {
                term.scheme = piece.dropFirst("scheme:".count).trimmingSpaces
            } else if piece.hasPrefix("forms:") {
                term.forms = piece.dropFirst("forms:".count).split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
            } else {
                findings.append(Finding("unknown term attribute `\(piece)` (expected `scheme:` or `forms:`)", at: location))
            }
        }
        return term
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
