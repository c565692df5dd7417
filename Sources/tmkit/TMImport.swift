import ArgumentParser
import Foundation
import TMKit

extension TMKitCommand.TM {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import TMX files (1.1–1.4b; .tmx, .tmx.gz, .tmx.zip; UTF-8 or UTF-16): one transaction per file.",
            discussion: """
                A file that is not well-formed XML or not TMX stores nothing and is reported as FILE:LINE:COLUMN. \
                A unit that cannot be understood is skipped and reported with its line and tuid; --strict rejects \
                the file instead. Units already in the memory are counted as duplicates and not stored again.

                Example: tmkit tm import memory.tmx --origin omegat-project
                """
        )

        @Argument(help: "The TMX files.")
        var files: [String]

        @Flag(help: "Reject a file that has a unit that cannot be understood.")
        var strict = false

        @Option(help: "The origin recorded for units that carry none.")
        var origin: String?

        @Option(help: "The status given to the imported units (default: imported, or what tmkit wrote).")
        var status: UnitStatus?

        @OptionGroup var memory: MemoryOption

        func run() throws {
            let store = try memory.open()
            let terminal = isatty(2) == 1
            var failures = 0
            for file in files {
                do {
                    let report = try MemoryWorkflows.importTMX(file, into: store, strict: strict, origin: origin, status: status) { progress in
                        guard terminal else { return }
                        var line = "\r\(file): \(progress.units) units, \(Int(Double(progress.units) / Swift.max(progress.seconds, 0.001))) units/s"
                        if progress.totalBytes > 0 { line += ", \(100 * progress.bytesRead / progress.totalBytes)%" }
                        FileHandle.standardError.write(Data(line.utf8))
                    }
                    if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                    for issue in report.issues { printError("warning: \(issue)") }
                    print("\(file): \(report.result.added) added, \(report.result.duplicates) duplicates, \(report.skippedUnits) skipped")
                } catch {
                    if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                    printError("error: \(error)")
                    failures += 1
                }
            }
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
