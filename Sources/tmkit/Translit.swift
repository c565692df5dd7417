import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Translit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Romanize Russian or Belarusian text by a named scheme, or propose Cyrillic spellings of a Latin name.",
            discussion: """
                Schemes: \(TransliterationScheme.all.map(\.name).joined(separator: ", ")) (see `tmkit schemes`).
                Without --lang the language is detected per line (ru or be; a line in neither language uses the \
                scheme's first language). --ascii folds the result to ASCII (sign marks dropped, diacritics removed).
                --reverse reads Latin names and prints ranked Cyrillic candidates, one per line: text, language, score \
                (log-probability, higher is better); --scheme then limits the correspondences to that scheme.

                Examples: tmkit translit --scheme national-2007 "Магілёў, Гомель"
                          tmkit translit --reverse Lukashenko
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "The scheme (required unless --reverse).")
        var scheme: String?

        @Option(help: "The text's language (ru, be); detected per line when omitted.")
        var lang: Language?

        @Flag(help: "Fold the output to ASCII.")
        var ascii = false

        @Flag(help: "Propose Cyrillic spellings for Latin names, best first.")
        var reverse = false

        @Option(help: "How many candidates per language with --reverse.")
        var limit = 5

        @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: Format = .text

        @OptionGroup var io: TextIO

        func validate() throws {
            if lang == .en { throw ValidationError("--lang must be ru or be.") }
            if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        }

        func run() throws {
            // Checked here, not in validate(), which argument-parser runs before it reports an unknown option
            // (`--shceme bgn-pcgn` must say "unknown option", not "missing --scheme"); still a usage error (64).
            if !reverse && scheme == nil { throw ValidationError("Missing --scheme NAME; `tmkit schemes` lists the schemes.") }
            if let scheme { _ = try TransliterationScheme.named(scheme) }
            let lines = try io.readLines()
            let output = reverse ? try reverseLines(lines) : try forwardLines(lines)
            try io.write(output)
        }

        private func forwardLines(_ lines: [String]) throws -> String {
            let found = try TransliterationScheme.named(scheme ?? "")
            if let lang, format == .text {
                // One language for all: the whole text in one call (the same result as line by line; ICU gets it in
                // pieces cut at line ends, on every core when it is large).
                if lines.isEmpty { return "" }
                return try Transliteration.transliterate(lines.joined(separator: "\n"), scheme: found.name, language: lang,
                                                         ascii: ascii) + "\n"
            }
            var records: [ForwardRecord] = []
            for line in lines {
                let language = lang ?? Self.language(of: line, for: found)
                let output = try Transliteration.transliterate(line, scheme: found.name, language: language, ascii: ascii)
                records.append(ForwardRecord(input: line, language: language.rawValue, output: output))
            }
            switch format {
            case .text: return records.map { $0.output + "\n" }.joined()
            case .json: return try Self.json(records)
            }
        }

        private func reverseLines(_ lines: [String]) throws -> String {
            let languages: [Language] = lang.map { [$0] } ?? [.ru, .be]
            var records: [ReverseRecord] = []
            for line in lines {
                let candidates = try Transliteration.candidates(for: line, languages: languages, scheme: scheme, limit: limit)
                records.append(ReverseRecord(input: line, candidates: candidates.map {
                    ReverseRecord.Candidate(text: $0.text, language: $0.language.rawValue, score: ($0.score * 1000).rounded() / 1000)
                }))
            }
            switch format {
            case .json: return try Self.json(records)
            case .text:
                return records.map { record in
                    record.candidates.map { "\($0.text)\t\($0.language)\t\(String(format: "%.3f", $0.score))\n" }.joined()
                }.joined(separator: "\n")
            }
        }

        /// The line's language if the scheme covers it, else the scheme's first language.
        static func language(of line: String, for scheme: TransliterationScheme) -> Language {
            if let detected = LanguageIdentifier.identify(line), scheme.languages.contains(detected) { return detected }
            return scheme.languages.first ?? .ru
        }

        static func json<T: Encodable>(_ value: T) throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        }
    }
}

private struct ForwardRecord: Encodable {
    let input: String
    let language: String
    let output: String
}

private struct ReverseRecord: Encodable {
    struct Candidate: Encodable {
        let text: String
        let language: String
        let score: Double
    }
    let input: String
    let candidates: [Candidate]
}
