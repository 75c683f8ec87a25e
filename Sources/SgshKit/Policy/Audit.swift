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
        /// The rule and the `with` rules could be written as one rule, `into`.
        case mergeable(with: [Rule], into: String)
        /// The rule names a group of the same account that no longer exists (EC2 keeps such
        /// "stale" rules; they let nothing in and hide mistakes).
        case staleReference
        /// No network interface uses the group (a finding about the group, not a rule).
        case unusedGroup
    }

    public var kind: Kind
    public var groupId: String
    public var groupName: String
    /// The direction and rule the finding is about; nil for a finding about the whole group.
    public var direction: Direction?
    public var rule: Rule?
    /// Where the group lives in a fleet audit (`111111111111/eu-west-1`); nil for one backend.
    public var target: String?

    public init(
        kind: Kind, groupId: String, groupName: String, direction: Direction?, rule: Rule?, target: String? = nil
    ) {
        self.kind = kind
        self.groupId = groupId
        self.groupName = groupName
        self.direction = direction
        self.rule = rule
        self.target = target
    }

    /// The rule as a script writes it (`tcp 22 from 0.0.0.0/0`), nil for a finding about the group.
    public var ruleText: String? {
        guard let rule, let direction else { return nil }
        return SourceWriter.rule(rule, direction)
    }

    /// The group as reports name it: `sg-0abc (web)`, after its target in a fleet audit.
    public var groupLabel: String {
        (target.map { "\($0) " } ?? "") + "\(groupId) (\(groupName))"
    }

    /// A stable identifier of what the finding is about, for SARIF's `ruleId`.
    public var ruleId: String {
        switch kind {
        case .policy(let violation): "policy/\(violation.policy.name)"
        case .shadowed: "hygiene/shadowed-rule"
        case .mergeable: "hygiene/mergeable-rules"
        case .staleReference: "hygiene/stale-reference"
        case .unusedGroup: "hygiene/unused-group"
        }
    }

    /// True for policy violations; hygiene findings are warnings.
    public var isViolation: Bool {
        if case .policy = kind { return true }
        return false
    }

    /// One line: `sg-0abc (web) ingress: rule 'tcp 22 from 0.0.0.0/0' breaks policy "no world ssh"`.
    public var message: String {
        let ruleText = "rule '\(self.ruleText ?? "")'"
        // Another rule of the same group and direction, as a script writes it.
        func written(_ other: Rule) -> String { direction.map { SourceWriter.rule(other, $0) } ?? "" }
        switch kind {
        case .policy(let violation):
            var text = "\(ruleText) breaks policy \(SourceWriter.quoted(violation.policy.name))"
            if let expired = violation.expiredExemption {
                text += " (the exemption until \(expired.until) expired: \(expired.reason))"
            }
            return text
        case .shadowed(let wider):
            return "\(ruleText) is shadowed by the wider rule '\(written(wider))'"
        case .mergeable(let others, let merged):
            let rest =
                others.count == 1
                ? "'\(written(others[0]))'" : "\(others.count) more rules of the group"
            return "\(ruleText) and \(rest) could be one rule: '\(merged)'"
        case .staleReference:
            return "\(ruleText) names a security group that no longer exists"
        case .unusedGroup:
            return "no network interface uses the group; delete it if nothing will"
        }
    }
}

/// Judges live groups.
public enum Audit {
    /// Every finding in `groups`, group by group (in the order given), policies first.
    /// - Parameters:
    ///   - groups: the groups to judge, as described.
    ///   - policies: the policies to judge them by.
    ///   - now: the time exemptions are judged at (seconds since the epoch).
    ///   - prefixLists: the lists the rules name, read from the backend, so CIDR policies see their
    ///     entries (`prefixListIds(in:)` says which to read).
    ///   - existingGroupIds: every group id of the account and region (one describe of all groups),
    ///     to find rules naming a group that is gone; nil when unknown.
    ///   - usedGroupIds: the groups some network interface uses (DescribeNetworkInterfaces), to
    ///     find unused groups; nil when unknown.
    /// - Throws: `IPPermissionError` when a group holds a rule sgsh cannot read.
    public static func findings(
        in groups: [SecurityGroup], policies: PolicySet, now: Int, prefixLists: PrefixListCatalog = [:],
        existingGroupIds: Set<String>? = nil, usedGroupIds: Set<String>? = nil
    ) throws(IPPermissionError) -> [AuditFinding] {
        var out: [AuditFinding] = []
        for group in groups {
            // A VPC's default group cannot be deleted, so its being unused is no finding.
            if let usedGroupIds, !usedGroupIds.contains(group.groupId), group.groupName != "default" {
                out.append(
                    AuditFinding(
                        kind: .unusedGroup, groupId: group.groupId, groupName: group.groupName, direction: nil,
                        rule: nil))
            }
            var rules: [Direction: [Rule]] = [:]
            for direction in Direction.allCases { rules[direction] = try group.rules(direction) }
            let state = PolicyGroupState(
                target: .id(group.groupId), name: group.groupName,
                rules: rules.mapValues { $0.map { PolicyRule(rule: $0) } })
            for violation in PolicyCheck(policies, now: now, prefixLists: prefixLists).violations(in: [state]) {
                out.append(
                    AuditFinding(
                        kind: .policy(violation), groupId: group.groupId, groupName: group.groupName,
                        direction: violation.direction, rule: violation.rule.rule))
            }
            for direction in Direction.allCases {
                var found = hygiene(rules[direction] ?? [], direction)
                if let existingGroupIds {
                    found += staleReferences(rules[direction] ?? [], owner: group.ownerId, existing: existingGroupIds)
                }
                for (rule, kind) in found {
                    out.append(
                        AuditFinding(
                            kind: kind, groupId: group.groupId, groupName: group.groupName, direction: direction,
                            rule: rule))
                }
            }
        }
        return out
    }

