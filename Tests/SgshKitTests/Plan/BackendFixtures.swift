// Helpers for planner and executor tests against a real backend
// (LocalBackend in memory): set up groups, and snapshot the whole state in a
// canonical form so "ends exactly as it began" can be compared.

import SgshLocal
import SgshModel

@testable import SgshKit

/// A group as state, independent of rule order and rule ids.
struct GroupSnapshot: Hashable, CustomDebugStringConvertible {
    var groupId: String
    var name: String
    var description: String
    var vpcId: String?
    var ingress: Set<Rule>
    var egress: Set<Rule>
    var tags: Set<Tag>
    /// The rules' own tags (`sgsh:owner`, …): `ingress tcp 22 from 10.0.0.0/8: k=v, …`, for tagged rules.
    var ruleTags: Set<String> = []

    var debugDescription: String {
        let inbound = ingress.sorted().map { SourceWriter.rule($0, .ingress) }
        let outbound = egress.sorted().map { SourceWriter.rule($0, .egress) }
        return "\(groupId) ingress=\(inbound) egress=\(outbound) tags=\(tags.sorted()) ruleTags=\(ruleTags.sorted())"
    }
}

/// Every group of the backend, canonical and sorted by id.
func snapshot(_ backend: any SecurityGroupBackend) async throws -> [GroupSnapshot] {
    var out: [GroupSnapshot] = []
    for group in try await backend.describeSecurityGroups(.all) {
        var ruleTags: Set<String> = []
        for live in try await backend.describeSecurityGroupRules(groupId: group.groupId, ruleIds: [])
        where !live.tags.isEmpty {
            let direction: Direction = live.isEgress ? .egress : .ingress
            for rule in try live.permission.rules() {
                let tags = live.tags.map(\.description).sorted().joined(separator: ", ")
                ruleTags.insert("\(direction.rawValue) \(SourceWriter.rule(rule, direction)): \(tags)")
            }
        }
        out.append(
            GroupSnapshot(
                groupId: group.groupId, name: group.groupName, description: group.description, vpcId: group.vpcId,
                ingress: Set(try group.rules(.ingress)), egress: Set(try group.rules(.egress)), tags: Set(group.tags),
                ruleTags: ruleTags))
    }
    return out.sorted { $0.groupId < $1.groupId }
}

/// Tags the rule of `groupId` whose ports start at `port` directly on the backend (setup).
func tagRule(
    _ backend: any SecurityGroupBackend, _ groupId: String, port: Int, _ tags: [Tag]
) async throws {
    let rule = try await backend.describeSecurityGroupRules(groupId: groupId, ruleIds: []).first { $0.fromPort == port }
    guard let rule else { throw BackendError.groupNotFound("a rule on port \(port) in \(groupId)") }
    try await backend.createTags(resourceIds: [rule.securityGroupRuleId], tags: tags, dryRun: false)
}

/// Creates a group with rules and tags directly on the backend (setup, not under test).
func makeGroup(
    _ backend: any SecurityGroupBackend, _ name: String, ingress: [Rule] = [], egress: [Rule] = [], tags: [Tag] = []
) async throws -> String {
    let id = try await backend.createSecurityGroup(
        name: name, description: "\(name) group", vpcId: nil, tags: tags, dryRun: false)
    if !ingress.isEmpty {
        _ = try await backend.authorize(
            .ingress, groupId: id, permissions: IPPermission.grouping(ingress), tags: [], dryRun: false)
    }
    if !egress.isEmpty {
        _ = try await backend.authorize(
            .egress, groupId: id, permissions: IPPermission.grouping(egress), tags: [], dryRun: false)
    }
    return id
}

/// Plans operations against the backend's live state.
func planChanges(
    _ operations: [Operation], on backend: any SecurityGroupBackend, options: Planner.Options = .init()
) async throws -> ChangeSet {
    try await Planner(backend: backend, options: options).plan(
        Plan(operations: operations.map { PlannedOperation($0) }))
}

/// Plans and applies operations, returning the report.
func apply(
    _ operations: [Operation], on backend: any SecurityGroupBackend, options: Planner.Options = .init()
) async throws -> ApplyReport {
    await Executor(backend: backend).apply(try await planChanges(operations, on: backend, options: options))
}

/// A rule allowing tcp on a port from another group.
func tcp(_ port: Int, fromGroup groupId: String, _ description: String? = nil) -> Rule {
    try! Rule(
        ipProtocol: .tcp, ports: .range(PortRange(port)!), peer: .group(GroupReference(groupId: groupId)),
        description: description)
}
