// `sg $old replace with "new" …`: EC2 cannot rename a group or move it to
// another VPC, so a replacement is a create, a copy and a teardown, planned
// together before anything is sent. The evaluator records the new group as an
// `sg create` followed by a `replace` operation; here the replace becomes the
// operations that copy the old group's live rules into the new one (with
// their descriptions and rule tags, `sgsh:owner` and `sgsh:expires`
// included; a rule naming the old group itself names the new one) and an
// `sg $old delete`. The delete's teardown (Planner+Teardown.swift) then
// re-points the rules of other groups that name the old group and moves the
// network interfaces that use it, instead of refusing. Calls go out in the
// ChangeSet's order: create, copy, re-point (authorize, then revoke), move
// interfaces, delete last, so any failure before the delete rolls the whole
// replacement back.

import SgshModel

/// A group the plan replaces: `old` is deleted once `new` holds its rules, references and
/// network interfaces.
public struct GroupReplacement: Hashable, Sendable {
    /// The replaced group's id.
    public var old: String
    /// The replaced group's VPC, once the planner has read it.
    public var oldVpcId: String?
    /// The group that takes its place.
    public var new: CreatedGroup
    /// The `replace` statement, when known.
    public var origin: SourceRange?

    public init(old: String, oldVpcId: String? = nil, new: CreatedGroup, origin: SourceRange? = nil) {
        self.old = old
        self.oldVpcId = oldVpcId
        self.new = new
        self.origin = origin
    }
}

/// A network interface moved off replaced groups (ModifyNetworkInterfaceAttribute with its
/// whole group list, each replaced group swapped for its replacement).
public struct InterfaceMove: Hashable, Sendable {
    /// `eni-…`.
    public var networkInterfaceId: String
    /// What the interface is, for reports (`eni-0abc (attached to i-0123)`).
    public var summary: String
    /// The groups it uses before the move, in order (what a rollback sets back).
    public var from: [String]
    /// The groups it uses after the move, in order.
    public var to: [GroupTarget]

    public init(networkInterfaceId: String, summary: String, from: [String], to: [GroupTarget]) {
        self.networkInterfaceId = networkInterfaceId
        self.summary = summary
        self.from = from
        self.to = to
    }

    /// The group the interface moves to (the first of `to` it did not use before).
    public var destination: GroupTarget {
        to.first { target in
            if case .id(let id) = target { return !from.contains(id) }
            return true
        } ?? to[0]
    }
}

extension Plan {
    /// The replacements the plan asks for, in script order.
    var replacements: [GroupReplacement] {
        operations.compactMap { planned in
            guard case .replace(let old, let new) = planned.operation else { return nil }
            return GroupReplacement(old: old, new: new, origin: planned.origin)
        }
    }
}

extension Planner {
    /// Refuses a replacement whose new name a group already has where the new group would go:
    /// EC2 would refuse the create (a re-run, where the old group is gone, never gets here:
    /// the evaluator resolves the statement to the group of the new name).
    func checkReplacementNames(_ plan: Plan, adopted: [Int: SecurityGroup]) throws(PlanningError) {
        for replacement in plan.replacements {
            guard let existing = adopted[replacement.new.placeholder] else { continue }
            throw PlanningError(
                .replacementNameTaken(replacement.new, replacing: replacement.old, existing: existing),
                origin: replacement.origin)
        }
    }

    /// The plan with each `replace` turned into the copy of the old group's live rules into the
    /// new group and a delete of the old group. Reads each replaced group's rules (for their
    /// tags): one DescribeSecurityGroupRules per replaced group.
    func expandingReplacements(_ plan: Plan, liveGroups: [String: SecurityGroup]) async throws(PlanningError)
        -> Plan
    {
        let replacements = plan.replacements
        guard !replacements.isEmpty else { return plan }
        // A copied rule that names any replaced group names its replacement.
        let swapped = Dictionary(replacements.map { ($0.old, $0.new.peerReference.groupId) }) { first, _ in first }
        var expanded = plan
        expanded.operations = []
        for planned in plan.operations {
            guard case .replace(let old, let new) = planned.operation else {
                expanded.operations.append(planned)
                continue
            }
            guard let live = liveGroups[old] else { throw PlanningError(.groupNotFound(old), origin: planned.origin) }
            let tags = try await ruleTags(of: old)
            let target = GroupTarget.created(new)
            // EC2 gives a new group its default egress; the copy replaces it with the old one's.
            expanded.operations.append(
                PlannedOperation(.exactly(target, .egress, [], tags: []), origin: planned.origin))
            for direction in Direction.allCases {
                let rules: [Rule]
                do {
                    rules = try live.rulesDroppingOwnAccount(direction)
                } catch {
                    throw PlanningError(.unreadableRule(groupId: old, error), origin: planned.origin)
                }
                let copies = rules.map { (Self.swappingPeer($0, swapped), tags[direction]?[$0.key] ?? []) }
                for batch in RuleBatch.batches(copies) {
                    expanded.operations.append(
                        PlannedOperation(
                            .authorize(target, direction, batch.rules, tags: batch.tags), origin: planned.origin))
                }
            }
            // Deleted where the script replaces it: a later use of the old group is an error.
            expanded.operations.append(PlannedOperation(.delete(.id(old)), origin: planned.origin))
        }
        return expanded
    }

    /// A rule with its group peer swapped for the replacement's placeholder when it names a
    /// replaced group.
    static func swappingPeer(_ rule: Rule, _ swapped: [String: String]) -> Rule {
        guard case .group(let reference) = rule.peer, reference.userId == nil,
            let replacement = swapped[reference.groupId]
        else { return rule }
        return rule.withPeerGroup(replacement)
    }

    /// The tags of each of a group's rules, by direction and rule (one read).
    func ruleTags(of groupId: String) async throws(PlanningError) -> [Direction: [RuleKey: [Tag]]] {
        let rules: [SecurityGroupRule]
        do {
            rules = try await backend.describeSecurityGroupRules(groupId: groupId, ruleIds: [])
        } catch {
            throw Self.readError(error)
        }
        return rules.tagsByDirectionAndKey()
    }
}
