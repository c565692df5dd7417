import Foundation

/// Reading and writing glossaries in any supported format, chosen by file extension: `.gloss` (house format),
/// `.tbx` (TBX-Basic), `.csv` and `.tab`/`.tsv`/`.txt`/`.utf8` (OmegaT's layout, languages named by the caller).
/// A directory means every `.gloss` file in it, in name order.
public enum GlossaryFiles {
    /// The default glossary folder, relative to the working directory.
    public static let defaultPath = "Glossaries"

    /// The glossary at `path` (file or directory) and the parser's findings (`.gloss` only).
    /// `from`/`to` name the languages of a delimited file (default en → ru).
    public static func load(_ path: String, from: LanguageTag = .en, to: LanguageTag = .ru) throws -> (glossary: Glossary, findings: [Finding]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GlossaryError("no such glossary file or folder", at: SourceLocation(file: path))
        }
        if isDirectory.boolValue {
            let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".gloss") }.sorted()
            var parts: [Glossary] = []
            var findings: [Finding] = []
            for name in names {
                let loaded = try load((path as NSString).appendingPathComponent(name), from: from, to: to)
                parts.append(loaded.glossary)
                findings += loaded.findings
            }
            return (Glossary.merging(parts), findings)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GlossaryError("cannot read the file", at: SourceLocation(file: path))
        }
        switch fileExtension(path) {
        case "tbx", "xml":
            return (try TBXFile.read(data, file: path), [])
        case "gloss":
            let result = GlossFile.read(try TextInput.decode(Array(data), source: path), file: path)
            return (result.glossary, result.findings)
        default:
            let text = try TextInput.decode(Array(data), source: path)
            return (try DelimitedFile.read(text, separator: .init(fileName: path), from: from, to: to, file: path), [])
        }
    }

    /// The text of `glossary` in the format `path`'s extension names.
    public static func text(of glossary: Glossary, forPath path: String, from: LanguageTag = .en, to: LanguageTag = .ru) -> String {
        switch fileExtension(path) {
        case "tbx", "xml": TBXFile.write(glossary, sourceLanguage: from)
        case "gloss": GlossFile.write(glossary)
        default: DelimitedFile.write(glossary, separator: .init(fileName: path), from: from, to: to)
        }
    }

    private static func fileExtension(_ path: String) -> String { (path as NSString).pathExtension.lowercased() }
}

/// Romanization of names not in the glossary, through the transliteration scheme registry
/// (`TransliterationScheme.all`): the one place rendering and reverse lookup meet the schemes.
public enum GlossaryRomanization {
    /// Scheme names `resolve` accepts.
    public static var schemes: [String] { TransliterationScheme.all.map(\.name) }

    /// The scheme used when none is named: English Wikipedia's practical romanization for Russian (closest to
    /// the house style: Nikolai, Sergei), BGN/PCGN for Belarusian.
    public static func defaultScheme(for language: Language) -> String {
        language == .ru ? "wikipedia" : "bgn-pcgn"
    }

    /// The romanizer of `scheme` (default: `defaultScheme(for:)`) for `language`; an unknown scheme, or one not
    /// defined for the language, is an error that lists the known ones.
    public static func resolve(scheme: String?, language: Language) throws -> Romanize {
        let name = scheme ?? defaultScheme(for: language)
        _ = try Transliteration.transliterate("", scheme: name, language: language)
        return { (try? Transliteration.transliterate($0, scheme: name, language: language)) ?? $0 }
    }

    /// Cyrillic candidates for an English (Latin) name, best first, Russian and Belarusian.
    public static func cyrillicCandidates() -> @Sendable (String) -> [(LanguageTag, String)] {
        { name in
            let candidates = (try? Transliteration.candidates(for: name, languages: [.ru, .be], limit: 4)) ?? []
            return candidates.map { (LanguageTag(language: $0.language), $0.text) }
        }
    }
}

/// Aligned pairs in a tab-separated file: `source TAB target` per line (blank lines and `#` comments skipped).
public enum PairsFile {
    /// Translation units with ids `FILE:LINE`. A line without a tab is an error naming it.
    public static func read(_ text: String, file: String, from: LanguageTag, to: LanguageTag) throws -> [TranslationUnit] {
        var units: [TranslationUnit] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else {
                throw GlossaryError("expected `source<TAB>target`", at: SourceLocation(file: file, line: index + 1))
            }
            units.append(TranslationUnit(id: "\(file):\(index + 1)",
                                         variants: [Variant(from, String(fields[0])), Variant(to, String(fields[1]))]))
        }
        return units
    }
}
