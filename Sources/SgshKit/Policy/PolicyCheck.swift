// Judging groups against policies: the state a group would have after the
// plan (or has now, for `audit`) goes in, violations come out. An active
// exemption silences a policy for its group; an expired one does not, and
// the violation says which exemption expired.

import SgshModel

/// A rule of a group, with the statement that writes it (nil: it is live and the plan keeps it).
public struct PolicyRule: Hashable, Sendable {
    public var rule: Rule
    public var origin: SourceRange?

    public init(rule: Rule, origin: SourceRange? = nil) {
        self.rule = rule
        self.origin = origin
    }
}

/// A group as a policy sees it: its name and the rules of each direction.
public struct PolicyGroupState: Hashable, Sendable {
    public var target: GroupTarget
    public var name: String?
    public var rules: [Direction: [PolicyRule]]

    public init(target: GroupTarget, name: String?, rules: [Direction: [PolicyRule]]) {
        self.target = target
        self.name = name
        self.rules = rules
    }
}

/// A rule that breaks a policy.
public struct PolicyViolation: Hashable, Sendable {
    public var policy: Policy
    public var group: GroupTarget
    public var groupName: String?
    public var direction: Direction
    public var rule: PolicyRule
    /// The exemption that would have allowed it, had it not expired.
    public var expiredExemption: PolicyExemption?
}

/// Checks group states against a policy set at a moment (`now`, seconds since the epoch).
public struct PolicyCheck: Sendable {
    public let policies: PolicySet
    public let now: Int
    /// The prefix lists the rules name, with their entries, so CIDR policies see what a list lets in.
    public let prefixLists: PrefixListCatalog

    public init(_ policies: PolicySet, now: Int, prefixLists: PrefixListCatalog = [:]) {
        self.policies = policies
        self.now = now
        self.prefixLists = prefixLists
    }

    /// Every violation in `groups`, group by group, policy by policy, in rule order.
    public func violations(in groups: [PolicyGroupState]) -> [PolicyViolation] {
        var out: [PolicyViolation] = []
        for group in groups {
            for policy in policies.policies where applies(policy.scope, to: group) {
                let exemptions = policies.exemptions.filter { $0.policy == policy.name && $0.group == group.target }
                if exemptions.contains(where: { $0.holds(now: now) }) { continue }
                for direction in Direction.allCases {
                    let rules = group.rules[direction] ?? []
                    for index in violating(policy, direction, rules.map(\.rule)) {
                        // Statements that share a name are one policy: a rule breaks it once.
                        let repeated = out.contains {
                            $0.policy.name == policy.name && $0.group == group.target && $0.direction == direction
                                && $0.rule == rules[index]
                        }
                        if repeated { continue }
                        out.append(
                            PolicyViolation(
                                policy: policy, group: group.target, groupName: group.name, direction: direction,
                                rule: rules[index], expiredExemption: exemptions.last))
                    }
                }
            }
        }
        return out
    }

    /// Exemptions that name no policy of the set: a misspelt name would otherwise exempt
    /// nothing without a word.
    public var unknownExemptions: [PolicyExemption] {
        let names = Set(policies.policies.map(\.name))
        return policies.exemptions.filter { !names.contains($0.policy) }
    }

    private func applies(_ scope: PolicyScope, to group: PolicyGroupState) -> Bool {
        switch scope {
        case .all: true
        case .group(let target): target == group.target
        case .named(let name): group.name == name
        }
    }

    private func violating(_ policy: Policy, _ direction: Direction, _ rules: [Rule]) -> [Int] {
        switch policy.kind {
        case .deny(let denied, let traffic, let peers, let except):
            guard denied == direction else { return [] }
            return PolicyMatcher.violating(
                rules, traffic: traffic, peers: peers, except: except, prefixLists: prefixLists)
        case .requireDescription:
            return rules.indices.filter { rules[$0].wireDescription == nil }
        }
    }
}
