import Foundation
import Testing
import TMCore
import TMText
import TMGlossary
import TMKit
import TestSupport

/// Concepts compared on what every format carries (not comments, not where they were read).
private func content(_ glossary: Glossary) -> [String] {
    glossary.concepts.map { concept in
        ([concept.id, concept.type.rawValue, concept.note ?? "-", concept.source ?? "-"]
            + concept.terms.map { "\($0.language) \($0.status.symbol) \($0.text) \($0.scheme ?? "") \($0.forms.joined(separator: ","))" })
            .joined(separator: "\n")
    }
}

@Suite struct GlossFileTests {
    @Test func fixtureRoundTripsByteForByte() throws {
        let path = fixtures.appendingPathComponent("house.gloss").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let (glossary, findings) = GlossFile.read(text, file: path)
        #expect(findings.isEmpty)
        #expect(glossary.concepts.count == 20)
        #expect(GlossFile.write(glossary) == text)
        let lukashenko = try #require(glossary.concept(id: "lukashenko"))
        #expect(lukashenko.type == .person)
        #expect(lukashenko.preferred(.en)?.text == "Alexander Lukashenko")
        #expect(lukashenko.terms(in: .en).map(\.status) == [.preferred, .preferred, .deprecated])
        #expect(lukashenko.location?.line == 3)
        let orel = try #require(glossary.concept(id: "orel"))
        #expect(orel.preferred(.ru)?.forms == ["Орла", "Орлу", "Орлом", "Орле"])
        #expect(orel.terms.first?.leadingComments == ["# The vowel drops in the other cases: Орла, Орле."])
        #expect(glossary.concept(id: "gomel")?.terms(in: .en).last?.scheme == "bgn-pcgn")
    }

    @Test func writingIsDeterministicAndStable() throws {
        let glossary = try houseGlossary()
        let once = GlossFile.write(glossary)
        let twice = GlossFile.write(GlossFile.read(once).glossary)
        #expect(once == twice)
    }

    @Test func malformedLinesAndContentProblemsAreReportedWithLineNumbers() {
        let text = """
            # broken on purpose
            [dup]
            type: person
            en = Alpha
            ru = Альфа
            be = Альфа
            [dup]
            type: person
            en = Альфа
            ru = Alpha
            be = Бэта
            colour: red
            en ? Beta
            [Bad_ID]
            type: thing
            ru = Мiнск
            be ~ Мінск
            ru = Щука
            be = Щука
            stray text here

            """
        let (glossary, parseFindings) = GlossFile.read(text, file: "broken.gloss")
        let findings = (parseFindings + GlossaryValidator.validate(glossary)).sorted()
        let lines = findings.map { "\($0.location.line ?? 0): \($0.message)" }
        let expected: [(Int, String)] = [
            (7, "duplicate concept id [dup]"),
            (9, "Cyrillic letters in an English term"),
            (10, "no Cyrillic letters in a Russian term"),
            (12, "unknown key `colour`"),
            (13, "unknown operator `?`"),
            (14, "concept id `Bad_ID` must be"),
            (14, "has no en term"),
            (15, "unknown type `thing`"),
            (16, "mixes Latin and Cyrillic"),
            (19, "Russian letter “Щ” in a Belarusian term"),
            (20, "unrecognized line"),
        ]
        for (line, message) in expected {
            #expect(lines.contains { $0.hasPrefix("\(line): ") && $0.contains(message) }, "missing \(line): \(message) in \(lines)")
        }
        #expect(findings.count == expected.count, "\(lines)")
        #expect(findings.allSatisfy { $0.location.file == "broken.gloss" })
    }
}

@Suite struct TBXTests {
    @Test func readsOmegaTSampleWithDoctypeAndBOM() throws {
        let data = try Data(contentsOf: TestData.url("glossary/formats/sampleTBXfile.tbx"))
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        let glossary = try TBXFile.read(data, file: "sampleTBXfile.tbx")
        #expect(glossary.concepts.count == 1)
        let entry = try #require(glossary.concepts.first)
        #expect(entry.id == "eid-oracle-67")
        #expect(entry.terms(in: .en).map(\.text) == ["alpha smoothing factor"])
        #expect(entry.terms(in: try #require(LanguageTag("hu"))).map(\.text) == ["hu translation"])
        #expect(entry.note == "Subject field: manufacturing. A value between 0 and 1 used in ...")
        // What TBX carries survives a write and a read.
        let again = try TBXFile.read(Data(TBXFile.write(glossary).utf8))
        #expect(content(again) == content(glossary))
    }

    @Test func houseGlossaryRoundTripsThroughTBX() throws {
        let glossary = try houseGlossary()
        let tbx = TBXFile.write(glossary)
        #expect(tbx.contains("<termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote>"))
        let back = try TBXFile.read(Data(tbx.utf8))
        #expect(content(back) == content(glossary))
        #expect(TBXFile.write(back) == tbx)
    }

