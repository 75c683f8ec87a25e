// The repository's examples/ plan cleanly with the evaluator (no backend
// needed: they create their groups), one operation per statement they run.

import Foundation
import Testing

@testable import SgshKit

@Suite struct ExamplesPlanTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("examples")

    static var examples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".sgsh") }
            .sorted()
    }

    @Test func thereAreExamples() {
        #expect(Self.examples.count >= 3)
    }

    @Test(arguments: examples)
    func examplePlans(name: String) async throws {
        let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let host = TestHost(backend: nil)
        let plan = try await Interpreter(host: host).plan(source: source, name: "examples/\(name)") { host.record($0) }
        #expect(!plan.isEmpty)
        #expect(plan.operations.allSatisfy { $0.origin?.file.name == "examples/\(name)" })
    }
}
