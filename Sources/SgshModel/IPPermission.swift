// EC2's IpPermission shape, and the conversion to and from one-peer Rules.
//
// The wire shape is kept as EC2 sends it (strings, optional ports) so that
// backends and the JSON output can round-trip it; `rules` and
// `IPPermission.grouping(_:)` are the one place it meets the Rule model.

/// An IPv4 range with an optional description (EC2 IpRange).
public struct IPRange: Hashable, Sendable, Codable {
    public var cidrIp: String
    public var description: String?
    public init(cidrIp: String, description: String? = nil) {
        self.cidrIp = cidrIp
        self.description = description
    }
}

/// An IPv6 range with an optional description (EC2 Ipv6Range).
public struct IPv6Range: Hashable, Sendable, Codable {
    public var cidrIpv6: String
    public var description: String?
    public init(cidrIpv6: String, description: String? = nil) {
        self.cidrIpv6 = cidrIpv6
        self.description = description
    }
}

/// A prefix list id with an optional description (EC2 PrefixListId).
public struct PrefixListID: Hashable, Sendable, Codable {
    public var prefixListId: String
    public var description: String?
    public init(prefixListId: String, description: String? = nil) {
        self.prefixListId = prefixListId
        self.description = description
    }
}

/// A group-to-group pair (EC2 UserIdGroupPair).
public struct UserIdGroupPair: Hashable, Sendable, Codable {
    public var groupId: String?
    public var groupName: String?
    public var userId: String?
    public var vpcId: String?
    public var vpcPeeringConnectionId: String?
    public var peeringStatus: String?
    public var description: String?
    public init(
        groupId: String? = nil, groupName: String? = nil, userId: String? = nil, vpcId: String? = nil,
        vpcPeeringConnectionId: String? = nil, peeringStatus: String? = nil, description: String? = nil
    ) {
        self.groupId = groupId
        self.groupName = groupName
        self.userId = userId
        self.vpcId = vpcId
        self.vpcPeeringConnectionId = vpcPeeringConnectionId
        self.peeringStatus = peeringStatus
        self.description = description
    }
}

/// One EC2 IpPermission: a protocol and ports with any number of peers.
public struct IPPermission: Hashable, Sendable {
    public var ipProtocol: String
    public var fromPort: Int?
    public var toPort: Int?
    public var ipRanges: [IPRange]
    public var ipv6Ranges: [IPv6Range]
    public var prefixListIds: [PrefixListID]
    public var userIdGroupPairs: [UserIdGroupPair]

    public init(
        ipProtocol: String, fromPort: Int? = nil, toPort: Int? = nil, ipRanges: [IPRange] = [],
        ipv6Ranges: [IPv6Range] = [], prefixListIds: [PrefixListID] = [], userIdGroupPairs: [UserIdGroupPair] = []
    ) {
        self.ipProtocol = ipProtocol
        self.fromPort = fromPort
        self.toPort = toPort
        self.ipRanges = ipRanges
        self.ipv6Ranges = ipv6Ranges
        self.prefixListIds = prefixListIds
        self.userIdGroupPairs = userIdGroupPairs
    }

    /// The number of peers (and so of one-peer rules) in this permission.
    public var peerCount: Int { ipRanges.count + ipv6Ranges.count + prefixListIds.count + userIdGroupPairs.count }

    /// The protocol and ports as the Rule model has them.
    /// - Throws: `IPPermissionError` when the protocol or ports are not ones EC2 produces.
    public func protocolAndPorts() throws(IPPermissionError) -> (IPProtocol, PortSpec) {
        guard let proto = IPProtocol(parsing: ipProtocol) else { throw .unknownProtocol(ipProtocol) }
        switch proto {
        case .tcp, .udp:
            guard let from = fromPort, let to = toPort, let range = PortRange(from: from, to: to) else {
                throw .invalidPorts(ipProtocol, fromPort, toPort)
            }
            return (proto, .range(range))
        case .icmp, .icmpv6:
            // icmpv6 may omit the fields (EC2-FACTS §3): that means every type.
            guard let spec = ICMPSpec(type: fromPort ?? -1, code: toPort ?? -1) else {
                throw .invalidPorts(ipProtocol, fromPort, toPort)
            }
            return (proto, .icmp(spec))
        case .all, .number:
            return (proto, .none)
        }
    }

