import Foundation
import Testing
import TestSupport

/// `tmkit serve` over real HTTP on 127.0.0.1 with a port the system picks; curl is the client.
@Suite struct ServeTests {
    static let token = ServeProcess.token

    static func unit(_ source: String, _ target: String) -> [String: Any] {
        ["from": "en", "to": "ru", "source": source, "target": target, "origin": "desk"]
    }

    /// The memory API contract, on any memory.
    static func exercise(memory: String) throws {
        let server = try ServeProcess(memory: memory)
        let health = try server.call("GET", "/v1/health")
        #expect(health.status == 200)
        #expect(health.object["status"] as? String == "ok")

        let unit = Self.unit("The Security Council met on Friday.", "Совет Безопасности собрался в пятницу.")
        #expect(try server.call("POST", "/v1/units", json: unit).code == "unauthorized")
        #expect(try server.call("POST", "/v1/units", json: unit, token: "wrong-token-0123456789abcdef").status == 401)
        let added = try server.call("POST", "/v1/units", json: unit, token: token)
        #expect(added.status == 200)
        #expect(added.object["added"] as? Int == 1)
        #expect(try server.call("POST", "/v1/units", json: unit, token: token).object["duplicates"] as? Int == 1)
        _ = try server.call("POST", "/v1/units", json: Self.unit("The Security Council met in New York on Monday.",
                                                                 "Совет Безопасности собрался в Нью-Йорке в понедельник."), token: token)

        let exact = try server.call("GET", "/v1/search?q=The%20Security%20Council%20met%20on%20Friday.&from=en&to=ru")
        #expect(exact.status == 200)
        #expect(exact.array.first?["score"] as? Int == 100)
        #expect((exact.array.first?["target"] as? [String: Any])?["text"] as? String == "Совет Безопасности собрался в пятницу.")
        let fuzzy = try server.call("GET", "/v1/search?q=The%20Security%20Council%20met%20in%20Geneva%20on%20Monday.&from=en&to=ru")
        #expect(fuzzy.array.first?["score"] as? Int == 77)
        #expect(fuzzy.array.first?["marked"] as? String == "The Security Council met in [-New-] [-York-]{+Geneva+} on Monday.")
        // `+` reads as a space, as `%20` does.
        let plus = try server.call("GET", "/v1/search?q=The+Security+Council+met+in+Geneva+on+Monday%2E&from=en&to=ru")
        #expect(plus.array.first?["marked"] as? String == fuzzy.array.first?["marked"] as? String)

        let concordance = try server.call("GET", "/v1/concordance?q=" + query("совет") + "&lang=ru")
        #expect(concordance.object["total"] as? Int == 2)
        #expect(try server.call("GET", "/v1/stats").object["units"] as? Int == 2)

        // Import: a TMX body, one transaction, reported like `tmkit tm import`.
        let tmx = TestData.url("tmx/lisa-compliance-kit/ImportTest2A.tmx")
        #expect(try server.call("POST", "/v1/import", bodyFile: tmx).code == "unauthorized")
        let imported = try server.call("POST", "/v1/import?origin=lisa&file=lisa-2a.tmx", bodyFile: tmx, token: token)
        #expect(imported.status == 200)
        let files = try server.call("GET", "/v1/stats").object["files"] as? [String: Int] ?? [:]
        #expect(files["lisa-2a.tmx"] == imported.object["added"] as? Int, "the client's file name is recorded, not the spool file's: \(files)")
        let copy = try TestData.temporaryDirectory().appendingPathComponent("cli.tmdb").path
        let cli = try CLI.run(["tm", "import", tmx.path, "--origin", "lisa", "--memory", copy])
        #expect(cli.status == 0)
        let counts = "\(imported.object["added"] as? Int ?? -1) added, \(imported.object["duplicates"] as? Int ?? -1) duplicates, "
            + "\(imported.object["skipped"] as? Int ?? -1) skipped"
        #expect(cli.stdout.contains(counts), "API: \(counts); CLI: \(cli.stdout)")
        #expect((imported.object["added"] as? Int ?? 0) > 0)
        let again = try server.call("POST", "/v1/import?origin=lisa", bodyFile: tmx, token: token)
        #expect(again.object["added"] as? Int == 0)
        #expect(again.object["duplicates"] as? Int == imported.object["added"] as? Int)

        // Export: the same bytes as `tmkit tm export`, whole memory and filtered.
        let directory = try TestData.temporaryDirectory()
        for (name, filter) in [("all", ""), ("en-ru", "?from=en&to=ru&status=confirmed"), ("origin", "?origin=lisa&since=2000-01-01")] {
            let served = directory.appendingPathComponent("served-\(name).tmx"), written = directory.appendingPathComponent("cli-\(name).tmx")
            let answer = try server.call("GET", "/v1/export" + filter, output: served)
            #expect(answer.status == 200)
            var arguments = ["tm", "export", "-o", written.path, "--memory", memory]
            for pair in filter.dropFirst().split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                arguments += ["--" + parts[0], parts[1]]
            }
            let exported = try CLI.run(arguments)
            #expect(exported.status == 0, "\(exported.stderr)")
            let servedBytes = try Data(contentsOf: served), writtenBytes = try Data(contentsOf: written)
            #expect(!servedBytes.isEmpty)
            #expect(servedBytes == writtenBytes, "export \(name) differs from tmkit tm export")
        }
        #expect(try server.call("GET", "/v1/export?to=ru").code == "bad_request")
        #expect(try server.call("GET", "/v1/export?min-score=2").code == "bad_request")
        #expect(try server.call("GET", "/v1/export?since=yesterday").code == "bad_request")

