import Foundation
import Hummingbird
import Logging
import TMKit

/// A JSON response: sorted keys, one line, a final line end.
func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data(#"{"error":{"code":"internal","message":"cannot encode the response"}}"#.utf8)
    return Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: data + Data("\n".utf8))))
}

/// A set flag, safe to read and set from any thread.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    /// Sets the flag; true if it was not set before.
    @discardableResult func set() -> Bool { lock.withLock { defer { value = true }; return !value } }
}

/// Runs blocking work (store calls, ICU) on Dispatch's global queue, off the event loops. When the calling task
/// is cancelled (a timeout), the call returns at once with `CancellationError` and `cancelled` is set, so work
/// that checks it (an import, a write) stops and stores nothing.
/// - Parameter logger: when given, work that ends after its request was cancelled logs how it ended
///   (`late work ended` with `outcome` = `cancelled` when it stopped on the flag, `completed`, or `failed`).
func blocking<T: Sendable>(logger: Logger? = nil, _ body: @escaping @Sendable (_ cancelled: Flag) throws -> T) async throws -> T {
    let cancelled = Flag(), answered = Flag()
    let box = ContinuationBox<T>()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            box.set(continuation)
            DispatchQueue.global().async {
                let result = Result { try body(cancelled) }
                if answered.set() {
                    box.resume(with: result)
                } else if let logger {
                    let outcome = switch result {
                    case .success: "completed"
                    case .failure(let error): error is CancellationError ? "cancelled" : "failed"
                    }
                    logger.info("late work ended", metadata: ["outcome": .string(outcome)])
                }
            }
        }
    } onCancel: {
        cancelled.set()
        if answered.set() { box.resume(with: .failure(CancellationError())) }
    }
}

/// Adds `units` in one transaction unless the request is cancelled (a timeout) before the store has taken the
/// last of them: then nothing is stored and `CancellationError` is thrown, so a client answered `503 timeout`
/// does not find its units stored. (The flag is read before every unit and before the commit; only a timeout that
/// fires during the commit itself still answers 503 for units that were stored.)
func add(_ units: [TranslationUnit], to store: any TranslationMemoryStore, unless cancelled: Flag) throws -> AddResult {
    var remaining = units[...]
    return try store.add {
        if cancelled.isSet { throw CancellationError() }
        return remaining.popFirst()
    }
}

/// The continuation of `blocking`, which either the work or the cancellation resumes (once: `answered`).
/// Cancellation can come before the continuation exists; then it is resumed as soon as it is set.
private final class ContinuationBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var pending: Result<T, any Error>?

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let ready: Result<T, any Error>? = lock.withLock {
            if let pending { return pending }
            self.continuation = continuation
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func resume(with result: Result<T, any Error>) {
        let waiting: CheckedContinuation<T, any Error>? = lock.withLock {
            guard let continuation else { pending = result; return nil }
            self.continuation = nil
            return continuation
        }
        waiting?.resume(with: result)
    }
}

// MARK: - Parameters