    /// Splits the permission into one Rule per peer.
    /// - Throws: `IPPermissionError` for a protocol, port, CIDR or peer EC2 would not return.
    public func rules() throws(IPPermissionError) -> [Rule] {
        let (proto, ports) = try protocolAndPorts()
        func rule(_ peer: Peer, _ stored: String?) throws(IPPermissionError) -> Rule {
            let description = stored?.isEmpty == true ? nil : stored
            do {
                return try Rule(ipProtocol: proto, ports: ports, peer: peer, description: description)
            } catch {
                // Descriptions that EC2 stored are kept as they are, even if sgsh would reject them.
                guard case .invalidDescription = error,
                    let bare = try? Rule(ipProtocol: proto, ports: ports, peer: peer)
                else { throw .invalidRule(error.description) }
                return bare.withUncheckedDescription(description)
            }
        }
        var out: [Rule] = []
        for range in ipRanges {
            guard let block = CIDR(range.cidrIp), block.family == .ipv4 else { throw .invalidCIDR(range.cidrIp) }
            out.append(try rule(.cidr(block), range.description))
        }
        for range in ipv6Ranges {
            guard let block = CIDR(range.cidrIpv6), block.family == .ipv6 else { throw .invalidCIDR(range.cidrIpv6) }
            out.append(try rule(.cidr(block), range.description))
        }
        for list in prefixListIds {
            out.append(try rule(.prefixList(list.prefixListId), list.description))
        }
        for pair in userIdGroupPairs {
            guard let groupId = pair.groupId ?? pair.groupName else { throw .invalidPeer("group pair without id") }
            out.append(try rule(.group(GroupReference(groupId: groupId, userId: pair.userId)), pair.description))
        }
        return out
    }

    /// The permission split into one permission per peer, in `rules()`'s order.
    public var perPeer: [IPPermission] {
        func one(
            _ ipRanges: [IPRange] = [], _ ipv6Ranges: [IPv6Range] = [], _ prefixListIds: [PrefixListID] = [],
            _ pairs: [UserIdGroupPair] = []
        ) -> IPPermission {
            IPPermission(
                ipProtocol: ipProtocol, fromPort: fromPort, toPort: toPort, ipRanges: ipRanges,
                ipv6Ranges: ipv6Ranges, prefixListIds: prefixListIds, userIdGroupPairs: pairs)
        }
        return ipRanges.map { one([$0]) } + ipv6Ranges.map { one([], [$0]) }
            + prefixListIds.map { one([], [], [$0]) } + userIdGroupPairs.map { one([], [], [], [$0]) }
    }

    /// Reads each peer's rule on its own, so that one rule sgsh cannot model (a CIDR
    /// with host bits that a service stored verbatim) does not hide the others.
    public func readRules() -> (rules: [Rule], unreadable: [UnreadableRule]) {
        var rules: [Rule] = []
        var unreadable: [UnreadableRule] = []
        for single in perPeer {
            do {
                rules += try single.rules()
            } catch {
                unreadable.append(UnreadableRule(permission: single, reason: error))
            }
        }
        return (rules, unreadable)
    }

    /// Groups rules into as few permissions as possible: one per protocol and ports.
    public static func grouping(_ rules: [Rule]) -> [IPPermission] {
        var order: [RulePortsKey] = []
        var byPorts: [RulePortsKey: IPPermission] = [:]
        for rule in rules {
            let key = RulePortsKey(ipProtocol: rule.ipProtocol, ports: rule.ports)
            if byPorts[key] == nil {
                order.append(key)
                let wire = rule.ports.wirePorts
                byPorts[key] = IPPermission(
                    ipProtocol: rule.ipProtocol.wireValue, fromPort: wire?.from, toPort: wire?.to)
            }
            switch rule.peer {
            case .cidr(let block) where block.family == .ipv4:
                byPorts[key]!.ipRanges.append(IPRange(cidrIp: block.description, description: rule.wireDescription))
            case .cidr(let block):
                byPorts[key]!.ipv6Ranges.append(
                    IPv6Range(cidrIpv6: block.description, description: rule.wireDescription))
            case .prefixList(let id):
                byPorts[key]!.prefixListIds.append(PrefixListID(prefixListId: id, description: rule.wireDescription))
            case .group(let reference):
                byPorts[key]!.userIdGroupPairs.append(
                    UserIdGroupPair(
                        groupId: reference.groupId, userId: reference.userId, description: rule.wireDescription)
                )
            }
        }
        return order.map { byPorts[$0]! }
    }
}

private struct RulePortsKey: Hashable {
    let ipProtocol: IPProtocol
    let ports: PortSpec
}

extension Rule {
    /// Keeps a description as the service stored it, without sgsh's checks.
    func withUncheckedDescription(_ text: String?) -> Rule { Rule(unchecked: self, description: text) }
}

/// Why an IpPermission could not be read as Rules.
/// A rule as the service stored it that sgsh cannot model, with the reason.
public struct UnreadableRule: Hashable, Sendable {
    /// The rule as stored: one permission with exactly one peer.
    public let permission: IPPermission
    public let reason: IPPermissionError

    public init(permission: IPPermission, reason: IPPermissionError) {
        self.permission = permission
        self.reason = reason
    }
}

public enum IPPermissionError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownProtocol(String)
    case invalidPorts(String, Int?, Int?)
    case invalidCIDR(String)
    case invalidPeer(String)
    case invalidRule(String)

    public var description: String {
        switch self {
        case .unknownProtocol(let text): "unknown IpProtocol '\(text)'"
        case .invalidPorts(let proto, let from, let to):
            "invalid ports \(from.map(String.init) ?? "nil")..\(to.map(String.init) ?? "nil") for '\(proto)'"
        case .invalidCIDR(let text): "invalid CIDR '\(text)'"
        case .invalidPeer(let text): "invalid peer: \(text)"
        case .invalidRule(let text): text
        }
    }
}
