// Reconciling a planned change of a new group with the rules it really started with.
//
// The planner assumes a new group starts as EC2 usually makes it (egress:
// allow all to 0.0.0.0/0). In a VPC with IPv6, EC2 also adds allow all to
// ::/0, and the planner cannot know which VPC has IPv6. So once the group
// exists, the executor reads it and recomputes the change from the intended
// rule set, keeping the script's order and rule tags.

import SgshModel

extension RuleChange {
    /// The change recomputed against the rules the group actually holds (only when `intendedRules` is set).
    func reconciled(withActual actual: [Rule]) -> RuleChange {
        guard let intended = intendedRules else { return self }
        var actualByKey: [RuleKey: Rule] = [:]
        for rule in actual { actualByKey[rule.key] = rule }
        let intendedKeys = Set(intended.map(\.key))
        var out = RuleChange(group: group, direction: direction, intendedRules: intended)
        var planned: Set<RuleKey> = []
        for batch in additions {
            let rules = batch.rules.filter { actualByKey[$0.key] == nil }
            planned.formUnion(batch.rules.map(\.key))
            if !rules.isEmpty { out.additions.append(RuleBatch(tags: batch.tags, rules: rules)) }
            out.unchanged += batch.rules.compactMap { actualByKey[$0.key] }
        }
        // Rules the planner took for present by default but that are not.
        let missing = intended.filter { actualByKey[$0.key] == nil && !planned.contains($0.key) }
        if !missing.isEmpty { out.additions.append(RuleBatch(rules: missing)) }
        out.unchanged += unchanged.filter { actualByKey[$0.key] != nil }
        out.descriptionUpdates = descriptionUpdates.filter { actualByKey[$0.rule.key] != nil }
        out.removed = actual.filter { !intendedKeys.contains($0.key) }
        out.alreadyAbsent = alreadyAbsent.filter { actualByKey[$0.key] == nil }
        return out
    }
}
