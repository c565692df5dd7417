import Foundation
import Testing
import TestSupport

/// `tmkit serve` over real HTTP on 127.0.0.1 with a port the system picks; curl is the client.
@Suite struct ServeTests {
    /// A running `tmkit serve`, stopped with SIGTERM when released.
    final class Server {
        let process = Process()
        let base: String

        init(memory: String, token: String?) throws {
            var arguments = ["serve", "--memory", memory, "--port", "0"]
            if let token {
                let file = try TestData.temporaryDirectory().appendingPathComponent("token")
                try Data(token.utf8).write(to: file)
                arguments += ["--token-file", file.path]
            }
            process.executableURL = CLI.executable
            process.arguments = arguments
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            // The first line names the port: "tmkit serve: listening on http://127.0.0.1:PORT (memory …)".
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: #"http://127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else {
                process.terminate()
                throw CLIFailure(description: "the server did not start: \(text)")
            }
            base = String(text[range])
        }

        /// Stops the server (SIGTERM: in-flight requests finish) and returns its exit status.
        func stop() -> Int32 {
            process.terminate()
            process.waitUntilExit()
            return process.terminationStatus
        }

        deinit { if process.isRunning { process.terminate() } }

        /// One request with curl: (HTTP status, JSON body).
        func call(_ method: String, _ path: String, body: Data? = nil, token: String? = nil) throws -> (status: Int, json: [String: Any], raw: String) {
            var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", base + path]
            if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
            var input: Data?
            if let body {
                arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"]
                input = body
            }
            let curl = Process()
            curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            curl.arguments = arguments
            let out = Pipe(), inPipe = Pipe()
            curl.standardOutput = out
            curl.standardInput = inPipe
            try curl.run()
            if let input { inPipe.fileHandleForWriting.write(input) }
            try inPipe.fileHandleForWriting.close()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let status = Int(lines.last ?? "") ?? 0
            let raw = lines.dropLast().joined(separator: "\n")
            let object = (try? JSONSerialization.jsonObject(with: Data(raw.utf8))) as? [String: Any] ?? [:]
            return (status, object, raw)
        }
    }

    struct CLIFailure: Error, CustomStringConvertible { var description: String }

    static let token = "test-token-0123456789abcdef"

    static func unit(_ source: String, _ target: String) -> Data {
        Data((try? JSONSerialization.data(withJSONObject: ["from": "en", "to": "ru", "source": source, "target": target, "origin": "desk"])) ?? Data())
    }

    /// The API contract, on any memory.
    static func exercise(memory: String) throws {
        let server = try Server(memory: memory, token: token)
        let health = try server.call("GET", "/v1/health")
        #expect(health.status == 200)
        #expect(health.json["status"] as? String == "ok")

        let unit = Self.unit("The Security Council met on Friday.", "Совет Безопасности собрался в пятницу.")
        #expect(try server.call("POST", "/v1/units", body: unit).json["error"].map { ($0 as? [String: Any])?["code"] as? String } == "unauthorized")
        #expect(try server.call("POST", "/v1/units", body: unit, token: "wrong-token-0123456789abcdef").status == 401)
        let added = try server.call("POST", "/v1/units", body: unit, token: token)
        #expect(added.status == 200)
        #expect(added.json["added"] as? Int == 1)
        #expect(try server.call("POST", "/v1/units", body: unit, token: token).json["duplicates"] as? Int == 1)
        _ = try server.call("POST", "/v1/units", body: Self.unit("The Security Council met in New York on Monday.",
                                                                  "Совет Безопасности собрался в Нью-Йорке в понедельник."), token: token)

        let exact = try server.call("GET", "/v1/search?q=The%20Security%20Council%20met%20on%20Friday.&from=en&to=ru")
        #expect(exact.status == 200)
        let matches = try JSONSerialization.jsonObject(with: Data(exact.raw.utf8)) as? [[String: Any]]
        #expect(matches?.first?["score"] as? Int == 100)
        #expect((matches?.first?["target"] as? [String: Any])?["text"] as? String == "Совет Безопасности собрался в пятницу.")
        let fuzzy = try server.call("GET", "/v1/search?q=The%20Security%20Council%20met%20in%20Geneva%20on%20Monday.&from=en&to=ru")
        let fuzzyMatches = try JSONSerialization.jsonObject(with: Data(fuzzy.raw.utf8)) as? [[String: Any]]
        #expect(fuzzyMatches?.first?["score"] as? Int == 77)
        #expect(fuzzyMatches?.first?["marked"] as? String == "The Security Council met in [-New-] [-York-]{+Geneva+} on Monday.")

        let concordance = try server.call("GET", "/v1/concordance?q=%D1%81%D0%BE%D0%B2%D0%B5%D1%82&lang=ru")  // "совет"
        #expect(concordance.json["total"] as? Int == 2)
        #expect(try server.call("GET", "/v1/stats").json["units"] as? Int == 2)

        // Bad requests are JSON errors with stable codes, and the server keeps answering.
        func code(_ response: (status: Int, json: [String: Any], raw: String)) -> String? { (response.json["error"] as? [String: Any])?["code"] as? String }
        let missing = try server.call("GET", "/v1/search?from=en&to=ru")
        #expect(missing.status == 400)
        #expect(code(missing) == "bad_request")
        #expect(code(try server.call("GET", "/v1/search?q=x&from=en&to=ru&min=500")) == "bad_request")
        #expect(code(try server.call("GET", "/v1/search?q=x&from=e%20n&to=ru")) == "bad_request")
        #expect(code(try server.call("POST", "/v1/units", body: Data("{not json".utf8), token: token)) == "bad_request")
        let large = try server.call("POST", "/v1/units", body: Data(repeating: UInt8(ascii: " "), count: 2 << 20), token: token)
        #expect(large.status == 413)
        #expect(code(large) == "too_large")
        let unknown = try server.call("GET", "/v1/nothing")
        #expect(unknown.status == 404)
        #expect(code(unknown) == "not_found")
        #expect(try server.call("GET", "/v1/health").status == 200)
        #expect(server.stop() == 0)
    }

    @Test func theAPIOnSQLite() throws {
        try Self.exercise(memory: try TestData.temporaryDirectory().appendingPathComponent("served.tmdb").path)
    }

    // Runs only with a PostgreSQL server: CI always has one (scripts/test.sh starts it); without
    // TMKIT_TEST_POSTGRES_URL it is reported as skipped, never as passed.
    @Test(.enabled(if: PostgresTestServer.url != nil, "needs TMKIT_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server)"))
    func theAPIOnPostgreSQL() throws {
        let server = try PostgresTestServer()
        try Self.exercise(memory: try server.freshDatabase())
    }

    @Test func writesNeedATokenFileAndOnlyLoopbackIsServed() throws {
        let server = try Server(memory: try TestData.temporaryDirectory().appendingPathComponent("read-only.tmdb").path, token: nil)
        let refused = try server.call("POST", "/v1/units", body: Self.unit("A.", "А."), token: Self.token)
        #expect(refused.status == 403)
        #expect((refused.json["error"] as? [String: Any])?["code"] as? String == "writes_disabled")
        #expect(server.stop() == 0)
        let open = try CLI.run(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(open.status != 0)
        #expect(open.stderr.contains("loopback"))
    }
}
