import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find mixed-script words and inconsistent apostrophes or quotes; exit 1 when any are found.",
            discussion: """
                A mixed-script word has Latin and Cyrillic letters ("Мoсква" with a Latin o). The suggested repair \
                maps the minority script's look-alike letters to the majority script (a tie goes to the script of the \
                line, then of the text); a word whose foreign letter has no look-alike is reported without a repair. \
                Apostrophes inside words (' ’ ʼ ‘) and top-level quotation marks (« », “ ”, „ “, " ") are reported \
                when a text uses more than one style. `tmkit normalize --repair` applies the repairs.

                Exit status: 0 when nothing is found, 1 when something is, 2 or more on errors.

                Example: tmkit inspect --input article.txt --format json
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Option(help: "Language (en, ru, be) for ties no line decides; detected when omitted.")
        var lang: Language?

        @OptionGroup var io: TextIO

        func run() throws {
            let report: ScriptInspector.Report
            do {
                report = try inspectAndWrite()
            } catch {
                // Status 1 means "found something": errors take 2 so scripts can tell them apart.
                FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
                throw ExitCode(2)
            }
            if !report.isClean { throw ExitCode(1) }
        }

        /// Reads, inspects and writes the findings; returns them.
        func inspectAndWrite() throws -> ScriptInspector.Report {
            let text = try io.readAll()
            let report = ScriptInspector.inspect(text, language: lang ?? LanguageIdentifier.identify(text))
            let prefix = io.input.map { "\($0):" } ?? ""
            switch format {
            case .text:
                var out = ""
                for word in report.mixedScriptWords {
                    let letters = word.foreignLetters.joined(separator: " ")
                    let repair = word.repair.map { "→ \($0)" } ?? "(no look-alike: not repaired)"
                    out += "\(prefix)\(word.line):\(word.column): mixed-script word \"\(word.word)\": \(word.foreignScript) \(letters) \(repair)\n"
                }
                for inconsistency in report.inconsistencies {
                    let uses = inconsistency.uses.map { "\($0.mark) ×\($0.count) (first at \($0.line):\($0.column))" }
                    out += "\(prefix.isEmpty ? "" : prefix + " ")\(inconsistency.kind.rawValue) of more than one style: \(uses.joined(separator: ", "))\n"
                }
                try io.write(out)
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try io.write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
            }
            return report
        }
    }
}
