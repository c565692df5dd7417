import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    struct Segment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Split text (or an HTML article page) into sentences and paragraphs.",
            discussion: """
                ICU's sentence breaks plus tmkit's exception lists, so that abbreviations (Mr., г., т. е.), \
                initials (А.Г. Лукашенко) and list numbers do not end sentences. A blank line (or <p>, <h1>…<h6>, \
                <li>, <br><br> in HTML) starts a new paragraph; a line break ends a sentence unless the next line \
                goes on in lower case (wrapped text).

                --format text prints one sentence per line and an empty line between paragraphs; --format json \
                prints {"language", "format", "sentences": [{"text", "paragraph", "start", "end"}]} with UTF-16 \
                offsets into the text (for HTML, into the extracted article text).

                Examples:
                  tmkit segment --lang ru "Встреча прошла в г. Минске. Её провёл А.Г. Лукашенко."
                  tmkit segment --input article.html --format json
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "The language's rules (en, ru, be); detected from the text when omitted.")
        var lang: Language?

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @Flag(help: "Treat the input as an HTML page (detected from the file extension or the content when omitted).")
        var html = false

        @OptionGroup var io: TextIO

        func run() throws {
            let input = try io.readAll()
            let fileExtension = io.input.map { URL(fileURLWithPath: $0).pathExtension }
            let documentFormat = html ? .html : DocumentFormat.detect(content: input, fileExtension: fileExtension)
            let text = documentFormat == .html ? HTMLText.extract(input) : input
            let language = lang ?? LanguageIdentifier.identify(text) ?? .en
            let sentences = try SentenceSegmenter(language: language).segment(text)
            switch format {
            case .text:
                var out = ""
                var paragraph = sentences.first?.paragraph ?? 0
                for sentence in sentences {
                    if sentence.paragraph != paragraph { out += "\n" }
                    paragraph = sentence.paragraph
                    out += sentence.text.replacingOccurrences(of: "\n", with: " ") + "\n"
                }
                try io.write(out)
            case .json:
                struct Output: Encodable {
                    struct Item: Encodable { let text: String; let paragraph: Int; let start: Int; let end: Int }
                    let language: String
                    let format: String
                    let sentences: [Item]
                }
                let output = Output(language: language.rawValue, format: documentFormat.rawValue, sentences: sentences.map {
                    .init(text: $0.text, paragraph: $0.paragraph, start: $0.range.lowerBound, end: $0.range.upperBound)
                })
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                try io.write(String(decoding: try encoder.encode(output), as: UTF8.self) + "\n")
            }
        }
    }
}
