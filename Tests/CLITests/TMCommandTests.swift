import Foundation
import Testing
import TestSupport

/// `tmkit tm …` end to end, each test on its own memory file.
@Suite struct TMCommandTests {
    let folder: URL
    let memory: String

    init() throws {
        folder = try TestData.temporaryDirectory()
        memory = folder.appendingPathComponent("Memories/test.tmdb").path
    }

    func tm(_ arguments: [String], environment: [String: String] = [:]) throws -> CLI.Result {
        try CLI.run(["tm"] + arguments + ["--memory", memory], environment: environment)
    }

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func addSearchConcordanceStatsAndDelete() throws {
        #expect(try tm(["add", "--from", "en", "--to", "ru", "The Security Council met on Friday.", "Совет Безопасности собрался в пятницу.",
                        "--origin", "belta-1"]).stdout == "added 1 unit\n")
        #expect(try tm(["add", "--from", "en", "--to", "ru", "The Security Council met on Friday.", "Совет Безопасности собрался в пятницу."]).stdout
                == "already in the memory: nothing added\n")
        _ = try tm(["add", "--from", "en", "--to", "ru", "The Security Council met in New York on Monday.", "Совет Безопасности собрался в Нью-Йорке в понедельник."])

        let exact = try tm(["search", "The Security Council met on Friday.", "--from", "en", "--to", "ru"])
        #expect(exact.status == 0)
        #expect(exact.stdout.hasPrefix("100% exact  unit 1  confirmed  belta-1"))
        #expect(exact.stdout.contains("  ru: Совет Безопасности собрался в пятницу.\n"))

        let fuzzy = try tm(["search", "The Security Council met in Geneva on Monday.", "--from", "en", "--to", "ru", "--format", "json"])
        let matches = try #require(try json(fuzzy.stdout) as? [[String: Any]])
        #expect(matches.first?["score"] as? Int == 77)  // 9 memory words, 1 substitution + 1 deletion: floor(100 × 7/9)
        #expect(matches.first?["kind"] as? String == "fuzzy")
        #expect(matches.first?["marked"] as? String == "The Security Council met in [-New-] [-York-]{+Geneva+} on Monday.")

        let concordance = try tm(["concordance", "совет", "--lang", "ru"])
        #expect(concordance.stdout.hasPrefix("2 units, page 1 of 1\n"))
        #expect(concordance.stdout.contains("**Совет** Безопасности собрался в Нью-Йорке"))

        let stats = try #require(try json(try tm(["stats", "--format", "json"]).stdout) as? [String: Any])
        #expect(stats["units"] as? Int == 2)

        let optimized = try tm(["optimize"])
        #expect(optimized.stdout.hasPrefix("variant_words: the word index of 4 variants merged into one segment\noptimized \(memory) in "))
        #expect(try tm(["search", "The Security Council met in Geneva on Monday.", "--from", "en", "--to", "ru", "--format", "json"]).stdout
                == fuzzy.stdout)

        let refused = try tm(["delete"])
        #expect(refused.status != 0)
        #expect(try tm(["delete", "--origin", "belta-1"]).stdout == "deleted 1 unit\n")
        #expect((try json(try tm(["stats", "--format", "json"]).stdout) as? [String: Any])?["units"] as? Int == 1)
    }

    @Test func theMemoryComesFromTheEnvironmentWhenNotGiven() throws {
        let other = folder.appendingPathComponent("env.tmdb").path
        let result = try CLI.run(["tm", "add", "--from", "en", "--to", "be", "Minsk.", "Мінск."], environment: ["TMKIT_MEMORY": other])
        #expect(result.status == 0)
        #expect(FileManager.default.fileExists(atPath: other))
        let stats = try CLI.run(["tm", "stats", "--format", "json"], environment: ["TMKIT_MEMORY": other])
        #expect((try json(stats.stdout) as? [String: Any])?["units"] as? Int == 1)
    }

    /// A mistyped path must not read as an empty memory: commands that only read refuse a path with no memory and
    /// leave no file behind; the first command that writes creates it.
    @Test func readingAPathWithNoMemoryIsAnErrorAndCreatesNothing() throws {
        let reads: [[String]] = [["search", "Minsk.", "--from", "en", "--to", "be"], ["concordance", "Minsk"], ["stats"],
                                 ["export", "-o", folder.appendingPathComponent("out.tmx").path], ["delete", "--origin", "x"], ["optimize"]]
        for arguments in reads {
            let result = try tm(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == "tmkit tm \(arguments[0]): error: \(memory): no memory here "
                    + "(`tmkit tm import`, `tmkit tm add` and `tmkit align --store` create one)\n", "\(arguments)")
        }
        let check = try CLI.run(["check", "--from", "ru", "--to", "en", "--memory", memory])
        #expect(check.status == 1 && check.stderr.contains("\(memory): no memory here"), "\(check.stderr)")
        let copy = try CLI.run(["tm", "copy", "--from", memory, "--to", folder.appendingPathComponent("copy.tmdb").path])
        #expect(copy.status == 1 && copy.stderr.contains("\(memory): no memory here"), "\(copy.stderr)")
        #expect(!FileManager.default.fileExists(atPath: memory))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("copy.tmdb").path))
        #expect(try tm(["add", "--from", "en", "--to", "be", "Minsk.", "Мінск."]).status == 0)
        #expect(try tm(["stats"]).status == 0)
    }

    @Test func aBrokenFileIsOneErrorLineAndStoresNothing() throws {
        let broken = folder.appendingPathComponent("broken.tmx")
        try Data("""
            <?xml version="1.0"?>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu><tuv xml:lang="en"><seg>first</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>second</tuv></tu>
            </body></tmx>
            """.utf8).write(to: broken)
        let result = try tm(["import", broken.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.contains("broken.tmx:4:"))
        #expect((try json(try tm(["stats", "--format", "json"]).stdout) as? [String: Any])?["units"] as? Int == 0)
    }

    @Test func skippedUnitsAreReportedAndStrictRejects() throws {
        let partial = folder.appendingPathComponent("partial.tmx")
        try Data("""
            <?xml version="1.0"?>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu tuid="a"><tuv xml:lang="en"><seg>kept</seg></tuv><tuv xml:lang="ru"><seg>сохранено</seg></tuv></tu>
            <tu tuid="b"><tuv xml:lang="en"/></tu>
            </body></tmx>
            """.utf8).write(to: partial)
        let strict = try tm(["import", "--strict", partial.path])
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("partial.tmx:4 (unit b)"))
        let lenient = try tm(["import", partial.path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.hasSuffix("partial.tmx: 1 added, 0 duplicates, 1 skipped\n"))
        #expect(lenient.stderr.contains("partial.tmx:4 (unit b): skipped unit"))
    }
}

