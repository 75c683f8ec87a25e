// The state of one group as a saved plan was planned against it: what
// `sgsh apply plan.json` reads again and compares before sending anything.
// Rules carry their sgr- ids and tags (DescribeSecurityGroupRules), so a rule
// revoked and re-added by hand, or re-tagged, counts as a change too.

import SgshModel

/// A group's identity, tags and rules (with ids), in a canonical order.
public struct PlannedGroupState: Hashable, Sendable {
    public var groupId: String
    public var groupName: String
    public var description: String
    public var vpcId: String?
    /// The owning account (EC2's OwnerId).
    public var ownerId: String?
    /// Sorted by key.
    public var tags: [Tag]
    /// Sorted by rule id; each rule's tags sorted by key.
    public var rules: [SecurityGroupRule]

    public init(
        groupId: String, groupName: String, description: String, vpcId: String?, ownerId: String?, tags: [Tag],
        rules: [SecurityGroupRule]
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.description = description
        self.vpcId = vpcId
        self.ownerId = ownerId
        self.tags = tags.sorted()
        self.rules = rules.map { rule in
            var rule = rule
            rule.tags.sort()
            // The group's owner, which not every service repeats on each rule.
            rule.groupOwnerId = ownerId
            return rule
        }.sorted { $0.securityGroupRuleId < $1.securityGroupRuleId }
    }

    /// Reads `ids` now: one DescribeSecurityGroups and one DescribeSecurityGroupRules for all.
    /// A group that no longer exists is absent from the answer.
    public static func read(_ ids: [String], from backend: any SecurityGroupBackend) async throws -> [String:
        PlannedGroupState]
    {
        guard !ids.isEmpty else { return [:] }
        var groups: [SecurityGroup] = []
        do {
            groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: ids))
        } catch let error as BackendError where error.category == .notFound {
            // EC2 fails the whole call for one missing id: read them one by one.
            for id in ids {
                do {
                    groups += try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
                } catch let inner as BackendError where inner.category == .notFound {
                    continue
                }
            }
        }
        let found = groups.filter { ids.contains($0.groupId) }
        var rules: [String: [SecurityGroupRule]] = [:]
        for rule in try await backend.describeSecurityGroupRules(groupIds: found.map(\.groupId)) {
            rules[rule.groupId, default: []].append(rule)
        }
        var out: [String: PlannedGroupState] = [:]
        for group in found {
            out[group.groupId] = PlannedGroupState(
                groupId: group.groupId, groupName: group.groupName, description: group.description,
                vpcId: group.vpcId, ownerId: group.ownerId, tags: group.tags, rules: rules[group.groupId] ?? [])
        }
        return out
    }

    /// How `live` differs from this state, one phrase per difference (empty when equal);
    /// `live` nil means the group is gone.
    public func changes(to live: PlannedGroupState?) -> [String] {
        guard let live else { return ["the group no longer exists"] }
        var out: [String] = []
        if live.ownerId != ownerId {
            out.append("its owner is \(live.ownerId ?? "unknown"), not \(ownerId ?? "unknown")")
        }
        if live.groupName != groupName { out.append("its name is \(SourceWriter.quoted(live.groupName))") }
        if live.vpcId != vpcId { out.append("its VPC is \(live.vpcId ?? "none")") }
        let before = Dictionary(rules.map { ($0.securityGroupRuleId, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(live.rules.map { ($0.securityGroupRuleId, $0) }, uniquingKeysWith: { first, _ in first })
        for rule in live.rules where before[rule.securityGroupRuleId] == nil {
            out.append("rule \(rule.securityGroupRuleId) added: \(Self.text(rule))")
        }
        for rule in rules {
            guard let now = after[rule.securityGroupRuleId] else {
                out.append("rule \(rule.securityGroupRuleId) removed: \(Self.text(rule))")
                continue
            }
            if now != rule {
                let tags = now.tags != rule.tags ? " (tags \(Self.text(rule.tags)) → \(Self.text(now.tags)))" : ""
                let body = Self.text(now) != Self.text(rule) ? ": \(Self.text(rule)) → \(Self.text(now))" : ""
                let other = body.isEmpty && tags.isEmpty ? ": \(Self.text(now))" : ""
                out.append("rule \(rule.securityGroupRuleId) changed\(body)\(tags)\(other)")
            }
        }
        let oldTags = Dictionary(tags.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        let newTags = Dictionary(live.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for tag in live.tags {
            switch oldTags[tag.key] {
            case nil: out.append("tag \(SourceWriter.tag(tag)) added")
            case let value? where value != tag.value:
                out.append(
                    "tag \(SourceWriter.quoted(tag.key)) changed from \(SourceWriter.quoted(value)) to \(SourceWriter.quoted(tag.value))"
                )
            default: break
            }
        }
        for tag in tags where newTags[tag.key] == nil { out.append("tag \(SourceWriter.tag(tag)) removed") }
        if out.isEmpty && live != self { out.append("its description or another field differs") }
        return out
    }

    /// `ingress tcp 22 from 0.0.0.0/0 "ssh"`: the direction and the rule as sgsh writes a stored one.
    static func text(_ rule: SecurityGroupRule) -> String {
        "\(rule.direction) " + SourceWriter.storedRule(rule.permission, rule.direction)
    }

    static func text(_ tags: [Tag]) -> String {
        tags.isEmpty ? "none" : tags.map(SourceWriter.tag).joined(separator: " ")
    }
}
