import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Render: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render the names and institutions of a Russian or Belarusian text in English house style.",
            discussion: """
                Glossary names become their preferred English term; other capitalized names are romanized by the \
                scheme and marked ⟨…⟩ as guesses. The same name gets the same rendering throughout the text.
                --reverse takes English and lists each name's glossary entry, or transliteration candidates.
                Example: tmkit render --from be "Аляксандр Лукашэнка сустрэўся з Мікалаем Патрушавым"
                """
        )

        @OptionGroup var glossary: GlossaryOptions
        @Option(help: "Language of the text: ru or be.") var from: Language = .ru
        @Option(help: "Romanization scheme for names not in the glossary (\(GlossaryRomanization.schemes.joined(separator: ", "))).")
        var scheme: String?
        @Flag(help: "English text → Cyrillic candidates.") var reverse = false
        @Option(help: "text or json.") var format: GlossaryOutputFormat = .text
        @OptionGroup var io: TextIO

        func run() throws {
            let matcher = GlossaryMatcher(glossary: try glossary.load())
            let text = try io.readAll()
            if reverse {
                let entries = GlossaryRenderer.reverse(text, matcher: matcher, cyrillicCandidates: GlossaryRomanization.cyrillicCandidates())
                switch format {
                case .text:
                    try io.write(entries.map { entry in
                        let candidates = entry.candidates.map { "\($0.language): \($0.text)" }.joined(separator: " | ")
                        return entry.conceptID.map { "\(entry.english)\t[\($0)]\t\(candidates)\n" }
                            ?? "\(entry.english)\t(transliterated)\t\(candidates)\n"
                    }.joined())
                case .json:
                    struct Row: Encodable { let english: String, concept: String?, candidates: [String: String], offset: Int }
                    try io.write(try GlossaryCLI.json(entries.map { entry in
                        Row(english: entry.english, concept: entry.conceptID,
                            candidates: Dictionary(entry.candidates.map { ($0.language.code, $0.text) }, uniquingKeysWith: { a, _ in a }),
                            offset: entry.offset)
                    }))
                }
                return
            }
            guard from != .en else { throw ValidationError("--from must be ru or be (use --reverse for English).") }
            let renderer = GlossaryRenderer(matcher: matcher, romanize: try GlossaryRomanization.resolve(scheme: scheme, language: from))
            let rendering = renderer.render(text, from: from)
            switch format {
            case .text:
                try io.write(rendering.text.hasSuffix("\n") ? rendering.text : rendering.text + "\n")
            case .json:
                struct Name: Encodable { let source: String, rendering: String, guessed: Bool, concept: String?, offset: Int, line: Int, column: Int }
                struct Output: Encodable { let text: String, names: [Name] }
                try io.write(try GlossaryCLI.json(Output(text: rendering.text, names: rendering.names.map {
                    Name(source: $0.source, rendering: $0.rendering, guessed: $0.kind == .guessed, concept: $0.conceptID,
                         offset: $0.offset, line: $0.line, column: $0.column)
                })))
            }
        }
    }
}
