import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Evaluate tmkit against gold sets.",
            subcommands: [EvalAlign.self]
        )
    }

    struct EvalAlign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "align",
            abstract: "Align every case of a gold set and score strict and lax precision, recall and F1.",
            discussion: """
                SET.jsonl has one case per line: {"id", "corpus", "variant", "src_lang", "tgt_lang", "src", "tgt", \
                "gold"}. Scores follow vecalign's score.py: strict counts exact beads, lax beads that overlap a gold \
                bead on both sides; micro-averaged over the cases of each group.

                Example: tmkit eval align ../shared/testdata/align/ntrex-en-ru.jsonl --by variant
                """
        )

        @Argument(help: "The gold set (JSONL).")
        var set: String

        @Option(help: "Group the report by variant, corpus or none.")
        var by: AlignEvaluation.Grouping = .variant

        @Option(name: .customLong("write-predictions"), help: "Also write tmkit's beads, one JSON line per case.")
        var writePredictions: String?

        @Option(help: "Score these beads (JSON lines {\"id\", \"beads\"}) instead of aligning.")
        var predictions: String?

        @Option(name: .customLong("parameter"), help: ArgumentHelp("Override a scoring weight (NAME=VALUE), for tuning.", visibility: .hidden))
        var parameterOverrides: [String] = []

        @Option(help: ArgumentHelp("Print the evidence of one case (for tuning).", visibility: .hidden))
        var explain: String?

        func validate() throws {
            if predictions != nil && writePredictions != nil {
                throw ValidationError("--predictions scores existing beads; --write-predictions needs tmkit to align.")
            }
        }

        func run() throws {
            let cases = try AlignmentCase.load(path: set)
            if cases.isEmpty { throw CLIError("\(set): no cases in the file") }
            Align.warnWithoutBelarusianRussian(cases.flatMap { [LanguageTag($0.sourceLanguage), LanguageTag($0.targetLanguage)] })
            if let explain, let c = cases.first(where: { $0.id == explain }), let a = LanguageTag(c.sourceLanguage), let b = LanguageTag(c.targetLanguage) {
                let e = SentenceAligner(from: a, to: b).explain(c.source, c.target)
                for (i, row) in e.similarity.enumerated() { print(i, row.map { String(format: "%.2f", $0) }.joined(separator: " ")) }
                for (i, keys) in e.sourceKeys.enumerated() { print("src \(i):", keys.joined(separator: " ")) }
                for (i, keys) in e.targetKeys.enumerated() { print("tgt \(i):", keys.joined(separator: " ")) }
                print("gold:", c.gold)
                return
            }
            let given = try predictions.map { try AlignmentPrediction.load(path: $0) }
            var parameters = ScoringParameters()
            for item in parameterOverrides {
                let parts = item.split(separator: "=")
                guard parts.count == 2, let value = Double(parts[1]), parameters.set(String(parts[0]), value) else {
                    throw ValidationError("--parameter wants NAME=VALUE with a known name: \(item)")
                }
            }
            let report = try AlignEvaluation.run(cases: cases, by: by, predictions: given, parameters: parameters)
            if let writePredictions {
                let text = report.predictions.map { $0.jsonLine + "\n" }.joined()
                do {
                    try text.write(toFile: writePredictions, atomically: true, encoding: .utf8)
                } catch {
                    throw CLIError("\(writePredictions): cannot write the file: \(error.localizedDescription)")
                }
            }
            print(report.text, terminator: "")
        }
    }
}

extension AlignEvaluation.Grouping: ExpressibleByArgument {}
