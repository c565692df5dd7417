import CZlib
import Foundation
import TMCore
import TMText

/// A bilingual stem-pair table: for an English stem, the Russian stems of its translations.
///
/// Built from Debian's dictd dictionaries (`mueller7`, `freedict-eng-rus`: `/usr/share/dictd/*.index` and
/// `*.dict.dz`): every one-word headword is stemmed (Snowball English), every Cyrillic word of its entry that is
/// not a grammar label (`_воен.`) is stemmed (Snowball Russian). The table is cached as a TSV under
/// `$XDG_CACHE_HOME/tmkit` (or `~/.cache/tmkit`), keyed by the dictionaries' sizes, so only the first use parses.
public final class Lexicon: Sendable {
    /// English stem → Russian stems.
    public let translations: [String: [String]]

    public init(translations: [String: [String]]) { self.translations = translations }

    /// The Russian stems an English stem translates to (empty when unknown).
    public func russianStems(ofEnglishStem stem: String) -> [String] { translations[stem] ?? [] }

    /// The number of English stems.
    public var count: Int { translations.count }

    /// The dictionaries read, in order; missing ones are skipped.
    public static let dictionaryNames = ["mueller7", "freedict-eng-rus"]
    public static let dictionaryFolder = "/usr/share/dictd"

    /// The EN–RU lexicon of the installed dictionaries, loaded once per process (from the cache when it is fresh).
    /// Nil when no dictionary is installed (the aligner then works without it).
    public static let englishRussian: Lexicon? = try? load()

    /// Loads the lexicon: from the cache when its key matches the dictionaries, else by parsing them (and caching).
    public static func load(folder: String = dictionaryFolder, cacheFolder: String? = defaultCacheFolder) throws -> Lexicon? {
        let sources = dictionaryNames.compactMap { name -> (index: String, dict: String)? in
            let index = "\(folder)/\(name).index", dict = "\(folder)/\(name).dict.dz"
            return FileManager.default.fileExists(atPath: index) && FileManager.default.fileExists(atPath: dict) ? (index, dict) : nil
        }
        if sources.isEmpty { return nil }
        let key = "tmkit-lexicon-v4 " + sources.map { source in
            let size = ((try? FileManager.default.attributesOfItem(atPath: source.dict))?[.size] as? Int) ?? 0
            return "\(source.dict):\(size)"
        }.joined(separator: " ")
        let cachePath = cacheFolder.map { $0 + "/lexicon-en-ru.tsv" }
        if let cachePath, let cached = readCache(path: cachePath, key: key) { return cached }

        guard let english = Stemmer(language: .en), let russian = Stemmer(language: .ru) else { return nil }
        var table: [String: Set<String>] = [:]
        for source in sources {
            guard let indexData = FileManager.default.contents(atPath: source.index),
                  let compressed = FileManager.default.contents(atPath: source.dict) else { continue }
            let body = try gunzip(Array(compressed), file: source.dict)
            parse(index: String(decoding: indexData, as: UTF8.self), body: body, english: english, russian: russian, into: &table)
        }
        let lexicon = Lexicon(translations: table.mapValues { $0.sorted() })
        if let cacheFolder, let cachePath { lexicon.writeCache(folder: cacheFolder, path: cachePath, key: key) }
        return lexicon
    }

