// swift-tools-version:6.0
import PackageDescription

/// The shipped modules import neither `_StringProcessing` (regular expressions) nor `_Concurrency`
/// (async, tasks) implicitly: none of them uses either, and a binary built with
/// `--static-swift-stdlib` would otherwise carry both, with `_RegexParser` and libdispatch, whose
/// start-up work (relocations, libdispatch's initialiser) every run paid. They also reach the metadata
/// of generic types through accessor functions instead of mangled names, which the runtime demangled
/// and checked against every conformance record the first time each was used: about a tenth of a
/// webhook's instructions, and 6–10% of its time (Docs/performance.md). The tests import both
/// modules as usual.
let shippedModule: [SwiftSetting] = [
    .unsafeFlags([
        "-Xfrontend", "-disable-implicit-string-processing-module-import",
        "-Xfrontend", "-disable-implicit-concurrency-module-import",
        "-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors",
    ])
]

let package = Package(
    name: "optout",
    products: [
        .executable(name: "optout", targets: ["optout"]),
        .library(name: "OptOutCore", targets: ["OptOutCore"]),
    ],
    targets: [
        // The system SQLite library (libsqlite3-dev); only Sources/OptOutCore/SQLite imports it.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The C library (Glibc, Musl or Darwin), named in one file, and the calls every target shares.
        .target(name: "OptOutPlatform", swiftSettings: shippedModule),
        .target(name: "OptOutCore", dependencies: ["CSQLite", "OptOutPlatform"], swiftSettings: shippedModule),
        .target(name: "OptOutCLI", dependencies: ["OptOutCore", "OptOutPlatform"], swiftSettings: shippedModule),
        .executableTarget(name: "optout", dependencies: ["OptOutCLI", "OptOutPlatform"], swiftSettings: shippedModule),
        // Helpers shared by both test targets (temporary folders, fixtures, seeded fuzz inputs); not shipped.
        .target(name: "OptOutTestSupport", dependencies: ["OptOutCore", "OptOutPlatform"], path: "Tests/OptOutTestSupport"),
        .testTarget(
            name: "OptOutCoreTests", dependencies: ["OptOutCore", "CSQLite", "OptOutPlatform", "OptOutTestSupport"]),
        .testTarget(
            name: "OptOutCLITests",
            dependencies: ["OptOutCLI", "OptOutCore", "OptOutPlatform", "OptOutTestSupport", "optout"]),
    ]
)
