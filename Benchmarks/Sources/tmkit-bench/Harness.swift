import Foundation

/// A named group of measurements.
struct BenchmarkSuite: Sendable {
    let name: String
    let run: @Sendable () throws -> Void

    static let all: [BenchmarkSuite] = [
        textSuite,
        translitSuite,
        translitRoundTripSuite,
        glossarySuite,
        alignSuite,
        memorySuite,
        postgresSuite,
        serveLoadSuite,
    ]
}

/// Wall-clock seconds of `body`.
func measure(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The process's peak resident memory so far (VmHWM), in MB.
func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
          let kb = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
    return kb / 1024
}

/// Resets the peak-memory counter so the next suite's peak is its own (Linux: write 5 to clear_refs).
func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// The shared test data folder (`../shared/testdata` from the project root, or $TMKIT_TESTDATA).
let testdata: String = ProcessInfo.processInfo.environment["TMKIT_TESTDATA"]
    ?? FileManager.default.currentDirectoryPath + "/../shared/testdata"

/// Formats a figure with fixed decimals.
func fmt(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }

/// A suite that cannot run as asked (a missing file, a bad setting): `main` prints it and exits non-zero.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The processes a suite started and has not yet reaped (`tmkit serve`, `wrk`): when tmkit-bench is interrupted
/// (SIGINT, SIGTERM) they are terminated too, so no server keeps running after an interrupted benchmark.
final class ChildProcesses: @unchecked Sendable {
    static let shared = ChildProcesses()
    /// Guarded by `lock`.
    private var running: [Int32: Process] = [:]
    private let lock = NSLock()
    private var sources: [DispatchSourceSignal] = []

    private init() {
        for signal in [SIGINT, SIGTERM] {
            Foundation.signal(signal, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal, queue: .global())
            source.setEventHandler { [unowned self] in
                lock.lock()
                let children = Array(running.values)
                lock.unlock()
                for child in children where child.isRunning { child.terminate() }
                exit(128 + signal)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Starts `process` and keeps it until `reaped(_:)`.
    func run(_ process: Process) throws {
        try process.run()
        lock.lock()
        running[process.processIdentifier] = process
        lock.unlock()
    }

    /// Forgets `process` once it has ended.
    func reaped(_ process: Process) {
        lock.lock()
        running[process.processIdentifier] = nil
        lock.unlock()
    }
}
