import ArgumentParser
import Foundation
import Hummingbird
import TMKit

extension TMKitCommand {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve a memory over HTTP/JSON on a loopback address (API: Docs/openapi.yaml).",
            discussion: """
                GET /v1/health, /v1/stats, /v1/search, /v1/concordance are open; POST /v1/units needs \
                `Authorization: Bearer TOKEN` with the token in --token-file (without it, writes are refused). \
                Errors are JSON {"error": {"code", "message"}}. SIGINT/SIGTERM finish in-flight requests, then stop.
                Example: tmkit serve --memory postgres://tmkit@127.0.0.1/memories --port 8080 --token-file token.txt
                """
        )

        @Option(help: "The memory: a SQLite file or a postgres:// URL (default: $TMKIT_MEMORY or Memories/default.tmdb).")
        var memory: String?

        @Option(help: "The loopback address to listen on: 127.0.0.1, ::1 or localhost.")
        var host = "127.0.0.1"

        @Option(help: "The port (0 picks a free one; the chosen port is printed).")
        var port = 8080

        @Option(name: .customLong("token-file"), help: "A file holding the bearer token that writes need.")
        var tokenFile: String?

        func validate() throws {
            guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
                throw ValidationError("--host must be a loopback address (127.0.0.1, ::1 or localhost): \(host)")
            }
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        }

        func run() async throws {
            var token: String?
            if let tokenFile {
                let text = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                guard text.count >= 16 else { throw ValidationError("\(tokenFile): the token must have at least 16 characters") }
                token = text
            }
            let location = memory ?? MemoryWorkflows.defaultMemoryLocation()
            let api = MemoryAPI(store: try MemoryWorkflows.openStore(location), token: token)
            let app = Application(
                router: api.router(),
                configuration: .init(address: .hostname(host, port: port), serverName: "tmkit/\(TMKitInfo.version)"),
                onServerRunning: { channel in
                    let bound = channel.localAddress?.port ?? port
                    FileHandle.standardOutput.write(Data("tmkit serve: listening on http://\(host):\(bound) (memory \(PostgresStore.redacted(location)))\n".utf8))
                })
            try await app.runService()
        }
    }
}

/// The HTTP API over one memory. Store calls block, so they run on Dispatch's global queue, not on the
/// server's event loops.
/// Sendable notes: the stores are thread-safe (`SQLiteStore` is a GRDB pool, `PostgresStore` locks its
/// connection); the rest is immutable.
struct MemoryAPI: @unchecked Sendable {
    let store: any TranslationMemoryStore
    let token: String?
    /// The largest request body accepted.
    static let maximumBody = 1 << 20
    /// The longest query text accepted.
    static let maximumQuery = 4_000

