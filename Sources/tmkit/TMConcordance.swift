import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Concordance: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every unit containing the words (on either side), newest first, the hits marked **like this**.",
            discussion: """
                Words match as word beginnings on the matching key: case, quotes and, in Russian, ё/е do not matter.

                Example: tmkit tm concordance "Совет Безопасности" --lang ru
                """
        )

        @Argument(help: "The words to find.")
        var words: [String]

        @Option(help: "Search only this language's variants.")
        var lang: LanguageTag?

        @Option(help: "The page (1 = newest).")
        var page: Int = 1

        @Option(name: .customLong("page-size"), help: "Units per page.")
        var pageSize: Int = 20

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @OptionGroup var memory: MemoryOption

        func validate() throws {
            guard page > 0, pageSize > 0 else { throw ValidationError("--page and --page-size must be positive") }
        }

        func run() throws {
            let store = try memory.openExisting()
            let result = try store.concordance(ConcordanceQuery(text: words.joined(separator: " "), language: lang, page: page, pageSize: pageSize))
            switch format {
            case .json: try printJSON(ConcordanceOutput(result))
            case .text:
                let pages = (result.total + pageSize - 1) / pageSize
                print("\(result.total) units, page \(result.page) of \(Swift.max(pages, 1))")
                for hit in result.hits {
                    var line = "unit \(hit.unitID)"
                    if let date = day(hit.unit.provenance.changed?.date ?? hit.unit.provenance.created?.date) { line += "  \(date)" }
                    if let origin = hit.unit.provenance.origin { line += "  \(origin)" }
                    print(line)
                    for (index, variant) in hit.unit.variants.enumerated() {
                        print("  \(variant.language): \(index == hit.matchedVariant ? hit.highlighted : variant.segment.plainText)")
                    }
                }
            }
        }
    }
}
