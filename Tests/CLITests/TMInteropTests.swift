import Foundation
import Testing
import TestSupport

/// Real files in, TMX out, read back by us, by xmllint against the DTD and by translate-toolkit.
@Suite struct TMInteropTests {
    static let sharedFiles: [String] = {
        var out: [String] = []
        for folder in ["lisa-compliance-kit", "omegat", "other"] {
            let url = TestData.url("tmx/" + folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".tmx") || name.hasSuffix(".gz") || name.hasSuffix(".zip") {
                out.append(url.appendingPathComponent(name).path)
            }
        }
        return out
    }()

    func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The project's translate-toolkit (scripts/test.sh installs it in .build/tmkit-venv).
    var python: String { TestData.projectRoot.appendingPathComponent(".build/tmkit-venv/bin/python3").path }

    @Test func everySharedFileImportsAndTheRoundTripIsByteIdentical() throws {
        #expect(Self.sharedFiles.count >= 45)
        let folder = try TestData.temporaryDirectory()
        let first = folder.appendingPathComponent("first.tmdb").path, second = folder.appendingPathComponent("second.tmdb").path
        let imported = try CLI.run(["tm", "import", "--memory", first] + Self.sharedFiles)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.split(separator: "\n").count == Self.sharedFiles.count)
        let exportA = folder.appendingPathComponent("a.tmx").path, exportB = folder.appendingPathComponent("b.tmx").path
        #expect(try CLI.run(["tm", "export", "--memory", first, "-o", exportA]).status == 0)
        let valid = try run("/usr/bin/xmllint", ["--noout", "--dtdvalid", TestData.url("tmx/tmx14.dtd").path, exportA])
        #expect(valid.status == 0, "\(valid.output)")
        let again = try CLI.run(["tm", "import", "--memory", second, exportA])
        #expect(again.status == 0)
        #expect(try CLI.run(["tm", "export", "--memory", second, "-o", exportB]).status == 0)
        let a = try Data(contentsOf: URL(fileURLWithPath: exportA)), b = try Data(contentsOf: URL(fileURLWithPath: exportB))
        #expect(a == b)
        let stats = try JSONSerialization.jsonObject(with: Data(try CLI.run(["tm", "stats", "--format", "json", "--memory", second]).stdout.utf8)) as? [String: Any]
        #expect(stats?["units"] as? Int ?? 0 > 400)
        // Importing everything again adds nothing.
        let twice = try CLI.run(["tm", "import", "--memory", first] + Self.sharedFiles)
        #expect(twice.stdout.split(separator: "\n").allSatisfy { $0.contains(": 0 added") })
    }

    @Test func translateToolkitReadsOurExportWithTheSameUnitsAndTexts() throws {
        #expect(FileManager.default.isExecutableFile(atPath: python), "run scripts/test.sh once: it installs translate-toolkit in .build/tmkit-venv")
        let folder = try TestData.temporaryDirectory()
        let memory = folder.appendingPathComponent("m.tmdb").path
        #expect(try CLI.run(["tm", "import", "--memory", memory, TestData.url("tmx/other/my_memory.tmx").path]).status == 0)
        let export = folder.appendingPathComponent("en-ru.tmx").path
        #expect(try CLI.run(["tm", "export", "--memory", memory, "--from", "en", "--to", "ru", "-o", export]).status == 0)
        let script = """
            import json, sys
            from translate.storage import tmx
            with open(sys.argv[1], 'rb') as f:
                store = tmx.tmxfile.parsestring(f.read())
            print(json.dumps([[u.source, u.target] for u in store.units], ensure_ascii=False))
            """
        let result = try run(python, ["-c", script, export])
        #expect(result.status == 0, "\(result.output)")
        let theirs = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String]] ?? []
        // Ours: the same file read back through tmkit's own export as JSON pairs.
        let ours = try pairs(inTMX: export)
        #expect(theirs.count == ours.count)
        #expect(theirs.count > 100)
        #expect(theirs == ours)
    }

    /// (first, second) variant texts of each unit, read with a regular expression (independent of our reader).
    func pairs(inTMX path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [[String]] = []
        for unit in text.components(separatedBy: "</tu>").dropLast() {
            let segments = unit.components(separatedBy: "<seg>").dropFirst().map { part in
                String(part.prefix { $0 != "<" })
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&amp;", with: "&")
            }
            out.append(Array(segments.prefix(2)))
        }
        return out
    }
}
