import Foundation
import Testing
import TestSupport

@Suite struct TranslitCLITests {
    @Test func schemesListsEveryScheme() throws {
        let result = try CLI.run(["schemes"])
        #expect(result.status == 0)
        let names = result.stdout.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(names == ["bgn-pcgn", "icao-9303", "gost-7.79-b", "wikipedia", "national-2007", "national-2023"])
        #expect(result.stdout.contains("national-2007  be "))
    }

    @Test func romanizesArgumentsByScheme() throws {
        let result = try CLI.run(["translit", "--scheme", "national-2007", "Гомель, Магілёў, Віцебск"])
        #expect(result.status == 0)
        #expect(result.stdout == "Homieĺ, Mahilioŭ, Viciebsk\n")
        let ascii = try CLI.run(["translit", "--scheme", "bgn-pcgn", "--lang", "ru", "--ascii", "Юрьев объезд"])
        #expect(ascii.stdout == "Yuryev obyezd\n")
        let json = try CLI.run(["translit", "--scheme", "icao-9303", "--format", "json", "-"], stdin: "Магілёў\nМогилёв\n")
        let records = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]]
        #expect(records?.map { $0["output"] ?? "" } == ["Mahiliou", "Mogilev"])
        #expect(records?.map { $0["language"] ?? "" } == ["be", "ru"])
    }

    @Test func detectsTheLanguagePerLine() throws {
        let result = try CLI.run(["translit", "--scheme", "bgn-pcgn", "-"], stdin: "Гомель і Магілёў\nГомель и Могилёв\n")
        #expect(result.status == 0)
        #expect(result.stdout == "Homyel’ i Mahilyow\nGomel’ i Mogilëv\n")
    }

    @Test func unknownSchemeIsOneErrorLine() throws {
        let result = try CLI.run(["translit", "--scheme", "iso-9", "Минск"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(result.stderr.contains("unknown transliteration scheme 'iso-9'; known schemes: bgn-pcgn, icao-9303"))
        #expect(result.stdout.isEmpty)
    }

    @Test func schemeNotDefinedForTheLanguage() throws {
        let result = try CLI.run(["translit", "--scheme", "wikipedia", "--lang", "be", "Гомель"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("scheme wikipedia is not defined for Belarusian (be)"))
    }

    @Test func reversePrintsRankedCandidates() throws {
        let result = try CLI.run(["translit", "--reverse", "--limit", "2", "Lukashenko"])
        #expect(result.status == 0)
        let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count == 4)
        #expect(rows.first?.prefix(2) == ["Лукашэнка", "be"])
        #expect(rows.contains { $0.prefix(2) == ["Лукашенко", "ru"] })
        let scores = rows.compactMap { $0.last.flatMap(Double.init) }
        #expect(scores == scores.sorted(by: >))
    }

    @Test func reverseIsDeterministicAcrossRuns() throws {
        // Each run is a new process with a new hashing seed: the ranking must not depend on it.
        let runs = try (0..<3).map { _ in try CLI.run(["translit", "--reverse", "Aliaksandr Lukashenka", "--limit", "8"]).stdout }
        #expect(!runs[0].isEmpty)
        #expect(Set(runs).count == 1)
    }

    @Test func reverseJSONAndOutputFile() throws {
        let dir = try TestData.temporaryDirectory()
        let file = dir.appendingPathComponent("out.json")
        let result = try CLI.run(["translit", "--reverse", "--lang", "ru", "--format", "json", "-o", file.path, "Yevgeny"])
        #expect(result.status == 0)
        let data = try Data(contentsOf: file)
        let records = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        let candidates = records?.first?["candidates"] as? [[String: Any]]
        #expect(candidates?.first?["text"] as? String == "Евгений")
        #expect(candidates?.allSatisfy { $0["language"] as? String == "ru" } == true)
    }

    @Test func missingSchemeIsAUsageError() throws {
        let result = try CLI.run(["translit", "Минск"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("missing --scheme NAME"))
    }
}
