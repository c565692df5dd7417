import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add one translation (source and target text) to the memory.",
            discussion: "Example: tmkit tm add --from en --to ru \"Good morning.\" \"Доброе утро.\" --status confirmed"
        )

        @Argument(help: "The source text.")
        var source: String

        @Argument(help: "The translation.")
        var target: String

        @Option(help: "The source language.")
        var from: LanguageTag

        @Option(help: "The target language.")
        var to: LanguageTag

        @Option(help: "confirmed, aligned or imported.")
        var status: UnitStatus = .confirmed

        @Option(help: "Where the translation comes from (article id or URL).")
        var origin: String?

        @Option(help: "The previous source sentence (for context matches).")
        var previous: String?

        @OptionGroup var memory: MemoryOption

        func run() throws {
            var sourceVariant = Variant(from, source)
            if let previous { sourceVariant.properties.append(Property(type: Property.previousSegmentType, value: previous)) }
            let now = Stamp(date: Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)), user: nil)
            let unit = TranslationUnit(variants: [sourceVariant, Variant(to, target)],
                                       provenance: Provenance(origin: origin, tool: "tmkit \(TMKitInfo.version)", created: now, status: status))
            let result = try memory.open().add([unit])
            print(result.added == 1 ? "added 1 unit" : "already in the memory: nothing added")
        }
    }
}