extension MemoryServer {
    /// A text parameter or field: present, not blank, not too long.
    static func text(_ value: String?, _ name: String) throws -> String {
        guard let value, !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ServerError(.badRequest, "\(name) is required")
        }
        guard value.count <= maximumQuery else { throw ServerError(.badRequest, "\(name) is longer than \(maximumQuery) characters") }
        return value
    }

    static func language(_ value: String?, _ name: String) throws -> LanguageTag {
        guard let value else { throw ServerError(.badRequest, "\(name) is required") }
        guard let tag = LanguageTag(value) else { throw ServerError(.badRequest, "\(name) is not a language tag: \(value)") }
        return tag
    }

    /// One of tmkit's languages (en, ru, be).
    static func knownLanguage(_ value: String?, _ name: String, allowed: [Language] = Language.allCases) throws -> Language {
        let tag = try language(value, name)
        guard let known = tag.language, allowed.contains(known) else {
            throw ServerError(.badRequest, "\(name) must be one of \(allowed.map(\.rawValue).joined(separator: ", ")): \(tag.code)")
        }
        return known
    }

    static func number(_ value: String?, _ name: String, default fallback: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let value else { return fallback }
        guard let number = Int(value), range.contains(number) else {
            throw ServerError(.badRequest, "\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    static func decimal(_ value: String?, _ name: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let value else { return nil }
        guard let number = Double(value), range.contains(number) else {
            throw ServerError(.badRequest, "\(name) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    static func status(_ value: String?, _ name: String) throws -> UnitStatus? {
        guard let value else { return nil }
        guard let status = UnitStatus(rawValue: value) else { throw ServerError(.badRequest, "\(name) must be confirmed, aligned or imported") }
        return status
    }

    static func flag(_ value: String?, _ name: String) throws -> Bool {
        switch value {
        case nil, "false", "0": return false
        case "true", "1", "": return true
        default: throw ServerError(.badRequest, "\(name) must be true or false")
        }
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm:ssZ` (UTC), as the CLI's `--since`.
    static func date(_ value: String?, _ name: String) throws -> Date? {
        guard let value else { return nil }
        let digits = value.filter { $0 != "-" && $0 != ":" }
        guard let date = TMXDate.parse(digits.count == 8 ? digits + "T000000Z" : digits) else {
            throw ServerError(.badRequest, "\(name) is not a date (use YYYY-MM-DD): \(value)")
        }
        return date
    }

    /// A JSON body, at most `maximumBody` bytes, decoded as `T`.
    func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maximumBody {
            throw ServerError(.tooLarge, "the body exceeds \(configuration.maximumBody) bytes")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: configuration.maximumBody)
        } catch {
            try Task.checkCancellation()
            throw ServerError(.tooLarge, "the body exceeds \(configuration.maximumBody) bytes")
        }
        try Task.checkCancellation()
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch let error as DecodingError {
            throw ServerError(.badJSON, "the body is not the JSON this endpoint takes: \(Self.describe(error))")
        }
    }

    /// A decoding error in one line: what and where (the JSON path).
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "" : " at \(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys)"
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(key.stringValue)\(path(context))"
        case .typeMismatch(let type, let context): return "expected \(type)\(path(context))"
        case .valueNotFound(let type, let context): return "expected \(type)\(path(context))"
        case .dataCorrupted(let context): return "not valid JSON\(path(context))"
        @unknown default: return "not valid JSON"
        }
    }
}

/// Import bodies on disk while they are read: `tmkit-import-PID-UUID/NAME` in the spool directory, NAME being
/// the file name the client gives (recorded as the units' provenance file, as `tmkit tm import` records its file's).
enum Spool {
    static let prefix = "tmkit-import-"

    /// A new, empty spool folder for this process.
    static func newFolder(in directory: String) throws -> String {
        let folder = (directory as NSString).appendingPathComponent("\(prefix)\(getpid())-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ServerError(.internal, "cannot create a spool folder in \(directory)")
        }
        return folder
    }

    /// The client's file name reduced to a plain name (no folders); `upload.tmx` when it gives none.
    static func fileName(_ given: String?) -> String {
        let name = ((given ?? "") as NSString).lastPathComponent.trimmingCharacters(in: .whitespaces)
        return name.isEmpty || name == "." || name == ".." || name == "/" ? "upload.tmx" : name
    }

    /// Removes spool folders of processes that no longer run (a server killed mid-import leaves its folder).
    static func removeStale(in directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for name in names where name.hasPrefix(prefix) {
            let pid = name.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let owner = Int32(pid), owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }
}

/// A query string's parameters, decoded as browsers and form encoders write them: `+` is a space, `%XX` a byte
/// (Hummingbird's own decoding keeps `+`, which turned `q=Николай+Патрушев` into one word). The first value of
/// a repeated name wins.
struct QueryParameters {
    private var values: [String: String] = [:]

    init(_ query: String?) {
        /// `+` as a space and `%XX` as a byte; text whose escapes are broken or do not make UTF-8 is kept as
        /// it is, with `+` as a space.
        func decode(_ text: Substring) -> String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            var escaped = true
            var input = text.utf8.makeIterator()
            while let byte = input.next() {
                switch byte {
                case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
                case UInt8(ascii: "%"):
                    guard let high = input.next().flatMap(hexValue), let low = input.next().flatMap(hexValue) else {
                        escaped = false
                        break
                    }
                    bytes.append(high << 4 | low)
                default: bytes.append(byte)
                }
                if !escaped { break }
            }
            if escaped, let decoded = String(validating: bytes, as: UTF8.self) { return decoded }
            return String(decoding: text.utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        }
        func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            if values[name] == nil { values[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
    }

    func get(_ name: String) -> String? { values[name] }
}
