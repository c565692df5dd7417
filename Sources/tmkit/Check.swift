import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Term QA: missing approved renderings, deprecated terms, names rendered more than one way.",
            discussion: """
                PAIRS is a tab-separated file (source<TAB>target per line, `-` for standard input). Exits 1 when \
                anything is reported. Example: tmkit check --from ru --to en pairs.tsv
                """
        )

        @OptionGroup var glossary: GlossaryOptions
        @Argument(help: "Tab-separated pairs file, or `-`.") var pairs: String
        @Option(help: "Source language.") var from: Language = .ru
        @Option(help: "Target language.") var to: Language = .en
        @Option(help: "text or json.") var format: GlossaryOutputFormat = .text

        func run() throws {
            let units = try GlossaryCLI.readPairs(pairs, from: from, to: to)
            let checker = TermChecker(matcher: GlossaryMatcher(glossary: try glossary.load()),
                                      from: LanguageTag(language: from), to: LanguageTag(language: to))
            let report = checker.check(units)
            switch format {
            case .text:
                for issue in report.issues {
                    print("\(issue.units.joined(separator: ", ")): \(issue.kind.rawValue): \(issue.message)")
                }
                FileHandle.standardError.write(Data("\(report.unitsChecked) pairs checked, \(report.issues.count) issues\n".utf8))
            case .json:
                struct Row: Encodable { let kind: String, units: [String], concept: String, found: String, expected: [String], message: String }
                struct Output: Encodable { let checked: Int, issues: [Row] }
                print(try GlossaryCLI.json(Output(checked: report.unitsChecked, issues: report.issues.map {
                    Row(kind: $0.kind.rawValue, units: $0.units, concept: $0.conceptID, found: $0.found, expected: $0.expected, message: $0.message)
                })), terminator: "")
            }
            if !report.isClean { throw ExitCode(1) }
        }
    }
}
