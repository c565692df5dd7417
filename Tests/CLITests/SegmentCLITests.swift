import Foundation
import Testing
import TestSupport

@Suite struct SegmentCLITests {
    @Test func textFormatPrintsOneSentencePerLineAndBlankLinesBetweenParagraphs() throws {
        let result = try CLI.run(["segment", "--lang", "ru", "-"],
                                 stdin: "Встреча прошла в г. Минске. Её провёл А.Г. Лукашенко.\n\nВторой абзац.\n")
        #expect(result.status == 0)
        #expect(result.stdout == "Встреча прошла в г. Минске.\nЕё провёл А.Г. Лукашенко.\n\nВторой абзац.\n")
    }

    @Test func languageIsDetectedAndJSONHasOffsets() throws {
        let result = try CLI.run(["segment", "--format", "json", "Прэзідэнт сустрэўся з праф. Іванавым. Усё."])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["language"] as? String == "be")
        let sentences = object?["sentences"] as? [[String: Any]] ?? []
        #expect(sentences.map { $0["text"] as? String } == ["Прэзідэнт сустрэўся з праф. Іванавым.", "Усё."])
        #expect(sentences.map { $0["start"] as? Int } == [0, 38])
        #expect(sentences.map { $0["paragraph"] as? Int } == [0, 0])
    }

    @Test func seedArticleFromFile() throws {
        let seed = TestData.seeds.appendingPathComponent("belta-2012-03-01-en.txt").path
        let result = try CLI.run(["segment", "--input", seed])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.filter { !$0.isEmpty }.count == 33)
        #expect(lines.filter(\.isEmpty).count == 10, "11 paragraphs")
    }

    @Test func htmlFileIsDetectedByExtension() throws {
        let dir = try TestData.temporaryDirectory()
        let file = dir.appendingPathComponent("page.html")
        try "<html><body><nav>Menu</nav><p>Минск, 1 марта (БЕЛТА) &ndash; Текст. Ещё.</p><p>Два.</p></body></html>"
            .write(to: file, atomically: true, encoding: .utf8)
        let result = try CLI.run(["segment", "--input", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "Минск, 1 марта (БЕЛТА) – Текст.\nЕщё.\n\nДва.\n")
    }

    @Test func utf16FileWithCRLF() throws {
        let dir = try TestData.temporaryDirectory()
        let file = dir.appendingPathComponent("utf16.txt")
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Мінск. Другі.\r\n\r\nТрэці.\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: file)
        let result = try CLI.run(["segment", "--lang", "be", "--input", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "Мінск.\nДругі.\n\nТрэці.\n")
    }

    @Test func emptyInputIsNotAnError() throws {
        let result = try CLI.run(["segment", "-"], stdin: "")
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test func badArgumentsAndFilesAreOneLineErrors() throws {
        let missing = try CLI.run(["segment", "--input", "/nonexistent/file.txt"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("/nonexistent/file.txt: cannot read the file"))
        #expect(missing.stderr.split(separator: "\n").count == 1)
        let language = try CLI.run(["segment", "--lang", "xx", "text"])
        #expect(language.status != 0)
        #expect(language.stderr.contains("xx"))
    }
}

@Suite struct IdentifyCLITests {
    @Test func onePerLine() throws {
        let result = try CLI.run(["identify", "-"], stdin: "Прэзідэнт Беларусі\nПрезидент Беларуси\nPresident of Belarus\n12:30\n")
        #expect(result.status == 0)
        #expect(result.stdout == "be\nru\nen\nother\n")
    }
}
