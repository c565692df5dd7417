import TMCore
import TMText

/// Checks of a glossary's content: ids, required terms and the script of every term.
public enum GlossaryValidator {
    /// The languages every concept must have a preferred term in.
    public static let requiredLanguages: [LanguageTag] = [.en, .ru, .be]

    /// Findings for the concepts of one or more files, sorted by file and line: duplicate ids, a concept without a
    /// preferred term in en, ru or be, terms in the wrong script for their language, a term listed twice.
    /// - Complexity: O(n) in the number of terms.
    public static func validate(_ glossary: Glossary, requiredLanguages: [LanguageTag] = requiredLanguages) -> [Finding] {
        var findings: [Finding] = []
        var firstSeen: [String: SourceLocation] = [:]
        for concept in glossary.concepts {
            let here = concept.location ?? SourceLocation(unit: concept.id)
            if let earlier = firstSeen[concept.id] {
                findings.append(Finding("duplicate concept id [\(concept.id)] (first at \(earlier))", at: here))
            } else {
                firstSeen[concept.id] = here
            }
            for language in requiredLanguages where concept.preferred(language) == nil {
                let what = concept.terms(in: language).isEmpty ? "no \(language) term" : "no preferred (`=`) \(language) term"
                findings.append(Finding("concept [\(concept.id)] has \(what)", at: here))
            }
            var seenTerms: Set<String> = []
            for term in concept.terms {
                let location = SourceLocation(file: here.file, line: term.line ?? here.line)
                if let problem = scriptProblem(term) {
                    findings.append(Finding("\(term.language) term “\(term.text)”: \(problem)", at: location))
                }
                let key = term.language.code + "\u{1}" + term.status.rawValue + "\u{1}" + term.text.normalized(.nfc)
                if !seenTerms.insert(key).inserted {
                    findings.append(Finding("\(term.language) term “\(term.text)” is listed twice in [\(concept.id)]", at: location))
                }
            }
        }
        return findings.sorted()
    }

    /// Why a term's letters do not fit its language, or nil when they do.
    public static func scriptProblem(_ term: Term) -> String? {
        var latin = 0, cyrillic = 0
        for word in term.text.split(whereSeparator: { !$0.isLetter }) {
            var wordLatin = 0, wordCyrillic = 0
            for scalar in word.unicodeScalars {
                switch Script.of(scalar) {
                case .latin: wordLatin += 1
                case .cyrillic: wordCyrillic += 1
                default: break
                }
            }
            if wordLatin > 0 && wordCyrillic > 0 { return "the word “\(word)” mixes Latin and Cyrillic letters" }
            latin += wordLatin
            cyrillic += wordCyrillic
        }
        switch term.language.language {
        case .en:
            if cyrillic > 0 { return "Cyrillic letters in an English term" }
        case .ru:
            if cyrillic == 0 && latin > 0 { return "no Cyrillic letters in a Russian term" }
            if let letter = term.text.first(where: { "іІўЎ".contains($0) }) { return "Belarusian letter “\(letter)” in a Russian term" }
        case .be:
            if cyrillic == 0 && latin > 0 { return "no Cyrillic letters in a Belarusian term" }
            if let letter = term.text.first(where: { "иИщЩъЪ".contains($0) }) { return "Russian letter “\(letter)” in a Belarusian term" }
        case nil:
            break
        }
        return nil
    }
}
