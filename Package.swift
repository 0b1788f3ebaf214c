// swift-tools-version:6.0
import PackageDescription

/// The shipped modules do not import `_StringProcessing` (Swift's regular expressions) implicitly:
/// none of them uses it, and a binary built with `--static-swift-stdlib` would otherwise carry it and
/// `_RegexParser` (2.2 MB, 4,500 relocations made at every start; Docs/performance.md).
let withoutRegex: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-disable-implicit-string-processing-module-import"])]

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
        .target(name: "OptOutPlatform", swiftSettings: withoutRegex),
        .target(name: "OptOutCore", dependencies: ["CSQLite", "OptOutPlatform"], swiftSettings: withoutRegex),
        .target(name: "OptOutCLI", dependencies: ["OptOutCore", "OptOutPlatform"], swiftSettings: withoutRegex),
        .executableTarget(name: "optout", dependencies: ["OptOutCLI", "OptOutPlatform"], swiftSettings: withoutRegex),
        // Helpers shared by both test targets (temporary folders, fixtures, seeded fuzz inputs); not shipped.
        .target(name: "OptOutTestSupport", dependencies: ["OptOutCore", "OptOutPlatform"], path: "Tests/OptOutTestSupport"),
        .testTarget(
            name: "OptOutCoreTests", dependencies: ["OptOutCore", "CSQLite", "OptOutPlatform", "OptOutTestSupport"]),
        .testTarget(
            name: "OptOutCLITests",
            dependencies: ["OptOutCLI", "OptOutCore", "OptOutPlatform", "OptOutTestSupport", "optout"]),
    ]
)
