import SgshLocal
import SgshModel
import Testing

/// A thousand rules in one call and one describe (batched inserts, one scan per group).
@Suite struct LocalBackendScaleTests {
    @Test func aThousandPermissionsInOneCallAndOneDescribe() async throws {
        let backend = LocalBackend.inMemory(limits: .init(rulesPerDirection: 2000))
        let id = try await backend.createSecurityGroup(
            name: "big", description: "big", vpcId: nil, tags: [], dryRun: false)
        let permissions = (0..<1000).map { index in
            IPPermission(
                ipProtocol: "tcp", fromPort: 1000 + index % 50, toPort: 1000 + index % 50,
                ipRanges: [IPRange(cidrIp: "10.\(index / 256).\(index % 256).0/24", description: "rule \(index)")])
        }
        let added = try await backend.authorize(
            .ingress, groupId: id, permissions: permissions, tags: [], dryRun: false)
        let group = try #require(try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [id])).first)
        #expect(added.count == 1000)
        #expect(Set(added.map(\.securityGroupRuleId)).count == 1000)
        #expect(group.ipPermissions.count == 50)
        #expect(try group.rules(.ingress).count == 1000)
        let rules = try await backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
        #expect(rules.count == 1001)
    }
}