    /// An API error: an HTTP status, a stable code and a message.
    struct Failure: Error {
        var status: HTTPResponse.Status
        var code: String
        var message: String
        static func badRequest(_ message: String) -> Failure { Failure(status: .badRequest, code: "bad_request", message: message) }
    }

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: LogRequestsMiddleware(.info))  // one log line per request, with its request id; no headers
        router.add(middleware: JSONErrorMiddleware<BasicRequestContext>())
        router.get("/v1/health") { _, _ in
            respond { ["status": "ok", "version": TMKitInfo.version] }
        }
        router.get("/v1/stats") { _, _ in
            await respondAsync { try await blocking { try store.statistics() } }
        }
        router.get("/v1/search") { request, _ in
            await respondAsync {
                let parameters = request.uri.queryParameters
                let query = SearchQuery(text: try text(parameters.get("q")), source: try language(parameters.get("from"), "from"),
                                        target: try language(parameters.get("to"), "to"), previous: parameters.get("previous"),
                                        minimum: try number(parameters.get("min"), "min", default: 70, in: 1...100),
                                        limit: try number(parameters.get("limit"), "limit", default: 5, in: 1...100))
                return try await blocking { try store.search(query).map(MatchOutput.init) }
            }
        }
        router.get("/v1/concordance") { request, _ in
            await respondAsync {
                let parameters = request.uri.queryParameters
                let query = ConcordanceQuery(text: try text(parameters.get("q")), language: try parameters.get("lang").map { try language($0, "lang") },
                                             page: try number(parameters.get("page"), "page", default: 1, in: 1...100_000),
                                             pageSize: try number(parameters.get("size"), "size", default: 20, in: 1...100))
                return try await blocking { ConcordanceOutput(try store.concordance(query)) }
            }
        }
        router.post("/v1/units") { request, _ in
            await respondAsync {
                try authorize(request)
                let body: ByteBuffer
                do {
                    body = try await request.body.collect(upTo: MemoryAPI.maximumBody)
                } catch {
                    throw Failure(status: .contentTooLarge, code: "too_large", message: "the body exceeds \(MemoryAPI.maximumBody) bytes")
                }
                let input: NewUnit
                do {
                    input = try JSONDecoder().decode(NewUnit.self, from: Data(body.readableBytesView))
                } catch {
                    throw Failure.badRequest("the body is not a unit: \(error)")
                }
                let unit = try input.unit()
                return try await blocking { try store.add([unit]) }
            }
        }
        return router
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
            guard !source.isEmpty, !target.isEmpty else { throw Failure.badRequest("source and target must not be empty") }
            guard let status = UnitStatus(rawValue: status ?? "confirmed") else {
                throw Failure.badRequest("status must be confirmed, aligned or imported")
            }
            return TranslationUnit(variants: [Variant(try language(from, "from"), source), Variant(try language(to, "to"), target)],
                                   provenance: Provenance(origin: origin, tool: "tmkit \(TMKitInfo.version)", created: Stamp(date: Date()), status: status))
        }
    }

    /// Writes need `Authorization: Bearer TOKEN`; without a configured token they are refused.
    func authorize(_ request: Request) throws {
        guard let token else { throw Failure(status: .forbidden, code: "writes_disabled", message: "this server was started without --token-file") }
        let given = request.headers[.authorization] ?? ""
        // Compared in full whatever the first difference, so the time taken tells nothing about the token.
        let expected = Array(("Bearer " + token).utf8), actual = Array(given.utf8)
        var difference = expected.count ^ actual.count
        for index in expected.indices { difference |= Int(expected[index] ^ (index < actual.count ? actual[index] : 0)) }
        guard difference == 0 else { throw Failure(status: .unauthorized, code: "unauthorized", message: "a valid bearer token is needed") }
    }

    /// Runs blocking store work off the event loops.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// The query text: present, not blank, not too long.
private func text(_ value: String?) throws -> String {
    guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw MemoryAPI.Failure.badRequest("q is required") }
    guard value.count <= MemoryAPI.maximumQuery else { throw MemoryAPI.Failure.badRequest("q is longer than \(MemoryAPI.maximumQuery) characters") }
    return value
}

private func language(_ value: String?, _ name: String) throws -> LanguageTag {
    guard let value else { throw MemoryAPI.Failure.badRequest("\(name) is required") }
    guard let tag = LanguageTag(value) else { throw MemoryAPI.Failure.badRequest("\(name) is not a language tag: \(value)") }
    return tag
}

private func number(_ value: String?, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
    guard let value else { return fallback }
    guard let number = Int(value), range.contains(number) else {
        throw MemoryAPI.Failure.badRequest("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
}

/// The JSON error body every failure has: `{"error": {"code": …, "message": …}}`.
private struct ErrorBody: Encodable {
    struct Detail: Encodable { var code: String; var message: String }
    var error: Detail
}

private func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"cannot encode the response"}}"#.utf8)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
}

private func respond<T: Encodable>(_ body: () throws -> T) -> Response {
    do { return json(try body()) } catch { return failure(error) }
}

private func respondAsync<T: Encodable>(_ body: () async throws -> T) async -> Response {
    do { return json(try await body()) } catch { return failure(error) }
}

/// An error as JSON: API failures keep their status and code; store errors are 500 `store_error` with the
/// store's one-line message (PostgreSQL URLs come redacted).
private func failure(_ error: any Error) -> Response {
    if let failure = error as? MemoryAPI.Failure {
        return json(ErrorBody(error: .init(code: failure.code, message: failure.message)), status: failure.status)
    }
    return json(ErrorBody(error: .init(code: "store_error", message: "\(error)")), status: .internalServerError)
}

/// Turns the router's own errors (no such route, wrong method) into the JSON error body.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : error.status == .methodNotAllowed ? "method_not_allowed" : "http_\(error.status.code)"
            return json(ErrorBody(error: .init(code: code, message: error.body ?? error.status.reasonPhrase)), status: error.status)
        } catch {
            return failure(error)
        }
    }
}
