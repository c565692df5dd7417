import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look up a sentence: exact (100%, 101% with context), near-exact (95–99%) and fuzzy matches.",
            discussion: """
                Fuzzy percentage: word-level edit distance d between the matching keys (punctuation ignored), \
                floor(100 × (1 − d / max(words))), at most 94. Differing words are marked [-memory-]{+query+}.

                Example: tmkit tm search "The President met the delegation." --from en --to ru --min 70
                """
        )

        @Argument(help: "The sentence to look up.")
        var text: String

        @Option(help: "The language of the sentence.")
        var from: LanguageTag

        @Option(help: "The language of the translations wanted.")
        var to: LanguageTag

        @Option(help: "The lowest fuzzy percentage shown.")
        var min: Int = 70

        @Option(help: "The most matches shown.")
        var limit: Int = 5

        @Option(help: "The previous source sentence, for context (101%) matches.")
        var previous: String?

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @OptionGroup var memory: MemoryOption

        func validate() throws {
            guard (1...100).contains(min) else { throw ValidationError("--min must be between 1 and 100") }
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
        }

        func run() throws {
            let store = try memory.openExisting()
            let matches = try store.search(SearchQuery(text: text, source: from, target: to, previous: previous, minimum: min, limit: limit))
            switch format {
            case .json: try printJSON(matches.map(MatchOutput.init))
            case .text:
                if matches.isEmpty { print("no match at \(min)% or above"); return }
                for match in matches {
                    var line = "\(match.score)% \(match.kind.rawValue)  unit \(match.unitID)  \(match.provenance.status.rawValue)"
                    if let origin = match.provenance.origin { line += "  \(origin)" }
                    if let date = day(match.provenance.changed?.date ?? match.provenance.created?.date) { line += "  \(date)" }
                    print(line)
                    print("  \(match.source.language): \(match.marked ?? match.source.segment.plainText)")
                    print("  \(match.target.language): \(match.target.segment.plainText)")
                    if !match.notes.isEmpty { print("  note: " + match.notes.joined(separator: "; ")) }
                }
            }
        }
    }
}
