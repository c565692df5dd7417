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