    /// `$XDG_CACHE_HOME/tmkit` or `~/.cache/tmkit`.
    public static var defaultCacheFolder: String? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/tmkit" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.cache/tmkit" }
        return nil
    }

    /// Reads dictd entries: index lines `headword TAB base64-offset TAB base64-length`.
    static func parse(index: String, body: [UInt8], english: Stemmer, russian: Stemmer, into table: inout [String: Set<String>]) {
        for line in index.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 3, let offset = base64Number(fields[1]), let length = base64Number(fields[2]),
                  offset >= 0, length > 0, offset + length <= body.count else { continue }
            let headword = fields[0].lowercased()
            guard !headword.hasPrefix("00"), headword.count >= 2,
                  headword.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { continue }
            let stem = english.stem(headword)
            let entry = String(decoding: body[offset..<offset + length], as: UTF8.self)
            var stems = table[stem] ?? []
            for word in russianWords(in: entry) where stems.count < 16 {
                let s = russian.stem(word)
                if s.count >= 2 { stems.insert(s) }
            }
            if !stems.isEmpty { table[stem] = stems }
        }
    }

    /// The translations of an entry: Cyrillic words of its `;`/`,`-separated pieces, in order, leaving out
    /// grammar labels (`_воен.`), text in parentheses or brackets, and pieces with Latin letters (usage examples
    /// such as "to acknowledge the receipt подтверждать получение").
    static func russianWords(in entry: String) -> [String] {
        var words: [String] = []
        // Lines are wrapped for display: a new numbered sense ("2) …") starts a new piece, other breaks are spaces.
        var body = ""
        for line in entry.split(separator: "\n").dropFirst() {
            let trimmed = line.drop { $0 == " " }
            let digits = trimmed.prefix { $0.isNumber }
            body += !digits.isEmpty && trimmed.dropFirst(digits.count).first == ")" ? ";" : " "
            body += line
        }
        var piece: [String] = [], pieceHasLatin = false
        var current = String.UnicodeScalarView()
        var label = false, depth = 0
        func endWord() {
            if !current.isEmpty && !label && depth == 0 { piece.append(String(current).lowercased().replacingOccurrences(of: "ё", with: "е")) }
            current.removeAll()
        }
        func endPiece() {
            endWord()
            if !pieceHasLatin && piece.count <= 3 { words += piece }
            piece.removeAll()
            pieceHasLatin = false
        }
        for scalar in body.unicodeScalars {
            let v = scalar.value
            if (0x400...0x4FF).contains(v) {
                current.append(scalar)
                continue
            }
            let isLatin = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            if isLatin {
                if !label && depth == 0 { pieceHasLatin = true }
                continue
            }
            endWord()
            switch scalar {
            case "_": label = true
            case "(", "[": depth += 1
            case ")", "]": depth = max(0, depth - 1)
            case ";", ",", "\n", ":": endPiece(); label = false
            case " ", ".": label = false
            default: break
            }
        }
        endPiece()
        return words
    }

    /// dictd's base64 numbers.
    static func base64Number(_ text: Substring) -> Int? {
        var value = 0
        for c in text.unicodeScalars {
            let digit: Int
            switch c {
            case "A"..."Z": digit = Int(c.value - 65)
            case "a"..."z": digit = Int(c.value - 97 + 26)
            case "0"..."9": digit = Int(c.value - 48 + 52)
            case "+": digit = 62
            case "/": digit = 63
            default: return nil
            }
            value = value * 64 + digit
        }
        return value
    }

    /// Inflates a gzip (dictzip) stream.
    static func gunzip(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw AlignError("cannot inflate (zlib \(status))", location: SourceLocation(file: file)) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 4)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = bytes
        try input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            repeat {
                try chunk.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.avail_out = uInt(outBuffer.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    guard status == Z_OK || status == Z_STREAM_END else {
                        throw AlignError("corrupt compressed data (zlib \(status))", location: SourceLocation(file: file, byteOffset: Int(stream.total_in)))
                    }
                    output.append(contentsOf: outBuffer[0..<(outBuffer.count - Int(stream.avail_out))])
                }
            } while status != Z_STREAM_END && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        return output
    }

    static func readCache(path: String, key: String) -> Lexicon? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard let header = lines.next(), header == key else { return nil }
        var table: [String: [String]] = [:]
        while let line = lines.next() {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { return nil }
            table[String(parts[0])] = parts[1].split(separator: " ").map(String.init)
        }
        return table.isEmpty ? nil : Lexicon(translations: table)
    }

    func writeCache(folder: String, path: String, key: String) {
        var text = key + "\n"
        for stem in translations.keys.sorted() { text += stem + "\t" + (translations[stem] ?? []).joined(separator: " ") + "\n" }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
