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

/// Runs `body` on a thread with a 16 MB stack: Hunspell's affix search needs more stack than a test worker has.
func onLargeStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
    nonisolated(unsafe) var result: Result<T, Error>?
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
        result = Result { try body() }
        done.signal()
    }
    thread.stackSize = 16 << 20
    thread.start()
    done.wait()
    guard let result else { throw GlossaryError("the worker thread did not finish") }
    return try result.get()
}

