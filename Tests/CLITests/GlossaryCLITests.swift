import Foundation
import Testing
import TestSupport

private let fixture = TestData.projectRoot.appendingPathComponent("Tests/TMGlossaryTests/Fixtures/house.gloss").path

@Suite struct GlossaryCLITests {
    @Test func lookupFindsInflectedNamesWithPositions() throws {
        let result = try CLI.run(["glossary", "lookup", "--glossary", fixture, "-"],
                                 stdin: "Прэзідэнт Беларусі сустрэўся з Мікалаем Патрушавым у Магілёве.\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            1:11\tБеларусі\t[belarus]\ten: Belarus | ru: Беларусь | be: Беларусь
            1:32\tМікалаем Патрушавым\t[patrushev]\ten: Nikolai Patrushev | ru: Николай Патрушев | be: Мікалай Патрушаў
            1:54\tМагілёве\t[mogilev]\ten: Mogilev | ru: Могилёв | be: Магілёў

            """)
        let json = try CLI.run(["glossary", "lookup", "--glossary", fixture, "--format", "json", "--lang", "ru", "в Гомеле"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows.first?["concept"] as? String == "gomel" && rows.first?["offset"] as? Int == 2)
        #expect((rows.first?["preferred"] as? [String: String])?["en"] == "Gomel")
    }

    @Test func renderUsesHouseStyleMarksGuessesAndIsIdempotent() throws {
        let first = try CLI.run(["render", "--glossary", fixture, "--from", "ru",
                                 "Лукашенко встретился с Иваном Петровым в Гомеле."])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "Lukashenko встретился с ⟨Ivan Petrov⟩ в Gomel.\n")
        let second = try CLI.run(["render", "--glossary", fixture, "--from", "ru", "-"], stdin: first.stdout)
        #expect(second.stdout == first.stdout)
        let unknown = try CLI.run(["render", "--glossary", fixture, "--scheme", "nonesuch", "Минск"])
        #expect(unknown.status != 0 && unknown.stderr.contains("unknown transliteration scheme 'nonesuch'; known schemes: bgn-pcgn"))
        let reverse = try CLI.run(["render", "--glossary", fixture, "--reverse", "Lukashenko visited Homiel"])
        #expect(reverse.stdout == "Lukashenko\t[lukashenko]\tru: Лукашенко | be: Лукашэнка\nHomiel\t[gomel]\tru: Гомель | be: Гомель\n")
    }

    @Test func checkReportsAndExitsOne() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pairs = dir.appendingPathComponent("pairs.tsv").path
        try "Лукашенко посетил Гомель.\tLukashenka visited Gomel.\nВ Гомеле открыли завод.\tA plant opened in Homiel.\n"
            .write(toFile: pairs, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "--glossary", fixture, "--from", "ru", "--to", "en", pairs])
        #expect(result.status == 1)
        #expect(result.stdout == """
            \(pairs):1: missing: “Лукашенко” [lukashenko] is not rendered as “Alexander Lukashenko” or “Lukashenko”
            \(pairs):1: deprecated: deprecated “Lukashenka” [lukashenko], use “Alexander Lukashenko”
            \(pairs):2: missing: “Гомеле” [gomel] is not rendered as “Gomel”
            \(pairs):2: deprecated: deprecated “Homiel” [gomel], use “Gomel”
            \(pairs):1, \(pairs):2: inconsistent: “Гомель” [gomel] is rendered 2 ways: “Gomel” ×1, “Homiel” ×1

            """)
        try "Лукашенко посетил Гомель.\tLukashenko visited Gomel.\n".write(toFile: pairs, atomically: true, encoding: .utf8)
        let clean = try CLI.run(["check", "--glossary", fixture, "--from", "ru", "--to", "en", pairs])
        #expect(clean.status == 0 && clean.stdout.isEmpty, "\(clean.stdout)")
        try "no tab here\n".write(toFile: pairs, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", "--glossary", fixture, pairs])
        #expect(bad.status != 0 && bad.stderr.contains("\(pairs):1: expected `source<TAB>target`"))
    }

    @Test func checkReadsTheMemoryAndTMX() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let memory = dir.appendingPathComponent("m.tmdb").path, tmx = dir.appendingPathComponent("m.tmx").path
        for (ru, en) in [("Лукашенко посетил Гомель.", "Lukashenka visited Gomel."), ("В Гомеле открыли завод.", "A plant opened in Gomel.")] {
            let added = try CLI.run(["tm", "add", "--memory", memory, "--from", "ru", "--to", "en", ru, en])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let fromMemory = try CLI.run(["check", "--glossary", fixture, "--memory", memory, "--from", "ru", "--to", "en"])
        #expect(fromMemory.status == 1)
        #expect(fromMemory.stdout.contains("missing: “Лукашенко” [lukashenko]"), "\(fromMemory.stdout)")
        #expect(fromMemory.stdout.contains("deprecated: deprecated “Lukashenka” [lukashenko]"))
        #expect(!fromMemory.stdout.contains("[gomel]"), "Gomel is rendered as approved")

        let exported = try CLI.run(["tm", "export", "--memory", memory, "-o", tmx])
        #expect(exported.status == 0, "\(exported.stderr)")
        let fromTMX = try CLI.run(["check", "--glossary", fixture, "--from", "ru", "--to", "en", tmx])
        #expect(fromTMX.status == 1)
        // The same findings; only the unit names differ (memory ids vs TMX tuids).
        #expect(findings(fromTMX.stdout) == findings(fromMemory.stdout))
    }

    /// Report lines without their leading unit names.
    private func findings(_ report: String) -> [String] {
        report.split(separator: "\n").map { line -> String in
            guard let colon = line.firstIndex(of: ":") else { return String(line) }
            return String(line[colon...])
        }
    }

    @Test func validateAndConvert() throws {
        let ok = try CLI.run(["glossary", "validate", fixture])
        #expect(ok.status == 0 && ok.stdout.isEmpty)
        #expect(ok.stderr.contains("20 concepts"))
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.gloss").path
        try "[a]\ntype: place\nen = Минск\nru = Минск\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let bad = try CLI.run(["glossary", "validate", broken])
        #expect(bad.status == 1)
        #expect(bad.stdout == "\(broken):1: concept [a] has no be term\n\(broken):3: en term “Минск”: Cyrillic letters in an English term\n")

        let tbx = dir.appendingPathComponent("house.tbx").path, back = dir.appendingPathComponent("back.gloss").path
        #expect(try CLI.run(["glossary", "convert", fixture, tbx]).status == 0)
        #expect(try CLI.run(["glossary", "convert", tbx, back]).status == 0)
        let original = try String(contentsOfFile: fixture, encoding: .utf8)
        let roundTripped = try String(contentsOfFile: back, encoding: .utf8)
        // TBX keeps everything but the comments.
        let withoutComments = original.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") }
        #expect(roundTripped.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
                == withoutComments.filter { !$0.isEmpty })

        let csv = dir.appendingPathComponent("omegat.csv").path
        #expect(try CLI.run(["glossary", "convert", "--from", "en", "--to", "be", fixture, csv]).status == 0)
        #expect(try String(contentsOfFile: csv, encoding: .utf8).contains("Alexander Lukashenko,Аляксандр Лукашэнка,President of Belarus since 1994.\n"))
        let lookup = try CLI.run(["glossary", "lookup", "--glossary", csv, "--from", "en", "--to", "be", "Лукашэнкам"])
        #expect(lookup.stdout.contains("[alexander-lukashenko]"), "\(lookup.stdout)\(lookup.stderr)")
    }

    @Test func suggestRanksNamePairs() throws {
        let result = try CLI.run(["glossary", "suggest", "--glossary", fixture, "--from", "en", "--to", "ru", "-"], stdin: """
            Minister Ivan Petrov visited Gomel.\tМинистр Иван Петров посетил Гомель.
            Ivan Petrov spoke.\tИван Петров выступил.

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("2.00\t2×\tIvan Petrov\tИван Петров"), "\(result.stdout)")
    }

