import Foundation
import TMCore
import TMText
import TMX
import Testing
import TestSupport

/// Every TMX file in the shared test data, as paths.
func sharedTMXFiles() throws -> [String] {
    var out: [String] = []
    for folder in ["lisa-compliance-kit", "omegat", "other"] {
        let url = TestData.url("tmx/" + folder)
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
        where name.hasSuffix(".tmx") || name.hasSuffix(".tmx.gz") || name.hasSuffix(".tmx.zip") {
            out.append(url.appendingPathComponent(name).path)
        }
    }
    return out
}

/// Reads a whole file.
func readAll(_ path: String, strict: Bool = false) throws -> (units: [TranslationUnit], reader: TMXReader) {
    let reader = try TMXReader(path: path, strict: strict)
    var units: [TranslationUnit] = []
    while let unit = try reader.next() { units.append(unit) }
    return (units, reader)
}

/// `<tu>` start tags in a file's text, counted without an XML parser (an independent check of the reader).
func tuTagCount(_ path: String) throws -> Int {
    let text = try TextInput.decode(Array(try Data(contentsOf: URL(fileURLWithPath: path))), source: path)
    var count = 0
    var rest = Substring(text)
    while let range = rest.range(of: "<tu") {
        let next = rest[range.upperBound...].first
        if next == " " || next == ">" || next == "\n" || next == "\t" || next == "/" { count += 1 }
        rest = rest[range.upperBound...]
    }
    return count
}

func temporaryFile(_ name: String, _ contents: String) throws -> String {
    let url = try TestData.temporaryDirectory().appendingPathComponent(name)
    try Data(contents.utf8).write(to: url)
    return url.path
}

