import Foundation
import Hummingbird
import TMKit

/// The memory's endpoints: health, stats, search, concordance, units, import, export.
extension MemoryServer {
    func addMemoryRoutes(to router: RouterGroup<BasicRequestContext>, imports: RouterGroup<BasicRequestContext>) {
        router.get("/v1/health") { _, _ in
            json(["status": "ok", "version": TMKitInfo.version])
        }
        router.get("/v1/stats") { request, _ in
            try authorize(request, .read)
            return json(try await blocking { _ in try reads.statistics() })
        }
        router.get("/v1/search") { request, _ in
            try authorize(request, .read)
            let parameters = QueryParameters(request.uri.query)
            let query = SearchQuery(text: try Self.text(parameters.get("q"), "q"), source: try Self.language(parameters.get("from"), "from"),
                                    target: try Self.language(parameters.get("to"), "to"), previous: parameters.get("previous"),
                                    minimum: try Self.number(parameters.get("min"), "min", default: 70, in: 1...100),
                                    limit: try Self.number(parameters.get("limit"), "limit", default: 5, in: 1...100))
            return json(try await blocking { _ in try reads.search(query).map(MatchOutput.init) })
        }
        router.get("/v1/concordance") { request, _ in
            try authorize(request, .read)
            let parameters = QueryParameters(request.uri.query)
            let query = ConcordanceQuery(text: try Self.text(parameters.get("q"), "q"),
                                         language: try parameters.get("lang").map { try Self.language($0, "lang") },
                                         page: try Self.number(parameters.get("page"), "page", default: 1, in: 1...100_000),
                                         pageSize: try Self.number(parameters.get("size"), "size", default: 20, in: 1...100))
            return json(try await blocking { _ in ConcordanceOutput(try reads.concordance(query)) })
        }
        router.post("/v1/units") { request, context in
            try authorize(request, .write)
            let unit = try await decode(NewUnit.self, from: request).unit()
            return json(try await blocking(logger: context.logger) { cancelled in try add([unit], to: writes, unless: cancelled) })
        }
        imports.post("/v1/import") { request, context in
            try authorize(request, .write)
            let parameters = QueryParameters(request.uri.query)
            let strict = try Self.flag(parameters.get("strict"), "strict")
            let origin = parameters.get("origin"), status = try Self.status(parameters.get("status"), "status")
            let folder = try Spool.newFolder(in: configuration.spoolDirectory)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let path = try await spool(request, into: folder, name: Spool.fileName(parameters.get("file")))
            let logger = context.logger
            logger.info("import started", metadata: ["bytes": .stringConvertible(Self.fileSize(path))])
            let report = try await blocking(logger: logger) { cancelled in
                try MemoryWorkflows.importTMX(path, into: writes, strict: strict, origin: origin, status: status,
                                              progress: { logger.info("import progress", metadata: ["units": .stringConvertible($0.units)]) },
                                              isCancelled: { cancelled.isSet })
            }
            logger.info("import finished", metadata: ["added": .stringConvertible(report.result.added),
                                                      "duplicates": .stringConvertible(report.result.duplicates),
                                                      "skipped": .stringConvertible(report.skippedUnits)])
            return json(ImportOutput(report))
        }
        router.get("/v1/export") { request, _ in
            try authorize(request, .read)
            let parameters = QueryParameters(request.uri.query)
            let from = try parameters.get("from").map { try Self.language($0, "from") }
            let to = try parameters.get("to").map { try Self.language($0, "to") }
            if to != nil && from == nil { throw ServerError(.badRequest, "to needs from") }
            let filter = UnitFilter(languages: [from, to].compactMap { $0 }, status: try Self.status(parameters.get("status"), "status"),
                                    minimumScore: try Self.decimal(parameters.get("min-score"), "min-score", in: 0...1),
                                    since: try Self.date(parameters.get("since"), "since"), origin: parameters.get("origin"),
                                    file: parameters.get("file"))
            return Response(status: .ok, headers: [.contentType: "application/x-tmx+xml; charset=utf-8"], body: export(filter))
        }
    }

