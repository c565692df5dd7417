import Foundation
import TestSupport

/// A running `tmkit serve` on 127.0.0.1 with a port the system picks, its log (standard error) in a file;
/// curl is the client. Stopped with SIGTERM when released.
final class ServeProcess {
    let process = Process()
    let base: String
    let log: URL
    static let token = "test-token-0123456789abcdef"

    init(memory: String, token: String? = ServeProcess.token, arguments extra: [String] = []) throws {
        let directory = try TestData.temporaryDirectory()
        var arguments = ["serve", "--memory", memory, "--port", "0"] + extra
        if let token {
            let file = directory.appendingPathComponent("token")
            try Data(token.utf8).write(to: file)
            arguments += ["--token-file", file.path]
        }
        log = directory.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = CLI.executable
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
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
            process.waitUntilExit()
            throw Failure(description: "the server did not start: \(text) \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        base = String(text[range])
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// Stops the server (SIGTERM: in-flight requests finish) and returns its exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Kills the server with SIGKILL: no chance to finish anything.
    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }

    /// What the server logged so far.
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// An HTTP answer.
    struct Answer {
        var status: Int
        var raw: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(raw.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
        var code: String? { (object["error"] as? [String: Any])?["code"] as? String }
        var error: [String: Any] { object["error"] as? [String: Any] ?? [:] }
    }

    /// A curl run not yet finished.
    final class Call {
        let curl = Process()
        let out = Pipe()
        let input = Pipe()
        /// Waits for the answer.
        func answer() -> Answer {
            let data = out.fileHandleForReading.readDataToEndOfFile()
            curl.waitUntilExit()
            let text = String(decoding: data, as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            return Answer(status: Int(lines.last ?? "") ?? 0, raw: lines.dropLast().joined(separator: "\n"))
        }
    }

    /// Starts one request; `bodyFile` is uploaded as is, `streamBody` leaves standard input open for the caller.
    func start(_ method: String, _ path: String, json body: Any? = nil, bodyFile: URL? = nil, streamBody: Bool = false,
               token: String? = nil, output: URL? = nil) throws -> Call {
        let call = Call()
        var arguments = ["-s", "-X", method, "-w", "\n%{http_code}", base + path]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        if let output { arguments += ["-o", output.path] }
        if body != nil { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        if let bodyFile { arguments += ["-H", "Content-Type: application/x-tmx+xml", "--data-binary", "@" + bodyFile.path] }
        // `-T -` sends standard input as it comes (chunked); `--data-binary @-` would read it all first.
        if streamBody { arguments += ["-H", "Content-Type: application/x-tmx+xml", "-T", "-"] }
        call.curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        call.curl.arguments = arguments
        call.curl.standardOutput = call.out
        call.curl.standardInput = call.input
        try call.curl.run()
        if let body {
            let data = try (body as? Data) ?? JSONSerialization.data(withJSONObject: body)
            call.input.fileHandleForWriting.write(data)
        }
        if !streamBody { try call.input.fileHandleForWriting.close() }
        return call
    }

    /// One request, answered.
    func call(_ method: String, _ path: String, json body: Any? = nil, bodyFile: URL? = nil, token: String? = nil,
              output: URL? = nil) throws -> Answer {
        try start(method, path, json: body, bodyFile: bodyFile, token: token, output: output).answer()
    }

    /// The number of units in the memory.
    func units() throws -> Int? { try call("GET", "/v1/stats", token: ServeProcess.token).object["units"] as? Int }
}

/// Percent-encodes a query value.
func query(_ value: String) -> String {
    var allowed = CharacterSet.urlQueryAllowed
    allowed.remove(charactersIn: "&=+?#")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
}

/// A TMX file of `count` en–ru units, each distinct: "Sentence number N of batch TAG about the council meeting."
func generatedTMX(units count: Int, batch tag: String) throws -> URL {
    let file = try TestData.temporaryDirectory().appendingPathComponent("\(tag)-\(count).tmx")
    var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header creationtool=\"test\" creationtoolversion=\"1\" "
        + "segtype=\"sentence\" o-tmf=\"test\" adminlang=\"en\" srclang=\"en\" datatype=\"plaintext\"/>\n  <body>\n"
    for index in 0..<count {
        text += "    <tu><tuv xml:lang=\"en\"><seg>Sentence number \(index) of batch \(tag) about the council meeting.</seg></tuv>"
            + "<tuv xml:lang=\"ru\"><seg>Предложение номер \(index) партии \(tag) о заседании совета.</seg></tuv></tu>\n"
    }
    text += "  </body>\n</tmx>\n"
    try Data(text.utf8).write(to: file)
    return file
}
