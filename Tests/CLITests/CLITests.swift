import Testing
import TestSupport

@Suite struct CLITests {
    @Test func versionNamesICU() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("ICU 72"))
    }

    @Test func normalizeKeyReadsStandardInputLineByLine() throws {
        let result = try CLI.run(["normalize", "--form", "key", "--lang", "ru", "-"], stdin: "«Мoсква»\nЁЛКА\n")
        #expect(result.status == 0)
        #expect(result.stdout == "\"москва\"\nелка\n")
    }

    @Test func invalidUTF8FileIsOneClearError() throws {
        let dir = try TestData.temporaryDirectory()
        let file = dir.appendingPathComponent("bad.txt")
        try ([0x61, 0xFF] as [UInt8]).withUnsafeBytes { try Data($0).write(to: file) }
        let result = try CLI.run(["normalize", "--input", file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("bad.txt (byte 1): not valid UTF-8"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}

import Foundation
