import Foundation
import Testing
import TestSupport

@Suite struct InspectCLITests {
    @Test func findingsExitWithStatusOne() throws {
        let result = try CLI.run(["inspect", "-"], stdin: "Мoсква и ЕC.\nЯ ранiца, сям'я і сям’я.\n")
        #expect(result.status == 1)
        #expect(result.stdout == """
            1:1: mixed-script word "Мoсква": Latin o → Москва
            1:10: mixed-script word "ЕC": Latin C → ЕС
            2:3: mixed-script word "ранiца": Latin i → раніца
            apostrophes of more than one style: ' ×1 (first at 2:14), ’ ×1 (first at 2:22)

            """)
        #expect(result.stderr == "")
    }

    @Test func cleanTextExitsZero() throws {
        let result = try CLI.run(["inspect", "Прэзідэнт Беларусі сустрэўся з сям’ёй."])
        #expect(result.status == 0)
        #expect(result.stdout == "")
    }

    @Test func jsonFormatAndFileNames() throws {
        let dir = try TestData.temporaryDirectory()
        let file = dir.appendingPathComponent("text.txt")
        try "Мoсква\n".write(to: file, atomically: true, encoding: .utf8)
        let text = try CLI.run(["inspect", "--input", file.path])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("\(file.path):1:1: mixed-script word"))
        let json = try CLI.run(["inspect", "--format", "json", "--input", file.path])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let words = object?["mixedScriptWords"] as? [[String: Any]] ?? []
        #expect(words.first?["repair"] as? String == "Москва")
        #expect(words.first?["foreignLetters"] as? [String] == ["o"])
    }

    @Test func emptyInputIsClean() throws {
        let result = try CLI.run(["inspect", "-"], stdin: "")
        #expect(result.status == 0)
    }

    @Test func normalizeRepairFixesOnlyTheUnambiguous() throws {
        let result = try CLI.run(["normalize", "--repair", "-"], stdin: "Мoсква, XбZ, «а» “б”\nранiца и\u{306}\u{200B}\n")
        #expect(result.status == 0)
        #expect(result.stdout == "Москва, XбZ, «а» “б”\nраніца й\n")
    }

    @Test func invalidUTF8IsOneLineError() throws {
        let dir = try TestData.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.txt")
        try Data([0xD0, 0x9C, 0xFF]).write(to: file)
        let result = try CLI.run(["inspect", "--input", file.path])
        #expect(result.status != 0 && result.status != 1)
        #expect(result.stderr.contains("bad.txt (byte 2): not valid UTF-8"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
