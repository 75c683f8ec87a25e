import Synchronization
import Testing

@testable import SgshKit

@Suite struct LimitsTests {
    func failure(_ source: String, limits: ExecutionLimits) async -> RuntimeError? {
        do {
            _ = try await Interpreter(host: TestHost(), limits: limits).plan(source: source, name: "limits.sgsh")
            return nil
        } catch {
            guard case .runtime(let failure) = error else { return nil }
            return failure
        }
    }

    @Test func unboundedRecursionHitsTheCallDepthLimit() async {
        let error = await failure("def f() { f() }\nf()", limits: ExecutionLimits(maxCallDepth: 30))
        #expect(error?.kind == .callDepthExceeded)
        #expect(error?.message == "call depth limit of 30 exceeded")
        // The traceback holds the top level and each of the 30 calls that fit.
        #expect(error?.callStack.count == 31)
    }

    @Test func aHugeLoopHitsTheStepLimit() async {
        let error = await failure(
            "for i in range(1000000000) { print i }", limits: ExecutionLimits(maxSteps: 10_000))
        #expect(error?.kind == .stepLimitExceeded)
        #expect(error?.message == "step limit of 10000 exceeded")
    }

    @Test func manySmallStepsHitTheStepLimit() async {
        let error = await failure(
            "let n = 0\nfor i in range(1000) { for j in range(1000) { n = n + 1 } }",
            limits: ExecutionLimits(maxSteps: 50_000))
        #expect(error?.kind == .stepLimitExceeded)
        #expect(error?.range.location.line == 2)
    }

    @Test func outputBeyondTheLimitStopsTheScript() async {
        let error = await failure(
            "for i in range(100) { print \"line ${i}\" }", limits: ExecutionLimits(maxOutputBytes: 64))
        #expect(error?.kind == .outputLimitExceeded)
    }

    @Test func operationsBeyondTheLimitStopTheScript() async {
        let error = await failure(
            "for p in range(10) { sg sg-0a1 ingress allow tcp $p from 10.0.0.0/8 }",
            limits: ExecutionLimits(maxOperations: 5))
        #expect(error?.kind == .operationLimitExceeded)
        #expect(error?.message == "plan limit of 5 operations exceeded")
    }

    // MARK: - Value size (maxValueBytes)

    @Test func aStringDoubledInALoopHitsTheValueSizeLimit() async {
        let error = await failure(
            "let s = \"0123456789abcdef\"\nfor i in range(40) {\n  s = s + s\n}",
            limits: ExecutionLimits(maxValueBytes: 1 << 20))
        #expect(error?.kind == .valueSizeExceeded)
        #expect(error?.message == "value size limit of 1048576 bytes exceeded (a string or list this large)")
        #expect(error?.range.location.line == 3)
    }

    @Test func aListDoubledInALoopHitsTheValueSizeLimit() async {
        let error = await failure(
            "let l = [1]\nfor i in range(40) { l = l + l }", limits: ExecutionLimits(maxValueBytes: 1 << 20))
        #expect(error?.kind == .valueSizeExceeded)
    }

    @Test func nestedListsCountWhatTheyHold() async {
        // Each level holds two references to the level below: 2^n elements in all.
        let error = await failure(
            "let l = [\"xxxxxxxx\"]\nfor i in range(40) { l = [l, l] }", limits: ExecutionLimits(maxValueBytes: 1 << 20)
        )
        #expect(error?.kind == .valueSizeExceeded)
    }

    @Test func interpolationCountsTheStringItBuilds() async {
        let error = await failure(
            "let s = \"0123456789abcdef\"\nfor i in range(40) { s = \"${s}${s}\" }",
            limits: ExecutionLimits(maxValueBytes: 1 << 20))
        #expect(error?.kind == .valueSizeExceeded)
    }

    @Test func aHugeRangeIsRefusedBeforeItIsBuilt() async {
        // 5,000,000 steps are allowed; 5,000,000 elements of 16 bytes are not.
        let error = await failure(
            "let l = range(5000000)", limits: ExecutionLimits(maxSteps: 10_000_000, maxValueBytes: 1 << 20))
        #expect(error?.kind == .valueSizeExceeded)
        #expect(error?.range.location.column == 9)
    }

    @Test func valuesWithinTheLimitAreFine() async {
        let error = await failure(
            "let l = range(1000)\nlet s = \"x\"\nfor i in range(10) { s = s + s }\nprint len(l), len(s)",
            limits: ExecutionLimits(maxValueBytes: 1 << 20))
        #expect(error == nil)
    }

    @Test func theDefaultLimitIsSixtyFourMebibytes() {
        #expect(ExecutionLimits().maxValueBytes == 64 << 20)
    }

    @Test func stepsGrowLinearlyWithIterations() async throws {
        func steps(_ n: Int) async throws -> Int {
            let file = SourceFile(name: "steps.sgsh", text: "let t = 0\nfor i in range(\(n)) { t = t + i }")
            let (program, diagnostics) = Parser.parse(file)
            #expect(diagnostics.isEmpty)
            let evaluator = Evaluator(
                host: TestHost(), limits: ExecutionLimits(), builtins: .standard, predeclared: [:], loader: nil)
            _ = try await evaluator.run(program)
            return evaluator.meter.steps
        }
        let (s1, s2, s3) = (try await steps(100), try await steps(200), try await steps(300))
        #expect(s2 - s1 == s3 - s2)
        #expect(s2 - s1 >= 200)  // each iteration costs at least its range element and its statement
    }

    @Test func cancellingTheTaskStopsARunningScript() async {
        let started = AsyncStream<Void>.makeStream()
        let host = SignallingHost(continuation: started.continuation)
        let interpreter = Interpreter(host: host, limits: ExecutionLimits(maxSteps: Int.max))
        let task = Task {
            try await interpreter.plan(
                source: """
                    print "started"
                    let n = 0
                    for i in range(100000) { for j in range(100000) { for k in range(100000) { n = n + 1 } } }
                    """,
                name: "spin.sgsh")
        }
        // Wait until the script is running, then cancel it.
        for await _ in started.stream { break }
        task.cancel()
        let result = await task.result
        guard case .failure(let error) = result, case .runtime(let failure)? = error as? SgshError else {
            Issue.record("expected a runtime error, got \(result)")
            return
        }
        #expect(failure.kind == .cancelled)
        #expect(failure.message == "script cancelled")
    }
}

/// A host whose first output line signals that the script is running.
struct SignallingHost: Host {
    let continuation: AsyncStream<Void>.Continuation
    func print(_ text: String) { continuation.yield() }
}

@Suite struct GrowthLimitsTests {
    @Test(arguments: [
        "let xs = [1]\nfor i in range(64) { xs = xs + xs }",
        "let s = \"0123456789abcdef\"\nfor i in range(64) { s = s + s }",
        "let s = \"0123456789abcdef\"\nfor i in range(64) { s = \"${s}${s}\" }",
    ])
    func doublingAValueHitsTheStepLimitBeforeMemoryRunsOut(source: String) async {
        do {
            _ = try await Interpreter(host: TestHost(), limits: ExecutionLimits(maxSteps: 1_000_000))
                .plan(source: source, name: "grow.sgsh")
            Issue.record("expected the step limit")
        } catch {
            guard case .runtime(let failure) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(failure.kind == .stepLimitExceeded)
            #expect(failure.range.location.line == 2)
        }
    }
}
