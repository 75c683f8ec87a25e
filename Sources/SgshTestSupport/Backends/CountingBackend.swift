// A backend decorator that counts calls per method, so tests can assert how
// many describe and mutating calls a plan makes (the real call counts: every
// SecurityGroupBackend method is one API call). Counts are kept under a Mutex
// so concurrent applies through one decorator count correctly.

import SgshModel
import Synchronization

/// Forwards every call to a base backend and counts calls per method.
public final class CountingBackend: SecurityGroupBackend {
    /// The backend calls are forwarded to.
    public let base: any SecurityGroupBackend
    private let counts = Mutex<[BackendMethod: Int]>([:])

    public init(_ base: any SecurityGroupBackend) { self.base = base }

    public var displayName: String { base.displayName }

    /// The number of calls of one method so far.
    public func count(_ method: BackendMethod) -> Int { counts.withLock { $0[method] ?? 0 } }

    /// The number of mutating calls so far (failed calls included).
    public var mutatingCalls: Int { counts.withLock { $0.filter { $0.key.isMutating }.values.reduce(0, +) } }

    /// The number of read calls so far.
    public var readCalls: Int { counts.withLock { $0.filter { !$0.key.isMutating }.values.reduce(0, +) } }

    /// Every call so far.
    public var totalCalls: Int { counts.withLock { $0.values.reduce(0, +) } }

    /// Sets every count back to zero.
    public func reset() { counts.withLock { $0 = [:] } }

    private func record(_ method: BackendMethod) { counts.withLock { $0[method, default: 0] += 1 } }

    public func createSecurityGroup(
        name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool
    ) async throws -> String {
        record(.createSecurityGroup)
        return try await base.createSecurityGroup(
            name: name, description: description, vpcId: vpcId, tags: tags, dryRun: dryRun)
    }

    public func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
        record(.deleteSecurityGroup)
        try await base.deleteSecurityGroup(groupId: groupId, dryRun: dryRun)
    }

    public func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        record(.describeSecurityGroups)
        return try await base.describeSecurityGroups(query)
    }

    public func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool
    ) async throws -> [SecurityGroupRule] {
        record(.authorize)
        return try await base.authorize(
            direction, groupId: groupId, permissions: permissions, tags: tags, dryRun: dryRun)
    }

    public func revoke(
        _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
    ) async throws -> RevokeResult {
        record(.revoke)
        return try await base.revoke(direction, groupId: groupId, permissions: permissions, dryRun: dryRun)
    }

    public func revoke(
        _ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool
    ) async throws -> RevokeResult {
        record(.revokeByRuleIds)
        return try await base.revoke(direction, groupId: groupId, ruleIds: ruleIds, dryRun: dryRun)
    }

    public func describeSecurityGroupRules(groupIds: [String], taggedWith: String?) async throws
        -> [SecurityGroupRule]
    {
        record(.describeSecurityGroupRules)
        return try await base.describeSecurityGroupRules(groupIds: groupIds, taggedWith: taggedWith)
    }

    public func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        record(.describeSecurityGroupRules)
        return try await base.describeSecurityGroupRules(groupId: groupId, ruleIds: ruleIds)
    }

    public func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission])
        async throws
    {
        record(.updateRuleDescriptions)
        try await base.updateRuleDescriptions(direction, groupId: groupId, permissions: permissions)
    }

    public func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {
        record(.modifySecurityGroupRules)
        try await base.modifySecurityGroupRules(groupId: groupId, updates: updates)
    }

    public func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws {
        record(.createTags)
        try await base.createTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun)
    }

    public func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
        record(.deleteTags)
        try await base.deleteTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun)
    }

    public func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        record(.describeManagedPrefixLists)
        return try await base.describeManagedPrefixLists(ids: ids)
    }

    public func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        record(.describeNetworkInterfaces)
        return try await base.describeNetworkInterfaces(groupIds: groupIds)
    }

    public func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {
        record(.modifyNetworkInterfaceGroups)
        try await base.modifyNetworkInterfaceGroups(networkInterfaceId: networkInterfaceId, groupIds: groupIds)
    }
}
