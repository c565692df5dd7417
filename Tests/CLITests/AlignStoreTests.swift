import Foundation
import Testing
import TestSupport

/// `tmkit align --store` end to end: the aligned pairs land in a real SQLite memory and the `tm` commands see them.
@Suite struct AlignStoreTests {
    let folder: URL
    let memory: String

    init() throws {
        folder = try TestData.temporaryDirectory()
        memory = folder.appendingPathComponent("aligned.tmdb").path
    }

    func alignStore(_ extra: [String] = [], source: String = AlignCLITests.englishSeed,
                    target: String = AlignCLITests.russianFixture) throws -> CLI.Result {
        try CLI.run(["align", source, target, "--store", "--memory", memory] + extra)
    }

    /// The numbers of `stored N pairs (M duplicates), K beads held back for review`.
    func summary(_ result: CLI.Result) throws -> (stored: Int, duplicates: Int, held: Int) {
        let line = result.stdout.trimmingCharacters(in: .newlines)
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        try #require(numbers.count == 3 && line.hasPrefix("stored ") && line.contains("held back for review"), "\(line)")
        return (numbers[0], numbers[1], numbers[2])
    }

    func stats() throws -> [String: Any] {
        let result = try CLI.run(["tm", "stats", "--format", "json", "--memory", memory])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// Beads with units on both sides, from the same alignment as JSON.
    func pairedBeads() throws -> Int {
        let result = try CLI.run(["align", AlignCLITests.englishSeed, AlignCLITests.russianFixture, "--format", "json"])
        let output = try JSONDecoder().decode(AlignCLITests.Output.self, from: Data(result.stdout.utf8))
        return output.beads.filter { !$0[0].isEmpty && !$0[1].isEmpty }.count
    }

    @Test func storesThePairsWithProvenanceAndOnlyOnce() throws {
        let first = try alignStore()
        #expect(first.status == 0, "\(first.stderr)")
        let (stored, duplicates, held) = try summary(first)
        #expect(stored == (try pairedBeads()), "every bead with both sides is stored; 1-0 and 0-1 are not")
        #expect(duplicates == 0 && held == 0)
        let counts = try stats()
        #expect(counts["units"] as? Int == stored)
        #expect(counts["statuses"] as? [String: Int] == ["aligned": stored])
        #expect(counts["origins"] as? [String: Int] == ["belta-2012-03-01-en": stored], "origin: the source file name without extension")
        #expect(counts["files"] as? [String: Int] == ["belta-2012-03-01-en.txt": stored])

        let again = try alignStore()
        #expect(again.status == 0)
        let repeated = try summary(again)
        #expect(repeated.stored == 0 && repeated.duplicates == stored, "the same pair aligned twice adds nothing")
        #expect(try stats()["units"] as? Int == stored)
    }

    @Test func searchFindsTheRussianAndTheContext() throws {
        #expect(try alignStore(["--origin", "belta-2012-03-01"]).status == 0)
        let sentence = "The Belarusian head of state made the relevant statement as he met with Nikolai Patrushev, "
            + "Secretary of the Security Council of Russia, on 1 March, BelTA has learned."
        let exact = try CLI.run(["tm", "search", sentence, "--from", "en", "--to", "ru", "--memory", memory])
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout.hasPrefix("100% exact "), "\(exact.stdout)")
        #expect(exact.stdout.contains("aligned  belta-2012-03-01"))
        #expect(exact.stdout.contains("  ru: Соответствующее заявление белорусский лидер сделал 1 марта"), "\(exact.stdout)")
        // The previous English sentence is stored with the unit, so the same sentence in the same context is 101%.
        let previous = "MINSK, 1 March (BelTA) – President of Belarus Alexander Lukashenko is in favor of stepping up military "
            + "and political cooperation of Belarus and Russia in the Collective Security Treaty Organization, too."
        let context = try CLI.run(["tm", "search", sentence, "--from", "en", "--to", "ru", "--previous", previous, "--memory", memory])
        #expect(context.stdout.hasPrefix("101% context "), "\(context.stdout)")
        let otherContext = try CLI.run(["tm", "search", sentence, "--from", "en", "--to", "ru", "--previous", "Something else.", "--memory", memory])
        #expect(otherContext.stdout.hasPrefix("100% exact "), "\(otherContext.stdout)")
    }

    @Test func weakBeadsAreHeldBackAndListed() throws {
        let result = try alignStore(["--min-confidence", "0.99"])
        #expect(result.status == 0, "\(result.stderr)")
        let (stored, _, held) = try summary(result)
        #expect(held > 0, "some beads of an abridged translation are below 0.99")
        #expect(stored + held == (try pairedBeads()))
        #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("review: ") }.count == held)
        #expect(try stats()["units"] as? Int == stored)
    }

    @Test func aFailureStoresNothingAndSaysSoOnOneLine() throws {
        // A memory that cannot be opened: nothing aligned into it, one error line.
        let blocker = folder.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let unreadable = try CLI.run(["align", AlignCLITests.englishSeed, AlignCLITests.russianFixture, "--store",
                                      "--memory", blocker.appendingPathComponent("m.tmdb").path])
        #expect(unreadable.status != 0)
        #expect(unreadable.stderr.split(separator: "\n").count == 1, "\(unreadable.stderr)")
        #expect(unreadable.stderr.contains("not-a-folder"))
        #expect(unreadable.stdout.isEmpty)

        // A target that cannot be aligned: the memory stays empty.
        let empty = folder.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let failed = try alignStore(target: empty.path)
        #expect(failed.status != 0)
        #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("empty.txt: no text to align"))
        #expect(try stats()["units"] as? Int == 0)
    }

    @Test func batchStoresEachDocumentInItsOwnTransaction() throws {
        let en = folder.appendingPathComponent("en"), ru = folder.appendingPathComponent("ru")
        try FileManager.default.createDirectory(at: en, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: ru, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: AlignCLITests.englishSeed, toPath: en.appendingPathComponent("belta.txt").path)
        try FileManager.default.copyItem(atPath: AlignCLITests.russianFixture, toPath: ru.appendingPathComponent("belta.txt").path)
        try "President Lukashenko met Nikolai Patrushev.\n\nThe talks were held in Minsk.\n"
            .write(to: en.appendingPathComponent("broken.txt"), atomically: true, encoding: .utf8)
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: ru.appendingPathComponent("broken.txt"))
        let result = try CLI.run(["align", "--batch", en.path, ru.path, "--store", "--memory", memory])
        #expect(result.status != 0, "a failed pair fails the run")
        #expect(result.stderr.contains("broken.txt (byte 4): looks like a binary file"), "\(result.stderr)")
        let (stored, _, _) = try summary(result)
        #expect(stored == (try pairedBeads()), "the good document is stored whole")
        #expect(try stats()["origins"] as? [String: Int] == ["belta": stored], "nothing of the broken document")
    }
}
