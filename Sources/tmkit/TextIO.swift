import ArgumentParser
import Foundation
import TMKit

/// The one input/output convention of every command that reads text: the text as arguments, `-` for standard
/// input, or `--input FILE`; output to standard output or `-o FILE`.
struct TextIO: ParsableArguments {
    @Argument(help: "Text to process; `-` reads standard input.")
    var text: [String] = []

    @Option(name: .long, help: "Read the text from this file (UTF-8, or UTF-16 with a BOM).")
    var input: String?

    @Option(name: .shortAndLong, help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if input != nil && !text.isEmpty {
            throw ValidationError("Give the text as arguments or with --input, not both.")
        }
    }

    /// True when the text comes from standard input (`-` or nothing given on a pipe).
    var readsStandardInput: Bool { text == ["-"] || (text.isEmpty && input == nil) }

    /// The whole input as one text. Arguments are joined by spaces.
    func readAll() throws -> String {
        if let input { return try TextIO.read(path: input) }
        if readsStandardInput {
            return try TextInput.decode(Array(FileHandle.standardInput.readDataToEndOfFile()), source: "<stdin>")
        }
        return text.joined(separator: " ")
    }

    /// The input as lines, for per-line operations (standard input and files are split on newlines).
    func readLines() throws -> [String] {
        if input == nil && !readsStandardInput { return [text.joined(separator: " ")] }
        var lines = try readAll().components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Reads and decodes a file, with the file named in any error.
    static func read(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(path): cannot read the file (missing or not readable)")
        }
        return try TextInput.decode(Array(data), source: path)
    }

    /// Writes the result: to `-o FILE` atomically, or to standard output.
    func write(_ result: String) throws {
        if let output {
            do {
                try result.write(toFile: output, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("\(output): cannot write the file: \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(result.utf8))
        }
    }
}

/// A one-line error for the user; the CLI exits non-zero after printing it.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
