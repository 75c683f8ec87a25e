// Policies as values: what a script's `policy` statements (and those of the
// modules and --policy files it runs with) evaluate to. The evaluator
// collects them in the Plan; PolicyCheck judges a group's rules against them.

import SgshModel

/// The protocol and ports of a rule: the part of a rule a policy's ports are about.
public struct PolicyTraffic: Hashable, Sendable, CustomStringConvertible {
    public var ipProtocol: IPProtocol
    public var ports: PortSpec

    public init(ipProtocol: IPProtocol, ports: PortSpec) {
        self.ipProtocol = ipProtocol
        self.ports = ports
    }

    /// The traffic of a rule.
    public init(_ rule: Rule) { self.init(ipProtocol: rule.ipProtocol, ports: rule.ports) }

    public var description: String {
        let ports = ports.description
        return ports.isEmpty ? ipProtocol.description : "\(ipProtocol) \(ports)"
    }
}

/// Which groups a policy applies to.
public enum PolicyScope: Hashable, Sendable {
    /// Every group.
    case all
    /// One group (`in $db`).
    case group(GroupTarget)
    /// Every group of this name (`in "default"`: the default group of each VPC).
    case named(String)
}

/// One `policy deny` or `policy require` statement.
public struct Policy: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Rules of `direction` whose traffic overlaps `traffic` (and is not within `except`)
        /// and whose peer matches `peers` break the policy. No peers means any peer.
        case deny(Direction, traffic: [PolicyTraffic], peers: [Peer], except: [PolicyTraffic])
        /// Every rule must have a description.
        case requireDescription
    }

    public var name: String
    public var kind: Kind
    public var scope: PolicyScope
    /// The statement, when the policy was written in sgsh.
    public var origin: SourceRange?

    public init(name: String, kind: Kind, scope: PolicyScope = .all, origin: SourceRange? = nil) {
        self.name = name
        self.kind = kind
        self.scope = scope
        self.origin = origin
    }
}

/// `policy exempt GROUP from "name" until DATE "reason"`.
public struct PolicyExemption: Hashable, Sendable {
    public var group: GroupTarget
    public var policy: String
    /// The last day the exemption holds, as written (YYYY-MM-DD, UTC).
    public var until: String
    /// `until` in days since 1970-01-01.
    public var lastDay: Int
    public var reason: String
    public var origin: SourceRange?

    public init(group: GroupTarget, policy: String, until: String, lastDay: Int, reason: String, origin: SourceRange?) {
        self.group = group
        self.policy = policy
        self.until = until
        self.lastDay = lastDay
        self.reason = reason
        self.origin = origin
    }

    /// True while `now` (seconds since the epoch) is on or before the last day.
    public func holds(now: Int) -> Bool { now.floorDivided(by: 86_400) <= lastDay }
}

/// The policies and exemptions a run is judged by.
public struct PolicySet: Hashable, Sendable {
    public var policies: [Policy]
    public var exemptions: [PolicyExemption]

    public init(policies: [Policy] = [], exemptions: [PolicyExemption] = []) {
        self.policies = policies
        self.exemptions = exemptions
    }

    public var isEmpty: Bool { policies.isEmpty }

    /// Both sets, this one's first.
    public func merging(_ other: PolicySet) -> PolicySet {
        PolicySet(policies: policies + other.policies, exemptions: exemptions + other.exemptions)
    }
}

/// Calendar dates for exemptions (UTC, proleptic Gregorian).
enum PolicyDate {
    /// Days since 1970-01-01 of `YYYY-MM-DD`, or nil when it is not a date.
    static func day(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        return date.daysSince1970
    }
}
