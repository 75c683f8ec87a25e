// One validator per rule fact: a bad value written as a literal (reported by
// `check`) and the same value computed while the script runs (a runtime error)
// get the same message and hint.

import Testing

@testable import SgshKit

@Suite struct RuleFactsParityTests {
    /// A literal rule and the same rule with the bad part held in a variable.
    struct Pair: CustomTestStringConvertible, Sendable {
        let name: String
        let literal: String
        let computed: String
        var testDescription: String { name }
    }

    static let pairs: [Pair] = [
        Pair(
            name: "port",
            literal: "sg sg-0a1 ingress allow tcp 70000 from 10.0.0.0/8",
            computed: "let p = 70000\nsg sg-0a1 ingress allow tcp $p from 10.0.0.0/8"),
        Pair(
            name: "port range backwards",
            literal: "sg sg-0a1 ingress allow tcp 9000-8000 from 10.0.0.0/8",
            computed: "let p = \"9000-8000\"\nsg sg-0a1 ingress allow tcp $p from 10.0.0.0/8"),
        Pair(
            name: "protocol number",
            literal: "sg sg-0a1 ingress allow 300 from 10.0.0.0/8",
            computed: "let p = 300\nsg sg-0a1 ingress allow $p from 10.0.0.0/8"),
        Pair(
            name: "ICMP type",
            literal: "sg sg-0a1 ingress allow icmp 256 from 10.0.0.0/8",
            computed: "let t = 256\nsg sg-0a1 ingress allow icmp $t from 10.0.0.0/8"),
        Pair(
            name: "ICMP type:code",
            literal: "sg sg-0a1 ingress allow icmp 3:300 from 10.0.0.0/8",
            computed: "let t = \"3:300\"\nsg sg-0a1 ingress allow icmp $t from 10.0.0.0/8"),
        Pair(
            name: "ICMP name of the other family",
            literal: "sg sg-0a1 ingress allow icmp neighbor-solicitation from 10.0.0.0/8",
            computed: "let t = \"neighbor-solicitation\"\nsg sg-0a1 ingress allow icmp $t from 10.0.0.0/8"),
        Pair(
            name: "CIDR with host bits",
            literal: "sg sg-0a1 ingress allow tcp 22 from 10.0.0.1/8",
            computed: "let c = \"10.0.0.1/8\"\nsg sg-0a1 ingress allow tcp 22 from $c"),
        Pair(
            name: "peer",
            literal: "sg sg-0a1 ingress allow tcp 22 from \"bogus\"",
            computed: "let c = \"bogus\"\nsg sg-0a1 ingress allow tcp 22 from $c"),
        Pair(
            name: "group id",
            literal: "sg \"nope\" ingress allow tcp 22 from 10.0.0.0/8",
            computed: "let g = \"nope\"\nsg $g ingress allow tcp 22 from 10.0.0.0/8"),
        Pair(
            name: "description",
            literal: "sg sg-0a1 ingress allow tcp 22 from 10.0.0.0/8 \"it's\"",
            computed: "let d = \"it's\"\nsg sg-0a1 ingress allow tcp 22 from 10.0.0.0/8 \"${d}\""),
        Pair(
            name: "ports for a protocol without ports",
            literal: "sg sg-0a1 ingress allow all 22 from 10.0.0.0/8",
            computed: "let p = \"all\"\nsg sg-0a1 ingress allow $p 22 from 10.0.0.0/8"),
    ]

    @Test(arguments: pairs)
    func literalAndComputedValuesGetTheSameMessage(_ pair: Pair) async throws {
        let interpreter = Interpreter(host: TestHost())
        let diagnostics = interpreter.check(source: pair.literal, name: "literal.sgsh")
        let written = try #require(diagnostics.first, "check accepted \(pair.literal)")
        #expect(diagnostics.count == 1)

        #expect(interpreter.check(source: pair.computed, name: "computed.sgsh").isEmpty)
        var computed: RuntimeError?
        do {
            _ = try await interpreter.plan(source: pair.computed, name: "computed.sgsh")
        } catch {
            if case .runtime(let failure) = error { computed = failure }
        }
        let failure = try #require(computed, "running \(pair.computed) did not fail at run time")
        #expect(failure.message == written.message)
        #expect(failure.hint == written.hint)
    }
}
