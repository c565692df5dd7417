import Foundation
import TMCore
import TMText

/// Belarusian → Russian lemma pairs from Apertium's Belarusian–Russian bilingual dictionary (Debian
/// `apertium-bel-rus`, `bel-rus.autobil.bin`, an lttoolbox transducer), so Belarusian words without a Russian
/// cognate (урад → правительство) reach the Russian stems the EN–RU lexicon and Russian text meet on.
///
/// The transducer is dumped once with `lt-print` (Debian `lttoolbox-dev`) and the dump is cached under
/// `$XDG_CACHE_HOME/tmkit` (or `~/.cache/tmkit`), keyed by the dictionary file's size and modification time.
/// A word is looked up by walking the transducer on its letters up to the first grammatical tag; the output letters
/// read up to the output's first tag are the Russian lemma.
public final class BelarusianRussianLexicon: Sendable {
    /// A transition: to `target`, reading the `input` symbol and writing the `output` one (ids into `symbols`).
    private struct Arc: Sendable { var target: Int32; var input: Int32; var output: Int32 }
    /// Arcs by source state.
    private let arcs: [[Arc]]
    /// The symbols by id: a letter, `<tag>`, or "" (ε, id 0); interned so the walk compares integers.
    private let symbols: [String]
    /// Whether each symbol is a grammatical tag.
    private let isTag: [Bool]
    /// The id of each symbol.
    private let symbolIDs: [String: Int32]

    /// The installed dictionary.
    public static let dictionaryPath = "/usr/share/apertium/apertium-bel-rus/bel-rus.autobil.bin"

    /// The lexicon of the installed dictionary, loaded once per process; nil when `apertium-bel-rus` or
    /// `lt-print` is not installed (the aligner then works without BE–RU word pairs).
    public static let shared: BelarusianRussianLexicon? = try? load()

    /// Loads the transducer: from the cached `lt-print` dump when its key matches the dictionary, else by running
    /// `lt-print` (and caching its output). Nil when the dictionary or `lt-print` is missing.
    public static func load(dictionary: String = dictionaryPath, cacheFolder: String? = Lexicon.defaultCacheFolder) throws -> BelarusianRussianLexicon? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: dictionary) else { return nil }
        let size = (attributes[.size] as? Int) ?? 0
        let modified = Int((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
        let cachePath = cacheFolder.map { "\($0)/apertium-bel-rus-\(size)-\(modified).att" }
        if let cachePath, let cached = FileManager.default.contents(atPath: cachePath), !cached.isEmpty {
            return BelarusianRussianLexicon(att: String(decoding: cached, as: UTF8.self))
        }
        guard let dump = try ltPrint(dictionary), !dump.isEmpty else { return nil }
        if let cacheFolder, let cachePath {
            try? FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
            let temporary = cachePath + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
            if FileManager.default.createFile(atPath: temporary, contents: dump) {
                _ = try? FileManager.default.removeItem(atPath: cachePath)
                try? FileManager.default.moveItem(atPath: temporary, toPath: cachePath)
            }
        }
        return BelarusianRussianLexicon(att: String(decoding: dump, as: UTF8.self))
    }

    /// Runs `lt-print FILE` (from PATH); nil when it is not installed or fails.
    static func ltPrint(_ dictionary: String) throws -> Data? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/lt-print" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = [dictionary]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    /// Parses an AT&T dump (`from TAB to TAB input TAB output TAB weight`; final-state lines have one or two fields).
    init(att: String) {
        var arcs: [[Arc]] = []
        var symbols = [""], symbolIDs: [String: Int32] = ["": 0]
        func id(_ field: Substring) -> Int32 {
            let symbol = field == "ε" || field == "@0@" ? "" : String(field)
            if let known = symbolIDs[symbol] { return known }
            symbols.append(symbol)
            symbolIDs[symbol] = Int32(symbols.count - 1)
            return Int32(symbols.count - 1)
        }
        for line in att.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 4, let from = Int(fields[0]), let to = Int32(fields[1]), from >= 0, to >= 0 else { continue }
            if arcs.count <= from { arcs += Array(repeating: [], count: from + 1 - arcs.count) }
            arcs[from].append(Arc(target: to, input: id(fields[2]), output: id(fields[3])))
        }
        self.arcs = arcs
        self.symbols = symbols
        self.symbolIDs = symbolIDs
        isTag = symbols.map { $0.count > 2 && $0.hasPrefix("<") && $0.hasSuffix(">") }
    }

    /// The number of transducer states.
    public var stateCount: Int { arcs.count }

    /// The one-word Russian lemmas of a Belarusian lemma (lower case), sorted; empty when the dictionary lacks it.
    /// - Complexity: proportional to the transducer paths spelling `word` plus its first tag.
    public func russian(of word: String) -> [String] {
        var letters: [Int32] = []
        for letter in word {
            // A letter no arc reads: no path spells the word.
            guard let id = symbolIDs[String(letter)] else { return [] }
            letters.append(id)
        }
        struct Item: Hashable { var state: Int32; var read: Int; var output: String; var inputDone: Bool; var outputDone: Bool }
        var results = Set<String>(), seen = Set<Item>()
        var stack = [Item(state: 0, read: 0, output: "", inputDone: false, outputDone: false)]
        while let item = stack.popLast() {
            guard seen.insert(item).inserted, item.output.count <= 48, Int(item.state) < arcs.count else { continue }
            if item.inputDone && item.outputDone {
                // One-word lemmas only ("так как" cannot meet one Russian stem); homonym marks (изменить¹) dropped.
                let lemma = String(item.output.filter { $0.isLetter || $0 == "-" || $0 == " " })
                if !lemma.isEmpty, !lemma.contains(" ") { results.insert(lemma.lowercased()) }
                continue
            }
            for arc in arcs[Int(item.state)] where arc.target != item.state {
                var next = item
                next.state = arc.target
                if !item.inputDone {
                    if isTag[Int(arc.input)] {
                        guard item.read == letters.count else { continue }
                        next.inputDone = true
                    } else if arc.input != 0 {
                        guard item.read < letters.count, arc.input == letters[item.read] else { continue }
                        next.read += 1
                    }
                }
                if !item.outputDone {
                    if isTag[Int(arc.output)] { next.outputDone = true } else { next.output += symbols[Int(arc.output)] }
                }
                stack.append(next)
            }
        }
        return results.sorted()
    }
}
