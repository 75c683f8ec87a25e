// Rule tags are part of the desired state: a rule the script writes with
// `tag K=V` that is already present gets the tags it lacks or has with
// another value (CreateTags on its sgr- id), and a temporary rule the script
// now asks for without `for` loses its `sgsh:expires` (DeleteTags), so a rule
// the script keeps asking for is never revoked by `sgsh expire`.
// The removed rules' tags are read too: a rollback puts a revoked rule back
// with them (RevokedRuleTags). DescribeSecurityGroupRules is the only read
// that returns rule tags and ids: it is made once for all the groups that need
// it (those where the script tags or removes a rule), plus once, filtered to
// temporary rules, for the groups where it only asks for present rules and
// that carry `sgsh:temporary-rules` (set when sgsh added a temporary rule to
// the group: a group without it has no expiry to drop, so a re-run of a
// script without `for` reads nothing but the describe) — unless
// Planner+Owner.swift already read them.

import SgshModel

extension Planner {
    /// Turns each change's `wantedTags` and `askedPermanent` into the `tagUpdates` and
    /// `tagRemovals` that the live tags call for, and gives every change its live rules' tags
    /// (for the lifetimes reports show).
    /// - Parameters:
    ///   - read: groups whose rules the planner has already read (Planner+Owner.swift).
    ///   - liveGroups: the touched groups as described; only those tagged `sgsh:temporary-rules`
    ///     can hold a temporary rule.
    func resolveRuleTags(
        _ changeSet: inout ChangeSet, read: [String: [SecurityGroupRule]] = [:],
        liveGroups: [String: SecurityGroup]
    ) async throws(PlanningError) {
        var liveRules = read
        // Every rule's tags where the script tags or removes rules; elsewhere only the temporary
        // rules matter (an expiry to drop), and a filtered read returns just those — on a
        // re-run, usually none.
        var whole: [String] = []
        var temporaryOnly: [String] = []
        for change in changeSet.ruleChanges {
            guard case .id(let groupId) = change.group, liveRules[groupId] == nil else { continue }
            if !change.wantedTags.isEmpty || !change.removed.isEmpty {
                if !whole.contains(groupId) { whole.append(groupId) }
            } else if !change.askedPermanent.isEmpty, !temporaryOnly.contains(groupId),
                liveGroups[groupId]?.tags.contains(where: { $0.key == SgshGroupTag.temporaryRules }) ?? true
            {
                temporaryOnly.append(groupId)
            }
        }
        temporaryOnly.removeAll { whole.contains($0) }
        for (groupIds, key) in [(whole, nil), (temporaryOnly, SgshRuleTag.expires)] where !groupIds.isEmpty {
            do {
                let rules = try await backend.describeSecurityGroupRules(groupIds: groupIds, taggedWith: key)
                for groupId in groupIds { liveRules[groupId] = [] }
                for rule in rules { liveRules[rule.groupId, default: []].append(rule) }
            } catch {
                throw Self.readError(error)
            }
            if let now = options.now { changeSet.plannedAt = now }
        }
        for index in changeSet.ruleChanges.indices {
            guard case .id(let groupId) = changeSet.ruleChanges[index].group, let rules = liveRules[groupId] else {
                continue
            }
            Self.reconcileTags(&changeSet.ruleChanges[index], live: rules)
        }
    }

    /// The tag updates and removals of one change, against its group's live rules.
    private static func reconcileTags(_ change: inout RuleChange, live rules: [SecurityGroupRule]) {
        let byKey = rules.byDirectionAndKey()[change.direction] ?? [:]
        for wanted in change.wantedTags {
            guard let live = byKey[wanted.rule.key] else { continue }
            let current = Dictionary(live.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            let set = wanted.tags.filter { current[$0.key] != $0.value }.map {
                TagUpdate(tag: $0, previous: current[$0.key])
            }
            guard !set.isEmpty else { continue }
            change.tagUpdates.append(RuleTagUpdate(rule: wanted.rule, ruleId: live.securityGroupRuleId, set: set))
        }
        for rule in change.askedPermanent {
            guard let live = byKey[rule.key] else { continue }
            let expiry = live.tags.filter { $0.key == SgshRuleTag.expires }
            guard !expiry.isEmpty else { continue }
            change.tagRemovals.append(RuleTagRemoval(rule: rule, ruleId: live.securityGroupRuleId, tags: expiry))
        }
        for (key, live) in byKey where !live.tags.isEmpty && change.liveTags[key] == nil {
            change.liveTags[key] = live.tags
        }
        change.wantedTags = []
        change.askedPermanent = []
    }
}
