// ExecutionLimits.maxValueBytes through the public API: a host function that
// returns more than the limit, and a script that grows a string, both stop
// with value-size-exceeded at the expression, and nothing is planned.

import SgshKit
import SgshModel
import Testing

@Suite struct EmbeddingLimitsTests {
    static func interpreter(maxValueBytes: Int) -> Interpreter {
        var builtins = BuiltinSet.standard
        // A host function whose answer size the script controls.
        builtins.register("names", arity: 1...1) { args in
            .list((0..<(try args.int(0))).map { .string("name-\($0)") })
        }
        // One that asks before building.
        builtins.register("careful_names", arity: 1...1) { args in
            let count = try args.int(0)
            try args.reserve(bytes: count * 32)
            return .list((0..<count).map { .string("name-\($0)") })
        }
        return Interpreter(
            host: BufferHost(), limits: ExecutionLimits(maxValueBytes: maxValueBytes), builtins: builtins)
    }

    static func runtimeError(_ source: String, maxValueBytes: Int) async -> RuntimeError? {
        do {
            _ = try await interpreter(maxValueBytes: maxValueBytes).plan(source: source, name: "limits.sgsh")
            return nil
        } catch {
            guard case .runtime(let failure) = error else { return nil }
            return failure
        }
    }

    @Test func aHostFunctionResultOverTheLimitStopsTheScript() async {
        let error = await Self.runtimeError(
            "sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8\nlet n = names(100000)", maxValueBytes: 64 * 1024)
        #expect(error?.kind == .valueSizeExceeded)
        #expect(error?.message == "value size limit of 65536 bytes exceeded (a string or list this large)")
        #expect(error?.range.location.line == 2)
    }

    @Test func aHostFunctionCanAskBeforeBuilding() async {
        let error = await Self.runtimeError("let n = careful_names(100000)", maxValueBytes: 64 * 1024)
        #expect(error?.kind == .valueSizeExceeded)
    }

    @Test func smallResultsPass() async {
        #expect(await Self.runtimeError("let n = names(10)\nprint len(n)", maxValueBytes: 64 * 1024) == nil)
    }

    @Test func aGrowingStringStops() async {
        let error = await Self.runtimeError(
            "let s = \"abcdefgh\"\nfor i in range(64) { s = s + s }", maxValueBytes: 1 << 20)
        #expect(error?.kind == .valueSizeExceeded)
    }
}
