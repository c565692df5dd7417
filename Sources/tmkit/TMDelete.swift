import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete the units a filter selects (--all to empty the memory).",
            discussion: "Example: tmkit tm delete --origin belta-2012-03-01"
        )

        @Option(name: .customLong("id"), help: "A unit id (repeatable).")
        var ids: [Int64] = []

        @Option(help: "Only units with a variant in this language (repeatable).")
        var lang: [LanguageTag] = []

        @OptionGroup var filter: UnitFilterOptions

        @Flag(help: "Delete every unit.")
        var all = false

        @OptionGroup var memory: MemoryOption

        func run() throws {
            var selection = try filter.filter(languages: lang)
            if !ids.isEmpty { selection.ids = ids }
            if selection.isEmpty && !all {
                throw ValidationError("give a filter (--id, --origin, --file, --status, --since, --min-score, --lang) or --all")
            }
            let count = try memory.openExisting().delete(matching: selection)
            print("deleted \(count) unit\(count == 1 ? "" : "s")")
        }
    }
}
