import Foundation
import Testing
import TestSupport

/// `tmkit align` and `tmkit eval align` end to end on real files.
@Suite struct AlignCLITests {
    static let englishSeed = TestData.seeds.appendingPathComponent("belta-2012-03-01-en.txt").path
    /// An abridged Russian version of the seed written for these tests (a merge, dropped sentences, a "read also" line).
    static let russianFixture = TestData.projectRoot.appendingPathComponent("Memories/samples/belta-2012-03-01-ru.txt").path

    struct Output: Decodable {
        var src: [String]
        var tgt: [String]
        var beads: [[[Int]]]
        var confidence: [Double]
        var src_lang: String
        var tgt_lang: String
    }

    func json(_ result: CLI.Result) throws -> Output {
        try JSONDecoder().decode(Output.self, from: Data(result.stdout.utf8))
    }

    @Test func alignsTheSeedArticleWithItsRussianVersion() throws {
        let result = try CLI.run(["align", Self.englishSeed, Self.russianFixture, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result)
        #expect(output.src_lang == "en" && output.tgt_lang == "ru", "languages are detected")
        #expect(output.beads.count == output.confidence.count)
        func bead(_ english: String) -> [[Int]]? { output.beads.first { $0[0].contains { output.src[$0].contains(english) } } }
        // The Patrushev sentence pairs 1-1 with the Патрушевым one.
        let patrushev = try #require(bead("he met with Nikolai Patrushev"))
        #expect(patrushev[0].count == 1 && patrushev[1].count == 1 && output.tgt[patrushev[1][0]].contains("Патрушевым"))
        // Two English sentences merged into one Russian sentence are one bead; the next English sentence, which the
        // Russian dropped, is not pulled into it (it explains nothing the merge's two sentences do not: redundancy).
        let merged = try #require(bead("Yet we can state"))
        #expect(merged[0].count == 2 && merged[1].count == 1 && output.src[merged[0][1]].hasPrefix("It has acquired"))
        let dropped = try #require(bead("We are starting making concrete steps"))
        #expect(dropped[1].isEmpty)
        #expect(output.tgt[merged[1][0]].hasPrefix("Тем не менее"))
        // The inserted "Читайте также" line is left unaligned (0-1), not paired with the English sentence the
        // Russian dropped next to it (a one-sided boilerplate line, Sources/TMAlign/Resources/OneSided/ru.txt).
        let readAlso = try #require(output.beads.first { $0[1].contains { output.tgt[$0].hasPrefix("Читайте также") } })
        #expect(readAlso[0].isEmpty && readAlso[1].count == 1)
        // The last paragraphs have no Russian: deletions.
        let last = try #require(output.beads.last)
        #expect(last[1].isEmpty && last[0] == [output.src.count - 1])
        // Every unit is covered once, in order.
        #expect(output.beads.flatMap { $0[0] } == Array(0..<output.src.count))
        #expect(output.beads.flatMap { $0[1] } == Array(0..<output.tgt.count))
    }

    @Test func ladderTSVAndTMXFormats() throws {
        let ladder = try CLI.run(["align", Self.englishSeed, Self.russianFixture, "--from", "en", "--to", "ru", "--format", "ladder"])
        #expect(ladder.status == 0)
        let rungs = ladder.stdout.split(separator: "\n")
        #expect(rungs.first?.hasPrefix("0\t0\t") == true)
        let tsv = try CLI.run(["align", Self.englishSeed, Self.russianFixture, "--format", "tsv"])
        #expect(tsv.stdout.split(separator: "\n").count == rungs.count - 1)
        #expect(tsv.stdout.split(separator: "\n").allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 3 })

        let dir = try TestData.temporaryDirectory()
        let tmx = dir.appendingPathComponent("out.tmx").path
        // Every 1-1 and merge of this pair is at 0.85 or above since the sentence counts; 0.9 holds two back.
        let written = try CLI.run(["align", Self.englishSeed, Self.russianFixture, "--format", "tmx", "--min-confidence", "0.9", "-o", tmx])
        #expect(written.status == 0)
        #expect(written.stderr.contains("review: "), "weak beads are listed for review")
        let text = try String(contentsOfFile: tmx, encoding: .utf8)
        #expect(text.contains("<tuv xml:lang=\"ru\">\n        <seg>«Ваш визит своевременный.</seg>"))
        #expect(text.contains("<prop type=\"x-tmkit-status\">aligned</prop>"))
        #expect(text.contains("<prop type=\"x-tmkit-origin\">belta-2012-03-01-en</prop>"))
        #expect(!text.contains("creationdate"), "no clock in the output: the same input gives the same bytes")
        let xmllint = Process()
        xmllint.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        xmllint.arguments = ["--noout", "--dtdvalid", TestData.url("tmx/tmx14.dtd").path, tmx]
        try xmllint.run()
        xmllint.waitUntilExit()
        #expect(xmllint.terminationStatus == 0, "the TMX is valid against the TMX 1.4 DTD")
    }

    @Test func presplitAndHTMLInputs() throws {
        let dir = try TestData.temporaryDirectory()
        let a = dir.appendingPathComponent("a.txt"), b = dir.appendingPathComponent("b.html")
        try "President Lukashenko met Nikolai Patrushev on 1 March.\nThe talks took place in Minsk.\n".write(to: a, atomically: true, encoding: .utf8)
        try "<html><body><p>1 марта Президент Лукашенко встретился с Николаем Патрушевым.</p><p>Переговоры прошли в Минске &laquo;за закрытыми дверями&raquo;.</p><script>var x = 1;</script></body></html>"
            .write(to: b, atomically: true, encoding: .utf8)
        let result = try CLI.run(["align", a.path, b.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try json(result)
        #expect(output.beads == [[[0], [0]], [[1], [1]]])
        #expect(output.tgt[1].contains("«за закрытыми дверями»"))
        let presplit = try CLI.run(["align", a.path, a.path.replacingOccurrences(of: "a.txt", with: "a.txt"), "--presplit"])
        #expect(presplit.status != 0, "identical files are refused")
        #expect(presplit.stderr.contains("same text"))
    }

    @Test func badInputGetsOneClearLine() throws {
        let dir = try TestData.temporaryDirectory()
        func file(_ name: String, _ bytes: [UInt8]) throws -> String {
            let url = dir.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        let empty = try file("empty.txt", [])
        let binary = try file("binary.bin", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02])
        let latin1 = try file("latin1.txt", Array("Caf".utf8) + [0xE9, 0x0A])
        let cases: [([String], String)] = [
            (["align", empty, Self.russianFixture], "empty.txt: no text to align"),
            (["align", binary, Self.russianFixture], "binary.bin (byte 4): looks like a binary file"),
            (["align", latin1, Self.russianFixture], "latin1.txt (byte 3): not valid UTF-8"),
            (["align", Self.englishSeed, Self.russianFixture, "--from", "ru"], "looks English, not Russian"),
            (["align", Self.russianFixture, Self.russianFixture], "same text"),
            (["align", Self.englishSeed, dir.appendingPathComponent("missing.txt").path], "missing.txt: cannot read the file"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        }
    }

    @Test func aTwentyThousandLineParagraphGivesASensibleResult() throws {
        let dir = try TestData.temporaryDirectory()
        let long = dir.appendingPathComponent("long.txt")
        let lines = (0..<20_000).map { "line \($0) of a feed without any sentence punctuation" }
        try lines.joined(separator: "\n").write(to: long, atomically: true, encoding: .utf8)
        let result = try CLI.run(["align", long.path, Self.russianFixture, "--from", "en", "--format", "ladder"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").last?.hasPrefix("1\t") == true, "one paragraph without sentence ends is one unit")
    }

    @Test func evalAlignAgreesWithTheIndependentScorer() throws {
        let set = TestData.url("align/ntrex-ru-be.jsonl").path
        let dir = try TestData.temporaryDirectory()
        let predictions = dir.appendingPathComponent("pred.jsonl").path
        let ours = try CLI.run(["eval", "align", set, "--by", "variant", "--write-predictions", predictions])
        #expect(ours.status == 0, "\(ours.stderr)")
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = [TestData.root.deletingLastPathComponent().appendingPathComponent("tools/alignscore.py").path, set, predictions, "--by", "variant"]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let theirs = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        // Compare the strict P, R, F1 and lax F1 of every group.
        func figures(_ text: String) -> [String: [String]] {
            var out: [String: [String]] = [:]
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                guard let group = fields.first, ["book", "clean", "edited"].contains(String(group)) else { continue }
                let values = fields.filter { $0.contains("=") && !$0.hasPrefix("cases") }.map { String($0.split(separator: "=")[1]) }
                out[String(group)] = [values[0], values[1], values[2], values.last ?? ""]
            }
            return out
        }
        let a = figures(ours.stdout), b = figures(theirs)
        #expect(a.count == 3)
        #expect(a == b, "tmkit: \(ours.stdout)\nalignscore.py: \(theirs)")
        // Scoring the written predictions gives the same figures as aligning.
        let rescored = try CLI.run(["eval", "align", set, "--predictions", predictions])
        #expect(figures(rescored.stdout) == a)
    }
}

@Suite struct AlignBatchTests {
    @Test func batchPairsFilesByNameAndWritesOneOutputEach() throws {
        let dir = try TestData.temporaryDirectory()
        let en = dir.appendingPathComponent("en"), ru = dir.appendingPathComponent("ru"), out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: en, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: ru, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: AlignCLITests.englishSeed, toPath: en.appendingPathComponent("belta.txt").path)
        try FileManager.default.copyItem(atPath: AlignCLITests.russianFixture, toPath: ru.appendingPathComponent("belta.txt").path)
        try "President Lukashenko met Nikolai Patrushev.\n\nThe talks were held in Minsk.\n"
            .write(to: en.appendingPathComponent("short.txt"), atomically: true, encoding: .utf8)
        try "Президент Лукашенко встретился с Николаем Патрушевым.\n\nПереговоры прошли в Минске.\n"
            .write(to: ru.appendingPathComponent("short.txt"), atomically: true, encoding: .utf8)
        try "Only here.\n".write(to: en.appendingPathComponent("lonely.txt"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["align", "--batch", en.path, ru.path, "-o", out.path, "--format", "ladder"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("aligned 2/2 pairs"))
        #expect(result.stderr.contains("skipped (no file of the same name on the other side): lonely.txt"))
        let short = try String(contentsOf: out.appendingPathComponent("short.ladder"), encoding: .utf8)
        #expect(short == "0\t0\t1.000\n1\t1\t1.000\n2\t2\n")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("belta.ladder").path))
    }
}

@Suite struct AlignBelarusianTests {
    static let belarusianFixture = TestData.projectRoot.appendingPathComponent("Memories/samples/belta-2012-03-01-be.txt").path

    @Test func englishAndBelarusianMeetOnNamesNumbersAndTheRussianPivot() throws {
        let result = try CLI.run(["align", AlignCLITests.englishSeed, Self.belarusianFixture, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try JSONDecoder().decode(AlignCLITests.Output.self, from: Data(result.stdout.utf8))
        #expect(output.src_lang == "en" && output.tgt_lang == "be")
        let patrushev = try #require(output.beads.first { $0[0].contains { output.src[$0].contains("he met with Nikolai Patrushev") } })
        #expect(patrushev[0].count == 1 && patrushev[1].count == 1 && output.tgt[patrushev[1][0]].contains("Патрушавым"))
        let minsk = try #require(output.beads.first { $0[0].contains { output.src[$0].hasPrefix("MINSK, 1 March") } })
        #expect(minsk[1].count == 1 && output.tgt[minsk[1][0]].hasPrefix("МІНСК, 1 сакавіка"))
    }

    @Test func russianAndBelarusianLeaveDroppedContentUnaligned() throws {
        let result = try CLI.run(["align", AlignCLITests.russianFixture, Self.belarusianFixture, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let output = try JSONDecoder().decode(AlignCLITests.Output.self, from: Data(result.stdout.utf8))
        #expect(output.src_lang == "ru" && output.tgt_lang == "be")
        // The Belarusian drops the Russian "Тем не менее…" and keeps only its attribution ("– сказаў Аляксандр
        // Лукашэнка…") on "Плюсы і мінусы…": "Плюсы и минусы…" is 1-1 with that sentence, and "Тем не менее…" is
        // left 1-0, so the memory gets no pair whose Belarusian lacks most of the Russian.
        let pluses = try #require(output.beads.first { $0[0].contains { output.src[$0].hasPrefix("Плюсы и минусы") } })
        #expect(pluses[0].count == 1 && pluses[1].count == 1 && output.tgt[pluses[1][0]].hasPrefix("Плюсы і мінусы"))
        let dropped = try #require(output.beads.first { $0[0].contains { output.src[$0].hasPrefix("Тем не менее") } })
        #expect(dropped[0].count == 1 && dropped[1].isEmpty)
        // The Russian "read also" line has no Belarusian counterpart.
        let readAlso = try #require(output.beads.first { $0[0].contains { output.src[$0].hasPrefix("Читайте также") } })
        #expect(readAlso[1].isEmpty)
    }
}
