// The stdlib `cis` module: CIS AWS Foundations 5.2 and 5.3 (no world SSH or
// RDP, IPv4 and IPv6) and 5.4 (the default group allows nothing), as policies.

import SgshModel
import Testing

@testable import SgshKit

@Suite struct CISPolicyTests {
    func caught(_ rules: [Direction: [Rule]], named name: String = "web") async throws -> [String] {
        let set = try await policies(#"use "cis""#)
        let group = PolicyGroupState(
            target: .id("sg-0abc"), name: name, rules: rules.mapValues { $0.map { PolicyRule(rule: $0) } })
        return PolicyCheck(set, now: 0).violations(in: [group]).map { String($0.policy.name.prefix(7)) }
    }

    @Test func worldAdministrationPortsBreak52And53() async throws {
        #expect(try await caught([.ingress: [rule("tcp", "22", "0.0.0.0/0")]]) == ["cis-5.2"])
        #expect(try await caught([.ingress: [rule("tcp", "3000-4000", "::/0")]]) == ["cis-5.3"])
        #expect(try await caught([.ingress: [rule("udp", "3389", "0.0.0.0/0")]]) == ["cis-5.2"])
        #expect(try await caught([.ingress: [rule("all", nil, "0.0.0.0/0")]]) == ["cis-5.2"])
        #expect(try await caught([.ingress: [rule("tcp", "22", "10.0.0.0/8"), rule("tcp", "443", "0.0.0.0/0")]]) == [])
    }

    @Test func theDefaultGroupAllowsNothing() async throws {
        let rules: [Direction: [Rule]] = [
            .ingress: [rule("all", nil, "sg-0abc")], .egress: [rule("all", nil, "0.0.0.0/0")],
        ]
        #expect(try await caught(rules, named: "default") == ["cis-5.4", "cis-5.4"])
        #expect(try await caught(rules, named: "web") == [])
        #expect(try await caught([:], named: "default") == [])
    }
}