/// `tmkit tm copy` and `--memory postgres://…` end to end. Runs only with a PostgreSQL server: CI always has
/// one (scripts/test.sh starts it); without TMKIT_TEST_POSTGRES_URL it is reported as skipped, never as passed.
@Suite(.enabled(if: PostgresTestServer.url != nil, "needs TMKIT_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server)"))
struct TMPostgresCommandTests {
    @Test func copyToPostgresAndBackExportsTheSameBytes() throws {
        let server = try PostgresTestServer()
        let postgres = try server.freshDatabase()
        let folder = try TestData.temporaryDirectory()
        let first = folder.appendingPathComponent("first.tmdb").path, second = folder.appendingPathComponent("second.tmdb").path
        for file in ["tmx/other/my_memory.tmx", "tmx/lisa-compliance-kit/ImportTest2A.tmx", "tmx/lisa-compliance-kit/ImportTest1L.tmx"] {
            #expect(try CLI.run(["tm", "import", TestData.url(file).path, "--memory", first]).status == 0)
        }
        let there = try CLI.run(["tm", "copy", "--from", first, "--to", postgres])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.hasPrefix("copied "))
        let back = try CLI.run(["tm", "copy", "--from", postgres, "--to", second])
        #expect(back.stdout.hasPrefix(there.stdout.split(separator: " ").prefix(2).joined(separator: " ") + " "))
        let a = folder.appendingPathComponent("a.tmx").path, b = folder.appendingPathComponent("b.tmx").path
        let c = folder.appendingPathComponent("c.tmx").path
        #expect(try CLI.run(["tm", "export", "-o", a, "--memory", first]).status == 0)
        #expect(try CLI.run(["tm", "export", "-o", b, "--memory", second]).status == 0)
        #expect(try CLI.run(["tm", "export", "-o", c, "--memory", postgres]).status == 0)
        let original = try Data(contentsOf: URL(fileURLWithPath: a))
        #expect(original.count > 20_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: b)) == original)
        #expect(try Data(contentsOf: URL(fileURLWithPath: c)) == original)
        // The other commands take the URL too, also from the environment.
        let search = try CLI.run(["tm", "search", "--from", "en", "--to", "ru", "--format", "json", "Hello"], environment: ["TMKIT_MEMORY": postgres])
        #expect(search.status == 0)
        let stats = try CLI.run(["tm", "stats", "--format", "json", "--memory", postgres])
        #expect((try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["units"] as? Int ?? 0 > 100)
        // Optimizing changes no answer and no stored byte.
        let optimize = try CLI.run(["tm", "optimize", "--memory", postgres])
        #expect(optimize.status == 0, "\(optimize.stderr)")
        #expect(optimize.stdout.hasPrefix("variant_words: "))
        #expect(optimize.stdout.contains("\noptimized \(postgres) in "))
        #expect(try CLI.run(["tm", "search", "--from", "en", "--to", "ru", "--format", "json", "Hello"], environment: ["TMKIT_MEMORY": postgres]).stdout
                == search.stdout)
        #expect(try CLI.run(["tm", "export", "-o", c, "--memory", postgres]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: c)) == original)
    }

    @Test func anUnreachableServerIsOneErrorLineWithoutThePassword() throws {
        let result = try CLI.run(["tm", "stats", "--memory", "postgres://tmkit:s3cret@127.0.0.1:1/none?connect_timeout=2"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("postgres://tmkit:***@127.0.0.1:1/none"))
        #expect(!result.stderr.contains("s3cret"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
