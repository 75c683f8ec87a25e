import Foundation
import SgshLocal
import SgshModel
import Testing

@Suite struct LocalBackendTests {
    private func code(of body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as BackendError {
            return error.code
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func freshStoreHasADefaultVPCWithItsDefaultGroup() async throws {
        let backend = LocalBackend.inMemory()
        let vpc = try await backend.defaultVPCId()
        #expect(ResourceID.isVPCID(vpc))
        let groups = try await backend.describeSecurityGroups(.all)
        let group = try #require(groups.first)
        #expect(groups.count == 1)
        #expect(group.groupName == "default")
        #expect(group.vpcId == vpc)
        #expect(group.groupId.count == 20)
        let selfReference = UserIdGroupPair(groupId: group.groupId, userId: "000000000000")
        #expect(group.ipPermissions == [IPPermission(ipProtocol: "-1", userIdGroupPairs: [selfReference])])
        #expect(group.ipPermissionsEgress == [IPPermission(ipProtocol: "-1", ipRanges: [IPRange(cidrIp: "0.0.0.0/0")])])
        #expect(
            await code { try await backend.deleteSecurityGroup(groupId: group.groupId, dryRun: false) }
                == "CannotDelete")
    }

    @Test func newGroupGetsTheDefaultEgressRuleAndRuleIDs() async throws {
        let backend = LocalBackend.inMemory()
        let id = try await backend.createSecurityGroup(
            name: "web", description: "web tier", vpcId: nil, tags: [], dryRun: false)
        let rules = try await backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
        let rule = try #require(rules.first)
        #expect(rules.count == 1)
        #expect(rule.isEgress && rule.ipProtocol == "-1" && rule.cidrIpv4 == "0.0.0.0/0")
        #expect(rule.fromPort == -1 && rule.toPort == -1)
        #expect(rule.securityGroupRuleId.hasPrefix("sgr-") && rule.securityGroupRuleId.count == 21)
    }

    @Test func hostBitsAreMaskedAndTheCanonicalFormIsADuplicate() async throws {
        let backend = LocalBackend.inMemory()
        let id = try await backend.createSecurityGroup(
            name: "db", description: "db", vpcId: nil, tags: [], dryRun: false)
        let loose = IPPermission(
            ipProtocol: "TCP", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "100.68.0.18/18")])
        let added = try await backend.authorize(.ingress, groupId: id, permissions: [loose], tags: [], dryRun: false)
        #expect(added.map(\.cidrIpv4) == ["100.68.0.0/18"])
        #expect(added.map(\.ipProtocol) == ["tcp"])
        let canonical = IPPermission(
            ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "100.68.0.0/18")])
        let error = await #expect(throws: BackendError.self) {
            try await backend.authorize(.ingress, groupId: id, permissions: [canonical], tags: [], dryRun: false)
        }
        #expect(error?.code == "InvalidPermission.Duplicate")
        #expect(
            error?.message
                == "the specified rule \"peer: 100.68.0.0/18, TCP, from port: 22, to port: 22, ALLOW\" already exists")
    }
}
