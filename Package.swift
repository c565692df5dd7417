// swift-tools-version: 6.0
// tmkit: translation memories, alignment and glossaries for English, Russian and Belarusian.
// Dependencies point one way: tmkit → TMKit → {TMAlign, TMGlossary, TMX, TMStore} → {TMText, TMCore};
// TMText → CICU. C targets are the only code that sees system headers (ICU, libxml2, libpq, Snowball, Hunspell, zlib).
import PackageDescription

/// The system ICU (libicu-dev); only CICU's C file sees its headers.
let icu: [LinkerSetting] = [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]

let package = Package(
    name: "tmkit",
    products: [
        .executable(name: "tmkit", targets: ["tmkit"]),
        .library(name: "TMKit", targets: ["TMKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
    ],
    targets: [
        // C boundaries to system libraries.
        .target(name: "CICU", linkerSettings: icu),
        .target(name: "CXML", cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])], linkerSettings: [.linkedLibrary("xml2")]),
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer"),
        .systemLibrary(name: "CHunspell", path: "Sources/CHunspell", pkgConfig: "hunspell", providers: [.apt(["libhunspell-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),

        // Library modules.
        .target(name: "TMCore"),
        .target(name: "TMText", dependencies: ["TMCore", "CICU", "CStemmer", "CHunspell"], resources: [.copy("Resources")]),
        .target(name: "TMX", dependencies: ["TMCore", "CXML"]),
        .target(name: "TMStore", dependencies: ["TMCore", "TMText", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift"),
                                          .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "TMAlign", dependencies: ["TMCore", "TMText", "CZlib"], resources: [.copy("Resources")]),
        .target(name: "TMGlossary", dependencies: ["TMCore", "TMText"]),
        .target(name: "TMKit", dependencies: ["TMCore", "TMText", "TMX", "TMStore", "TMAlign", "TMGlossary"]),
        .target(name: "TMServer", dependencies: ["TMKit", .product(name: "Hummingbird", package: "hummingbird"),
                                                .product(name: "Logging", package: "swift-log")]),

        // The command-line tool (with the HTTP server) and the benchmark harness.
        .executableTarget(name: "tmkit", dependencies: [
            "TMKit",
            "TMServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tmkit-bench", dependencies: ["TMKit", "TestSupport"], path: "Benchmarks/Sources/tmkit-bench"),

        // Tests: one target per module, plus the command line end to end.
        .target(name: "TestSupport", dependencies: ["TMCore", "CLibPQ"], path: "Tests/TestSupport"),
        .testTarget(name: "TMTextTests", dependencies: ["TMText", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "TMXTests", dependencies: ["TMX", "TMText", "TestSupport"]),
        .testTarget(name: "TMStoreTests", dependencies: ["TMStore", "TMX", "TestSupport"]),
        .testTarget(name: "TMAlignTests", dependencies: ["TMAlign", "TestSupport"]),
        .testTarget(name: "TMGlossaryTests", dependencies: ["TMGlossary", "TMKit", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "TMKitTests", dependencies: ["TMKit", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
