// Owners and lifetimes need the live rules' own tags, which DescribeSecurityGroups
// does not return: when a plan has an owner (`owner "team-web"`, `--owner`) or
// a temporary rule (`for 2h`), the planner reads them with one
// DescribeSecurityGroupRules for all touched groups, before folding. Plans without
// either read nothing more. The same reads serve the rule-tag updates
// (Planner+RuleTags.swift), so no group is read twice.

import SgshModel

/// The owner a plan manages rules for, the time it is made at, and the live rules' tags.
struct RuleStewardship {
    /// Whose rules `exactly` manages; nil: every rule, as without owners.
    var owner: String?
    /// Seconds since the epoch: expiries are counted from it.
    var now: Int
    /// True when the plan has an owner or a temporary rule (and the live rules' tags were read).
    var isNeeded = false
    /// Each read group's rules as DescribeSecurityGroupRules returned them.
    var rules: [String: [SecurityGroupRule]] = [:]
    private var tags: [String: [Direction: [RuleKey: [Tag]]]] = [:]

    init(owner: String?, now: Int, rules: [String: [SecurityGroupRule]] = [:]) {
        self.owner = owner
        self.now = now
        self.rules = rules
        tags = rules.mapValues { $0.tagsByDirectionAndKey() }
    }

    /// The tags every rule the plan adds carries: the owner's.
    var addedTags: [Tag] { owner.map { [Tag(key: SgshRuleTag.owner, value: $0)] } ?? [] }

    /// The live rules' tags of one group and direction (empty when not read).
    func liveTags(_ target: GroupTarget, _ direction: Direction) -> [RuleKey: [Tag]] {
        guard case .id(let id) = target else { return [:] }
        return tags[id]?[direction] ?? [:]
    }

    /// The live rules of one group and direction that `exactly` must leave alone: under an
    /// owner, those whose `sgsh:owner` is another's or missing. A group the plan creates is
    /// the script's own: all of its rules are managed (EC2's default egress rule included).
    func notManaged(_ target: GroupTarget, _ direction: Direction, live: [Rule]) -> Set<RuleKey> {
        guard let owner, case .id = target else { return [] }
        let tags = liveTags(target, direction)
        var out: Set<RuleKey> = []
        for rule in live where tags[rule.key]?.first(where: { $0.key == SgshRuleTag.owner })?.value != owner {
            out.insert(rule.key)
        }
        return out
    }

    /// When each rule of an operation expires, from its lifetimes.
    func expiries(_ lifetimes: [Int?]) -> [Int?] { lifetimes.map { $0.map { now + $0 } } }
}

extension Planner {
    /// Reads the rules (with their tags) of every live group, in one DescribeSecurityGroupRules,
    /// when the plan needs them before folding: it has an owner or a temporary rule.
    func stewardship(of plan: Plan, liveGroups: [String: SecurityGroup]) async throws(PlanningError)
        -> RuleStewardship
    {
        let owner = plan.owner ?? options.owner
        var stewardship = RuleStewardship(owner: owner, now: options.now ?? 0)
        let temporary = plan.operations.contains { $0.lifetimes.contains { $0 != nil } }
        guard owner != nil || temporary else { return stewardship }
        let groupIds = liveGroups.keys.sorted()
        var rules: [String: [SecurityGroupRule]] = [:]
        for groupId in groupIds { rules[groupId] = [] }
        do {
            for rule in try await backend.describeSecurityGroupRules(groupIds: groupIds) {
                rules[rule.groupId, default: []].append(rule)
            }
        } catch {
            throw Self.readError(error)
        }
        stewardship = RuleStewardship(owner: owner, now: stewardship.now, rules: rules)
        stewardship.isNeeded = true
        return stewardship
    }
}
