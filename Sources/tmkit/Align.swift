import ArgumentParser
import Dispatch
import Foundation
import TMKit

extension TMKitCommand {
    struct Align: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Align the sentences of two versions of an article (or of two folders of articles).",
            discussion: """
                Input: plain text with blank-line paragraphs, HTML pages, or --presplit files with one unit per line. \
                Languages are detected when --from/--to are not given. Every bead carries a confidence in [0, 1] \
                (its posterior probability); --min-confidence leaves weaker beads out and lists them on standard error.

                Example: tmkit align article-en.txt article-ru.txt --from en --to ru --format tsv
                Batch:   tmkit align --batch en/ ru/ -o aligned/ --format tmx
                Memory:  tmkit align article-en.txt article-ru.txt --store --min-confidence 0.5

                --store writes the pairs into the memory (status aligned, score = confidence, origin = --origin or \
                the source file name), all pairs of a document in one transaction; 1-0 and 0-1 beads are not stored.
                """
        )

        @Argument(help: "The source file (omit with --batch).")
        var source: String?

        @Argument(help: "The target file (omit with --batch).")
        var target: String?

        @Option(help: "The source language (en, ru, be…); detected when omitted.")
        var from: String?

        @Option(help: "The target language; detected when omitted.")
        var to: String?

        @Option(help: "Output format: \(AlignWorkflow.Format.allCases.map(\.rawValue).joined(separator: ", ")).")
        var format: AlignWorkflow.Format = .tsv

        @Option(name: .shortAndLong, help: "Write to this file (a folder with --batch) instead of standard output.")
        var output: String?

        @Flag(help: "The inputs have one unit per line.")
        var presplit = false

        @Flag(help: "Read the inputs as HTML pages (detected when they start like one).")
        var html = false

        @Option(name: .customLong("min-confidence"), help: "Leave beads below this confidence out (listed on standard error).")
        var minConfidence: Double = 0

        @Option(help: "The origin (article id or URL) recorded with the aligned units (default: the source file name without extension).")
        var origin: String?

        @Flag(help: "Store the aligned pairs in the translation memory (prints a summary instead of the beads unless -o is given).")
        var store = false

        @OptionGroup var memory: MemoryOption

        @Option(parsing: .upToNextOption, help: "Align every file of DIR_A with the file of the same name in DIR_B.")
        var batch: [String] = []

        func validate() throws {
            if !batch.isEmpty {
                guard batch.count == 2 else { throw ValidationError("--batch wants two folders: --batch DIR_A DIR_B") }
                guard source == nil && target == nil else { throw ValidationError("give either two files or --batch DIR_A DIR_B, not both") }
                guard output != nil || store else { throw ValidationError("--batch writes one file per pair: give the output folder with -o (or --store)") }
            } else if source == nil || target == nil {
                throw ValidationError("give two files to align (SOURCE TARGET), or --batch DIR_A DIR_B")
            }
            guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence is between 0 and 1") }
            for tag in [from, to].compactMap({ $0 }) where LanguageTag(tag) == nil {
                throw ValidationError("not a language tag: \(tag)")
            }
            if memory.memory != nil && !store { throw ValidationError("--memory is for --store") }
            if presplit && html { throw ValidationError("--presplit and --html exclude each other") }
        }

        var kind: AlignWorkflow.InputKind { presplit ? .presplit : html ? .html : .auto }

        func run() throws {
            let memoryStore = store ? try SharedStore(memory.open()) : nil
            if !batch.isEmpty { return try runBatch(memoryStore) }
            guard let source, let target else { return }
            let result = try alignFiles(source, target)
            Self.warnWithoutBelarusianRussian([result.source.language, result.target.language])
            reportWeak(result, name: nil)
            let origin = origin ?? defaultOrigin(source)
            if let memoryStore {
                let added = try memoryStore.add(result, origin: origin, minConfidence: minConfidence)
                print(summary(added, held: result.weakBeads(below: minConfidence).count))
                guard output != nil else { return }
            }
            let text = AlignWorkflow.render(result, format: format, minConfidence: minConfidence, origin: origin)
            if let output { try write(text, to: output) } else { FileHandle.standardOutput.write(Data(text.utf8)) }
        }

        /// The source file name without folder and extension.
        func defaultOrigin(_ path: String) -> String {
            ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        }

        func summary(_ result: AddResult, held: Int) -> String {
            "stored \(result.added) pair\(result.added == 1 ? "" : "s") (\(result.duplicates) duplicate\(result.duplicates == 1 ? "" : "s")), "
                + "\(held) bead\(held == 1 ? "" : "s") held back for review"
        }

        func alignFiles(_ source: String, _ target: String) throws -> AlignWorkflow.Result {
            let a = try AlignWorkflow.read(bytes: try bytes(of: source), file: source, kind: kind, language: from.flatMap { LanguageTag($0) })
            let b = try AlignWorkflow.read(bytes: try bytes(of: target), file: target, kind: kind, language: to.flatMap { LanguageTag($0) })
            return try AlignWorkflow.align(a, b)
        }

        func bytes(of path: String) throws -> [UInt8] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(path): cannot read the file (missing, a folder, or not readable)")
            }
            return Array(data)
        }

        func write(_ text: String, to path: String) throws {
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("\(path): cannot write the file: \(error.localizedDescription)")
            }
        }

        /// One warning line on stderr when Belarusian is aligned but Apertium's BE–RU dictionary is not installed.
        static func warnWithoutBelarusianRussian(_ languages: [LanguageTag?]) {
            guard languages.contains(where: { $0?.language == .be }), BelarusianRussianLexicon.shared == nil else { return }
            FileHandle.standardError.write(Data("warning: apertium-bel-rus or lt-print (lttoolbox-dev) not installed; aligning Belarusian without BE–RU word pairs\n".utf8))
        }

        func reportWeak(_ result: AlignWorkflow.Result, name: String?) {
            guard minConfidence > 0 else { return }
            for bead in result.weakBeads(below: minConfidence) {
                let s = bead.source.map { String($0 + 1) }.joined(separator: ","), t = bead.target.map { String($0 + 1) }.joined(separator: ",")
                let line = "review\(name.map { " " + $0 } ?? ""): source unit \(s) ↔ target unit \(t), confidence \(String(format: "%.3f", bead.confidence)): "
                    + result.text(of: bead.source, in: result.source).prefix(60) + " | " + result.text(of: bead.target, in: result.target).prefix(60) + "\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }

        func runBatch(_ memoryStore: SharedStore?) throws {
            let (dirA, dirB) = (batch[0], batch[1])
            let namesA = try listing(dirA), namesB = Set(try listing(dirB))
            let pairs = namesA.filter(namesB.contains)
            if pairs.isEmpty { throw CLIError("\(dirA), \(dirB): no file names in common; nothing to align") }
            let unpaired = namesA.filter { !namesB.contains($0) } + namesB.subtracting(namesA).sorted()
            if !unpaired.isEmpty {
                FileHandle.standardError.write(Data("skipped (no file of the same name on the other side): \(unpaired.joined(separator: ", "))\n".utf8))
            }
            if let output { try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true) }
            let progress = BatchProgress(total: pairs.count)
            DispatchQueue.concurrentPerform(iterations: pairs.count) { k in
                let name = pairs[k]
                do {
                    let result = try alignFiles(dirA + "/" + name, dirB + "/" + name)
                    reportWeak(result, name: name)
                    let stem = defaultOrigin(name)
                    let documentOrigin = origin.map { "\($0)/\(stem)" } ?? stem
                    if let memoryStore { _ = try memoryStore.add(result, origin: documentOrigin, minConfidence: minConfidence) }
                    if let output {
                        let text = AlignWorkflow.render(result, format: format, minConfidence: minConfidence, origin: documentOrigin)
                        try write(text, to: output + "/" + (name as NSString).deletingPathExtension + "." + format.rawValue)
                    }
                    progress.done(failure: nil)
                } catch {
                    progress.done(failure: "\(error)")
                }
            }
            let failures = progress.failures
            FileHandle.standardError.write(Data("\n".utf8))
            if let memoryStore { print(summary(memoryStore.total, held: memoryStore.heldBack)) }
            if !failures.isEmpty {
                for failure in failures { FileHandle.standardError.write(Data("error: \(failure)\n".utf8)) }
                throw CLIError("\(failures.count) of \(pairs.count) pairs failed")
            }
        }

        func listing(_ folder: String) throws -> [String] {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw CLIError("\(folder): cannot read the folder")
            }
            return names.filter { !$0.hasPrefix(".") }.sorted()
        }
    }
}

