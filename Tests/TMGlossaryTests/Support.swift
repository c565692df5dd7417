import Foundation
import TMGlossary
import TestSupport

/// The test fixtures folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// The fixture house glossary, parsed (it has no findings).
func houseGlossary() throws -> Glossary {
    let path = fixtures.appendingPathComponent("house.gloss").path
    return GlossFile.read(try String(contentsOfFile: path, encoding: .utf8), file: path).glossary
}

/// One matcher for the fixture, shared by the tests (building it opens the dictionaries).
let houseMatcher: GlossaryMatcher = {
    let path = fixtures.appendingPathComponent("house.gloss").path
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return GlossaryMatcher(glossary: GlossFile.read(text, file: path).glossary)
}()
