import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What the memory holds: units, variants per language, statuses, origins, files, date range.")

        @Option(help: "text or json.")
        var format: OutputFormat = .text

        @OptionGroup var memory: MemoryOption

        func run() throws {
            let stats = try memory.openExisting().statistics()
            switch format {
            case .json: try printJSON(stats)
            case .text:
                print("units: \(stats.units)")
                let list = { (counts: [String: Int]) in
                    counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key.isEmpty ? "(none)" : $0.key) \($0.value)" }.joined(separator: ", ")
                }
                print("variants: " + list(stats.variants))
                print("statuses: " + list(stats.statuses))
                print("origins: " + list(stats.origins))
                print("files: " + list(stats.files))
                if let first = stats.firstDate, let last = stats.lastDate { print("dates: \(first) … \(last)") }
            }
        }
    }
}
