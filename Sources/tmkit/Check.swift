import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Term QA: missing approved renderings, deprecated terms, names rendered more than one way.",
            discussion: """
                Checks a TMX file, a tab-separated pairs file (source<TAB>target per line, `-` for standard input), or, \
                without a file, the translation memory (--memory, default Memories/default.tmdb). Exits 1 when anything \
                is reported, so a desk can run it before an export.
                Examples: tmkit check --from ru --to en; tmkit check --from be --to en export.tmx; tmkit check pairs.tsv
                """
        )

        @OptionGroup var glossary: GlossaryOptions
        @Argument(help: "A TMX file or a tab-separated pairs file (`-` for standard input); omit it to check the memory.")
        var pairs: String?
        @OptionGroup var memory: MemoryOption
        @Option(help: "Source language.") var from: Language = .ru
        @Option(help: "Target language.") var to: Language = .en
        @Option(help: "text or json.") var format: GlossaryOutputFormat = .text

        func run() throws {
            let source = try GlossaryCLI.source(pairs, memory: memory, from: from, to: to)
            var check = TermCheck(TermChecker(matcher: GlossaryMatcher(glossary: try glossary.load()),
                                              from: LanguageTag(language: from), to: LanguageTag(language: to)))
            try source.forEachUnit { check.add($0) }
            let report = check.report
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
