import Foundation
import Testing
import TMGlossary
import TestSupport
@testable import TMKit

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
    return try result!.get()
}

@Suite struct RecallTests {
    /// WMT25 terminology dev set: every `proper` term as one glossary, searched in each Russian reference.
    @Test func wmtTermRecallMeetsTarget() throws {
        let result = try onLargeStack { try GlossaryEvaluation.run(file: TestData.url("glossary/wmt25-terms-en-ru.dev.jsonl").path) }
        print("WMT25 en-ru dev: \(result)")
        for miss in result.misses { print("  missed \(miss)") }
        #expect(result.sentences == 250)
        #expect(result.listed > 200)
        #expect(result.recall >= 0.98)
    }
}
