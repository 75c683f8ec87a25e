// One mutating backend call of a ChangeSet, and the order they are sent in.
//
// Batching lives here, in one place: creates first; then, per (group,
// direction), one authorize call per rule-tag set (one in practice), one
// description update and one revoke call; tags after rules; network interfaces
// moved off replaced groups once every rule is in place; deletes last, those of
// replaced groups after all others.
// Additions go before removals so that a group is never briefly without a
// rule it keeps needing (a rule moved from one peer to another is added
// before the old one goes), except where the quota forces the reverse.

import SgshModel

/// A mutating call the executor sends.
public enum PlannedCall: Hashable, Sendable {
    /// CreateSecurityGroup.
    case create(CreatedGroup, tags: [Tag])
    /// AuthorizeSecurityGroupIngress/Egress with every rule in one call.
    case authorize(GroupTarget, Direction, [Rule], tags: [Tag])
    /// UpdateSecurityGroupRuleDescriptionsIngress/Egress.
    case updateDescriptions(GroupTarget, Direction, [DescriptionUpdate])
    /// RevokeSecurityGroupIngress/Egress with every rule in one call.
    case revoke(GroupTarget, Direction, [Rule])
    /// CreateTags.
    case createTags(GroupTarget, [TagUpdate])
    /// DeleteTags (the tags carry the values they had, for rollback).
    case deleteTags(GroupTarget, [Tag])
    /// CreateTags on a rule's sgr- id (the tags carry the values they had, for rollback).
    case tagRule(GroupTarget, Direction, RuleTagUpdate)
    /// DeleteTags on a rule's sgr- id (the tags carry the values they had, for rollback).
    case untagRule(GroupTarget, Direction, RuleTagRemoval)
    /// ModifyNetworkInterfaceAttribute (SecurityGroupIds): an interface moved off a replaced group.
    case moveInterface(InterfaceMove)
    /// DeleteSecurityGroup.
    case delete(GroupTarget)

    /// The group the call is about.
    public var group: GroupTarget {
        switch self {
        case .create(let created, _): .created(created)
        case .authorize(let group, _, _, _), .updateDescriptions(let group, _, _), .revoke(let group, _, _),
            .createTags(let group, _), .deleteTags(let group, _), .tagRule(let group, _, _),
            .untagRule(let group, _, _), .delete(let group):
            group
        case .moveInterface(let move): move.destination
        }
    }

    /// True for ModifyNetworkInterfaceAttribute.
    public var isInterfaceMove: Bool {
        if case .moveInterface = self { return true }
        return false
    }

    /// True for CreateSecurityGroup.
    public var isCreate: Bool {
        if case .create = self { return true }
        return false
    }

    /// The EC2 action name, for reports (`AuthorizeSecurityGroupIngress`).
    public var actionName: String {
        switch self {
        case .create: "CreateSecurityGroup"
        case .authorize(_, let direction, _, _):
            direction == .ingress ? "AuthorizeSecurityGroupIngress" : "AuthorizeSecurityGroupEgress"
        case .updateDescriptions(_, let direction, _):
            direction == .ingress
                ? "UpdateSecurityGroupRuleDescriptionsIngress" : "UpdateSecurityGroupRuleDescriptionsEgress"
        case .revoke(_, let direction, _):
            direction == .ingress ? "RevokeSecurityGroupIngress" : "RevokeSecurityGroupEgress"
        case .createTags, .tagRule: "CreateTags"
        case .deleteTags, .untagRule: "DeleteTags"
        case .moveInterface: "ModifyNetworkInterfaceAttribute"
        case .delete: "DeleteSecurityGroup"
        }
    }
}

extension ChangeSet {
    /// The mutating calls that apply this change set, batched and in the order they are sent.
    public var calls: [PlannedCall] {
        var out: [PlannedCall] = creations.map { .create($0.group, tags: $0.tags) }
        for change in ruleChanges where change.removesFirst && !change.removed.isEmpty {
            out.append(.revoke(change.group, change.direction, change.removed))
        }
        for change in ruleChanges {
            for batch in change.additions where !batch.rules.isEmpty {
                out.append(.authorize(change.group, change.direction, batch.rules, tags: batch.tags))
            }
        }
        for change in ruleChanges where !change.descriptionUpdates.isEmpty {
            out.append(.updateDescriptions(change.group, change.direction, change.descriptionUpdates))
        }
        for change in ruleChanges where !change.removesFirst && !change.removed.isEmpty {
            out.append(.revoke(change.group, change.direction, change.removed))
        }
        for change in ruleChanges {
            out += change.tagUpdates.map { .tagRule(change.group, change.direction, $0) }
            out += change.tagRemovals.map { .untagRule(change.group, change.direction, $0) }
        }
        for change in tagChanges {
            if !change.set.isEmpty { out.append(.createTags(change.group, change.set)) }
            if !change.removed.isEmpty { out.append(.deleteTags(change.group, change.removed)) }
        }
        out += interfaceMoves.map { .moveInterface($0) }
        // A replaced group goes after every other delete: once it is gone its replacement can
        // no longer be rolled back, so anything else that could fail is sent first.
        let replaced = Set(replacements.map { GroupTarget.id($0.old) })
        out += deletions.filter { !replaced.contains($0.group) }.map { .delete($0.group) }
        out += deletions.filter { replaced.contains($0.group) }.map { .delete($0.group) }
        return out
    }
}
