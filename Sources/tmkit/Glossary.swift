import ArgumentParser
import Foundation
import TMKit

/// Options every glossary command shares: where the glossary is and the languages of a delimited file.
struct GlossaryOptions: ParsableArguments {
    @Option(name: .customLong("glossary"), help: "Glossary file or folder (.gloss, .tbx, .csv, .tab).")
    var path: String = GlossaryFiles.defaultPath

    /// Loads the glossary; findings of the parser are errors here (run `glossary validate` to list them all).
    func load(from: Language = .en, to: Language = .ru) throws -> Glossary {
        let loaded = try GlossaryFiles.load(path, from: LanguageTag(language: from), to: LanguageTag(language: to))
        if let first = loaded.findings.first {
            throw CLIError("\(first) (\(loaded.findings.count) finding(s); see `tmkit glossary validate \(path)`)")
        }
        return loaded.glossary
    }
}

/// Output format of the glossary commands.
enum GlossaryOutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }


extension TMKitCommand {
    struct GlossaryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "glossary",
            abstract: "The glossary of names and institutions: validate, convert, look up, suggest.",
            subcommands: [Validate.self, Convert.self, Lookup.self, Suggest.self]
        )
    }
}

extension TMKitCommand.GlossaryCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check glossary files: syntax, duplicate ids, en/ru/be preferred terms, scripts.",
            discussion: "Prints FILE:LINE: finding for each problem; exits 1 when there is any. Example: tmkit glossary validate Glossaries"
        )

        @Argument(help: "Glossary files or folders (default: Glossaries).")
        var paths: [String] = []

        @Option(help: "Source language of a delimited file.") var from: Language = .en
        @Option(help: "Target language of a delimited file.") var to: Language = .ru
        @Option(help: "text or json.") var format: GlossaryOutputFormat = .text

        func run() throws {
            var parts: [Glossary] = []
            var findings: [Finding] = []
            var delimited = false
            for path in paths.isEmpty ? [GlossaryFiles.defaultPath] : paths {
                let loaded = try GlossaryFiles.load(path, from: LanguageTag(language: from), to: LanguageTag(language: to))
                parts.append(loaded.glossary)
                findings += loaded.findings
                delimited = delimited || ["csv", "tab", "tsv", "txt", "utf8"].contains((path as NSString).pathExtension.lowercased())
            }
            let glossary = Glossary.merging(parts)
            let required = delimited ? [LanguageTag(language: from), LanguageTag(language: to)] : GlossaryValidator.requiredLanguages
            findings = (findings + GlossaryValidator.validate(glossary, requiredLanguages: required)).sorted()
            switch format {
            case .text:
                print(findings.map(\.description).joined(separator: "\n"), terminator: findings.isEmpty ? "" : "\n")
                let terms = glossary.concepts.reduce(0) { $0 + $1.terms.count }
                FileHandle.standardError.write(Data("\(glossary.concepts.count) concepts, \(terms) terms, \(findings.count) findings\n".utf8))
            case .json:
                struct Row: Encodable { let file: String?; let line: Int?; let message: String }
                print(try GlossaryCLI.json(findings.map { Row(file: $0.location.file, line: $0.location.line, message: $0.message) }), terminator: "")
            }
            if !findings.isEmpty { throw ExitCode(1) }
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Convert a glossary between .gloss, TBX (.tbx) and OmegaT's .csv/.tab, by file extension.",
            discussion: "Example: tmkit glossary convert Glossaries/places.gloss places.tbx; tmkit glossary convert --from en --to ru terms.csv terms.gloss"
        )

        @Argument(help: "Input glossary file or folder.") var input: String
        @Argument(help: "Output file.") var output: String
        @Option(help: "Source language of a delimited file.") var from: Language = .en
        @Option(help: "Target language of a delimited file.") var to: Language = .ru

        func run() throws {
            let source = LanguageTag(language: from), target = LanguageTag(language: to)
            let loaded = try GlossaryFiles.load(input, from: source, to: target)
            if let first = loaded.findings.first { throw CLIError(first.description) }
            let text = GlossaryFiles.text(of: loaded.glossary, forPath: output, from: source, to: target)
            do {
                try text.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("\(output): cannot write the file: \(error.localizedDescription)")
            }
            FileHandle.standardError.write(Data("\(loaded.glossary.concepts.count) concepts written to \(output)\n".utf8))
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find every glossary entry in a text, in any grammatical case, with its preferred terms.",
            discussion: """
                Prints LINE:COLUMN, the words found, the concept and its preferred en/ru/be terms, one match per line.
                Example: tmkit glossary lookup "Секретарь Совета Безопасности России Николай Патрушев"
                """
        )

        @OptionGroup var glossary: GlossaryOptions
        @Option(help: "Only terms of this language (en, ru, be); all by default.") var lang: Language?
        @Option(help: "Source language of a delimited glossary.") var from: Language = .en
        @Option(help: "Target language of a delimited glossary.") var to: Language = .ru
        @Option(help: "text or json.") var format: GlossaryOutputFormat = .text
        @OptionGroup var io: TextIO

        func run() throws {
            let matcher = GlossaryMatcher(glossary: try glossary.load(from: from, to: to))
            let text = try io.readAll()
            let matches = matcher.matches(in: text, languages: lang.map { [$0] })
            switch format {
            case .text:
                try io.write(matches.map { match in
                    let terms = Language.allCases.compactMap { language in
                        match.preferred(LanguageTag(language: language)).map { "\(language): \($0)" }
                    }.joined(separator: " | ")
                    let status = match.term.status == .preferred ? "" : " (\(match.term.status.rawValue) \(match.term.language): \(match.term.text))"
                    return "\(match.line):\(match.column)\t\(match.text)\t[\(match.concept.id)]\(status)\t\(terms)\n"
                }.joined())
            case .json:
                struct Row: Encodable {
                    let text: String, offset: Int, length: Int, line: Int, column: Int
                    let concept: String, type: String, term: String, termLanguage: String, status: String
                    let preferred: [String: String]
                }
                try io.write(try GlossaryCLI.json(matches.map { match in
                    Row(text: match.text, offset: match.offset, length: match.length, line: match.line, column: match.column,
                        concept: match.concept.id, type: match.concept.type.rawValue, term: match.term.text,
                        termLanguage: match.term.language.code, status: match.term.status.rawValue,
                        preferred: Dictionary(uniqueKeysWithValues: Language.allCases.compactMap { language in
                            match.preferred(LanguageTag(language: language)).map { (language.rawValue, $0) }
                        }))
                }))
            }
        }
    }

    struct Suggest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Suggest new entries from aligned pairs: capitalized English names and the Cyrillic names that co-occur and romanize close to them.",
            discussion: """
                Reads a TMX file, a tab-separated pairs file (source<TAB>target per line, `-` for standard input), or, \
                without a file, the translation memory (--memory). Example: tmkit glossary suggest --from en --to ru
                """
        )

        @OptionGroup var glossary: GlossaryOptions
        @Argument(help: "A TMX file or a tab-separated pairs file (`-` for standard input); omit it to read the memory.")
        var pairs: String?
        @OptionGroup var memory: MemoryOption
        @Option(help: "Language of the first column.") var from: Language = .en
        @Option(help: "Language of the second column.") var to: Language = .ru
        @Option(help: "Show at most this many suggestions.") var limit: Int = 50
        @Option(help: "text or json.") var format: GlossaryOutputFormat = .text

        func run() throws {
            guard (from == .en) != (to == .en) else { throw ValidationError("One of --from/--to must be en, the other ru or be.") }
            let source = try GlossaryCLI.source(pairs, memory: memory, from: from, to: to)
            let cyrillic = from == .en ? to : from
            var mining = TermMining(TermSuggester(matcher: GlossaryMatcher(glossary: try glossary.load()), language: cyrillic,
                                                  romanize: try GlossaryRomanization.resolve(scheme: nil, language: cyrillic)))
            // Two passes over the source: names seen inside sentences first, then the tallies.
            try source.forEachUnit { unit in
                if unit.variant(.en) != nil, let c = unit.variant(LanguageTag(language: cyrillic)) { mining.notice(cyrillic: c.segment.plainText) }
            }
            try source.forEachUnit { unit in
                guard let e = unit.variant(.en), let c = unit.variant(LanguageTag(language: cyrillic)) else { return }
                mining.add(english: e.segment.plainText, cyrillic: c.segment.plainText)
            }
            let suggestions = Array(mining.suggestions.prefix(max(0, limit)))
            switch format {
            case .text:
                for s in suggestions {
                    print("\(GlossaryCLI.twoDecimals(s.score))\t\(s.count)×\t\(s.english)\t\(s.cyrillic)\t(similarity \(GlossaryCLI.twoDecimals(s.similarity)))")
                }
            case .json:
                struct Row: Encodable { let english: String, cyrillic: String, language: String, count: Int, similarity: Double, score: Double }
                print(try GlossaryCLI.json(suggestions.map {
                    Row(english: $0.english, cyrillic: $0.cyrillic, language: cyrillic.rawValue, count: $0.count,
                        similarity: ($0.similarity * 100).rounded() / 100, score: ($0.score * 100).rounded() / 100)
                }), terminator: "")
            }
        }
    }
}

/// Helpers of the glossary, render and check commands.
enum GlossaryCLI {
    /// Encodes `value` as stable, readable JSON.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// The pairs a check or a suggestion reads: a TMX file, a tab-separated file, or the memory when no file is given.
    static func source(_ path: String?, memory: MemoryOption, from: Language, to: Language) throws -> PairSource {
        guard let path else { return .memory(location: memory.location, languages: [LanguageTag(language: from), LanguageTag(language: to)]) }
        if PairSource.isTMX(path) { return .tmx(path: path) }
        return .units(try readPairs(path, from: from, to: to))
    }

    /// Reads a tab-separated pairs file (or standard input for `-`) as translation units.
    static func readPairs(_ path: String, from: Language, to: Language) throws -> [TranslationUnit] {
        let text = path == "-"
            ? try TextInput.decode(Array(FileHandle.standardInput.readDataToEndOfFile()), source: "<stdin>")
            : try TextIO.read(path: path)
        return try PairsFile.read(text, file: path == "-" ? "<stdin>" : path, from: LanguageTag(language: from),
                                  to: LanguageTag(language: to))
    }

    /// Two decimals.
    static func twoDecimals(_ value: Double) -> String { String(format: "%.2f", value) }
}
