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
        .testTarget(name: "OptOutCoreTests", dependencies: ["OptOutCore", "CSQLite"]),
        .testTarget(name: "OptOutCLITests", dependencies: ["OptOutCLI", "OptOutCore", "optout"]),
    ]
)
