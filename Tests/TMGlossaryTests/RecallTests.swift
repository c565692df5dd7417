import Foundation
import Testing
import TMGlossary
import TestSupport
import TMKit

@Suite struct RecallTests {
    /// WMT25 terminology dev set: every `proper` term as one glossary, searched in each Russian reference.
    @Test func wmtTermRecallMeetsTarget() throws {
        let result = try GlossaryEvaluation.run(file: TestData.url("glossary/wmt25-terms-en-ru.dev.jsonl").path)
        print("WMT25 en-ru dev: \(result)")
        for miss in result.misses { print("  missed \(miss)") }
        #expect(result.sentences == 250)
        #expect(result.listed > 200)
        #expect(result.recall >= 0.98)
    }
}
