// Audit hygiene findings and outputs: shadowed rules (a wider rule of the same
// group and direction covers them), rules that could be one (sibling CIDRs,
// adjacent ports), and the SARIF 2.1.0 shape.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct AuditTests {
    func hygiene(_ rules: [Rule]) -> [String] {
        Audit.hygiene(rules, .ingress).map { rule, kind in
            switch kind {
            case .shadowed(let wider):
                "shadowed \(SourceWriter.rule(rule, .ingress)) by \(SourceWriter.rule(wider, .ingress))"
            case .mergeable(let others, let merged):
                "merge \(([rule] + others).map { SourceWriter.rule($0, .ingress) }.joined(separator: " + ")) = \(merged)"
            case .policy: "policy"
            case .staleReference: "stale \(SourceWriter.rule(rule, .ingress))"
            case .unusedGroup: "unused"
            }
        }
    }

    @Test func aRuleCoveredByAWiderOneIsShadowed() {
        #expect(
            hygiene([rule("tcp", "443", "10.0.0.0/8"), rule("tcp", "443", "10.1.0.0/16")])
                == ["shadowed tcp 443 from 10.1.0.0/16 by tcp 443 from 10.0.0.0/8"])
        #expect(
            hygiene([rule("tcp", "80-90", "0.0.0.0/0"), rule("all", nil, "0.0.0.0/0")])
                == ["shadowed tcp 80-90 from 0.0.0.0/0 by all from 0.0.0.0/0"])
        #expect(hygiene([rule("tcp", "443", "10.0.0.0/8"), rule("udp", "443", "10.1.0.0/16")]) == [])
        #expect(hygiene([rule("tcp", "443", "10.0.0.0/8"), rule("tcp", "443", "12.0.0.0/8")]) == [])
    }

    @Test func siblingCIDRsAndAdjacentPortsCouldBeOneRule() {
        #expect(
            hygiene([rule("tcp", "22", "0.0.0.0/1"), rule("tcp", "22", "128.0.0.0/1")])
                == ["merge tcp 22 from 0.0.0.0/1 + tcp 22 from 128.0.0.0/1 = tcp 22 from 0.0.0.0/0"])
        #expect(
            hygiene([rule("tcp", "8081", "10.2.0.0/16"), rule("tcp", "8080", "10.2.0.0/16")])
                == ["merge tcp 8081 from 10.2.0.0/16 + tcp 8080 from 10.2.0.0/16 = tcp 8080-8081 from 10.2.0.0/16"])
        // A run of adjacent ports is one finding, not one per pair.
        #expect(
            hygiene([
                rule("tcp", "1001", "10.2.0.0/16"), rule("tcp", "1000", "10.2.0.0/16"),
                rule("tcp", "1002-1010", "10.2.0.0/16"),
            ])
                == [
                    "merge tcp 1001 from 10.2.0.0/16 + tcp 1000 from 10.2.0.0/16 + tcp 1002-1010 from 10.2.0.0/16 = tcp 1000-1010 from 10.2.0.0/16"
                ])
        // Four quarters are one block.
        #expect(
            hygiene(["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26"].map { rule("udp", "53", $0) })
                == [
                    "merge udp 53 from 10.0.0.0/26 + udp 53 from 10.0.0.64/26 + udp 53 from 10.0.0.128/26 + udp 53 from 10.0.0.192/26 = udp 53 from 10.0.0.0/24"
                ])
        #expect(hygiene([rule("tcp", "8080", "10.2.0.0/16"), rule("tcp", "8082", "10.2.0.0/16")]) == [])
        #expect(hygiene([rule("tcp", "22", "10.0.0.0/16"), rule("tcp", "22", "10.2.0.0/16")]) == [])
    }

    @Test func findingsComeFromOneReadOfLiveGroupsAndRenderAsSARIF() async throws {
        let local = LocalBackend.inMemory()
        _ = try await makeGroup(local, "bastion", ingress: [tcp(22, "0.0.0.0/0", "ssh")])
        _ = try await makeGroup(local, "clean", ingress: [tcp(443, "10.0.0.0/8", "internal")])
        let groups = try await local.describeSecurityGroups(.all).filter { $0.groupName != "default" }
        let set = try await policies(#"policy deny ingress tcp 22 from 0.0.0.0/0, ::/0 "no world ssh""#)
        let findings = try Audit.findings(in: groups, policies: set, now: 0)
        #expect(findings.map(\.groupName) == ["bastion"])
        #expect(findings.map(\.ruleId) == ["policy/no world ssh"])
        let sarif = AuditRenderer.sarif(findings, toolVersion: "0.1.0")
        #expect(sarif.contains(#""version": "2.1.0""#))
        #expect(sarif.contains(#""ruleId": "policy/no world ssh""#))
        #expect(sarif.contains(#""level": "error""#))
        #expect(sarif.contains(#""uri": "policy.sgsh""#))
        #expect(AuditRenderer.text([], groupsAudited: 2) == "No findings in 2 groups.\n")
    }
}

@Suite struct StaleReferenceAuditTests {
    func group(_ id: String, owner: String, ingress: [IPPermission]) -> SecurityGroup {
        SecurityGroup(
            groupId: id, groupName: id, description: "", vpcId: "vpc-1", ownerId: owner, ipPermissions: ingress)
    }

    func referencing(_ id: String, user: String? = nil) -> IPPermission {
        IPPermission(
            ipProtocol: "tcp", fromPort: 5432, toPort: 5432,
            userIdGroupPairs: [UserIdGroupPair(groupId: id, userId: user)])
    }

    @Test func aRuleNamingAGroupThatIsGoneIsStaleButAnotherAccountsIsNotJudged() throws {
        let web = group(
            "sg-0000000000000000a", owner: "111111111111",
            ingress: [
                referencing("sg-0000000000000000b"), referencing("sg-000000000000000dd"),
                referencing("sg-000000000000000ee", user: "222222222222"),
            ])
        let existing: Set<String> = ["sg-0000000000000000a", "sg-0000000000000000b"]
        let findings = try Audit.findings(in: [web], policies: PolicySet(), now: 0, existingGroupIds: existing)
        #expect(findings.map(\.ruleId) == ["hygiene/stale-reference"])
        #expect(findings.first?.message.hasSuffix("names a security group that no longer exists") == true)
        #expect(try Audit.findings(in: [web], policies: PolicySet(), now: 0).isEmpty)
    }
}
