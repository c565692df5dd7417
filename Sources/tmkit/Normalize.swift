import ArgumentParser
import TMKit

extension TMKitCommand {
    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Normalize text: NFC, NFKC, or the matching key tmkit compares by.",
            discussion: """
                --form key prints the matching key (case-folded, quotes/dashes/spaces unified, stress marks removed, \
                ё→е for Russian, look-alike letters mapped to the word's script); it is for comparison, not display.
                Standard input and files are processed line by line.

                Example: tmkit normalize --form key --lang ru "«Мoсква» — ЁЛКА"
                """
        )

        enum Form: String, ExpressibleByArgument, CaseIterable { case nfc, nfkc, key }

        @Option(help: "The form: \(Form.allCases.map(\.rawValue).joined(separator: ", ")).")
        var form: Form = .nfc

        @Option(help: "The language's rules (en, ru, be); detected per line when omitted.")
        var lang: Language?

        @OptionGroup var io: TextIO

        func run() throws {
            let lines = try io.readLines().map { line in
                switch form {
                case .nfc: line.normalized(.nfc)
                case .nfkc: line.normalized(.nfkc)
                case .key: MatchingKey.make(line, language: lang)
                }
            }
            try io.write(lines.map { $0 + "\n" }.joined())
        }
    }
}

extension Language: ExpressibleByArgument {}