    /// Rules naming a group of the same account (`owner`) that is not among `existing`. A group
    /// of another account (a peered VPC's) cannot be judged from here and is left alone.
    static func staleReferences(_ rules: [Rule], owner: String?, existing: Set<String>) -> [(
        Rule, AuditFinding.Kind
    )] {
        rules.compactMap { rule in
            guard case .group(let reference) = rule.peer, !existing.contains(reference.groupId),
                reference.userId == nil || reference.userId == owner
            else { return nil }
            return (rule, .staleReference)
        }
    }

    /// The prefix lists the groups' rules name, in first-seen order.
    public static func prefixListIds(in groups: [SecurityGroup]) -> [String] {
        var ids: [String] = []
        for group in groups {
            for permission in group.ipPermissions + group.ipPermissionsEgress {
                for list in permission.prefixListIds where !ids.contains(list.prefixListId) {
                    ids.append(list.prefixListId)
                }
            }
        }
        return ids
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
        let kept = rules.indices.filter { !shadowed.contains($0) }
        for (members, merged) in siblingRuns(rules, kept) + portRuns(rules, kept) {
            let others = members.dropFirst().map { rules[$0] }
            out.append((rules[members[0]], .mergeable(with: others, into: SourceWriter.rule(merged, direction))))
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

    /// Rules of the same traffic whose CIDRs aggregate into one block (`0.0.0.0/1` +
    /// `128.0.0.0/1`): per block of two rules or more, their indexes and the one rule.
    static func siblingRuns(_ rules: [Rule], _ indices: [Int]) -> [([Int], Rule)] {
        var order: [PolicyTraffic] = []
        var byTraffic: [PolicyTraffic: [(Int, CIDR)]] = [:]
        for index in indices {
            guard case .cidr(let block) = rules[index].peer else { continue }
            let traffic = PolicyTraffic(rules[index])
            if byTraffic[traffic] == nil { order.append(traffic) }
            byTraffic[traffic, default: []].append((index, block))
        }
        var out: [([Int], Rule)] = []
        for traffic in order {
            let members = byTraffic[traffic]!
            for block in CIDR.aggregate(members.map(\.1)) {
                let inside = members.filter { block.contains($0.1) }.map(\.0)
                guard inside.count >= 2,
                    let rule = try? Rule(ipProtocol: traffic.ipProtocol, ports: traffic.ports, peer: .cidr(block))
                else { continue }
                out.append((inside, rule))
            }
        }
        return out
    }

    /// Rules of one peer and protocol (tcp or udp) whose port ranges touch or overlap
    /// (`tcp 8080` + `tcp 8081`): per run of two rules or more, their indexes and the one rule.
    static func portRuns(_ rules: [Rule], _ indices: [Int]) -> [([Int], Rule)] {
        struct Key: Hashable {
            let peer: Peer
            let ipProtocol: IPProtocol
        }
        var order: [Key] = []
        var byKey: [Key: [(Int, PortRange)]] = [:]
        for index in indices {
            let rule = rules[index]
            guard rule.ipProtocol.takesPorts, case .range(let range) = rule.ports else { continue }
            let key = Key(peer: rule.peer, ipProtocol: rule.ipProtocol)
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append((index, range))
        }
        var out: [([Int], Rule)] = []
        for key in order {
            var run: [Int] = []
            var span: PortRange?
            func close() {
                if run.count >= 2, let span,
                    let rule = try? Rule(ipProtocol: key.ipProtocol, ports: .range(span), peer: key.peer)
                {
                    out.append((run.sorted(), rule))
                }
            }
            for (index, range) in byKey[key]!.sorted(by: { ($0.1.from, $0.0) < ($1.1.from, $1.0) }) {
                if let current = span, range.from <= current.to + 1 {
                    span = PortRange(from: current.from, to: max(current.to, range.to))
                    run.append(index)
                } else {
                    close()
                    run = [index]
                    span = range
                }
            }
            close()
        }
        return out
    }
}
