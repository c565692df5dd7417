import Foundation
import TMCore
import TMText

/// Lines agency articles carry on one side only: "read also" links, photo and video credits ("Читайте также: …",
/// "Чытайце таксама: …", "Фота: …"). The aligner's prior is to leave them unaligned (1-0 or 0-1) unless the other
/// side has such a line too.
///
/// The prefixes are data, one file per language (`Resources/OneSided/<language>.txt`, see its README).
public struct OneSidedLines: Sendable {
    /// Lower-cased prefixes; a unit that starts with one is one-sided boilerplate.
    public let prefixes: [String]

    public init(prefixes: [String]) { self.prefixes = prefixes.map { $0.lowercased() } }

    /// Parses a prefix file: one prefix a line, `#` comments and blank lines skipped.
    public init(parsing text: String) {
        self.init(prefixes: text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.trimmingCharacters(in: .whitespaces)
            return entry.isEmpty || entry.hasPrefix("#") ? nil : entry.normalized(.nfc)
        })
    }

    /// True when `unit` starts with one of the prefixes (ignoring case, leading spaces, quotes and dashes).
    /// - Complexity: O(p × k) for p prefixes of k characters.
    public func matches(_ unit: String) -> Bool {
        let text = unit.normalized(.nfc).lowercased().drop { $0.isWhitespace || $0.isPunctuation && $0 != "#" }
        return prefixes.contains { text.hasPrefix($0) }
    }

    /// The bundled list of `language` (empty for languages without a file).
    public static func bundled(_ language: LanguageTag) -> OneSidedLines {
        language.language.flatMap { bundledLists[$0] } ?? OneSidedLines(prefixes: [])
    }

    private static let bundledLists: [Language: OneSidedLines] = {
        var lists: [Language: OneSidedLines] = [:]
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "txt", subdirectory: "Resources/OneSided"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            lists[language] = OneSidedLines(parsing: text)
        }
        return lists
    }()
}
