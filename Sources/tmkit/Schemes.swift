import ArgumentParser
import TMKit

extension TMKitCommand {
    struct Schemes: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the transliteration schemes with their languages and standards."
        )

        func run() throws {
            let width = TransliterationScheme.all.map(\.name.count).max() ?? 0
            let lines = TransliterationScheme.all.map { scheme in
                let name = scheme.name.padding(toLength: width, withPad: " ", startingAt: 0)
                let languages = scheme.languages.map(\.rawValue).joined(separator: ",")
                    .padding(toLength: 5, withPad: " ", startingAt: 0)
                return "\(name)  \(languages)  \(scheme.summary)\n"
            }
            print(lines.joined(), terminator: "")
        }
    }
}
