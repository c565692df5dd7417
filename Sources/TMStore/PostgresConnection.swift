import CLibPQ
import Foundation
import TMCore

/// One libpq connection: prepared statements with text parameters, results read as text.
/// Not thread-safe by itself; `PostgresPool` lends it to one thread at a time.
final class PostgresConnection {
    /// The URL with its password replaced by `***`, for error messages.
    let redactedURL: String
    private let connection: OpaquePointer
    /// Prepared statement names by SQL text.
    private var prepared: [String: String] = [:]

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database[?param=value…]`, as libpq reads it).
    init(url: String) throws {
        redactedURL = PostgresConnection.redact(url)
        guard let connection = PQconnectdb(url) else {
            throw StoreError("PostgreSQL: connect: out of memory", at: SourceLocation(file: redactedURL))
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = PostgresConnection.message(connection)
            PQfinish(connection)
            throw StoreError("PostgreSQL: connect: \(message)", at: SourceLocation(file: PostgresConnection.redact(url)))
        }
        self.connection = connection
        try PostgresConnection.configure(self, operation: "connect")
    }

    /// The session settings of every connection: UTF-8, warnings only, and no parallel workers or JIT
    /// compilation, which cost a lookup more than they save (a worker process started per query, code
    /// compiled per query once the planner's estimates pass `jit_above_cost`). Prepared statements keep one
    /// generic plan: every statement tmkit prepares finds its rows through an index on an equality, a list of
    /// ids or a text search, whatever the values, and planning them anew for each call's values cost more than
    /// running them (≈ 1.3 ms of a fuzzy lookup's ≈ 4 ms of PostgreSQL CPU at 1M units).
    private static func configure(_ connection: PostgresConnection, operation: String) throws {
        try connection.execute("""
            SET client_encoding = 'UTF8'; SET client_min_messages = warning; SET max_parallel_workers_per_gather = 0; SET jit = off;
            SET plan_cache_mode = force_generic_plan
            """, operation: operation)
    }

    deinit { PQfinish(connection) }

    /// `url` with the password of its user information replaced by `***`.
    static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    private static func message(_ connection: OpaquePointer) -> String {
        guard let text = PQerrorMessage(connection) else { return "unknown error" }
        return oneLine(String(cString: text))
    }

    /// libpq's multi-line messages as one line: runs of whitespace become one space.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    func error(_ operation: String, _ detail: String) -> StoreError {
        StoreError("PostgreSQL: \(operation): \(detail)", at: SourceLocation(file: redactedURL))
    }

    /// Runs a statement without parameters (schema changes, transaction control, settings).
    @discardableResult
    func execute(_ sql: String, operation: String) throws -> PostgresResult {
        try check(PQexec(connection, sql), operation: operation)
    }

    /// Runs `sql` (placeholders `$1`, `$2`…) as a prepared statement, preparing it on first use; nil parameters
    /// are SQL NULL, others are passed as text and converted by the server.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = [], operation: String) throws -> PostgresResult {
        let name: String
        if let known = prepared[sql] {
            name = known
        } else {
            name = "tmkit_\(prepared.count + 1)"
            _ = try check(PQprepare(connection, name, sql, Int32(parameters.count), nil), operation: operation)
            prepared[sql] = name
        }
        // libpq copies the values before returning, so the C strings need to live only for the call.
        var pointers: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.flatMap { strdup($0) } }
        defer { for pointer in pointers { free(pointer) } }
        let result = pointers.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                    PQexecPrepared(connection, name, Int32(parameters.count), $0, nil, nil, 0)
                }
            } ?? PQexecPrepared(connection, name, 0, nil, nil, nil, 0)
        }
        return try check(result, operation: operation)
    }

    private func check(_ result: OpaquePointer?, operation: String) throws -> PostgresResult {
        guard let result else { throw error(operation, PostgresConnection.message(connection)) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(result)
        default:
            let detail = PQresultErrorMessage(result).map { String(cString: $0) } ?? PostgresConnection.message(connection)
            PQclear(result)
            throw error(operation, PostgresConnection.oneLine(detail))
        }
    }

    /// False once libpq has seen the connection drop (a server restart, a network cut).
    var isConnected: Bool { PQstatus(connection) == CONNECTION_OK }

    /// Connects again with the same parameters; prepared statements are prepared again on next use.
    /// Throws when the server is still unreachable.
    func reconnect(operation: String) throws {
        prepared = [:]
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else { throw error(operation, "connection lost: " + PostgresConnection.message(connection)) }
        try PostgresConnection.configure(self, operation: operation)
    }

    /// True when the connection is inside a transaction block.
    var inTransaction: Bool {
        let status = PQtransactionStatus(connection)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }
}

/// A bounded set of connections to one server. `withConnection` lends an idle connection (the most recently
/// returned, whose prepared statements are warm), opens a new one while fewer than `capacity` are open, and
/// otherwise waits until one comes back.
///
/// Sendable notes: `idle` and `open` are read and written only while holding `condition`; a lent connection is
/// used only by the thread that borrowed it until `withConnection` returns it.
final class PostgresPool: @unchecked Sendable {
    /// The most connections open at once.
    let capacity: Int
    /// The URL with its password replaced by `***`.
    let redactedURL: String
    private let url: String
    private let condition = NSCondition()
    private var idle: [PostgresConnection]
    private var open: Int

    /// Opens the first connection now, so a wrong URL or an unreachable server fails here.
    init(url: String, capacity: Int) throws {
        self.url = url
        self.capacity = max(1, capacity)
        let first = try PostgresConnection(url: url)
        redactedURL = first.redactedURL
        idle = [first]
        open = 1
    }

    /// The default capacity: two connections per core (a query waits on the server about as long as it
    /// computes), at least 2 and at most 16.
    static var defaultCapacity: Int { min(16, max(2, 2 * ProcessInfo.processInfo.activeProcessorCount)) }

    /// Runs `body` with a connection no other thread uses meanwhile. Nested calls borrow a second connection.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try borrow()
        defer { giveBack(connection) }
        return try body(connection)
    }

    private func borrow() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= capacity { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try PostgresConnection(url: url)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func giveBack(_ connection: PostgresConnection) {
        condition.lock()
        idle.append(connection)
        condition.signal()
        condition.unlock()
    }
}

/// A query result, read as text; freed when released.
final class PostgresResult {
    private let result: OpaquePointer
    init(_ result: OpaquePointer) { self.result = result }
    deinit { PQclear(result) }

    var rowCount: Int { Int(PQntuples(result)) }
    /// Rows a command affected (INSERT, DELETE).
    var affectedRows: Int { PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0 }

    /// The text of a field; nil when it is NULL.
    func string(_ row: Int, _ column: Int) -> String? {
        if PQgetisnull(result, Int32(row), Int32(column)) != 0 { return nil }
        guard let value = PQgetvalue(result, Int32(row), Int32(column)) else { return nil }
        let length = Int(PQgetlength(result, Int32(row), Int32(column)))
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    /// The bytes of a field (empty when NULL), valid only inside `body`.
    func withBytes<T>(_ row: Int, _ column: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        guard PQgetisnull(result, Int32(row), Int32(column)) == 0, let value = PQgetvalue(result, Int32(row), Int32(column)) else {
            return body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        return body(UnsafeRawBufferPointer(start: value, count: Int(PQgetlength(result, Int32(row), Int32(column)))))
    }

    /// An integer field, read from its digits without making a string; nil when NULL or not an integer.
    func int(_ row: Int, _ column: Int) -> Int64? {
        guard PQgetisnull(result, Int32(row), Int32(column)) == 0 else { return nil }
        return withBytes(row, column) { bytes in
            guard !bytes.isEmpty else { return nil }
            let negative = bytes[0] == UInt8(ascii: "-")
            var value: Int64 = 0
            for byte in bytes.dropFirst(negative ? 1 : 0) {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflowed) = times.subtractingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !overflow && !overflowed else { return nil }
                value = sum
            }
            if negative { return bytes.count > 1 ? value : nil }
            let (positive, overflow) = (0 as Int64).subtractingReportingOverflow(value)
            return overflow ? nil : positive
        }
    }
    func double(_ row: Int, _ column: Int) -> Double? { string(row, column).flatMap { Double($0) } }
}

/// Positional parameters for one statement: `add` returns the placeholder (`$n`) to write into the SQL.
struct PostgresArguments {
    private(set) var values: [String?] = []

    mutating func add(_ value: String?) -> String {
        values.append(value)
        return "$\(values.count)"
    }

    mutating func add(_ value: Int64?) -> String { add(value.map { String($0) }) }
    mutating func add(_ value: Int) -> String { add(String(value)) }
    mutating func add(_ value: Double?) -> String { add(value.map { "\($0)" }) }

    /// A PostgreSQL array literal of texts (`{"a","b\"c",NULL}`) as one parameter; cast it in the SQL
    /// (`$1::text[]`, `$2::bigint[]`).
    mutating func add(array values: [String?]) -> String { add(PostgresArguments.arrayLiteral(values)) }

    /// Every element quoted, with `"` and `\` escaped; nil is NULL.
    static func arrayLiteral(_ values: [String?]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        bytes.reserveCapacity(values.reduce(2) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            guard let value else {
                bytes.append(contentsOf: "NULL".utf8)
                continue
            }
            bytes.append(UInt8(ascii: "\""))
            for byte in value.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { bytes.append(UInt8(ascii: "\\")) }
                bytes.append(byte)
            }
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