    @Test func malformedTBXNamesTheLine() {
        let bad = "<martif>\n<text><body>\n<termEntry id=\"a\">\n</body></text></martif>\n"
        #expect {
            _ = try TBXFile.read(Data(bad.utf8), file: "bad.tbx")
        } throws: { error in
            guard let error = error as? GlossaryError else { return false }
            return error.location?.file == "bad.tbx" && (error.location?.line ?? 0) >= 3
        }
    }
}

@Suite struct DelimitedFileTests {
    private func read(_ name: String, _ separator: DelimitedFile.Separator) throws -> Glossary {
        let bytes = try Data(contentsOf: TestData.url("glossary/formats/\(name)"))
        let text = try TextInput.decode(Array(bytes), source: name)
        return try DelimitedFile.read(text, separator: separator, from: .en, to: .ru, file: name)
    }

    private func pairs(_ glossary: Glossary) -> [String] {
        glossary.concepts.map { "\($0.terms[0].text) => \($0.terms[1].text)" + ($0.note.map { " # \($0)" } ?? "") }
    }

    @Test func csvQuotingAsOmegaTReadsIt() throws {
        let rows = pairs(try read("test.csv", .comma))
        #expect(rows.count == 7)
        #expect(rows[0] == "kde => csv kde")
        #expect(rows[1] == "question => csv q")
        #expect(rows[2] == "kde; question => comma")
        #expect(rows[3] == "kde, qu => comma dot")
        // Row 5 (`"""kde""",""q""",cdk`) is not valid RFC 4180; read as OmegaT reads it.
        #expect(rows[4] == "\"kde\",\"q\" => cdk")
        #expect(rows[5] == "\"\"k => k")
        #expect(rows[6] == "zz\"zz => zz")
    }

    @Test func tabSeparatedWithCommentsUTF16AndEmpty() throws {
        let tab = pairs(try read("test.tab", .tab))
        #expect(tab == ["kde => koo moo", "question => qqqqq",
                        "地球システム => System Terre # https://fr.wikipedia.org/wiki/Science_du_syst%C3%A8me_Terre",
                        "손가락 => Korean Term"])
        #expect(try read("test-magiccomment.tab", .tab).concepts.isEmpty)
        #expect(try read("test-magiccomment-bom.tab", .tab).concepts.isEmpty)
        #expect(try read("empty.txt", .tab).concepts.isEmpty)
        let utf16 = pairs(try read("testUTF16LE.txt", .tab))
        #expect(utf16 == ["UTF => Unicode Transformation Format # Comment #1", "LE => Little Endian # Comment #2"])
    }

    @Test func exportCarriesPreferredAndAdmittedTermsAndNotes() throws {
        let glossary = try houseGlossary()
        let tsv = DelimitedFile.write(glossary, separator: .tab, from: .en, to: .ru)
        #expect(tsv.hasPrefix(DelimitedFile.header + "\n"))
        #expect(tsv.contains("Alexander Lukashenko\tАлександр Лукашенко\tPresident of Belarus since 1994.\n"))
        #expect(tsv.contains("Alexander Lukashenko\tАлександр Григорьевич Лукашенко\n"))
        let back = try DelimitedFile.read(tsv, separator: .tab, from: .en, to: .ru)
        #expect(back.concepts.count == glossary.concepts.count)
        let lukashenko = try #require(back.concepts.first)
        #expect(lukashenko.terms(in: .ru).map(\.text) == ["Александр Лукашенко", "Лукашенко", "Александр Григорьевич Лукашенко"])
        let csv = DelimitedFile.write(back, separator: .comma, from: .en, to: .ru)
        let again = try DelimitedFile.read(csv, separator: .comma, from: .en, to: .ru)
        #expect(content(again) == content(back))
    }

    @Test func rowWithoutTargetIsAnErrorWithItsLine() {
        #expect(throws: GlossaryError("a glossary row needs a source term and a target term",
                                      at: SourceLocation(file: "x.tab", line: 2))) {
            _ = try DelimitedFile.read("a\tb\nlonely\n", separator: .tab, from: .en, to: .ru, file: "x.tab")
        }
    }
}

@Suite struct GlossaryFilesTests {
    @Test func bomAndCRLFGlossFileLoadsWithLineNumbers() throws {
        let dir = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("crlf.gloss").path
        let text = "\u{FEFF}# comment\r\n[minsk]\r\ntype: place\r\nen = Minsk\r\nru = Минск\r\nbe = Мінск\r\nxx ? bad\r\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let (glossary, findings) = try GlossaryFiles.load(path)
        #expect(glossary.concepts.map(\.id) == ["minsk"])
        #expect(glossary.concepts.first?.preferred(.be)?.text == "Мінск")
        #expect(findings.map(\.description) == ["\(path):7: unknown operator `?` (expected = preferred, ~ admitted, ! deprecated)"])
        // A folder loads every .gloss file in name order.
        let folder = try GlossaryFiles.load(dir.path)
        #expect(folder.glossary.concepts.count == 1)
    }
}
