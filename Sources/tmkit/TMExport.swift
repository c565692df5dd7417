import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export units as TMX 1.4b (validates against tmx14.dtd; the same memory gives the same bytes).",
            discussion: "Example: tmkit tm export -o Memories/out/en-ru.tmx --from en --to ru --status confirmed"
        )

        @Option(name: .shortAndLong, help: "The TMX file to write.")
        var output: String

        @Option(help: "Source language: only units with it; it becomes the header's srclang.")
        var from: LanguageTag?

        @Option(help: "Target language: only units with it (and only the two languages' variants).")
        var to: LanguageTag?

        @OptionGroup var filter: UnitFilterOptions

        @OptionGroup var memory: MemoryOption

        func validate() throws {
            if to != nil && from == nil { throw ValidationError("--to needs --from") }
        }

        func run() throws {
            let languages = [from, to].compactMap { $0 }
            let count = try MemoryWorkflows.exportTMX(from: try memory.openExisting(), to: output, filter: try filter.filter(languages: languages))
            print("wrote \(count) units to \(output)")
        }
    }
}
