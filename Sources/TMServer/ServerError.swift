import Foundation
import Hummingbird
import TMKit

/// Every failure the API answers, with a stable `code`, an HTTP status and a one-line message; a bad TMX body
/// carries its line and column. Answered as `{"error": {"code", "message"[, "line", "column"]}}`.
public struct ServerError: LocatedError {
    /// The stable error codes (part of the API: clients switch on them).
    public enum Code: String, Sendable, CaseIterable {
        /// A missing or malformed parameter (400).
        case badRequest = "bad_request"
        /// A body that is not the JSON the endpoint takes (400).
        case badJSON = "bad_json"
        /// A transliteration scheme that does not exist (400).
        case unknownScheme = "unknown_scheme"
        /// An import body that is not well-formed TMX; `line` and `column` say where (400).
        case badTMX = "bad_tmx"
        /// A text the aligner cannot take: empty, binary, wrong language (400).
        case badText = "bad_text"
        /// A missing or wrong bearer token (401).
        case unauthorized
        /// A write to a server started without `--token-file` (403).
        case writesDisabled = "writes_disabled"
        /// No such endpoint (404).
        case notFound = "not_found"
        /// The server was started without a glossary (404).
        case noGlossary = "no_glossary"
        /// The endpoint exists but not with this method (405).
        case methodNotAllowed = "method_not_allowed"
        /// A body over the limit (413).
        case tooLarge = "too_large"
        /// The request took longer than `--request-timeout`; nothing of it was stored (503).
        case timeout
        /// The memory failed (500; PostgreSQL passwords redacted).
        case storeError = "store_error"
        /// Anything else (500).
        case `internal`
    }

    public var code: Code
    public var location: SourceLocation?
    public var message: String

    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.code = code
        self.message = message
        self.location = location
    }

    /// The HTTP status of the code.
    public var status: HTTPResponse.Status {
        switch code {
        case .badRequest, .badJSON, .unknownScheme, .badTMX, .badText: .badRequest
        case .unauthorized: .unauthorized
        case .writesDisabled: .forbidden
        case .notFound, .noGlossary: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .tooLarge: .contentTooLarge
        case .timeout: .serviceUnavailable
        case .storeError, .internal: .internalServerError
        }
    }

    /// Any error as the API answers it: library errors get their code here, the one place they are mapped.
    static func from(_ error: any Error) -> ServerError {
        switch error {
        case let error as ServerError: return error
        case let error as TMXError:
            // The location's file is the server's spool file: only line and column are the client's business.
            let place = [error.location?.line.map { "line \($0)" }, error.location?.column.map { "column \($0)" }].compactMap { $0 }
            return ServerError(.badTMX, (place.isEmpty ? "" : place.joined(separator: ", ") + ": ") + error.message,
                               at: SourceLocation(line: error.location?.line, column: error.location?.column))
        case let error as AlignError: return ServerError(.badText, error.description)
        case let error as TransliterationError: return ServerError(.badRequest, error.message)
        case let error as StoreError: return ServerError(.storeError, error.description)
        case is CancellationError: return ServerError(.timeout, "the request was cancelled (an import stores nothing)")
        case let error as HTTPError:
            switch error.status {
            case .notFound: return ServerError(.notFound, "no such endpoint")
            case .methodNotAllowed: return ServerError(.methodNotAllowed, "this endpoint does not take this method")
            case .contentTooLarge: return ServerError(.tooLarge, error.body ?? "the body is too large")
            default: return ServerError(.badRequest, error.body ?? error.status.reasonPhrase)
            }
        default: return ServerError(.internal, "\(error)")
        }
    }

    /// The JSON body of the error.
    var body: Body {
        Body(error: .init(code: code.rawValue, message: message, line: location?.line, column: location?.column))
    }

    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var line: Int?
            var column: Int?
        }
        var error: Detail
    }
}
