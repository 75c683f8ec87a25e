// The types the DocC articles define, compiled here without Swift Testing
// (whose `Tag` would hide SgshModel's, as it would not in an embedding
// program). ArticleExamples.swift runs them.

import SgshKit
import SgshLocal
import SgshModel
import Synchronization

// MARK: - EmbeddingAnInterpreter

/// Keeps what scripts print; grants nothing else (no modules, environment, clock or backend).
final class CollectingHost: Host {
    let lines = Mutex<[String]>([])
    func print(_ text: String) { lines.withLock { $0.append(text) } }
}

// MARK: - WritingABackend

/// Reads from another backend; refuses every change, so a script run through it can be
/// planned and checked but never applied.
struct ReadOnlyBackend: SecurityGroupBackend {
    let base: any SecurityGroupBackend
    var displayName: String { "\(base.displayName) (read-only)" }

    private func refuse(_ action: String) -> BackendError {
        BackendError(category: .unauthorized, code: "ReadOnly", message: "\(action) is not allowed here")
    }

    func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        try await base.describeSecurityGroups(query)
    }
    func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        try await base.describeSecurityGroupRules(groupId: groupId, ruleIds: ruleIds)
    }
    func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        try await base.describeManagedPrefixLists(ids: ids)
    }
    func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        try await base.describeNetworkInterfaces(groupIds: groupIds)
    }

    func createSecurityGroup(
        name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool
    ) async throws -> String { throw refuse("createSecurityGroup") }
    func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws { throw refuse("deleteSecurityGroup") }
    func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [Tag], dryRun: Bool
    ) async throws -> [SecurityGroupRule] { throw refuse("authorize") }
    func revoke(
        _ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool
    ) async throws -> RevokeResult { throw refuse("revoke") }
    func revoke(
        _ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool
    ) async throws -> RevokeResult { throw refuse("revoke") }
    func updateRuleDescriptions(
        _ direction: Direction, groupId: String, permissions: [IPPermission]
    ) async throws { throw refuse("updateRuleDescriptions") }
    func modifySecurityGroupRules(
        groupId: String, updates: [SecurityGroupRuleUpdate]
    ) async throws { throw refuse("modifySecurityGroupRules") }
    func modifyNetworkInterfaceGroups(
        networkInterfaceId: String, groupIds: [String]
    ) async throws { throw refuse("modifyNetworkInterfaceGroups") }
    func createTags(resourceIds: [String], tags: [Tag], dryRun: Bool) async throws { throw refuse("createTags") }
    func deleteTags(
        resourceIds: [String], tags: [TagSelector], dryRun: Bool
    ) async throws { throw refuse("deleteTags") }
}
