import Foundation
import TMCore
import TMX
import Testing
import TestSupport

@Suite struct TMXWriterTests {
    /// Writes units to a temporary TMX file and returns its path.
    func write(_ units: [TranslationUnit], source: LanguageTag? = nil) throws -> String {
        let path = try TestData.temporaryDirectory().appendingPathComponent("out.tmx").path
        let writer = try TMXWriter(path: path, sourceLanguage: source, toolVersion: "test")
        for unit in units { try writer.write(unit) }
        try writer.finish()
        return path
    }

    @Test func everySharedFileRoundTripsToTheSameUnits() throws {
        for path in try sharedTMXFiles() {
            let original = try readAll(path).units
            let again = try readAll(try write(original)).units
            #expect(again == original, "\(path)")
        }
    }

    @Test func exportsValidateAgainstTheTMX14DTD() throws {
        var units: [TranslationUnit] = []
        for path in try sharedTMXFiles() { units += try readAll(path).units }
        var extra = TranslationUnit(variants: [Variant(.en, "Tom & \"Jerry\" <3"), Variant(.ru, "Том и «Джерри»")])
        extra.provenance = Provenance(origin: "https://example.org/a?b=1&c=2", score: 0.75, status: .aligned)
        extra.attributes = [Attribute("not-in-the-dtd", "x")]
        let path = try write(units + [extra], source: .en)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--dtdvalid", TestData.url("tmx/tmx14.dtd").path, path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(message)")
        let back = try readAll(path).units.last
        #expect(back?.provenance.origin == extra.provenance.origin)
        #expect(back?.provenance.score == 0.75)
        #expect(back?.provenance.status == .aligned)
    }

    @Test func outputIsDeterministicAndTheHeaderIsFilled() throws {
        let units = try readAll(TestData.url("tmx/omegat/test-level2.tmx").path).units
        let a = try Data(contentsOf: URL(fileURLWithPath: try write(units, source: .en)))
        let b = try Data(contentsOf: URL(fileURLWithPath: try write(units, source: .en)))
        #expect(a == b)
        let text = String(decoding: a, as: UTF8.self)
        #expect(text.contains(#"<header creationtool="tmkit" creationtoolversion="test" segtype="sentence" o-tmf="tmkit" adminlang="en" srclang="en" datatype="plaintext"/>"#))
    }

    @Test func renderKeepsMarkupNotesAndPropsInAFixedOrder() {
        var variant = Variant(language: .en, segment: Segment(markup: #"a <ph x="1">&lt;br/&gt;</ph> b"#))
        variant.notes = [Note("variant note")]
        let unit = TranslationUnit(id: "7", variants: [variant, Variant(.ru, "а б")],
                                   provenance: Provenance(created: Stamp(date: TMXDate.parse("20120301T101500Z"), user: "ed")),
                                   properties: [Property(type: "x-domain", value: "news")], notes: [Note("unit note", language: "en")])
        #expect(TMXWriter.render(unit) == """
                <tu tuid="7" creationdate="20120301T101500Z" creationid="ed">
                  <note xml:lang="en">unit note</note>
                  <prop type="x-domain">news</prop>
                  <tuv xml:lang="en">
                    <note>variant note</note>
                    <seg>a <ph x="1">&lt;br/&gt;</ph> b</seg>
                  </tuv>
                  <tuv xml:lang="ru">
                    <seg>а б</seg>
                  </tuv>
                </tu>

            """)
    }

    @Test func aFailedWriteLeavesNoFile() throws {
        let path = try TestData.temporaryDirectory().appendingPathComponent("never.tmx").path
        do {
            let writer = try TMXWriter(path: path, sourceLanguage: nil, toolVersion: "test")
            try writer.write(TranslationUnit(variants: [Variant(.en, "x")]))
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
