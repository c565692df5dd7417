import ArgumentParser
import TMKit

extension TMKitCommand {
    struct Identify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tell English, Russian and Belarusian apart (prints en, ru, be or other, one per input line).",
            discussion: """
                Decided from script and letter evidence: ў, і and the apostrophe inside Cyrillic words mark \
                Belarusian; и, щ, ъ mark Russian; Latin text with few letters beyond ASCII is English.

                Example: printf 'Прэзідэнт Беларусі\\nPresident of Belarus\\n' | tmkit identify -
                """
        )

        @OptionGroup var io: TextIO

        func run() throws {
            let lines = try io.readLines().map { (LanguageIdentifier.identify($0)?.rawValue ?? "other") + "\n" }
            try io.write(lines.joined())
        }
    }
}
