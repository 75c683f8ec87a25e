import Testing

@testable import SgshModel

/// The resource over a scripted backend: which calls it makes and what it returns.
@Suite struct SecurityGroupResourceTests {
    /// Answers describe with one fixed group and records every call.
    actor ScriptedBackend: SecurityGroupBackend {
        nonisolated var displayName: String { "scripted" }
        let group: SecurityGroup?
        private(set) var calls: [String] = []

        init(group: SecurityGroup?) { self.group = group }

        func createSecurityGroup(
            name: String, description: String, vpcId: String?, tags: [SgshModel.Tag], dryRun: Bool
        ) async throws -> String {
            calls.append("create \(name)")
            return "sg-1"
        }
        func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
            calls.append("delete \(groupId) dryRun=\(dryRun)")
        }
        func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
            calls.append("describe \(query.groupIds)")
            return group.map { [$0] } ?? []
        }
        func authorize(
            _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [SgshModel.Tag], dryRun: Bool
        ) async throws
            -> [SecurityGroupRule]
        {
            calls.append("authorize \(direction) \(groupId) \(permissions.count) tags=\(tags.count)")
            return [
                SecurityGroupRule(
                    securityGroupRuleId: "sgr-1", groupId: groupId, isEgress: direction == .egress, ipProtocol: "tcp")
            ]
        }
        func revoke(
            _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
        ) async throws -> RevokeResult {
            calls.append("revoke \(direction) \(groupId) \(permissions.count)")
            return RevokeResult(unknownIpPermissions: permissions)
        }
        func revoke(
            _ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool
        ) async throws -> RevokeResult {
            calls.append("revoke \(direction) \(groupId) \(ruleIds)")
            return RevokeResult(revokedRuleIds: ruleIds)
        }
        func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] { [] }
        func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] { [] }
        func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] { [] }
        func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {}
        func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission]) async throws {
        }
        func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {}
        func createTags(resourceIds: [String], tags: [SgshModel.Tag], dryRun: Bool) async throws {
            calls.append("tag \(resourceIds) \(tags)")
        }
        func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
            calls.append("untag \(resourceIds) \(tags.map(\.key))")
        }
    }

    static let web = SecurityGroup(
        groupId: "sg-0abc", groupName: "web", description: "web tier", vpcId: "vpc-1", ownerId: "123456789012",
        ipPermissions: [
            IPPermission(ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IPRange(cidrIp: "0.0.0.0/0")])
        ],
        ipPermissionsEgress: [IPPermission(ipProtocol: "-1", ipRanges: [IPRange(cidrIp: "0.0.0.0/0")])],
        tags: [SgshModel.Tag(key: "Name", value: "web")])

    @Test func attributesAreEmptyUntilLoadedThenComeFromDescribe() async throws {
        let backend = ScriptedBackend(group: Self.web)
        var group = backend.securityGroup(id: "sg-0abc")
        #expect(!group.isLoaded && group.groupName == nil && group.ipPermissions.isEmpty)
        #expect(group.groupId == "sg-0abc")
        #expect(await backend.calls.isEmpty)
        try await group.load()
        #expect(group.groupName == "web" && group.description == "web tier")
        #expect(group.vpcId == "vpc-1" && group.ownerId == "123456789012")
        #expect(
            group.ipPermissions == Self.web.ipPermissions && group.ipPermissionsEgress == Self.web.ipPermissionsEgress)
        #expect(group.tags == [SgshModel.Tag(key: "Name", value: "web")])
        try await group.reload()
        #expect(await backend.calls == ["describe [\"sg-0abc\"]", "describe [\"sg-0abc\"]"])
    }

    @Test func loadingAGroupTheBackendDoesNotReturnIsNotFound() async throws {
        var group = SecurityGroupResource(id: "sg-0abc", backend: ScriptedBackend(group: nil))
        let error = await #expect(throws: BackendError.self) { try await group.load() }
        #expect(error?.code == "InvalidGroup.NotFound")
        #expect(error?.category == .notFound)
    }

    @Test func actionsCallTheBackendOnceEachAndReturnWhatItReturned() async throws {
        let backend = ScriptedBackend(group: Self.web)
        let group = backend.securityGroup(id: "sg-0abc")
        let ssh = IPPermission(ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "10.0.0.0/8")])
        let added = try await group.authorizeIngress(
            permissions: [ssh, ssh], tags: [SgshModel.Tag(key: "k", value: "v")])
        #expect(added.return && added.rules.map(\.securityGroupRuleId) == ["sgr-1"])
        let out = try await group.authorizeEgress(permissions: [ssh])
        #expect(out.rules.map(\.isEgress) == [true])
        let revoked = try await group.revokeIngress(permissions: [ssh])
        #expect(revoked.return && revoked.unknownIpPermissions == [ssh])
        let byId = try await group.revokeEgress(ruleIds: ["sgr-1"])
        #expect(byId.revokedRuleIds == ["sgr-1"] && byId.unknownIpPermissions.isEmpty)
        #expect(
            try await group.createTags([SgshModel.Tag(key: "a", value: "b")]) == [SgshModel.Tag(key: "a", value: "b")])
        try await group.deleteTags([TagSelector(key: "a")])
        try await group.delete(dryRun: true)
        #expect(group.availableSubresources.isEmpty)
        #expect(
            await backend.calls == [
                "authorize ingress sg-0abc 2 tags=1", "authorize egress sg-0abc 1 tags=0", "revoke ingress sg-0abc 1",
                "revoke egress sg-0abc [\"sgr-1\"]", "tag [\"sg-0abc\"] [a=b]", "untag [\"sg-0abc\"] [\"a\"]",
                "delete sg-0abc dryRun=true",
            ])
    }
}
