import Foundation
import Testing
import TestSupport

/// Faults of `tmkit serve` (correctness only, no timings asserted): an import while searches run, and the
/// server killed with SIGKILL in the middle of an import. Figures: `scripts/serve-faults.py`.
@Suite struct ServeFaultTests {
    static let token = ServeProcess.token
    static let earlier = 300

    /// A server over `memory` holding `earlier` units of origin "earlier".
    static func serverWithEarlierUnits(_ memory: String) throws -> ServeProcess {
        let server = try ServeProcess(memory: memory)
        let imported = try server.call("POST", "/v1/import?origin=earlier", bodyFile: try generatedTMX(units: earlier, batch: "earlier"), token: token)
        #expect(imported.object["added"] as? Int == earlier, "\(imported.raw)")
        return server
    }

    /// An exact search for one of the earlier units.
    static func searchEarlier(_ server: ServeProcess, _ index: Int) throws -> ServeProcess.Answer {
        try server.call("GET", "/v1/search?from=en&to=ru&q=" + query("Sentence number \(index) of batch earlier about the council meeting."))
    }

    static func concurrentImport(memory: String) throws {
        let server = try serverWithEarlierUnits(memory)
        let count = 10_000
        let file = try generatedTMX(units: count, batch: "concurrent")
        let importing = try server.start("POST", "/v1/import?origin=concurrent", bodyFile: file, token: token)
        var statuses: [Int] = [], index = 0
        repeat {
            let answer = try searchEarlier(server, index % earlier)
            statuses.append(answer.status)
            if answer.status == 200 { #expect(answer.array.first?["score"] as? Int == 100) }
            index += 1
        } while importing.curl.isRunning
        let imported = importing.answer()
        #expect(imported.status == 200, "\(imported.raw)")
        #expect(imported.object["added"] as? Int == count)
        #expect(!statuses.isEmpty)
        #expect(statuses.allSatisfy { $0 == 200 }, "statuses: \(Set(statuses))")
        #expect(try server.units() == earlier + count, "the import lands whole")
        #expect(server.stop() == 0)
    }

    static func killedDuringImport(memory: String) throws {
        let server = try serverWithEarlierUnits(memory)
        let count = 30_000
        let file = try generatedTMX(units: count, batch: "killed")
        let importing = try server.start("POST", "/v1/import?origin=killed", bodyFile: file, token: token)
        // The server logs "import progress" every 10,000 units read inside the one transaction: kill it then.
        let deadline = Date().addingTimeInterval(300)
        while !server.logText.contains("import progress") && importing.curl.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        server.kill()
        let answer = importing.answer()
        print("ServeFaultTests: SIGKILL \(answer.status == 0 ? "during" : "after") the import (curl status \(answer.status))")

        let restarted = try ServeProcess(memory: memory)
        let stats = try restarted.call("GET", "/v1/stats").object
        let origins = stats["origins"] as? [String: Int] ?? [:]
        #expect(origins["earlier"] == earlier, "nothing imported earlier is lost")
        #expect(origins["killed"] == nil || origins["killed"] == count, "the import is whole or absent: \(origins)")
        #expect(stats["units"] as? Int == earlier + (origins["killed"] ?? 0))
        for index in [0, earlier / 2, earlier - 1] {
            #expect(try searchEarlier(restarted, index).array.first?["score"] as? Int == 100)
        }
        // The memory takes the same import again after the crash.
        let again = try restarted.call("POST", "/v1/import?origin=killed", bodyFile: file, token: token)
        #expect(again.status == 200)
        #expect((again.object["added"] as? Int ?? 0) + (again.object["duplicates"] as? Int ?? 0) == count)
        #expect(try restarted.units() == earlier + count)
        #expect(restarted.stop() == 0)
    }

    @Test func importWhileSearchingOnSQLite() throws {
        try Self.concurrentImport(memory: try TestData.temporaryDirectory().appendingPathComponent("concurrent.tmdb").path)
    }

    @Test func killedDuringImportOnSQLite() throws {
        try Self.killedDuringImport(memory: try TestData.temporaryDirectory().appendingPathComponent("killed.tmdb").path)
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, "needs TMKIT_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server)"))
    func importWhileSearchingOnPostgreSQL() throws {
        let server = try PostgresTestServer()
        try Self.concurrentImport(memory: try server.freshDatabase())
    }

    @Test(.enabled(if: PostgresTestServer.url != nil, "needs TMKIT_TEST_POSTGRES_URL (scripts/test.sh starts a throwaway server)"))
    func killedDuringImportOnPostgreSQL() throws {
        let server = try PostgresTestServer()
        try Self.killedDuringImport(memory: try server.freshDatabase())
    }
}
