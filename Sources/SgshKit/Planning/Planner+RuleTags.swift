// Rule tags are part of the desired state: a rule the script writes with
// `tag K=V` that is already present gets the tags it lacks or has with
// another value (CreateTags on its sgr- id). DescribeSecurityGroups does not
// return rule tags or ids, so they are read with DescribeSecurityGroupRules,
// once per group, and only for groups where the script tags a present rule.

import SgshModel

extension Planner {
    /// Turns each change's `wantedTags` into the `tagUpdates` that the live tags call for.
    /// `read`: groups whose rules the planner has already read (Planner+Owner.swift).
    func resolveRuleTags(_ changeSet: inout ChangeSet, read: [String: [SecurityGroupRule]] = [:])
        async throws(PlanningError)
    {
        var liveRules = read
        for index in changeSet.ruleChanges.indices {
            let change = changeSet.ruleChanges[index]
            guard !change.wantedTags.isEmpty, case .id(let groupId) = change.group else { continue }
            if liveRules[groupId] == nil {
                do {
                    liveRules[groupId] = try await backend.describeSecurityGroupRules(groupId: groupId, ruleIds: [])
                } catch {
                    throw Self.readError(error)
                }
            }
            var byKey: [RuleKey: SecurityGroupRule] = [:]
            for live in liveRules[groupId]! where live.direction == change.direction {
                for rule in (try? live.permission.rules()) ?? [] {
                    byKey[rule.droppingAccount(live.groupOwnerId).key] = live
                }
            }
            for wanted in change.wantedTags {
                guard let live = byKey[wanted.rule.key] else { continue }
                let current = Dictionary(live.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                let set = wanted.tags.filter { current[$0.key] != $0.value }.map {
                    TagUpdate(tag: $0, previous: current[$0.key])
                }
                guard !set.isEmpty else { continue }
                changeSet.ruleChanges[index].tagUpdates.append(
                    RuleTagUpdate(rule: wanted.rule, ruleId: live.securityGroupRuleId, set: set))
            }
            changeSet.ruleChanges[index].wantedTags = []
        }
    }
}
