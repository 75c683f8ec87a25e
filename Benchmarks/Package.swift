// swift-tools-version: 6.1
// In-process micro-benchmarks of sgsh's stages (lexer, parser, resolver, evaluator,
// planner diff, XML decoding) with allocation counts, using ordo-one/benchmark.
// A package of its own, depending on the main one by path, so the main build never
// compiles the benchmark framework. Run them with scripts/microbench.
import PackageDescription

let package = Package(
    name: "sgsh-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "sgsh", path: ".."),
        // MallocInterposer counts allocations; the default traits would also pull in a
        // runtime interposer that is not needed here.
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The language: lexer, parser, resolver, evaluator, planner diff.
        .executableTarget(
            name: "SgshStages",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SgshKit", package: "sgsh"),
                .product(name: "SgshModel", package: "sgsh"),
            ],
            path: "Benchmarks/SgshStages",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Decoding EC2's XML answers (links the AWS client and its TLS stack).
        .executableTarget(
            name: "SgshXML",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SgshEC2", package: "sgsh"),
            ],
            path: "Benchmarks/SgshXML",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
