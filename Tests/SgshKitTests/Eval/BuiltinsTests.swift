import SgshModel
import Testing

@testable import SgshKit

@Suite struct BuiltinsTests {
    func call(_ name: String, _ arguments: [Value], host: any Host = TestHost()) async throws -> Value {
        let builtin = try #require(BuiltinSet.standard[name])
        return try await builtin.body(Arguments(function: name, values: arguments, host: host, meter: nil))
    }

    @Test(
        arguments: [
            ("len", [Value.list([1, 2])], Value.int(2)),
            ("len", ["héllo"], 5),
            ("range", [3], [0, 1, 2]),
            ("range", [-2, 2], [-2, -1, 0, 1]),
            ("range", [5, 0, -2], [5, 3, 1]),
            ("range", [Value.int(Int.min), Value.int(Int.min + 2)], [.int(Int.min), .int(Int.min + 1)]),
            ("str", [.cidr(CIDR("10.0.0.0/8")!)], "10.0.0.0/8"),
            ("str", [["a", 1]], "[\"a\", 1]"),
            ("type", [.portRange(PortRange(from: 1, to: 2)!)], "port range"),
            ("type", [.prefixList("pl-0a")], "prefix list"),
            ("aggregate", [["10.0.0.0/9", .cidr(CIDR("10.128.0.0/9")!)]], [.cidr(CIDR("10.0.0.0/8")!)]),
            (
                "subtract", [.cidr(CIDR("10.0.0.0/30")!), "10.0.0.2"],
                [.cidr(CIDR("10.0.0.0/31")!), .cidr(CIDR("10.0.0.3")!)]
            ),
            ("overlaps", ["10.0.0.0/8", "10.255.0.0/16"], true),
            ("overlaps", ["10.0.0.0/8", "::/0"], false),
            ("contains", [["10.0.0.0/8", "192.168.0.0/16"], ["10.1.0.0/16", "192.168.1.1"]], true),
            ("contains", ["10.0.0.0/8", ["10.1.0.0/16", "11.0.0.0/8"]], false),
            ("now", [], 1_700_000_000),
        ] as [(String, [Value], Value)])
    func returns(name: String, arguments: [Value], expected: Value) async throws {
        #expect(try await call(name, arguments) == expected)
    }

    @Test(
        arguments: [
            ("len", [Value.int(1)], "len: argument 1 must be a list or a string, not int"),
            ("range", ["x"], "range: argument 1 must be an int, not string"),
            ("range", [1, 2, 0], "range: step must not be zero"),
            ("aggregate", [["10.0.0.0/8", 3]], "aggregate: argument 1 must be a CIDR or a list of CIDRs, not list"),
            (
                "subtract", ["10.0.0.1/8", "10.0.0.0/9"],
                "subtract: argument 1 must be a CIDR or a list of CIDRs, not string"
            ),
            ("env", [.nil], "env: argument 1 must be a string, not nil"),
        ] as [(String, [Value], String)])
    func rejectsWrongArgumentsUniformly(name: String, arguments: [Value], message: String) async {
        await #expect(throws: ArgumentError(function: name, String(message.dropFirst(name.count + 2)))) {
            try await call(name, arguments)
        }
    }

    @Test func envFailsUnlessTheHostGrantsIt() async throws {
        let denied = TestHost(grantsEnvironment: false)
        await #expect(throws: ArgumentError(function: "env", "the host does not allow reading the environment")) {
            try await call("env", ["STAGE"], host: denied)
        }
        #expect(try await call("env", ["STAGE"]) == "prod")
        #expect(try await call("env", ["UNSET", "x"]) == "x")
    }

    @Test func arityIsCheckedBeforeTheBodyRuns() async {
        var builtins = BuiltinSet()
        builtins.register("pair", arity: 2...2) { _ in
            Issue.record("the body must not run")
            return .nil
        }
        let interpreter = Interpreter(host: TestHost(), builtins: builtins)
        // The resolver reports a direct call; a call through a variable is caught at run time.
        do {
            _ = try await interpreter.plan(source: "let p = pair\np(1)", name: "arity.sgsh")
            Issue.record("expected an error")
        } catch {
            guard case .runtime(let failure) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(failure.message == "'pair' takes 2 arguments, got 1")
            #expect(failure.kind == .argument)
        }
    }

    @Test func aSandboxWithoutABuiltinCannotNameIt() {
        var builtins = BuiltinSet.standard
        builtins.remove("env")
        let diagnostics = Interpreter(host: TestHost(), builtins: builtins).check(
            source: "print env(\"HOME\")", name: "s.sgsh")
        #expect(diagnostics.map(\.id) == [.undefinedName])
    }

    @Test(
        arguments: [
            (0...0, "takes 0 arguments"), (1...1, "takes 1 argument"), (1...3, "takes 1 to 3 arguments"),
            (2...Int.max, "takes at least 2 arguments"),
        ] as [(ClosedRange<Int>, String)])
    func describesArity(arity: ClosedRange<Int>, text: String) {
        #expect(Builtin("f", arity: arity) { _ in .nil }.arityText == text)
    }

    /// The resolver knows every standard builtin (it once lacked str, type and now).
    @Test func checkAcceptsEveryStandardBuiltin() {
        let interpreter = Interpreter(host: TestHost())
        #expect(interpreter.check(source: "print str(1), type(1), now()", name: "b.sgsh").isEmpty)
        let wrongArity = interpreter.check(source: "print str(1, 2)", name: "b.sgsh")
        #expect(wrongArity.map(\.id) == [.argumentCount])
    }
}
