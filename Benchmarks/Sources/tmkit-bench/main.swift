import Foundation
import TMKit

// tmkit-bench: prints throughput and peak memory for tmkit's hot paths on stated input sizes.
// Nothing here asserts on time; `make bench` runs it. Usage: tmkit-bench [SUITE...]
let requested = Set(CommandLine.arguments.dropFirst())
let suites = BenchmarkSuite.all.filter { requested.isEmpty || requested.contains($0.name) }
print("tmkit \(TMKitInfo.version), ICU \(ICU.version), \(ProcessInfo.processInfo.activeProcessorCount) cores")
for suite in suites {
    print("\n== \(suite.name)")
    do {
        try suite.run()
    } catch {
        print("  failed: \(error)")
        exit(1)
    }
}