@Suite struct TMXReaderTests {
    @Test func everySharedFileReadsEveryUnit() throws {
        let files = try sharedTMXFiles()
        #expect(files.count >= 45)
        for path in files where !path.hasSuffix(".gz") && !path.hasSuffix(".zip") {
            let (units, reader) = try readAll(path)
            #expect(units.count + reader.skippedUnits == (try tuTagCount(path)), "\(path)")
            for unit in units { #expect(!unit.variants.isEmpty) }
        }
    }

    @Test func compressedFilesGiveTheSameUnitsAsThePlainFile() throws {
        let plain = try readAll(TestData.url("tmx/omegat/test-level2.tmx").path).units
        let gzip = try readAll(TestData.url("tmx/omegat/test-level2.tmx.gz").path).units
        let zip = try readAll(TestData.url("tmx/omegat/test-level2.tmx.zip").path).units
        #expect(plain.count == 4)
        #expect(gzip.map(\.variants) == plain.map(\.variants))
        #expect(zip.map(\.variants) == plain.map(\.variants))
    }

    @Test func lisaKitInlineCodesInUTF16AreKeptVerbatim() throws {
        let (units, _) = try readAll(TestData.url("tmx/lisa-compliance-kit/ImportTest2A.tmx").path)
        #expect(units.count == 7)
        let english = try #require(units.first?.variant(LanguageTag("en-US")!))
        #expect(english.segment.markup == #"The big <bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>black<ept i="1">&lt;/b&gt;</ept> <bpt i="2" x="2" type="ulined">&lt;u&gt;</bpt>cat<ept i="2">&lt;/u&gt;</ept> sleeps."#)
        #expect(english.segment.plainText == "The big black cat sleeps.")
        #expect(units.first?.variant(LanguageTag("fr-CA")!)?.segment.plainText == "Le gros chat noir dors.")
    }

    @Test func lisaKitNotesPropsAndAttributesAreKept() throws {
        let (units, _) = try readAll(TestData.url("tmx/lisa-compliance-kit/ImportTest1L.tmx").path)
        let unit = try #require(units.first { $0.id == "tu001" })
        #expect(unit.notes.map(\.text) == ["Text of tu note 1", "Text of tu note 2"])
        #expect(unit.notes.first?.language == "en-us")
        #expect(unit.properties.count >= 1)
        #expect(unit.attributes.contains(Attribute("usagecount", "100")))
        #expect(unit.provenance.created?.user == "ys")
        #expect(unit.provenance.created?.date == TMXDate.parse("20020523T091200Z"))
        #expect(unit.variants.allSatisfy { !$0.notes.isEmpty || !$0.properties.isEmpty })
    }

    @Test func languageCodesInAnyCaseAreCanonical() throws {
        for path in try sharedTMXFiles() {
            for unit in try readAll(path).units {
                for variant in unit.variants { #expect(LanguageTag(variant.language.code.uppercased())?.code == variant.language.code) }
            }
        }
        let multiple = try readAll(TestData.url("tmx/lisa-compliance-kit/ImportTest1J_many.tmx").path).units
        #expect(!multiple.isEmpty)
    }

    @Test func tmx11LangAttributeReadsLikeXmlLang() throws {
        let v14 = try readAll(TestData.url("tmx/omegat/test-multiple-entries.tmx").path).units
        let v11 = try readAll(TestData.url("tmx/omegat/test-multiple-entries11.tmx").path).units
        #expect(v14.count == 4)
        #expect(v14.map(\.variants) == v11.map(\.variants))
    }

    @Test func severalVariantsOfOneLanguageStayInOneUnit() throws {
        let units = try readAll(TestData.url("tmx/omegat/test-multiple-tuv.tmx").path).units
        #expect(units.contains { unit in Dictionary(grouping: unit.variants, by: \.language).values.contains { $0.count > 1 } })
    }

    @Test func allLanguagesHeaderHasNoSourceLanguage() throws {
        let (units, reader) = try readAll(TestData.url("tmx/other/multilanguage.tmx").path)
        #expect(reader.header.sourceLanguage == nil)
        #expect(units.first?.variants.count == 7)
        #expect(units.first?.variant(.ru)?.segment.plainText == "Привет мир!")
        #expect(units.first?.provenance.tool == "hands 0")
    }

    @Test func nonBMPCharactersSurvive() throws {
        let units = try readAll(TestData.url("tmx/omegat/test-SMP.tmx").path).units
        #expect(units.contains { $0.variants.contains { $0.segment.plainText.unicodeScalars.contains { $0.value > 0xFFFF } } })
    }

    @Test func malformedXMLNamesFileLineAndColumn() throws {
        let path = try temporaryFile("broken.tmx", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>a</tuv></tu></body></tmx>\n")
        #expect {
            _ = try readAll(path)
        } throws: { error in
            guard let error = error as? TMXError else { return false }
            return error.location?.file == path && error.location?.line == 3 && error.location?.column != nil
                && error.message.contains("mismatch")
        }
    }

    @Test func notTMXIsRejected() throws {
        let path = try temporaryFile("page.tmx", "<?xml version=\"1.0\"?>\n<html><body/></html>\n")
        #expect(throws: TMXError("not a TMX file: the root element is <html>, not <tmx>", at: SourceLocation(file: path, line: 2))) {
            _ = try readAll(path)
        }
    }

    @Test func entityDeclarationsAndBombsAreRefused() throws {
        let bomb = try temporaryFile("bomb.tmx", """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [
            <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
            <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
            ]>
            <tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&e;</seg></tuv></tu></body></tmx>
            """)
        #expect(throws: TMXError.self) { _ = try readAll(bomb) }
        let external = try temporaryFile("xxe.tmx", """
            <?xml version="1.0"?>
            <!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>
            """)
        #expect(throws: TMXError.self) { _ = try readAll(external) }
    }

    @Test func unitsThatCannotBeUnderstoodAreSkippedOrRejectedWhenStrict() throws {
        let path = try temporaryFile("partial.tmx", """
            <?xml version="1.0"?>
            <tmx version="1.4"><header srclang="en"/><body>
            <tu tuid="t1"><tuv xml:lang="en"><seg>a</seg></tuv></tu>
            <tu tuid="t2"><tuv><seg>b</seg></tuv></tu>
            <tu tuid="t3"/>
            <tu tuid="t4" frobnicate="1"><tuv xml:lang="en"><seg>c</seg><extra/></tuv></tu>
            </body></tmx>
            """)
        let (units, reader) = try readAll(path)
        #expect(units.map(\.id) == ["t1", "t4"])
        #expect(reader.skippedUnits == 2)
        let skipped = reader.issues.filter { $0.kind == .skippedUnit }
        #expect(skipped.map(\.location.unit) == ["t2", "t3"])
        #expect(skipped.map(\.location.line) == [4, 5])
        #expect(reader.issues.contains { $0.kind == .ignored && $0.message.contains("frobnicate") })
        #expect(throws: TMXError.self) { _ = try readAll(path, strict: true) }
    }

    @Test func datesParseAndFormatBothWays() throws {
        for text in ["20120301T101500Z", "19991231T235959Z", "20240229T000000Z"] {
            let date = try #require(TMXDate.parse(text))
            #expect(TMXDate.format(date) == text)
        }
        #expect(TMXDate.parse("2012-03-01") == nil)
        #expect(TMXDate.parse("20121301T000000Z") == nil)
    }
}
