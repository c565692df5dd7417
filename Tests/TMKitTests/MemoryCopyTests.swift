import Foundation
import TMKit
import Testing
import TestSupport

/// `MemoryWorkflows.copy` between backends. The PostgreSQL half runs only with a server: CI always has one
/// (scripts/test.sh starts it); without TMKIT_TEST_POSTGRES_URL it is reported as skipped, never as passed.
@Suite struct MemoryCopyTests {
    /// Real TMX with inline codes, notes, props, several variants per language and odd language codes.
    static let files = ["tmx/other/my_memory.tmx", "tmx/other/multilanguage.tmx", "tmx/other/tmx_sample_document.tmx"]
        + ["ImportTest1A", "ImportTest1C", "ImportTest1F", "ImportTest1J_many", "ImportTest1L", "ImportTest2A", "ImportTest2B", "ImportTest2C"]
        .map { "tmx/lisa-compliance-kit/\($0).tmx" }

    static func original() throws -> SQLiteStore {
        let store = try SQLiteStore()
        for file in files {
            _ = try MemoryWorkflows.importTMX(TestData.url(file).path, into: store, origin: file, status: .confirmed)
        }
        return store
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, "needs TMKIT_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server)"))
    func sqliteToPostgresToSQLiteKeepsEverything() throws {
        let server = try PostgresTestServer()
        let original = try Self.original()
        let units = try original.units().map(\.unit)
        #expect(units.count > 100)
        #expect(units.contains { $0.variants.contains { $0.segment.markup.contains("<bpt") } })
        #expect(units.contains { !$0.notes.isEmpty || !$0.properties.isEmpty })

        let postgres = try PostgresStore(url: server.freshDatabase())
        #expect(try MemoryWorkflows.copy(from: original, to: postgres) == AddResult(added: units.count, duplicates: 0))
        #expect(try postgres.units().map(\.unit) == units)
        let back = try SQLiteStore()
        #expect(try MemoryWorkflows.copy(from: postgres, to: back) == AddResult(added: units.count, duplicates: 0))
        #expect(try back.units().map(\.unit) == units)
        #expect(try back.statistics() == original.statistics())
        // Copying again adds nothing; a filter copies only what it selects.
        #expect(try MemoryWorkflows.copy(from: back, to: postgres) == AddResult(added: 0, duplicates: units.count))
        let selected = try PostgresStore(url: server.freshDatabase())
        let mine = try original.units(matching: UnitFilter(origin: Self.files[0])).count
        #expect(try MemoryWorkflows.copy(from: original, to: selected, filter: UnitFilter(origin: Self.files[0])).added == mine)
    }

    @Test func aFailedCopyStoresNothingAndAMemoryIsNotCopiedOntoItself() throws {
        let original = try Self.original()
        #expect(throws: StoreError.self) { try MemoryWorkflows.copy(from: original, to: original) }
        // The source fails after yielding 300 units: the target keeps none of them.
        let failing = FailingStore(units: try original.units().prefix(300).map(\.unit))
        let target = try SQLiteStore()
        #expect(throws: FailingStore.Failure.self) { try MemoryWorkflows.copy(from: failing, to: target) }
        #expect(try target.statistics().units == 0)
    }
}

/// A source that yields its units, then fails: the copy must leave the target unchanged.
final class FailingStore: TranslationMemoryStore {
    struct Failure: Error {}
    let stored: [TranslationUnit]
    init(units: [TranslationUnit]) { stored = units }
    func add(from next: () throws -> TranslationUnit?) throws -> AddResult { throw Failure() }
    func forEachUnit(matching filter: UnitFilter, _ body: (StoredUnit) throws -> Void) throws {
        for (index, unit) in stored.enumerated() { try body(StoredUnit(id: Int64(index + 1), unit: unit)) }
        throw Failure()
    }
    func delete(matching filter: UnitFilter) throws -> Int { throw Failure() }
    func search(_ query: SearchQuery) throws -> [Match] { throw Failure() }
    func concordance(_ query: ConcordanceQuery) throws -> ConcordancePage { throw Failure() }
    func statistics() throws -> MemoryStatistics { throw Failure() }
    func optimize() throws -> OptimizeResult { throw Failure() }
}
