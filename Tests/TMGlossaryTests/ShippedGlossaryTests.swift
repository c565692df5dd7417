import Foundation
import Testing
import TMGlossary
import TestSupport

@Suite struct ShippedGlossaryTests {
    /// The repository's `Glossaries/` folder ($TMKIT_GLOSSARIES overrides it).
    static let folder = ProcessInfo.processInfo.environment["TMKIT_GLOSSARIES"]
        ?? TestData.projectRoot.appendingPathComponent("Glossaries").path

    /// Every `.gloss` file parses and validates with no finding, and the folder is not empty.
    @Test func everyShippedFileValidatesWithZeroFindings() throws {
        try #require(FileManager.default.fileExists(atPath: Self.folder),
                     "no \(Self.folder): the house glossary arrives with the glossary-content branch")
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".gloss") }.sorted()
        var parts: [Glossary] = []
        var findings: [Finding] = []
        for name in names {
            let path = Self.folder + "/" + name
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let (glossary, parseFindings) = GlossFile.read(text, file: path)
            parts.append(glossary)
            findings += parseFindings
            // The files are in the house layout: writing them back changes nothing.
            #expect(GlossFile.write(glossary) == text, "\(name) does not round-trip")
        }
        let all = Glossary.merging(parts)
        findings += GlossaryValidator.validate(all)
        #expect(findings.isEmpty, "\(findings.prefix(20).map(\.description).joined(separator: "\n"))")
        #expect(all.concepts.count >= 1, "no concepts in \(Self.folder)")
        print("Glossaries: \(names.count) files, \(all.concepts.count) concepts, \(findings.count) findings")
    }
}
