// `sg $x delete` plans away what would block the delete, before anything is
// sent: EC2 refuses DeleteSecurityGroup (DependencyViolation) while a rule in
// another group references the group, or a network interface uses it. Rules
// that reference a deleted group are revoked first (in their own groups, in
// the same apply, so a failure rolls them back); a cycle of references among
// deleted groups is broken the same way, as every revoke goes before every
// delete. Interfaces belong to instances, Lambdas and load balancers sgsh
// does not manage: a group one uses is not deleted; the plan fails naming each
// interface and what it is attached to, with nothing sent. A group the plan
// replaces (Planner+Replacement.swift) is torn down the same way, except that
// each rule naming it is also added again naming its replacement (with its
// description and rule tags), and its interfaces move to the replacement.
// Rules in other accounts' groups (VPC peering) are not visible here; a
// reference from one makes the final delete fail, and the apply roll back.

import SgshModel

extension Planner {
    /// Adds the revokes that the deletes of `changeSet` need, or refuses a delete of a group
    /// in use. Reads: one DescribeNetworkInterfaces, two filtered DescribeSecurityGroups
    /// (ingress and egress references); none when the plan deletes no existing group.
    func planTeardown(_ changeSet: inout ChangeSet) async throws(PlanningError) {
        var ids: [String] = []
        var origins: [String: SourceRange] = [:]
        for deletion in changeSet.deletions {
            guard case .id(let id) = deletion.group, !ids.contains(id) else { continue }
            ids.append(id)
            origins[id] = deletion.origin
        }
        guard !ids.isEmpty else { return }
        let interfaces: [NetworkInterface]
        do {
            interfaces = try await backend.describeNetworkInterfaces(groupIds: ids)
        } catch {
            throw Self.readError(error)
        }
        let replacedBy = Dictionary(changeSet.replacements.map { ($0.old, $0) }) { first, _ in first }
        for id in ids {
            let using = interfaces.filter { $0.groupIds.contains(id) }
            guard !using.isEmpty else { continue }
            guard let replacement = replacedBy[id] else {
                throw PlanningError(.groupInUse(id, using), origin: origins[id])
            }
            if let vpc = replacement.new.vpcId, vpc != replacement.oldVpcId {
                throw PlanningError(.interfacesStayInTheirVPC(id, vpc, using), origin: replacement.origin)
            }
        }
        changeSet.interfaceMoves = interfaces.map { interface in
            InterfaceMove(
                networkInterfaceId: interface.networkInterfaceId, summary: interface.summary, from: interface.groupIds,
                to: interface.groupIds.map { id in replacedBy[id].map { .created($0.new) } ?? .id(id) })
        }
        let deleted = Set(ids)
        let swapped = replacedBy.mapValues { $0.new.peerReference.groupId }
        var referencing: [String: SecurityGroup] = [:]
        for filter in ["ip-permission.group-id", "egress.ip-permission.group-id"] {
            let query = SecurityGroupQuery(filters: [SecurityGroupQuery.Filter(name: filter, values: ids)])
            do {
                for group in try await backend.describeSecurityGroups(query) { referencing[group.groupId] = group }
            } catch {
                throw Self.readError(error)
            }
        }
        var ruleTags: [String: [Direction: [RuleKey: [Tag]]]] = [:]
        // By name, so that a plan reads the same every time (ids are random).
        for group in referencing.values.sorted(by: { ($0.groupName, $0.groupId) < ($1.groupName, $1.groupId) }) {
            for direction in Direction.allCases {
                let rules: [Rule]
                do {
                    rules = try group.rulesDroppingOwnAccount(direction)
                } catch {
                    throw PlanningError(.unreadableRule(groupId: group.groupId, error))
                }
                // A group's rules that name itself go with it; they block nothing.
                let blocking = rules.filter { rule in
                    guard case .group(let reference) = rule.peer else { return false }
                    return deleted.contains(reference.groupId) && reference.groupId != group.groupId
                }
                guard !blocking.isEmpty else { continue }
                changeSet.revokeBeforeDeleting(blocking, in: .id(group.groupId), direction)
                // A group deleted itself needs no new reference (a replaced one's copy has it).
                guard !deleted.contains(group.groupId) else { continue }
                let repointed = blocking.filter { rule in
                    guard case .group(let reference) = rule.peer else { return false }
                    return swapped[reference.groupId] != nil
                }
                guard !repointed.isEmpty else { continue }
                if ruleTags[group.groupId] == nil {
                    ruleTags[group.groupId] = try await self.ruleTags(of: group.groupId)
                }
                let tags = ruleTags[group.groupId]?[direction] ?? [:]
                changeSet.addInPlaceOf(
                    repointed.map { (Self.swappingPeer($0, swapped), tags[$0.key] ?? []) }, in: .id(group.groupId),
                    direction, liveTags: tags)
            }
        }
    }
}

extension ChangeSet {
    /// Adds rules (each with its rule tags) to the group's change (or a new one), one batch per
    /// tag set: the rules that take the place of those a replacement revokes.
    /// `liveTags`: the tags of the group's live rules, so that a rollback re-adds a revoked rule
    /// with them.
    mutating func addInPlaceOf(
        _ rules: [(Rule, [Tag])], in group: GroupTarget, _ direction: Direction, liveTags: [RuleKey: [Tag]]
    ) {
        let batches = RuleBatch.batches(rules)
        guard let index = ruleChanges.firstIndex(where: { $0.group == group && $0.direction == direction }) else {
            var change = RuleChange(group: group, direction: direction, additions: batches)
            change.liveTags = liveTags.filter { !$0.value.isEmpty }
            ruleChanges.append(change)
            return
        }
        ruleChanges[index].additions += batches
        ruleChanges[index].liveTags.merge(liveTags.filter { !$0.value.isEmpty }) { kept, _ in kept }
    }

    /// Adds rules to revoke to the group's change (or a new one), taking them out of its
    /// unchanged rules: a rule the script keeps still goes when the group it names goes.
    mutating func revokeBeforeDeleting(_ rules: [Rule], in group: GroupTarget, _ direction: Direction) {
        guard let index = ruleChanges.firstIndex(where: { $0.group == group && $0.direction == direction }) else {
            ruleChanges.append(RuleChange(group: group, direction: direction, removed: rules))
            return
        }
        let present = Set(ruleChanges[index].removed.map(\.key))
        let adding = rules.filter { !present.contains($0.key) }
        let keys = Set(adding.map(\.key))
        ruleChanges[index].unchanged.removeAll { keys.contains($0.key) }
        ruleChanges[index].removed += adding
    }
}
