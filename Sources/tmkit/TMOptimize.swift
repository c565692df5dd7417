import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Optimize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reorganize the memory's word index for faster fuzzy lookups (after large imports).",
            discussion: """
                Answers stay the same. Writers wait while it runs. On PostgreSQL it rewrites the word table in the \
                order of each row's rarest word, so near-duplicates share pages (1–1.5 minutes per million units; \
                lookups wait for its last 30 s or so, so run it in a quiet hour); on SQLite it merges the word index \
                into one segment (seconds).
                """
        )

        @OptionGroup var memory: MemoryOption

        func run() throws {
            let store = try memory.openExisting()
            let start = Date()
            let result = try store.optimize()
            for step in result.steps { print(step) }
            print("optimized \(PostgresStore.redacted(memory.location)) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
        }
    }
}