        // Bad requests are JSON errors with stable codes, and the server keeps answering.
        let missing = try server.call("GET", "/v1/search?from=en&to=ru")
        #expect(missing.status == 400)
        #expect(missing.code == "bad_request")
        #expect(try server.call("GET", "/v1/search?q=x&from=en&to=ru&min=500").code == "bad_request")
        #expect(try server.call("GET", "/v1/search?q=x&from=e%20n&to=ru").code == "bad_request")
        #expect(try server.call("POST", "/v1/units", json: Data("{not json".utf8), token: token).code == "bad_json")
        #expect(try server.call("POST", "/v1/units", json: ["from": "en"], token: token).code == "bad_json")
        let large = try server.call("POST", "/v1/units", json: Data(repeating: UInt8(ascii: " "), count: 2 << 20), token: token)
        #expect(large.status == 413)
        #expect(large.code == "too_large")
        let unknown = try server.call("GET", "/v1/nothing")
        #expect(unknown.status == 404)
        #expect(unknown.code == "not_found")
        #expect(try server.call("DELETE", "/v1/search").status >= 400)
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
        let server = try ServeProcess(memory: try TestData.temporaryDirectory().appendingPathComponent("read-only.tmdb").path, token: nil)
        let refused = try server.call("POST", "/v1/units", json: Self.unit("A.", "А."), token: Self.token)
        #expect(refused.status == 403)
        #expect(refused.code == "writes_disabled")
        #expect(server.stop() == 0)
        let open = try CLI.run(["serve", "--host", "0.0.0.0", "--port", "0"])
        #expect(open.status != 0)
        #expect(open.stderr.contains("loopback"))
    }

    @Test func readsCanBeProtected() throws {
        let server = try ServeProcess(memory: try TestData.temporaryDirectory().appendingPathComponent("protected.tmdb").path,
                                      arguments: ["--protect-reads"])
        #expect(try server.call("GET", "/v1/health").status == 200)
        for path in ["/v1/stats", "/v1/search?q=x&from=en&to=ru", "/v1/export", "/v1/concordance?q=x"] {
            #expect(try server.call("GET", path).code == "unauthorized", "\(path)")
            #expect(try server.call("GET", path, token: Self.token).status == 200, "\(path)")
        }
        #expect(try server.call("POST", "/v1/translit", json: ["text": "Минск", "scheme": "bgn-pcgn"]).code == "unauthorized")
        #expect(server.stop() == 0)
    }

    /// The text endpoints answer what the matching commands print with --format json.
    @Test func textEndpointsAnswerAsTheCommands() throws {
        let glossary = TestData.projectRoot.appendingPathComponent("Glossaries").path
        let memory = try TestData.temporaryDirectory().appendingPathComponent("text.tmdb").path
        let server = try ServeProcess(memory: memory, arguments: ["--glossary", glossary])
        func same(_ answer: ServeProcess.Answer, _ arguments: [String], _ text: String) throws {
            let cli = try CLI.run(arguments + [text])
            #expect(cli.status == 0, "\(cli.stderr)")
            let expected = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? NSObject
            #expect(answer.status == 200)
            #expect(answer.json as? NSObject == expected, "\(answer.raw) vs \(cli.stdout)")
        }

        let sentence = "Секретарь Совета Безопасности России Николай Патрушев встретился с Александром Лукашенко в Минске."
        let lookup = try server.call("GET", "/v1/glossary/lookup?q=" + query(sentence))
        #expect(!lookup.array.isEmpty)
        try same(lookup, ["glossary", "lookup", "--glossary", glossary, "--format", "json"], sentence)
        // Form encoding (`+` for spaces, as curl --data-urlencode and urllib write it) reads the same.
        try same(try server.call("GET", "/v1/glossary/lookup?q=" + query(sentence).replacingOccurrences(of: "%20", with: "+")),
                 ["glossary", "lookup", "--glossary", glossary, "--format", "json"], sentence)
        try same(try server.call("GET", "/v1/glossary/lookup?lang=ru&q=" + query(sentence)),
                 ["glossary", "lookup", "--glossary", glossary, "--lang", "ru", "--format", "json"], sentence)
        #expect(try server.call("GET", "/v1/glossary/lookup?q=x&lang=de").code == "bad_request")

        try same(try server.call("POST", "/v1/render", json: ["text": sentence, "from": "ru"]),
                 ["render", "--glossary", glossary, "--from", "ru", "--format", "json"], sentence)
        let belarusian = "Аляксандр Лукашэнка сустрэўся з Мікалаем Патрушавым і Іванам Пятровічам"
        try same(try server.call("POST", "/v1/render", json: ["text": belarusian, "from": "be", "scheme": "national-2007"]),
                 ["render", "--glossary", glossary, "--from", "be", "--scheme", "national-2007", "--format", "json"], belarusian)
        #expect(try server.call("POST", "/v1/render", json: ["text": sentence, "scheme": "klingon"]).code == "unknown_scheme")
        let reverse = try server.call("POST", "/v1/render", json: ["text": "Nikolai Patrushev met Lukashenko", "reverse": true])
        #expect(reverse.status == 200)
        #expect(!((reverse.object["entries"] as? [Any]) ?? []).isEmpty)

        let city = "Магілёў, Гомель і Брэст"
        let translit = try server.call("POST", "/v1/translit", json: ["text": city, "scheme": "national-2007", "lang": "be"])
        let cli = try CLI.run(["translit", "--scheme", "national-2007", "--lang", "be", city])
        #expect(translit.object["text"] as? String == cli.stdout.trimmingCharacters(in: .newlines))
        #expect(translit.object["language"] as? String == "be")
        let unknownScheme = try server.call("POST", "/v1/translit", json: ["text": city, "scheme": "klingon"])
        #expect(unknownScheme.status == 400)
        #expect(unknownScheme.code == "unknown_scheme")
        #expect(try server.call("POST", "/v1/translit", json: ["text": city]).code == "bad_request")
        #expect(try server.call("POST", "/v1/translit", json: ["text": city, "scheme": "national-2007", "lang": "xx"]).code == "bad_request")
        let candidates = try server.call("POST", "/v1/translit", json: ["text": "Lukashenko", "reverse": true, "limit": 3])
        let reverseCLI = try CLI.run(["translit", "--reverse", "--limit", "3", "--format", "json", "Lukashenko"])
        let expectedCandidates = ((try JSONSerialization.jsonObject(with: Data(reverseCLI.stdout.utf8)) as? [[String: Any]])?.first?["candidates"]) as? NSObject
        #expect(candidates.object["candidates"] as? NSObject == expectedCandidates)

        // Alignment: the beads and confidences of `tmkit align --format json`; storing needs the token.
        let line = try TestData.text("align/ntrex-en-ru.jsonl").split(separator: "\n").first.map(String.init) ?? ""
        let document = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        let source = (document["src"] as? [String] ?? []).prefix(8).joined(separator: "\n")
        let target = (document["tgt"] as? [String] ?? []).prefix(8).joined(separator: "\n")
        let directory = try TestData.temporaryDirectory()
        try Data(source.utf8).write(to: directory.appendingPathComponent("en.txt"))
        try Data(target.utf8).write(to: directory.appendingPathComponent("ru.txt"))
        let aligned = try server.call("POST", "/v1/align", json: ["source": source, "target": target, "from": "en", "to": "ru", "presplit": true])
        #expect(aligned.status == 200)
        let alignCLI = try CLI.run(["align", "--presplit", "--from", "en", "--to", "ru", "--format", "json",
                                    directory.appendingPathComponent("en.txt").path, directory.appendingPathComponent("ru.txt").path])
        let expected = try JSONSerialization.jsonObject(with: Data(alignCLI.stdout.utf8)) as? [String: Any] ?? [:]
        let beads = aligned.object["beads"] as? [[String: Any]] ?? []
        #expect(!beads.isEmpty)
        #expect(beads.map { [$0["sourceUnits"] as? [Int] ?? [], $0["targetUnits"] as? [Int] ?? []] } == (expected["beads"] as? [[[Int]]] ?? []))
        #expect(beads.map { $0["confidence"] as? Double ?? -1 } == (expected["confidence"] as? [Double] ?? []))
        let store: [String: Any] = ["source": source, "target": target, "from": "en", "to": "ru", "presplit": true, "store": true, "origin": "ntrex"]
        #expect(try server.call("POST", "/v1/align", json: store).code == "unauthorized")
        let stored = try server.call("POST", "/v1/align", json: store, token: Self.token)
        let added = (stored.object["stored"] as? [String: Any])?["added"] as? Int ?? 0
        #expect(added > 0)
        #expect(try server.units() == added)
        let files = try server.call("GET", "/v1/stats").object["files"] as? [String: Int] ?? [:]
        let named = files.keys.filter { !$0.isEmpty }
        #expect(named.isEmpty, "aligned texts have no file (stats count them under the empty name)")
        #expect(try server.call("POST", "/v1/align", json: ["source": "", "target": target]).code == "bad_text")
        #expect(server.stop() == 0)

        let bare = try ServeProcess(memory: memory, arguments: ["--glossary", try TestData.temporaryDirectory().path])
        #expect(try bare.call("POST", "/v1/render", json: ["text": sentence]).status == 200)
        #expect(bare.stop() == 0)
        let missing = try CLI.run(["serve", "--port", "0", "--memory", memory, "--glossary", "/nonexistent/glossary"])
        #expect(missing.status != 0)
    }

    /// Limits, bad TMX, timeouts: JSON errors with stable codes, nothing stored, the server keeps going; the log
    /// has request ids and paths but never query texts.
    @Test func badRequestsNeverTakeTheServerDown() throws {
        let memory = try TestData.temporaryDirectory().appendingPathComponent("limits.tmdb").path
        let server = try ServeProcess(memory: memory, arguments: ["--max-import-bytes", "4000", "--import-timeout", "2", "--request-timeout", "2"])
        let big = try generatedTMX(units: 100, batch: "big")
        let tooLarge = try server.call("POST", "/v1/import", bodyFile: big, token: Self.token)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.code == "too_large")

        let broken = try TestData.temporaryDirectory().appendingPathComponent("broken.tmx")
        try Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>One.</seg></tuv><tuv xml:lang="ru"><seg>Один.</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Two.</seg></tuv><tuv xml:lang="ru"><seg>Два.</sg></tuv></tu>
            </body></tmx>
            """.utf8).write(to: broken)
        let bad = try server.call("POST", "/v1/import", bodyFile: broken, token: Self.token)
        #expect(bad.status == 400)
        #expect(bad.code == "bad_tmx")
        #expect(bad.error["line"] as? Int == 4)
        #expect(bad.error["column"] != nil)
        #expect(!((bad.error["message"] as? String) ?? "").contains("tmkit-import-"), "the spool file's path is not the client's business")
        #expect(try server.units() == 0, "a bad TMX stores nothing, not even its first unit")

        // Bodies that stall past --import-timeout and --request-timeout: 503 timeout, nothing stored, the server
        // answers on.
        let stalledImport = try server.start("POST", "/v1/import", streamBody: true, token: Self.token)
        stalledImport.input.fileHandleForWriting.write(Data("<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>".utf8))
        let stalledUnit = try server.start("POST", "/v1/units", streamBody: true, token: Self.token)
        stalledUnit.input.fileHandleForWriting.write(Data(#"{"from": "en", "to": "ru", "#.utf8))
        Thread.sleep(forTimeInterval: 5)
        for stalled in [stalledImport, stalledUnit] {
            try? stalled.input.fileHandleForWriting.close()
            let timedOut = stalled.answer()
            #expect(timedOut.status == 503)
            #expect(timedOut.code == "timeout")
        }
        #expect(try server.call("GET", "/v1/health").status == 200)
        #expect(try server.units() == 0)

        let secret = "Zyxwvut secret query text"
        #expect(try server.call("GET", "/v1/search?from=en&to=ru&q=" + query(secret)).status == 200)
        #expect(try server.call("GET", "/v1/concordance?q=" + query(secret)).status == 200)
        #expect(server.stop() == 0)
        let log = server.logText
        #expect(log.contains("path=/v1/search"))
        #expect(log.contains("hb.request.id="))
        #expect(!log.contains("Zyxwvut"), "the log must not hold query texts")
    }

    /// A write that outlives --request-timeout is answered 503 and stores nothing, although its work (here an
    /// alignment of ≈ 500 units per side) goes on in the background until it reaches the store.
    @Test func timedOutWritesStoreNothing() throws {
        let memory = try TestData.temporaryDirectory().appendingPathComponent("late.tmdb").path
        let server = try ServeProcess(memory: memory, arguments: ["--request-timeout", "0.3"])
        var source: [String] = [], target: [String] = []
        for line in try TestData.text("align/ntrex-en-ru.jsonl").split(separator: "\n") {
            guard let document = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  document["variant"] as? String == "edited" else { continue }
            source += document["src"] as? [String] ?? []
            target += document["tgt"] as? [String] ?? []
        }
        #expect(source.count > 400 && target.count > 400)
        let answer = try server.call("POST", "/v1/align", json: ["source": source.joined(separator: "\n"), "target": target.joined(separator: "\n"),
                                                                 "from": "en", "to": "ru", "presplit": true, "store": true], token: Self.token)
        #expect(answer.status == 503)
        #expect(answer.code == "timeout")
        let deadline = Date().addingTimeInterval(300)
        while !server.logText.contains("late work ended") && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(server.logText.contains("late work ended"), "the alignment went on after the timeout and reached the store")
        #expect(server.logText.contains("outcome=cancelled"), "\(server.logText.suffix(600))")
        #expect(try server.units() == 0)
        #expect(server.stop() == 0)
    }
}
