import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a memory into another, across backends (SQLite file ↔ PostgreSQL URL), without loss.",
            discussion: """
                Streams every unit (or those the filter selects) with its variants, inline codes, provenance, \
                notes and props into the target in one transaction: if anything fails, the target is unchanged. \
                Units the target already holds count as duplicates.
                Example: tmkit tm copy --from Memories/default.tmdb --to postgres://tmkit@127.0.0.1:5432/memories
                """
        )

        @Option(help: "The memory to read: a SQLite file or a postgres:// URL.")
        var from: String

        @Option(help: "The memory to write (created or migrated on open): a SQLite file or a postgres:// URL.")
        var to: String

        @OptionGroup var filter: UnitFilterOptions

        func run() throws {
            let source = try MemoryWorkflows.openStore(from, mustExist: true)
            let target = try MemoryWorkflows.openStore(to)
            let start = Date()
            let result = try MemoryWorkflows.copy(from: source, to: target, filter: try filter.filter(languages: []))
            let seconds = Date().timeIntervalSince(start)
            print("copied \(result.added) units from \(PostgresStore.redacted(from)) to \(PostgresStore.redacted(to))"
                  + " (\(result.duplicates) already there) in \(String(format: "%.1f", seconds)) s")
        }
    }
}
