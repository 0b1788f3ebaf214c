// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "OptOutPlatform"),
        .target(name: "OptOutCore", dependencies: ["CSQLite", "OptOutPlatform"]),
        .target(name: "OptOutCLI", dependencies: ["OptOutCore", "OptOutPlatform"]),
        .executableTarget(name: "optout", dependencies: ["OptOutCLI", "OptOutPlatform"]),
        // Helpers shared by both test targets (temporary folders, fixtures, seeded fuzz inputs); not shipped.
        .target(name: "OptOutTestSupport", dependencies: ["OptOutCore", "OptOutPlatform"], path: "Tests/OptOutTestSupport"),
        .testTarget(
            name: "OptOutCoreTests", dependencies: ["OptOutCore", "CSQLite", "OptOutPlatform", "OptOutTestSupport"]),
        .testTarget(
            name: "OptOutCLITests",
            dependencies: ["OptOutCLI", "OptOutCore", "OptOutPlatform", "OptOutTestSupport", "optout"]),
    ]
)
