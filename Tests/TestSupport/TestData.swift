import Foundation

/// Paths to the shared, real test data (`../shared/testdata` beside the project, or $TMKIT_TESTDATA).
public enum TestData {
    /// The project root, found from this file's location.
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/testdata`.
    public static let root: URL = {
        if let env = ProcessInfo.processInfo.environment["TMKIT_TESTDATA"] { return URL(fileURLWithPath: env) }
        // `../shared/testdata`; from a git worktree nested one level deeper (…/wt/NAME), `../../shared/testdata`.
        var folder = projectRoot.deletingLastPathComponent()
        for _ in 0..<2 {
            let candidate = folder.appendingPathComponent("shared/testdata")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared/testdata")
    }()

    /// `../shared/seeds`.
    public static let seeds: URL = root.deletingLastPathComponent().appendingPathComponent("seeds")

    /// A file under the test data root.
    public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The text of a file under the test data root.
    public static func text(_ relative: String) throws -> String {
        try String(contentsOf: url(relative), encoding: .utf8)
    }

    /// A fresh temporary directory, removed by the caller (or left for the OS).
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tmkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A small seeded generator (SplitMix64) for property tests: the same seed gives the same cases.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
