// A script function and the scope it closes over hold each other; the
// evaluator empties such scopes when it goes, so a host running many scripts
// does not keep every run's scopes alive (LeakSanitizer under scripts/fuzz
// reported one leak per `def`).

import Testing

@testable import SgshKit

@Suite struct FunctionScopeReleaseTests {
    /// Runs `source` in globals the test can watch, and returns a weak reference to them.
    static func globalsAfterRun(_ source: String) async throws -> () -> Environment? {
        let file = SourceFile(name: "scopes.sgsh", text: source)
        let (program, diagnostics) = Parser.parse(file)
        #expect(diagnostics.isEmpty)
        weak var watched: Environment?
        do {
            let evaluator = Evaluator(
                host: TestHost(), limits: ExecutionLimits(), builtins: .standard, predeclared: [:], loader: nil)
            let globals = Environment(parent: evaluator.universe)
            watched = globals
            _ = try await evaluator.run(program, in: globals)
        }
        return { watched }
    }

    @Test func globalsHoldingAFunctionAreFreedAfterTheRun() async throws {
        let globals = try await Self.globalsAfterRun("def f(x) { return x + 1 }\nlet y = f(1)")
        #expect(globals() == nil)
    }

    @Test func callScopesHoldingInnerFunctionsAreFreedToo() async throws {
        let globals = try await Self.globalsAfterRun(
            "def outer(n) {\n  def inner() { return n }\n  return inner\n}\nlet g = outer(3)\nlet v = g()")
        #expect(globals() == nil)
    }

    @Test func aFunctionStillWorksWhileTheRunLasts() async throws {
        let plan = try await Interpreter(host: TestHost()).plan(
            source: """
                def port(n) { return n + 8000 }
                for i in range(3) {
                  let p = port(i)
                  sg sg-0abc ingress allow tcp $p from 10.0.0.0/8
                }
                """,
            name: "scopes.sgsh")
        #expect(plan.operations.count == 3)
    }
}