    /// The export as a streamed body: the store is read on a Dispatch thread, which hands 64 KiB chunks over and
    /// waits while four are unwritten, so a slow client holds at most that much in memory. A failure after the
    /// first chunk ends the connection without the closing chunk, so the client never takes a cut file for whole.
    func export(_ filter: UnitFilter) -> ResponseBody {
        ResponseBody { writer in
            let (chunks, continuation) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
            let room = DispatchSemaphore(value: 4), stopped = Flag()
            DispatchQueue.global().async {
                do {
                    try MemoryWorkflows.exportTMX(from: reads, filter: filter) { chunk in
                        room.wait()
                        if stopped.isSet { throw CancellationError() }
                        continuation.yield(ByteBuffer(bytes: chunk))
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            do {
                for try await chunk in chunks {
                    try await writer.write(chunk)
                    room.signal()
                }
                try await writer.finish(nil)
            } catch {
                stopped.set()
                room.signal()
                throw error
            }
        }
    }

    /// Streams an import body to `folder/name`, refusing it past `maximumImport`; adds `.gz` or `.zip` when the
    /// body is compressed (TMXReader reads those). Returns the path.
    func spool(_ request: Request, into folder: String, name: String) async throws -> String {
        let limit = configuration.maximumImport
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ServerError(.tooLarge, "the TMX body exceeds \(limit) bytes (--max-import-bytes)")
        }
        let path = (folder as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ServerError(.internal, "cannot create a spool file in \(configuration.spoolDirectory)")
        }
        var size = 0, head: [UInt8] = []
        do {
            defer { try? handle.close() }
            for try await buffer in request.body {
                size += buffer.readableBytes
                guard size <= limit else { throw ServerError(.tooLarge, "the TMX body exceeds \(limit) bytes (--max-import-bytes)") }
                if head.count < 4 { head += buffer.readableBytesView.prefix(4 - head.count) }
                try handle.write(contentsOf: Data(buffer.readableBytesView))
            }
            // A cancelled body read ends early: never import half a body.
            try Task.checkCancellation()
        }
        let suffix = head.starts(with: [0x1F, 0x8B]) ? ".gz" : head.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? ".zip" : ""
        guard !suffix.isEmpty, !path.lowercased().hasSuffix(suffix) else { return path }
        do {
            try FileManager.default.moveItem(atPath: path, toPath: path + suffix)
        } catch {
            throw ServerError(.internal, "cannot rename the spool file")
        }
        return path + suffix
    }

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int64) ?? 0
    }
}

/// The body of POST /v1/units: one translation, as `tmkit tm add` takes it.
struct NewUnit: Decodable {
    var from: String
    var to: String
    var source: String
    var target: String
    var origin: String?
    var status: String?

    func unit() throws -> TranslationUnit {
        guard !source.isEmpty, !target.isEmpty else { throw ServerError(.badRequest, "source and target must not be empty") }
        let status = try MemoryServer.status(status, "status") ?? .confirmed
        return TranslationUnit(variants: [Variant(try MemoryServer.language(from, "from"), source), Variant(try MemoryServer.language(to, "to"), target)],
                               provenance: Provenance(origin: origin, tool: "tmkit \(TMKitInfo.version)", created: Stamp(date: Date()), status: status))
    }
}

/// The answer of POST /v1/import: what `tmkit tm import` prints, and the skipped units' reasons.
struct ImportOutput: Encodable {
    struct Issue: Encodable {
        var line: Int?
        var column: Int?
        var kind: String
        var message: String
    }
    var added: Int
    var duplicates: Int
    var skipped: Int
    /// Skipped units and ignored elements (the first 1000).
    var issues: [Issue]

    init(_ report: MemoryWorkflows.ImportReport) {
        added = report.result.added
        duplicates = report.result.duplicates
        skipped = report.skippedUnits
        issues = report.issues.map { Issue(line: $0.location.line, column: $0.location.column, kind: $0.kind.rawValue, message: $0.message) }
    }
}
