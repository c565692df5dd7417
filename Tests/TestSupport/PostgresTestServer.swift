import CLibPQ
import Foundation

/// A PostgreSQL server for tests: `$TMKIT_TEST_POSTGRES_URL` (scripts/test.sh starts a throwaway cluster and
/// sets it). Each `freshDatabase()` is a new, empty, uniquely named UTF-8 database, dropped when the server
/// object is released.
public final class PostgresTestServer {
    /// The server URL, nil when the PostgreSQL tests cannot run.
    public static let url = ProcessInfo.processInfo.environment["TMKIT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private let admin: OpaquePointer
    private let serverURL: String
    private var databases: [String] = []
    private let prefix = "tmkit_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"

    public init() throws {
        guard let url = PostgresTestServer.url else { throw Failure(description: "TMKIT_TEST_POSTGRES_URL is not set") }
        serverURL = url
        guard let connection = PQconnectdb(url), PQstatus(connection) == CONNECTION_OK else {
            throw Failure(description: "cannot connect to \(url)")
        }
        admin = connection
    }

    /// Runs one administrative statement.
    private func execute(_ sql: String) throws {
        guard let result = PQexec(admin, sql) else { throw Failure(description: "\(sql): no result") }
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw Failure(description: "\(sql): " + (PQresultErrorMessage(result).map { String(cString: $0) } ?? ""))
        }
    }

    /// The URL of a new, empty database.
    public func freshDatabase() throws -> String {
        let name = "\(prefix)_\(databases.count + 1)"
        try execute("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
        databases.append(name)
        guard var components = URLComponents(string: serverURL) else { throw Failure(description: "not a URL: \(serverURL)") }
        components.path = "/" + name
        guard let url = components.string else { throw Failure(description: "cannot build a URL from \(serverURL)") }
        return url
    }

    deinit {
        for name in databases { try? execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        PQfinish(admin)
    }
}
