import Foundation
import Hummingbird
import Logging
import TMKit

/// How a `MemoryServer` runs: where it listens, who may call it, and its limits.
public struct ServerConfiguration: Sendable {
    /// A loopback address: 127.0.0.1, ::1 or localhost.
    public var host: String
    /// The port; 0 lets the system pick one.
    public var port: Int
    /// The bearer token writes need; nil refuses every write.
    public var token: String?
    /// When set, reads need the token too (`/v1/health` stays open).
    public var protectReads: Bool
    /// The longest a request may take before it is answered `503 timeout` (its work is cancelled).
    public var requestTimeout: Duration
    /// The same for `POST /v1/import`, which reads a large body and writes every unit.
    public var importTimeout: Duration
    /// The largest JSON body accepted.
    public var maximumBody: Int
    /// The largest TMX body `POST /v1/import` accepts.
    public var maximumImport: Int
    /// Where import bodies are spooled while they are read.
    public var spoolDirectory: String

    public init(host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, protectReads: Bool = false,
                requestTimeout: Duration = .seconds(60), importTimeout: Duration = .seconds(3600), maximumBody: Int = 1 << 20, maximumImport: Int = 1 << 30,
                spoolDirectory: String = NSTemporaryDirectory()) {
        self.host = host
        self.port = port
        self.token = token
        self.protectReads = protectReads
        self.requestTimeout = requestTimeout
        self.importTimeout = importTimeout
        self.maximumBody = maximumBody
        self.maximumImport = maximumImport
        self.spoolDirectory = spoolDirectory
    }

    /// The loopback addresses the server may listen on.
    public static let loopbackHosts = ["127.0.0.1", "::1", "localhost"]
}

/// The HTTP/JSON API over one memory and one glossary (API: Docs/openapi.yaml).
///
///     let server = MemoryServer(reads: try MemoryWorkflows.openStore(url), writes: try MemoryWorkflows.openStore(url),
///                               glossary: glossary, configuration: ServerConfiguration(port: 0, token: token))
///     try await server.run { port in print("listening on \(port)") }
///
/// Reads and writes go through separate store connections, so a long import (one transaction) never holds up
/// searches. Store calls block, so they run on Dispatch's global queue, not on the server's event loops.
/// Sendable notes: the stores are thread-safe (`SQLiteStore` is a GRDB pool, `PostgresStore` a pool of libpq
/// connections); the rest is immutable.
public struct MemoryServer: @unchecked Sendable {
    let reads: any TranslationMemoryStore
    let writes: any TranslationMemoryStore
    let glossary: GlossaryMatcher?
    let configuration: ServerConfiguration
    let logger: Logger
    /// The longest query text accepted.
    static let maximumQuery = 4_000

    /// A server over a memory opened twice (`reads`, `writes`: the same location) and an optional glossary.
    public init(reads: any TranslationMemoryStore, writes: any TranslationMemoryStore, glossary: Glossary?,
                configuration: ServerConfiguration, logger: Logger = Logger(label: "tmkit.serve")) {
        self.reads = reads
        self.writes = writes
        self.glossary = glossary.map { GlossaryMatcher(glossary: $0) }
        self.configuration = configuration
        self.logger = logger
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight and returns. `onRunning` gets the
    /// port listened on.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        Spool.removeStale(in: configuration.spoolDirectory)
        let port = configuration.port
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: port), serverName: "tmkit/\(TMKitInfo.version)"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger)
        try await app.runService()
    }

    /// The routes, behind the request log, the JSON errors and the timeouts (imports have their own).
    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: JSONErrorMiddleware())
        let requests = router.group().add(middleware: TimeoutMiddleware(limit: configuration.requestTimeout))
        let imports = router.group().add(middleware: TimeoutMiddleware(limit: configuration.importTimeout))
        addMemoryRoutes(to: requests, imports: imports)
        addTextRoutes(to: requests)
        return router
    }

    // MARK: - Access

    /// Who may call an endpoint.
    enum Access { case open, read, write }

    /// Checks the bearer token an endpoint needs: writes always, reads with `protectReads`.
    /// Compared in full whatever the first difference, so the time taken tells nothing about the token.
    func authorize(_ request: Request, _ access: Access) throws {
        switch access {
        case .open: return
        case .read: guard configuration.protectReads else { return }
        case .write: break
        }
        guard let token = configuration.token else {
            throw ServerError(.writesDisabled, "this server was started without --token-file")
        }
        let expected = Array(("Bearer " + token).utf8), actual = Array((request.headers[.authorization] ?? "").utf8)
        var difference = expected.count ^ actual.count
        for index in expected.indices { difference |= Int(expected[index] ^ (index < actual.count ? actual[index] : 0)) }
        guard difference == 0 else { throw ServerError(.unauthorized, "a valid bearer token is needed") }
    }
}
