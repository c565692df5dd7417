import Foundation
import Hummingbird
import Logging

/// One log line per request: its id, method, path (never the query string, headers or body: queries are the
/// desk's texts), status and duration. The id is also answered as `X-Request-Id`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .stringConvertible(response.status.code),
            "ms": .string(String(format: "%.1f", milliseconds)),
        ])
        if let name = HTTPFields.Element.Name("X-Request-Id") { response.headers[name] = context.id }
        return response
    }
}

/// Answers every error as JSON `{"error": {"code", "message"}}`: the API's own, the router's (no such route,
/// wrong method) and any other. Server-side failures are logged (without the request's text).
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let failure = ServerError.from(error)
            if failure.status.code >= 500 && failure.code != .timeout {
                context.logger.error("failed", metadata: ["code": .string(failure.code.rawValue), "error": .string(failure.message)])
            }
            return json(failure.body, status: failure.status)
        }
    }
}

/// Answers `503 timeout` when the rest of the chain takes longer than `limit`, and cancels it: blocking work
/// returns at once (see `blocking`), an import stops and stores nothing. The server goes on serving.
/// A streamed body (an export) is written after this and is bounded by the client reading it.
struct TimeoutMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = limit
        return try await withoutActuallyEscaping(next) { next in
            // The task group awaits both children before returning, so `next` never outlives this call.
            let handler = UncheckedSendable(next), request = UncheckedSendable(request), context = UncheckedSendable(context)
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await handler.value(request.value, context.value) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw ServerError(.timeout, "the request took longer than \(limit.components.seconds) s and was cancelled (an import stores nothing)")
                }
                return response
            }
        }
    }
}

/// Carries a value the compiler cannot prove Sendable across a structured task boundary it does not outlive.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
