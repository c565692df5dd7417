import ArgumentParser
import Foundation
import Logging
import TMKit
import TMServer

extension TMKitCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a memory and a glossary over HTTP/JSON on a loopback address (API: Docs/openapi.yaml).",
            discussion: """
                Reads (search, concordance, stats, export, glossary lookup, render, translit, align) are open unless \
                --protect-reads; writes (units, import, align with "store": true) need `Authorization: Bearer TOKEN` \
                with the token in --token-file (without it, writes are refused). Errors are JSON \
                {"error": {"code", "message"}}. One log line per request on standard error, with its id and path but \
                never the query or the body. SIGINT/SIGTERM finish in-flight requests, then stop.
                Example: tmkit serve --memory postgres://tmkit@127.0.0.1/memories --port 8080 --token-file token.txt
                """
        )

        @Option(help: "The memory: a SQLite file or a postgres:// URL (default: $TMKIT_MEMORY or Memories/default.tmdb).")
        var memory: String?

        @Option(help: "The glossary file or folder (default: Glossaries, when it exists).")
        var glossary: String?

        @Option(help: "The loopback address to listen on: 127.0.0.1, ::1 or localhost.")
        var host = "127.0.0.1"

        @Option(help: "The port (0 picks a free one; the chosen port is printed).")
        var port = 8080

        @Option(name: .customLong("token-file"), help: "A file holding the bearer token that writes need.")
        var tokenFile: String?

        @Flag(name: .customLong("protect-reads"), help: "Reads need the token too (/v1/health stays open).")
        var protectReads = false

        @Option(name: .customLong("request-timeout"), help: "Seconds a request may take before it is answered 503 timeout.")
        var requestTimeout: Double = 60

        @Option(name: .customLong("import-timeout"), help: "Seconds a POST /v1/import may take.")
        var importTimeout: Double = 3600

        @Option(name: .customLong("max-body-bytes"), help: "The largest JSON request body.")
        var maxBodyBytes = 1 << 20

        @Option(name: .customLong("max-import-bytes"), help: "The largest TMX body of POST /v1/import.")
        var maxImportBytes = 1 << 30

        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel = "info"

        func validate() throws {
            guard ServerConfiguration.loopbackHosts.contains(host) else {
                throw ValidationError("--host must be a loopback address (127.0.0.1, ::1 or localhost): \(host)")
            }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
            guard requestTimeout > 0, importTimeout > 0 else { throw ValidationError("--request-timeout and --import-timeout must be positive") }
            guard maxBodyBytes > 0, maxImportBytes > 0 else { throw ValidationError("--max-body-bytes and --max-import-bytes must be positive") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: not a level: \(logLevel)") }
            if protectReads && tokenFile == nil { throw ValidationError("--protect-reads needs --token-file") }
        }

        func run() async throws {
            var token: String?
            if let tokenFile {
                guard let data = FileManager.default.contents(atPath: tokenFile) else { throw CLIError("\(tokenFile): cannot read the file") }
                let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                guard text.count >= 16 else { throw CLIError("\(tokenFile): the token must have at least 16 characters") }
                token = text
            }
            let glossaryPath = glossary ?? GlossaryFiles.defaultPath
            var loaded: Glossary?
            if glossary != nil || FileManager.default.fileExists(atPath: glossaryPath) {
                let result = try GlossaryFiles.load(glossaryPath)
                if let first = result.findings.first {
                    throw CLIError("\(first) (\(result.findings.count) finding(s); see `tmkit glossary validate \(glossaryPath)`)")
                }
                loaded = result.glossary
            }
            let location = memory ?? MemoryWorkflows.defaultMemoryLocation()
            var logger = Logger(label: "tmkit.serve")
            logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
            let configuration = ServerConfiguration(host: host, port: port, token: token, protectReads: protectReads,
                                                    requestTimeout: .milliseconds(Int64(requestTimeout * 1000)),
                                                    importTimeout: .milliseconds(Int64(importTimeout * 1000)),
                                                    maximumBody: maxBodyBytes, maximumImport: maxImportBytes)
            let server = MemoryServer(reads: try MemoryWorkflows.openStore(location), writes: try MemoryWorkflows.openStore(location),
                                      glossary: loaded, configuration: configuration, logger: logger)
            let glossaryNote = loaded.map { "glossary \(glossaryPath): \($0.concepts.count) concepts" } ?? "no glossary"
            try await server.run { bound in
                FileHandle.standardOutput.write(Data("tmkit serve: listening on http://\(host):\(bound) (memory \(PostgresStore.redacted(location)), \(glossaryNote))\n".utf8))
            }
        }
    }
}