/// The batch progress line on standard error.
/// Sendable notes: counters change under the lock.
final class BatchProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private var finished = 0
    private(set) var failures: [String] = []

    init(total: Int) { self.total = total }

    func done(failure: String?) {
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        if let failure { failures.append(failure) }
        FileHandle.standardError.write(Data("\raligned \(finished)/\(total) pairs\(failures.isEmpty ? "" : ", \(failures.count) failed")".utf8))
    }
}

/// The memory `--store` writes into, shared by the batch workers: one document's pairs per transaction, one
/// transaction at a time. Sendable notes: the store and the totals are touched only under the lock.
final class SharedStore: @unchecked Sendable {
    private let lock = NSLock()
    private let store: any TranslationMemoryStore
    private(set) var total = AddResult()
    private(set) var heldBack = 0

    init(_ store: any TranslationMemoryStore) { self.store = store }

    /// Stores the pairs of one document (all or none), dated now.
    func add(_ result: AlignWorkflow.Result, origin: String, minConfidence: Double) throws -> AddResult {
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let units = result.translationUnits(origin: origin, minConfidence: minConfidence, created: now)
        lock.lock()
        defer { lock.unlock() }
        let added = try store.add(units)
        total.added += added.added
        total.duplicates += added.duplicates
        heldBack += result.weakBeads(below: minConfidence).count
        return added
    }
}

extension AlignWorkflow.Format: ExpressibleByArgument {}
