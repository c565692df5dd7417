import ArgumentParser
import TMKit

extension TMKitCommand {
    struct Align: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Align the sentences of two versions of an article.")
        func run() throws {}
    }
}
