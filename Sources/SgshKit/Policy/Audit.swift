// `sgsh audit`: live groups judged by policies, plus hygiene findings that
// need no policy — a rule another rule of the same group and direction
// already covers (shadowed), and two rules that could be one (mergeable).
// Pure: the groups come in already described (one describe for all).

import SgshModel

/// One thing `audit` reports about a live rule.
public struct AuditFinding: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The rule breaks a policy (and no exemption holds).
        case policy(PolicyViolation)
        /// Another rule of the group and direction lets through everything this one does.
        case shadowed(by: Rule)
        /// The rule and `with` could be written as one rule.
        case mergeable(with: Rule, into: String)
    }

    public var kind: Kind
    public var groupId: String
    public var groupName: String
    public var direction: Direction
    public var rule: Rule

    /// A stable identifier of what the finding is about, for SARIF's `ruleId`.
    public var ruleId: String {
        switch kind {
        case .policy(let violation): "policy/\(violation.policy.name)"
        case .shadowed: "hygiene/shadowed-rule"
        case .mergeable: "hygiene/mergeable-rules"
        }
    }

    /// True for policy violations; hygiene findings are warnings.
    public var isViolation: Bool {
        if case .policy = kind { return true }
        return false
    }

    /// One line: `sg-0abc (web) ingress: rule 'tcp 22 from 0.0.0.0/0' breaks policy "no world ssh"`.
    public var message: String {
        let rule = "rule '\(SourceWriter.rule(rule, direction))'"
        switch kind {
        case .policy(let violation):
            var text = "\(rule) breaks policy \(SourceWriter.quoted(violation.policy.name))"
            if let expired = violation.expiredExemption {
                text += " (the exemption until \(expired.until) expired: \(expired.reason))"
            }
            return text
        case .shadowed(let wider):
            return "\(rule) is shadowed by the wider rule '\(SourceWriter.rule(wider, direction))'"
        case .mergeable(let other, let merged):
            return "\(rule) and '\(SourceWriter.rule(other, direction))' could be one rule: '\(merged)'"
        }
    }
}

/// Judges live groups.
public enum Audit {
    /// Every finding in `groups`, group by group (in the order given), policies first.
    /// - Throws: `IPPermissionError` when a group holds a rule sgsh cannot read.
    public static func findings(in groups: [SecurityGroup], policies: PolicySet, now: Int) throws(IPPermissionError)
        -> [AuditFinding]
    {
        var out: [AuditFinding] = []
        for group in groups {
            var rules: [Direction: [Rule]] = [:]
            for direction in Direction.allCases { rules[direction] = try group.rules(direction) }
            let state = PolicyGroupState(
                target: .id(group.groupId), name: group.groupName,
                rules: rules.mapValues { $0.map { PolicyRule(rule: $0) } })
            for violation in PolicyCheck(policies, now: now).violations(in: [state]) {
                out.append(
                    AuditFinding(
                        kind: .policy(violation), groupId: group.groupId, groupName: group.groupName,
                        direction: violation.direction, rule: violation.rule.rule))
            }
            for direction in Direction.allCases {
                for (rule, kind) in hygiene(rules[direction] ?? [], direction) {
                    out.append(
                        AuditFinding(
                            kind: kind, groupId: group.groupId, groupName: group.groupName, direction: direction,
                            rule: rule))
                }
            }
        }
        return out
    }

    /// Shadowed and mergeable rules of one group and direction, in rule order.
    static func hygiene(_ rules: [Rule], _ direction: Direction) -> [(Rule, AuditFinding.Kind)] {
        var out: [(Rule, AuditFinding.Kind)] = []
        var shadowed = Set<Int>()
        for (index, rule) in rules.enumerated() {
            if let wider = rules.indices.first(where: { $0 != index && covers(rules[$0], rule) }) {
                // Of two rules that cover each other, only the later is reported.
                if !(covers(rule, rules[wider]) && wider > index) {
                    out.append((rule, .shadowed(by: rules[wider])))
                    shadowed.insert(index)
                }
            }
        }
        for first in rules.indices where !shadowed.contains(first) {
            for second in rules.indices where second > first && !shadowed.contains(second) {
                if let merged = merge(rules[first], rules[second]) {
                    out.append(
                        (rules[first], .mergeable(with: rules[second], into: SourceWriter.rule(merged, direction))))
                }
            }
        }
        return out
    }

    /// True when `wider` lets through every packet `rule` does.
    static func covers(_ wider: Rule, _ rule: Rule) -> Bool {
        guard PolicyMatcher.contains(PolicyTraffic(wider), PolicyTraffic(rule)) else { return false }
        switch (wider.peer, rule.peer) {
        case (.cidr(let outer), .cidr(let inner)): return outer.contains(inner)
        default: return wider.peer == rule.peer
        }
    }

    /// The one rule two rules could be: same traffic with sibling CIDRs, or the same peer and
    /// protocol with adjacent port ranges. Nil when they cannot merge.
    static func merge(_ a: Rule, _ b: Rule) -> Rule? {
        if PolicyTraffic(a) == PolicyTraffic(b), case .cidr(let x) = a.peer, case .cidr(let y) = b.peer,
            x.sibling == y, let parent = x.parent
        {
            return try? Rule(ipProtocol: a.ipProtocol, ports: a.ports, peer: .cidr(parent))
        }
        if a.peer == b.peer, a.ipProtocol == b.ipProtocol, a.ipProtocol.takesPorts,
            case .range(let x) = a.ports, case .range(let y) = b.ports,
            x.to + 1 == y.from || y.to + 1 == x.from,
            let joined = PortRange(from: min(x.from, y.from), to: max(x.to, y.to))
        {
            return try? Rule(ipProtocol: a.ipProtocol, ports: .range(joined), peer: a.peer)
        }
        return nil
    }
}
