import SgshLocal
import SgshModel
import Testing

/// EC2 behaviour the conformance suite cannot reach through the protocol alone:
/// non-default VPCs, configured quotas, exact messages.
@Suite struct LocalBackendBehaviourTests {
    private func tcp(_ port: Int, _ cidrs: String...) -> IPPermission {
        IPPermission(ipProtocol: "tcp", fromPort: port, toPort: port, ipRanges: cidrs.map { IPRange(cidrIp: $0) })
    }

    @Test func revokeOfAnUnknownRuleFailsOutsideTheDefaultVPC() async throws {
        let backend = LocalBackend.inMemory()
        let vpc = try await backend.createVPC()
        let id = try await backend.createSecurityGroup(
            name: "app", description: "app", vpcId: vpc, tags: [], dryRun: false)
        _ = try await backend.authorize(
            .ingress, groupId: id, permissions: [tcp(22, "10.0.0.0/8")], tags: [], dryRun: false)
        let error = await #expect(throws: BackendError.self) {
            try await backend.revoke(
                .ingress, groupId: id, permissions: [tcp(22, "10.0.0.0/8", "10.9.0.0/16")], dryRun: false)
        }
        #expect(error?.code == "InvalidPermission.NotFound")
        // Nothing was revoked: the call is all-or-nothing.
        let rules = try await backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
        #expect(rules.filter { !$0.isEgress }.map(\.cidrIpv4) == ["10.0.0.0/8"])
    }

    @Test func aNonDefaultVPCHasItsOwnDefaultGroupAndNamespace() async throws {
        let backend = LocalBackend.inMemory()
        let vpc = try await backend.createVPC(ipv6: true)
        let one = try await backend.createSecurityGroup(
            name: "web", description: "web", vpcId: nil, tags: [], dryRun: false)
        let two = try await backend.createSecurityGroup(
            name: "web", description: "web", vpcId: vpc, tags: [], dryRun: false)
        #expect(one != two)
        let inVPC = try await backend.describeSecurityGroups(
            SecurityGroupQuery(filters: [.init(name: "vpc-id", values: [vpc])]))
        #expect(Set(inVPC.map(\.groupName)) == ["default", "web"])
        // A group in an IPv6 VPC also allows all egress to ::/0 (EC2-FACTS §2, moto 6).
        let group = try #require(inVPC.first { $0.groupId == two })
        #expect(
            group.ipPermissionsEgress == [
                IPPermission(
                    ipProtocol: "-1", ipRanges: [IPRange(cidrIp: "0.0.0.0/0")],
                    ipv6Ranges: [IPv6Range(cidrIpv6: "::/0")])
            ])
        // Names address groups in the default VPC only.
        let byName = try await backend.describeSecurityGroups(SecurityGroupQuery(groupNames: ["web"]))
        #expect(byName.map(\.groupId) == [one])
        let duplicate = await #expect(throws: BackendError.self) {
            try await backend.createSecurityGroup(
                name: "WEB", description: "names are case-insensitive", vpcId: vpc, tags: [], dryRun: false)
        }
        #expect(duplicate?.code == "InvalidGroup.Duplicate")
        let unknownVPC = await #expect(throws: BackendError.self) {
            try await backend.createSecurityGroup(
                name: "x", description: "x", vpcId: "vpc-0123", tags: [], dryRun: false)
        }
        #expect(unknownVPC?.code == "InvalidVpcID.NotFound")
    }

    @Test(arguments: [1, 5, 200])
    func theRuleQuotaIsConfigurable(limit: Int) async throws {
        let backend = LocalBackend.inMemory(limits: .init(rulesPerDirection: limit))
        let id = try await backend.createSecurityGroup(name: "q", description: "q", vpcId: nil, tags: [], dryRun: false)
        let cidrs = (0..<limit).map { "10.0.\($0 / 256).\($0 % 256)/32" }
        let full = IPPermission(
            ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: cidrs.map { IPRange(cidrIp: $0) })
        _ = try await backend.authorize(.ingress, groupId: id, permissions: [full], tags: [], dryRun: false)
        let error = await #expect(throws: BackendError.self) {
            try await backend.authorize(
                .ingress, groupId: id, permissions: [tcp(22, "192.0.2.0/24")], tags: [], dryRun: false)
        }
        #expect(error?.code == "RulesPerSecurityGroupLimitExceeded")
        #expect(error?.category == .limitExceeded)
    }

    @Test func theGroupQuotaIsConfigurable() async throws {
        // The default VPC's default group counts as one of the two.
        let backend = LocalBackend.inMemory(limits: .init(securityGroups: 2))
        _ = try await backend.createSecurityGroup(name: "a", description: "a", vpcId: nil, tags: [], dryRun: false)
        let error = await #expect(throws: BackendError.self) {
            try await backend.createSecurityGroup(name: "b", description: "b", vpcId: nil, tags: [], dryRun: false)
        }
        #expect(error?.code == "SecurityGroupLimitExceeded")
    }

    @Test(arguments: [
        (IPPermission(ipProtocol: "-1", ipRanges: [IPRange(cidrIp: "0.0.0.0/0")]), "peer: 0.0.0.0/0, ALL, ALLOW"),
        (
            IPPermission(ipProtocol: "50", fromPort: -1, toPort: -1, ipRanges: [IPRange(cidrIp: "0.0.0.0/0")]),
            "peer: 0.0.0.0/0, protocol: 50, ALLOW"
        ),
        (
            IPPermission(ipProtocol: "udp", fromPort: 53, toPort: 53, ipRanges: [IPRange(cidrIp: "10.0.0.0/8")]),
            "peer: 10.0.0.0/8, UDP, from port: 53, to port: 53, ALLOW"
        ),
    ])
    func duplicateMessagesQuoteTheRuleAsEC2Does(permission: IPPermission, quoted: String) async throws {
        let backend = LocalBackend.inMemory()
        let id = try await backend.createSecurityGroup(name: "d", description: "d", vpcId: nil, tags: [], dryRun: false)
        _ = try await backend.authorize(.ingress, groupId: id, permissions: [permission], tags: [], dryRun: false)
        let error = await #expect(throws: BackendError.self) {
            try await backend.authorize(.ingress, groupId: id, permissions: [permission], tags: [], dryRun: false)
        }
        #expect(error?.message == "the specified rule \"\(quoted)\" already exists")
    }

    @Test func aDryRunAuthorizeStillReportsADuplicate() async throws {
        // DryRun answers "would have succeeded" only when the call would have.
        let backend = LocalBackend.inMemory()
        let id = try await backend.createSecurityGroup(name: "d", description: "d", vpcId: nil, tags: [], dryRun: false)
        _ = try await backend.authorize(
            .ingress, groupId: id, permissions: [tcp(22, "10.0.0.0/8")], tags: [], dryRun: false)
        let error = await #expect(throws: BackendError.self) {
            try await backend.authorize(
                .ingress, groupId: id, permissions: [tcp(22, "10.0.0.0/8")], tags: [], dryRun: true)
        }
        #expect(error?.code == "InvalidPermission.Duplicate")
    }

    @Test func groupReferencesByNameResolveToIds() async throws {
        let backend = LocalBackend.inMemory()
        let app = try await backend.createSecurityGroup(
            name: "app", description: "app", vpcId: nil, tags: [], dryRun: false)
        let db = try await backend.createSecurityGroup(
            name: "db", description: "db", vpcId: nil, tags: [], dryRun: false)
        let byName = IPPermission(
            ipProtocol: "tcp", fromPort: 5432, toPort: 5432, userIdGroupPairs: [UserIdGroupPair(groupName: "app")])
        let added = try await backend.authorize(.ingress, groupId: db, permissions: [byName], tags: [], dryRun: false)
        #expect(added.map(\.referencedGroupId) == [app])
        #expect(added.map(\.referencedUserId) == [backend.ownerId])
    }

    @Test func deletingAGroupRemovesItsRulesAndTags() async throws {
        let backend = LocalBackend.inMemory()
        let id = try await backend.createSecurityGroup(
            name: "tmp", description: "tmp", vpcId: nil, tags: [Tag(key: "a", value: "b")], dryRun: false)
        let rules = try await backend.authorize(
            .ingress, groupId: id, permissions: [tcp(22, "10.0.0.0/8")], tags: [Tag(key: "r", value: "1")],
            dryRun: false)
        try await backend.deleteSecurityGroup(groupId: id, dryRun: false)
        let error = await #expect(throws: BackendError.self) {
            try await backend.describeSecurityGroupRules(groupId: nil, ruleIds: rules.map(\.securityGroupRuleId))
        }
        #expect(error?.code == "InvalidSecurityGroupRuleId.NotFound")
        let tagged = try await backend.describeSecurityGroups(
            SecurityGroupQuery(filters: [.init(name: "tag-key", values: ["a"])]))
        #expect(tagged.isEmpty)
    }
}
