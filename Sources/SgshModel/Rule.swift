// One security-group rule: protocol, ports, exactly one peer, description.
//
// A Rule is the unit sgsh plans with. EC2's IpPermission may carry many peers;
// normalization splits it into one Rule per peer so that rule sets can be
// diffed as sets. Identity (`RuleKey`) ignores the description, as EC2 does
// when it reports InvalidPermission.Duplicate.

/// What a rule's port fields mean for its protocol.
public enum PortSpec: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// No ports: protocol `all` or a number other than tcp/udp/icmp/icmpv6.
    case none
    /// A tcp/udp port range.
    case range(PortRange)
    /// An icmp/icmpv6 type and code.
    case icmp(ICMPSpec)

    /// The FromPort/ToPort pair EC2 expects, or nil when the fields are omitted.
    public var wirePorts: (from: Int, to: Int)? {
        switch self {
        case .none: nil
        case .range(let range): (range.from, range.to)
        case .icmp(let spec): (spec.type, spec.code)
        }
    }

    public var description: String {
        switch self {
        case .none: ""
        case .range(let range): range.isAll ? "all" : range.description
        case .icmp(let spec): spec.description
        }
    }
}

/// Identity of a rule within a group and direction: everything but the description.
public struct RuleKey: Hashable, Sendable, Comparable {
    public let ipProtocol: IPProtocol
    public let ports: PortSpec
    public let peer: Peer

    public static func < (lhs: RuleKey, rhs: RuleKey) -> Bool {
        (lhs.peer, lhs.ipProtocol, lhs.ports) < (rhs.peer, rhs.ipProtocol, rhs.ports)
    }

    /// The fields `==` compares, packed into as few words as they fit: the planner hashes a
    /// key several times per rule, and the derived hash combined a dozen fields one by one
    /// (and a CIDR's family as its raw-value String).
    /// - Parameter hasher: the hasher the fields are fed to.
    public func hash(into hasher: inout Hasher) {
        let proto: UInt64 =
            switch ipProtocol {
            case .tcp: 1
            case .udp: 2
            case .icmp: 3
            case .icmpv6: 4
            case .all: 5
            case .number(let number): 6 &+ UInt64(truncatingIfNeeded: number) << 3
            }
        let ports: UInt64 =
            switch self.ports {
            case .none: 0
            case .range(let range):
                1 | UInt64(truncatingIfNeeded: range.from) << 2 | UInt64(truncatingIfNeeded: range.to) << 20
            case .icmp(let spec):
                2 | UInt64(truncatingIfNeeded: spec.type &+ 1) << 2 | UInt64(truncatingIfNeeded: spec.code &+ 1) << 20
            }
        switch peer {
        case .cidr(let block):
            hasher.combine(proto ^ ports << 24)
            hasher.combine(block)
        case .group(let reference):
            hasher.combine(proto ^ ports << 24 ^ 1 << 62)
            hasher.combine(reference)
        case .prefixList(let id):
            hasher.combine(proto ^ ports << 24 ^ 2 << 62)
            hasher.combine(id)
        }
    }
}

/// A validated rule with one peer.
public struct Rule: Hashable, Sendable, Comparable {
    public let ipProtocol: IPProtocol
    public let ports: PortSpec
    public let peer: Peer
    /// nil when the script did not give one (a present description is kept); `""` when it
    /// asked for none (a present description is cleared). Rules read from a backend never hold `""`.
    public let description: String?

    /// The description to send: none for `""`.
    public var wireDescription: String? { description?.isEmpty == true ? nil : description }

    /// Creates a rule, checking that the ports fit the protocol.
    /// - Throws: `RuleError` when ports are given to a protocol that takes none, or missing.
    public init(ipProtocol: IPProtocol, ports: PortSpec, peer: Peer, description: String? = nil) throws(RuleError) {
        switch (ipProtocol, ports) {
        case (.tcp, .range), (.udp, .range), (.icmp, .icmp), (.icmpv6, .icmp), (.all, .none), (.number, .none):
            break
        case (.tcp, _), (.udp, _):
            throw .portsRequired(ipProtocol)
        case (.icmp, _), (.icmpv6, _):
            throw .icmpTypeRequired(ipProtocol)
        default:
            throw .portsNotAllowed(ipProtocol)
        }
        if let description {
            if let problem = RuleDescription.problem(in: description) { throw .invalidDescription(problem) }
        }
        self.ipProtocol = ipProtocol
        self.ports = ports
        self.peer = peer
        // Kept as given: nil is "not said" (a present description stays), "" is "none" (it is cleared).
        self.description = description
    }

    init(unchecked rule: Rule, description: String?) {
        self.ipProtocol = rule.ipProtocol
        self.ports = rule.ports
        self.peer = rule.peer
        self.description = description?.isEmpty == true ? nil : description
    }

    /// The rule's identity, ignoring the description.
    public var key: RuleKey { RuleKey(ipProtocol: ipProtocol, ports: ports, peer: peer) }

    /// The same rule with another description.
    public func withDescription(_ text: String?) -> Rule {
        // The fields were validated when self was made; only the description changes.
        (try? Rule(ipProtocol: ipProtocol, ports: ports, peer: peer, description: text)) ?? self
    }

    public static func < (lhs: Rule, rhs: Rule) -> Bool {
        lhs.key < rhs.key || (lhs.key == rhs.key && (lhs.description ?? "") < (rhs.description ?? ""))
    }
}

/// Why a rule is not valid.
public enum RuleError: Error, Hashable, Sendable, CustomStringConvertible {
    case portsRequired(IPProtocol)
    case icmpTypeRequired(IPProtocol)
    case portsNotAllowed(IPProtocol)
    case invalidDescription(String)

    public var description: String {
        switch self {
        case .portsRequired(let proto): "protocol '\(proto)' needs a port or port range"
        case .icmpTypeRequired(let proto): "protocol '\(proto)' needs an ICMP type, type:code or 'all'"
        case .portsNotAllowed(let proto): "protocol '\(proto)' takes no ports"
        case .invalidDescription(let problem): problem
        }
    }
}