    @Test func suggestReadsTheMemoryAndTMXAsThePairsFile() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let memory = dir.appendingPathComponent("m.tmdb").path, tmx = dir.appendingPathComponent("m.tmx").path
        let pairs = [("Minister Ivan Petrov visited Gomel.", "Министр Иван Петров посетил Гомель."),
                     ("Ivan Petrov spoke.", "Иван Петров выступил."),
                     ("Olga Sidorova met him.", "С ним встретилась Ольга Сидорова.")]
        for (en, ru) in pairs {
            let added = try CLI.run(["tm", "add", "--memory", memory, "--from", "en", "--to", "ru", en, ru])
            #expect(added.status == 0, "\(added.stderr)")
        }
        #expect(try CLI.run(["tm", "export", "--memory", memory, "-o", tmx]).status == 0)
        let arguments = ["glossary", "suggest", "--glossary", fixture, "--from", "en", "--to", "ru"]
        let fromPairs = try CLI.run(arguments + ["-"], stdin: pairs.map { "\($0.0)\t\($0.1)\n" }.joined())
        let fromMemory = try CLI.run(arguments + ["--memory", memory])
        let fromTMX = try CLI.run(arguments + [tmx])
        #expect(fromPairs.status == 0 && fromMemory.status == 0 && fromTMX.status == 0, "\(fromMemory.stderr)\(fromTMX.stderr)")
        #expect(fromPairs.stdout.hasPrefix("2.00\t2×\tIvan Petrov\tИван Петров"), "\(fromPairs.stdout)")
        #expect(fromPairs.stdout.contains("Olga Sidorova\tОльга Сидорова"), "\(fromPairs.stdout)")
        #expect(fromMemory.stdout == fromPairs.stdout)
        #expect(fromTMX.stdout == fromPairs.stdout)
    }
}
