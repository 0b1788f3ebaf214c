// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "optout",
    products: [
        .executable(name: "optout", targets: ["optout"]),
        .library(name: "OptOutCore", targets: ["OptOutCore"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "OptOutCore", dependencies: ["CSQLite"]),
        .target(name: "OptOutCLI", dependencies: ["OptOutCore"]),
        .executableTarget(name: "optout", dependencies: ["OptOutCLI"]),
        // Helpers shared by both test targets (temporary folders, seeded fuzz inputs); not shipped.
        .target(name: "OptOutTestSupport", path: "Tests/OptOutTestSupport"),
        .testTarget(name: "OptOutCoreTests", dependencies: ["OptOutCore", "CSQLite", "OptOutTestSupport"]),
        .testTarget(
            name: "OptOutCLITests", dependencies: ["OptOutCLI", "OptOutCore", "OptOutTestSupport", "optout"]),
    ]
)
