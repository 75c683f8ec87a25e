// One row of the `rule` table, and its conversions to and from the model.
//
// A rule is stored with one peer and EC2's port convention (-1/-1 when the
// protocol takes no ports), so the row is both the identity used for
// duplicate checks and everything needed to answer DescribeSecurityGroupRules.

import GRDB
import SgshModel

/// A security-group rule as the local store keeps it.
struct StoredRule: Hashable, Sendable {
    /// The column `peer_kind`; keep in sync with the schema's partial index (3 = group).
    enum PeerKind: Int, Sendable {
        case ipv4 = 0
        case ipv6 = 1
        case prefixList = 2
        case group = 3
    }

    /// What makes two rules the same rule in EC2's eyes (everything but the description).
    struct Identity: Hashable, Sendable {
        var ipProtocol: String
        var fromPort: Int
        var toPort: Int
        var peerKind: PeerKind
        var peer: String
        var peerUser: String?
    }

    var id: String
    var groupId: String
    var isEgress: Bool
    var identity: Identity
    var description: String?

    var direction: Direction { isEgress ? .egress : .ingress }

    /// Which of the per-direction quotas the rule counts against.
    var quotaFamily: CIDR.Family { identity.peerKind == .ipv6 ? .ipv6 : .ipv4 }

    /// The identity of a model rule, in stored form.
    static func identity(of rule: Rule) -> Identity {
        let ports = rule.ports.wirePorts ?? (-1, -1)
        let kind: PeerKind
        let peer: String
        var user: String?
        switch rule.peer {
        case .cidr(let block):
            kind = block.family == .ipv4 ? .ipv4 : .ipv6
            peer = block.description
        case .prefixList(let id):
            kind = .prefixList
            peer = id
        case .group(let reference):
            kind = .group
            peer = reference.groupId
            user = reference.userId
        }
        return Identity(
            ipProtocol: rule.ipProtocol.wireValue, fromPort: ports.from, toPort: ports.to, peerKind: kind,
            peer: peer, peerUser: user)
    }

    /// The model rule for this row, or nil if the row is not one sgsh wrote.
    var rule: Rule? {
        guard let proto = IPProtocol(parsing: identity.ipProtocol) else { return nil }
        let ports: PortSpec
        switch proto {
        case .tcp, .udp:
            guard let range = PortRange(from: identity.fromPort, to: identity.toPort) else { return nil }
            ports = .range(range)
        case .icmp, .icmpv6:
            guard let spec = ICMPSpec(type: identity.fromPort, code: identity.toPort) else { return nil }
            ports = .icmp(spec)
        case .all, .number:
            ports = .none
        }
        let peer: Peer
        switch identity.peerKind {
        case .ipv4, .ipv6:
            guard let block = CIDR(identity.peer) else { return nil }
            peer = .cidr(block)
        case .prefixList: peer = .prefixList(identity.peer)
        case .group: peer = .group(GroupReference(groupId: identity.peer, userId: identity.peerUser))
        }
        guard let bare = try? Rule(ipProtocol: proto, ports: ports, peer: peer) else { return nil }
        return bare.withDescription(description)
    }

    /// The rule as DescribeSecurityGroupRules reports it.
    func wire(ownerId: String, tags: [Tag]) -> SecurityGroupRule {
        var out = SecurityGroupRule(
            securityGroupRuleId: id, groupId: groupId, groupOwnerId: ownerId, isEgress: isEgress,
            ipProtocol: identity.ipProtocol, fromPort: identity.fromPort, toPort: identity.toPort,
            description: description, tags: tags)
        switch identity.peerKind {
        case .ipv4: out.cidrIpv4 = identity.peer
        case .ipv6: out.cidrIpv6 = identity.peer
        case .prefixList: out.prefixListId = identity.peer
        case .group:
            out.referencedGroupId = identity.peer
            out.referencedUserId = identity.peerUser
        }
        return out
    }

    // MARK: - SQL

    static let columns =
        "id, group_id, is_egress, protocol, from_port, to_port, peer_kind, peer, peer_user, description"

    init(id: String, groupId: String, isEgress: Bool, identity: Identity, description: String?) {
        self.id = id
        self.groupId = groupId
        self.isEgress = isEgress
        self.identity = identity
        self.description = description
    }

    /// Reads a row selected with `columns`.
    init(row: Row) {
        id = row[0]
        groupId = row[1]
        isEgress = row[2]
        identity = Identity(
            ipProtocol: row[3], fromPort: row[4], toPort: row[5],
            peerKind: PeerKind(rawValue: row[6]) ?? .ipv4, peer: row[7], peerUser: row[8])
        description = row[9]
    }

    /// The values for an INSERT in `columns` order.
    var arguments: StatementArguments {
        [
            id, groupId, isEgress, identity.ipProtocol, identity.fromPort, identity.toPort,
            identity.peerKind.rawValue, identity.peer, identity.peerUser, description,
        ]
    }
}
