import Foundation
import Testing
import TMCore
import TestSupport
@testable import TMText

@Suite struct ScriptInspectorTests {
    @Test func mixedScriptWordsWithRepairs() {
        let report = ScriptInspector.inspect("Мoсква и ЕC.\nЯ ранiца.\nLukashenkо said.\nXбZ")
        let words = report.mixedScriptWords
        #expect(words.map(\.word) == ["Мoсква", "ЕC", "ранiца", "Lukashenkо", "XбZ"])
        #expect(words.map(\.line) == [1, 1, 2, 3, 4])
        #expect(words.map(\.column) == [1, 10, 3, 1, 1])
        #expect(words.map(\.repair) == ["Москва", "ЕС", "раніца", "Lukashenko", nil])
        #expect(words[0].foreignLetters == ["o"] && words[0].foreignScript == "Latin")
        #expect(words[3].foreignLetters == ["о"] && words[3].foreignScript == "Cyrillic")
        #expect(words[4].foreignLetters == ["б"], "б has no Latin look-alike")
    }

    @Test func tiesFollowTheLineThenTheText() {
        // "ЕC": one Cyrillic, one Latin letter; the line decides.
        #expect(ScriptInspector.inspect("Саюз ЕC").mixedScriptWords.first?.repair == "ЕС")
        #expect(ScriptInspector.inspect("The ЕC summit").mixedScriptWords.first?.repair == "EC")
        // A line with nothing else: the text decides, then the language given.
        #expect(ScriptInspector.inspect("Еўрасаюз\nЕC").mixedScriptWords.first?.repair == "ЕС")
        #expect(ScriptInspector.inspect("ЕC", language: .en).mixedScriptWords.first?.repair == "EC")
        #expect(ScriptInspector.inspect("ЕC").mixedScriptWords.first?.repair == nil)
    }

    @Test func cleanTextHasNoFindings() {
        #expect(ScriptInspector.inspect("Прэзідэнт Беларусі сустрэўся з сям’ёй. «Цытата» і «яшчэ».").isClean)
        #expect(ScriptInspector.inspect("Президент «Беларуси „нашей“ страны» сказал.").isClean, "nested „“ inside «» is one style")
        #expect(ScriptInspector.inspect("He said “it’s ‘fine’” and “don’t”.").isClean)
        #expect(ScriptInspector.inspect("").isClean)
    }

    @Test func apostropheAndQuoteStyles() {
        let report = ScriptInspector.inspect("сям'я і сям’я, аб'ём\n«Цытата» і “цытата”")
        #expect(report.inconsistencies.count == 2)
        let apostrophes = report.inconsistencies[0]
        #expect(apostrophes.kind == .apostrophes)
        #expect(apostrophes.uses.map(\.mark) == ["'", "’"])
        #expect(apostrophes.uses.map(\.count) == [2, 1])
        #expect(apostrophes.uses[1].line == 1 && apostrophes.uses[1].column == 12)
        let quotes = report.inconsistencies[1]
        #expect(quotes.kind == .quotes)
        #expect(Set(quotes.uses.map(\.mark)) == ["« »", "“ ”"])
    }

    /// The NTREX Belarusian translation (real professional data) writes "ЕC" with a Latin C and mixes ' and ’.
    @Test func realBelarusianTranslation() throws {
        var units: [String] = []
        for line in try TestData.text("align/ntrex-en-be.jsonl").split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if object?["variant"] as? String == "clean" { units += object?["tgt"] as? [String] ?? [] }
        }
        let report = ScriptInspector.inspect(units.joined(separator: "\n"), language: .be)
        let ec = report.mixedScriptWords.filter { $0.word == "ЕC" }
        #expect(!ec.isEmpty)
        #expect(ec.allSatisfy { $0.repair == "ЕС" && $0.foreignLetters == ["C"] })
        #expect(report.inconsistencies.contains { $0.kind == .apostrophes && Set($0.uses.map(\.mark)) == ["'", "’"] })
        let repaired = ScriptInspector.repair(units.joined(separator: "\n"), language: .be)
        #expect(ScriptInspector.inspect(repaired, language: .be).mixedScriptWords.isEmpty)
    }

    @Test func repairFixesOnlyWhatIsUnambiguous() {
        #expect(ScriptInspector.repair("Мoсква, ранiца, XбZ") == "Москва, раніца, XбZ")
        #expect(ScriptInspector.repair("и\u{306}") == "й")
        #expect(ScriptInspector.repair("Мін\u{200B}ск\u{FEFF}, x\u{200D}y") == "Мінск, xy")
        // Joiners that shape emoji or other scripts stay.
        #expect(ScriptInspector.repair("👨\u{200D}👩") == "👨\u{200D}👩")
        #expect(ScriptInspector.repair("می\u{200C}خواهم") == "می\u{200C}خواهم")
        // Quotes, apostrophes, soft hyphens and spaces stay as written.
        let untouched = "«Цытата» і “цытата”, сям'я і сям’я, Лука\u{00AD}шэнка,  два  прабелы"
        #expect(ScriptInspector.repair(untouched) == untouched)
        #expect(ScriptInspector.repair("a\nb\n") == "a\nb\n")
    }
}
