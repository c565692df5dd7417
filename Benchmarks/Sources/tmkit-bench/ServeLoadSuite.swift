import Foundation
import TMKit

/// `tmkit serve` under load, on PostgreSQL and on SQLite: the memory suite's generated memory (100k units;
/// 1M with TMKIT_BENCH_FULL=1, or TMKIT_BENCH_LOAD_UNITS), the built `.build/release/tmkit serve` on loopback,
/// and `wrk` (Benchmarks/serve-load.lua) keeping 32 connections busy with fuzzy searches
/// (`GET /v1/search?q=…&from=en&to=ru&min=70`, the memory suite's fuzzy queries) for 60 s
/// (TMKIT_BENCH_LOAD_SECONDS): throughput, p50/p95/p99, errors, and the CPU the server and PostgreSQL used.
/// TMKIT_BENCH_LOAD_BACKENDS=postgres (or sqlite) runs one backend only.
/// PostgreSQL needs TMKIT_BENCH_POSTGRES_URL naming an empty database (its units are deleted at the end), or
/// with TMKIT_BENCH_REUSE=1 one already holding this memory (then kept, as is the SQLite file; one at an older
/// schema version is not run, as opening it would migrate it). A memory imported here is optimized
/// (`TranslationMemoryStore.optimize`) before the load, as a desk would after a large import.
let serveLoadSuite = BenchmarkSuite(name: "serve-load") {
    let environment = ProcessInfo.processInfo.environment
    let root = FileManager.default.currentDirectoryPath
    let binary = root + "/.build/release/tmkit"
    guard let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: FileManager.default.isExecutableFile) else {
        print("  not run: wrk is not installed (scripts/setup.sh bench installs it)")
        return
    }
    let size = environment["TMKIT_BENCH_LOAD_UNITS"].flatMap { Int($0) } ?? (environment["TMKIT_BENCH_FULL"] == "1" ? 1_000_000 : 100_000)
    let seconds = environment["TMKIT_BENCH_LOAD_SECONDS"].flatMap { Int($0) } ?? 60
    let reuse = environment["TMKIT_BENCH_REUSE"] == "1"
    let only = Set((environment["TMKIT_BENCH_LOAD_BACKENDS"] ?? "postgres,sqlite").split(separator: ",").map { $0.lowercased() })
    let connections = 32
    let script = root + "/Benchmarks/serve-load.lua"
    guard FileManager.default.fileExists(atPath: script) else { throw BenchmarkError("\(script): not found (run from the repository root)") }

    let pairs = try MemoryBenchData.pairs()
    let folder = root + "/Benchmarks/.data/memory"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let tmx = folder + "/generated-\(size).tmx"
    if !FileManager.default.fileExists(atPath: tmx) { try MemoryBenchData.writeTMX(pairs: pairs, count: size, to: tmx) }
    // The memory suite's fuzzy queries (a unit's English with one word dropped and one added), as request paths.
    let queries = MemoryBenchData.queries(pairs: pairs, count: size, samples: 1_000).fuzzy
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let paths = queries.compactMap { text in
        text.addingPercentEncoding(withAllowedCharacters: allowed).map { "/v1/search?q=\($0)&from=en&to=ru&min=70" }
    }
    let queryFile = folder + "/serve-load-queries-\(size).txt"
    try (paths.joined(separator: "\n") + "\n").write(toFile: queryFile, atomically: true, encoding: .utf8)
    print("  -- \(size) units, \(connections) connections for \(seconds) s, \(paths.count) distinct fuzzy queries (min 70)")

    var backends: [(name: String, location: String, store: any TranslationMemoryStore, cleanUp: Bool)] = []
    let postgresURL = only.contains("postgres") ? environment["TMKIT_BENCH_POSTGRES_URL"] ?? "" : nil
    if let url = postgresURL, !url.isEmpty {
        let version = try PostgresStore.schemaVersion(url: url)
        if reuse && version > 0 && version < PostgresStore.currentSchemaVersion {
            // Opening it would migrate it first, which at 1M units takes minutes and changes what is measured.
            print("  PostgreSQL not run: \(PostgresStore.redacted(url)) is at schema version \(version), this build's is "
                  + "\(PostgresStore.currentSchemaVersion) (open it once with tmkit to migrate it, e.g. tmkit tm stats --memory URL)")
        } else {
            let postgres = try PostgresStore(url: url)
            let units = try postgres.statistics().units
            if units == 0 || reuse {
                backends.append(("PostgreSQL", url, postgres, !reuse))
            } else {
                print("  PostgreSQL not run: \(postgres.location) holds \(units) units (needs an empty database, or TMKIT_BENCH_REUSE=1 to use them)")
            }
        }
    } else if postgresURL != nil {
        print("  PostgreSQL not run: set TMKIT_BENCH_POSTGRES_URL (make bench starts a throwaway server)")
    }
    if only.contains("sqlite") {
        let database = folder + "/serve-load-\(size).tmdb"
        if !reuse { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) } }
        backends.append(("SQLite", database, try SQLiteStore(path: database), false))
    }

    for (name, location, store, cleanUp) in backends {
        if try store.statistics().units == 0 {
            var report: MemoryWorkflows.ImportReport?
            let cpu = (bench: processCPUSeconds(), postgres: postgresCPUSeconds(serving: location), load: loadAverage())
            let wall = try measure { report = try MemoryWorkflows.importTMX(tmx, into: store) }
            let added = report?.result.added ?? 0
            print("  import \(name): \(added) units in \(fmt(wall, 1)) s wall = \(Int(Double(added) / wall)) units/s; "
                  + "CPU tmkit-bench \(fmt(processCPUSeconds() - cpu.bench, 1)) s"
                  + (name == "PostgreSQL" ? ", PostgreSQL \(fmt(postgresCPUSeconds(serving: location) - cpu.postgres, 1)) s" : "")
                  + "; load average before \(cpu.load), after \(loadAverage())")
            // As a desk would after a large import (see `tmkit tm optimize`).
            let optimizing = try measure { _ = try store.optimize() }
            print("  optimize \(name): \(fmt(optimizing, 1)) s wall")
        }
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("  \(name) load not run: build the server first (swift build -c release --product tmkit)")
            continue
        }
        try runLoad(name: name, location: location, binary: binary, wrk: wrk, script: script, queryFile: queryFile,
                    connections: connections, seconds: seconds)
        if cleanUp {
            let wall = try measure { _ = try store.delete(matching: UnitFilter()) }
            print("  \(name): the memory deleted again in \(fmt(wall, 1)) s")
        }
    }
}

