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
                --repair first fixes only what is unambiguous in displayed text: decomposed letters (NFC), \
                mixed-script words whose repair is certain (see `tmkit inspect`), zero-width spaces and stray \
                joiners; everything else stays as written.

                Examples: tmkit normalize --form key --lang ru "«Мoсква» — ЁЛКА"
                          tmkit normalize --repair --input article.txt -o article.fixed.txt
                """
        )

        enum Form: String, ExpressibleByArgument, CaseIterable { case nfc, nfkc, key }

        @Option(help: "The form: \(Form.allCases.map(\.rawValue).joined(separator: ", ")).")
        var form: Form = .nfc

        @Option(help: "The language's rules (en, ru, be); detected per line when omitted.")
        var lang: Language?

        @Flag(help: "Repair invisible problems first: NFC, mixed-script words, stray zero-width characters.")
        var repair = false

        @OptionGroup var io: TextIO

        func run() throws {
            var input = try io.readLines()
            if repair {
                // The whole text at once: a word's repair may depend on the script of the text around it.
                let whole = input.joined(separator: "\n")
                let language = lang ?? LanguageIdentifier.identify(whole)
                input = ScriptInspector.repair(whole, language: language).components(separatedBy: "\n")
            }
            let lines = input.map { line in
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
