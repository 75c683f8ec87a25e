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
        // Issue 17: what EC2 refuses, written and computed.
        Pair(
            name: "group name starting sg-",
            literal: "let g = sg create \"sg-web\" \"web\"",
            computed: "let n = \"sg-\" + \"web\"\nlet g = sg create $n \"web\""),
        Pair(
            name: "empty group name",
            literal: "let g = sg create \"\" \"web\"",
            computed: "let n = \"\"\nlet g = sg create $n \"web\""),
        Pair(
            name: "non-ASCII group name",
            literal: "let g = sg create \"café\" \"web\"",
            computed: "let n = \"caf\" + \"é\"\nlet g = sg create $n \"web\""),
        Pair(
            name: "group name over 255 characters",
            literal: "let g = sg create \"\(String(repeating: "a", count: 256))\" \"web\"",
            computed: "let n = \"\(String(repeating: "a", count: 128))\"\nlet g = sg create ($n + $n) \"web\""),
        Pair(
            name: "empty group description",
            literal: "let g = sg create \"web\" \"\"",
            computed: "let d = \"\"\nlet g = sg create \"web\" $d"),
        Pair(
            name: "group description apostrophe",
            literal: "let g = sg create \"web\" \"it's\"",
            computed: "let d = \"it\" + \"'s\"\nlet g = sg create \"web\" $d"),
        Pair(
            name: "& in a group rule's description",
            literal: "sg sg-0a1 ingress allow tcp 22 from sg-0b2 \"a & b\"",
            computed: "let d = \"a & b\"\nsg sg-0a1 ingress allow tcp 22 from sg-0b2 $d"),
        Pair(
            name: "& in a prefix-list rule's description",
            literal: "sg sg-0a1 ingress allow tcp 22 from pl-0b2 \"a & b\"",
            computed: "let p = \"pl-0b2\"\nsg sg-0a1 ingress allow tcp 22 from $p \"a & b\""),
        Pair(
            name: "long tag value",
            literal: "sg sg-0a1 tag k=\"\(String(repeating: "v", count: 257))\"",
            computed: "let v = \"\(String(repeating: "v", count: 257))\"\nsg sg-0a1 tag k=$v"),
        Pair(
            name: "leading zeros in a CIDR",
            literal: "sg sg-0a1 ingress allow tcp 22 from 10.0.0.0/08",
            computed: "let c = \"10.0.0.0/08\"\nsg sg-0a1 ingress allow tcp 22 from $c"),
        Pair(
            name: "the same rule twice in a block",
            literal: "sg sg-0a1 ingress {\n allow tcp 22 from 10.0.0.0/8 \"a\"\n allow tcp 22 from 10.0.0.0/8 \"b\"\n}",
            computed:
                "let c = 10.0.0.0/8\nsg sg-0a1 ingress {\n allow tcp 22 from $c \"a\"\n allow tcp 22 from $c \"b\"\n}"),
        Pair(
            name: "a rule before an exactly block",
            literal:
                "sg sg-0a1 ingress allow tcp 22 from 10.0.0.0/8\nsg sg-0a1 ingress exactly {\n allow tcp 443 from ::/0\n}",
            computed:
                "let g = sg-0a1\nsg $g ingress allow tcp 22 from 10.0.0.0/8\nlet h = sg-0a1\nsg $h ingress exactly {\n allow tcp 443 from ::/0\n}"
        ),
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