/// Starts `tmkit serve --memory location --port 0`, runs wrk against it, prints wrk's line and the CPU used.
private func runLoad(name: String, location: String, binary: String, wrk: String, script: String, queryFile: String,
                     connections: Int, seconds: Int) throws {
    let server = Process()
    server.executableURL = URL(fileURLWithPath: binary)
    server.arguments = ["serve", "--memory", location, "--host", "127.0.0.1", "--port", "0"]
    let output = Pipe()
    server.standardOutput = output
    server.standardError = FileHandle.nullDevice  // one log line per request
    try ChildProcesses.shared.run(server)
    defer {
        server.terminate()
        server.waitUntilExit()
        ChildProcesses.shared.reaped(server)
    }
    // The server prints "tmkit serve: listening on http://127.0.0.1:PORT (memory …)" once it accepts requests.
    var printed = Data()
    while !printed.contains(UInt8(ascii: "\n")) {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        printed.append(chunk)
    }
    let line = String(decoding: printed, as: UTF8.self)
    guard let address = line.split(separator: " ").first(where: { $0.hasPrefix("http://") }) else {
        print("  \(name): the server did not start: \(line)")
        return
    }
    let load = Process()
    load.executableURL = URL(fileURLWithPath: wrk)
    load.arguments = ["-t2", "-c\(connections)", "-d\(seconds)s", "--timeout", "10s",
                      "-s", script, String(address)]
    load.environment = ProcessInfo.processInfo.environment.merging(["TMKIT_LOAD_QUERIES": queryFile]) { $1 }
    let figures = Pipe()
    load.standardOutput = figures
    let postgres = name == "PostgreSQL" ? location : nil
    let before = (server: cpuSeconds(of: server.processIdentifier), postgres: postgresCPUSeconds(serving: postgres), load: loadAverage())
    try ChildProcesses.shared.run(load)
    let text = String(decoding: figures.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    load.waitUntilExit()
    ChildProcesses.shared.reaped(load)
    let serverCPU = cpuSeconds(of: server.processIdentifier) - before.server
    let postgresCPU = postgres == nil ? 0 : postgresCPUSeconds(serving: postgres) - before.postgres
    let result = text.split(separator: "\n").first { $0.hasPrefix("load:") }.map(String.init) ?? "wrk printed no figures: \(text)"
    print("  \(name) \(result)")
    let requests = result.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
    let perRequest = requests > 0 ? "; per request \(fmt(1000 * (serverCPU + postgresCPU) / requests, 2)) ms"
        + (postgres == nil ? "" : " (server \(fmt(1000 * serverCPU / requests, 2)), PostgreSQL \(fmt(1000 * postgresCPU / requests, 2)))") : ""
    print("  \(name) CPU during the run: tmkit serve \(fmt(serverCPU, 1)) s"
          + (postgres == nil ? "" : ", PostgreSQL \(fmt(postgresCPU, 1)) s") + perRequest
          + "; \(seconds) s wall; load average before \(before.load), after \(loadAverage())")
}

/// User + system CPU seconds of this process.
private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// User + system CPU seconds of process `pid` so far (/proc/PID/stat), 0 when it is gone.
private func cpuSeconds(of pid: Int32) -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let end = stat.lastIndex(of: ")") else { return 0 }
    // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
    let fields = stat[stat.index(after: end)...].split(separator: " ")
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// CPU seconds of the PostgreSQL server at `url` so far: its postmaster (the `postgres` process started with
/// `-p PORT`, as scripts/with-postgres.sh starts it) and every process it started (backends, autovacuum,
/// checkpointer…), so other clusters on the machine do not count; every `postgres` process when no such
/// postmaster is found. Processes that have ended (a parallel worker) are not counted.
private func postgresCPUSeconds(serving url: String?) -> Double {
    guard let url else { return 0 }
    let pids = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap(Int32.init)
    let postgres = pids.filter {
        (try? String(contentsOfFile: "/proc/\($0)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) == "postgres"
    }
    let port = URLComponents(string: url)?.port.map(String.init) ?? "5432"
    let postmaster = postgres.first { pid in
        let arguments = ((try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/cmdline"))) ?? Data()).split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return zip(arguments, arguments.dropFirst()).contains { $0 == "-p" && $1 == port }
    }
    guard let postmaster else { return postgres.reduce(0) { $0 + cpuSeconds(of: $1) } }
    return postgres.filter { $0 == postmaster || parent(of: $0) == postmaster }.reduce(0) { $0 + cpuSeconds(of: $1) }
}

/// The parent process id of `pid` (/proc/PID/stat field 4), nil when it is gone.
private func parent(of pid: Int32) -> Int32? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let end = stat.lastIndex(of: ")") else { return nil }
    return stat[stat.index(after: end)...].split(separator: " ").dropFirst().first.flatMap { Int32($0) }
}

/// The 1-minute load average.
private func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").first.map(String.init) ?? "?"
}
