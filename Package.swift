// swift-tools-version: 6.1
// The sgsh package: an embeddable scripting shell for security-group rules.
// Dependency direction: SgshModel <- {SgshKit, SgshEC2, SgshLocal} <- SgshCLI.
import PackageDescription

let package = Package(
    name: "sgsh",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sgsh", targets: ["SgshCLI"]),
        .library(name: "SgshKit", targets: ["SgshKit"]),
        .library(name: "SgshModel", targets: ["SgshModel"]),
        .library(name: "SgshLocal", targets: ["SgshLocal"]),
        .library(name: "SgshEC2", targets: ["SgshEC2"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // async-http-client's own: SgshEC2 runs on its event loops and warms up its pipeline.
        .package(url: "https://github.com/apple/swift-nio", from: "2.100.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Tests only: property-based tests (Tests/PropertyTests).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Docs only: `swift package generate-documentation` (scripts/docs). A clean `swift build`
        // compiles just its two plugin scripts (once); its tools are built by the docs alone.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // MARK: - Libraries
        .target(name: "SgshModel"),
        .target(name: "SgshKit", dependencies: ["SgshModel"], resources: []),
        .target(
            name: "SgshLocal",
            dependencies: ["SgshModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "SgshEC2",
            dependencies: [
                "SgshModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CStartup"),
        .executableTarget(
            name: "SgshCLI",
            dependencies: [
                "SgshKit", "SgshModel", "SgshLocal", "SgshEC2", "CLibEdit", "CStartup",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SgshTestSupport", dependencies: ["SgshModel", "SgshKit"]),

        // MARK: - Tests
        .testTarget(name: "SgshModelTests", dependencies: ["SgshModel"]),
        .testTarget(
            name: "SgshKitTests",
            dependencies: ["SgshKit", "SgshModel", "SgshLocal", "SgshTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "SgshLocalTests", dependencies: ["SgshLocal", "SgshModel", "SgshTestSupport"]),
        .testTarget(
            name: "SgshEC2Tests",
            dependencies: [
                "SgshEC2", "SgshModel", "SgshTestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ConformanceTests",
            dependencies: ["SgshLocal", "SgshEC2", "SgshModel", "SgshTestSupport"]
        ),
        .testTarget(name: "EmbeddingTests", dependencies: ["SgshKit", "SgshModel", "SgshLocal"]),
        .testTarget(
            name: "PropertyTests",
            dependencies: [
                "SgshKit", "SgshModel", "SgshLocal", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "SgshCLITests",
            dependencies: ["SgshCLI", "SgshKit", "SgshLocal", "SgshTestSupport"],
            exclude: ["Fixtures"]
        ),
    ]
)
