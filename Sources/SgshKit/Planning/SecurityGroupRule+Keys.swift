// DescribeSecurityGroupRules answers with one entry per rule id; the planner
// diffs by RuleKey. One place turns the former into the latter, for the
// rule tags owners, expiries, tag updates and replacements read.

import SgshModel

extension Sequence where Element == SecurityGroupRule {
    /// Each rule by direction and by the key the planner diffs it by (its group's own account
    /// dropped from a group peer, as in DescribeSecurityGroups' rules).
    func byDirectionAndKey() -> [Direction: [RuleKey: SecurityGroupRule]] {
        var out: [Direction: [RuleKey: SecurityGroupRule]] = [:]
        for live in self {
            for rule in (try? live.permission.rules()) ?? [] {
                out[live.direction, default: [:]][rule.droppingAccount(live.groupOwnerId).key] = live
            }
        }
        return out
    }

    /// Each rule's tags by direction and key.
    func tagsByDirectionAndKey() -> [Direction: [RuleKey: [Tag]]] {
        byDirectionAndKey().mapValues { $0.mapValues(\.tags) }
    }
}
