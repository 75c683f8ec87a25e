// A target's groups as its reads returned them, until its first change: the
// plan then does not read again a group the script's `sg lookup` has just
// read (a baseline target needs two describes, not three — at 17,000 targets
// that is 17,000 calls). Any call that may change something empties the
// cache first, so the executor's reconcile, its rollback and `show` always
// read the live state. Only reads by group id are answered from the cache,
// and only when every id asked for is in it.

import Foundation
import SgshModel

final class ReadUntilChangeCache: SecurityGroupBackend, @unchecked Sendable {
    let base: any SecurityGroupBackend
    private let lock = NSLock()
    private var groups: [String: SecurityGroup] = [:]

    init(_ base: any SecurityGroupBackend) { self.base = base }

    var displayName: String { base.displayName }

    private func forget() { lock.withLock { groups = [:] } }

    func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        if query.groupNames.isEmpty, query.filters.isEmpty, !query.groupIds.isEmpty {
            let cached = lock.withLock { query.groupIds.compactMap { groups[$0] } }
            if cached.count == query.groupIds.count { return cached }
        }
        let answer = try await base.describeSecurityGroups(query)
        lock.withLock { for group in answer { groups[group.groupId] = group } }
        return answer
    }

    func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        try await base.describeNetworkInterfaces(groupIds: groupIds)
    }

    func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {
        try await base.modifyNetworkInterfaceGroups(networkInterfaceId: networkInterfaceId, groupIds: groupIds)
    }

    func describeSecurityGroupRules(groupIds: [String], taggedWith: String?) async throws
        -> [SecurityGroupRule]
    {
        try await base.describeSecurityGroupRules(groupIds: groupIds, taggedWith: taggedWith)
    }

    func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        try await base.describeSecurityGroupRules(groupId: groupId, ruleIds: ruleIds)
    }

    func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        try await base.describeManagedPrefixLists(ids: ids)
    }

    func createSecurityGroup(name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool)
        async throws -> String
    {
        forget()
        return try await base.createSecurityGroup(
            name: name, description: description, vpcId: vpcId, tags: tags, dryRun: dryRun)
    }

    func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
        forget()
        try await base.deleteSecurityGroup(groupId: groupId, dryRun: dryRun)
    }

    func authorize(_ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool)
        async throws -> [SecurityGroupRule]
    {
        forget()
        return try await base.authorize(
            direction, groupId: groupId, permissions: permissions, tags: tags, dryRun: dryRun)
    }

    func revoke(_ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool) async throws
        -> RevokeResult
    {
        forget()
        return try await base.revoke(direction, groupId: groupId, permissions: permissions, dryRun: dryRun)
    }

    func revoke(_ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool) async throws
        -> RevokeResult
    {
        forget()
        return try await base.revoke(direction, groupId: groupId, ruleIds: ruleIds, dryRun: dryRun)
    }

    func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission]) async throws {
        forget()
        try await base.updateRuleDescriptions(direction, groupId: groupId, permissions: permissions)
    }

    func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {
        forget()
        try await base.modifySecurityGroupRules(groupId: groupId, updates: updates)
    }

    func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws {
        forget()
        try await base.createTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun)
    }

    func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
        forget()
        try await base.deleteTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun)
    }
}
