import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand {
    /// `tmkit tm …`: the translation memory.
    struct TM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tm",
            abstract: "The translation memory: import and export TMX, search, concordance, add, stats, delete, copy, optimize.",
            discussion: """
                Every command works on one memory: --memory PATH, else $TMKIT_MEMORY, else Memories/default.tmdb \
                (an SQLite file, created by the first command that writes; reading a path with no memory is an error).
                """,
            subcommands: [Search.self, Concordance.self, Add.self, Stats.self, Delete.self, Import.self, Export.self,
                          Copy.self, Optimize.self]
        )
    }
}

/// The `--memory` option every `tm` command takes.
struct MemoryOption: ParsableArguments {
    @Option(name: .long, help: "The memory: a SQLite file or a postgres:// URL (default: $TMKIT_MEMORY or Memories/default.tmdb).")
    var memory: String?

    var location: String { memory ?? MemoryWorkflows.defaultMemoryLocation() }

    /// The memory for a job that writes: a SQLite file is created on first use.
    func open() throws -> any TranslationMemoryStore { try MemoryWorkflows.openStore(location) }

    /// The memory for a job that only reads: a SQLite path with no file is an error, not an empty memory.
    func openExisting() throws -> any TranslationMemoryStore { try MemoryWorkflows.openStore(location, mustExist: true) }
}

/// Output formats of the `tm` commands that print results.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

extension LanguageTag: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension UnitStatus: ExpressibleByArgument {}

/// The options that select units (export, delete).
struct UnitFilterOptions: ParsableArguments {
    @Option(help: "Only this status: confirmed, aligned or imported.")
    var status: UnitStatus?

    @Option(name: .customLong("min-score"), help: "Only units whose aligner score is at least this (0…1).")
    var minScore: Double?

    @Option(help: "Only units created or changed on or after this date (YYYY-MM-DD).")
    var since: String?

    @Option(help: "Only units with this origin (article id or URL).")
    var origin: String?

    @Option(help: "Only units read from this file name.")
    var file: String?

    func filter(languages: [LanguageTag]) throws -> UnitFilter {
        UnitFilter(languages: languages, status: status, minimumScore: minScore, since: try since.map(parseDate),
                   origin: origin, file: file)
    }
}

/// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (UTC).
func parseDate(_ text: String) throws -> Date {
    let digits = text.filter { $0 != "-" && $0 != ":" }
    let compact = digits.count == 8 ? digits + "T000000Z" : digits
    guard let date = TMXDate.parse(compact) else { throw ValidationError("not a date: \(text) (use YYYY-MM-DD)") }
    return date
}

/// A date as `YYYY-MM-DD`.
func day(_ date: Date?) -> String? { MemoryJSON.day(date) }

/// Prints a value as pretty JSON with sorted keys (deterministic).
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
