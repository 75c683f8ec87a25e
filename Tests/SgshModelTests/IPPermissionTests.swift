import Foundation
import SgshModel
import Testing

@Suite struct IPPermissionTests {
    static func rule(_ proto: IPProtocol, _ ports: PortSpec, _ peer: Peer, _ description: String? = nil) -> Rule {
        try! Rule(ipProtocol: proto, ports: ports, peer: peer, description: description)
    }

    @Test func splitsOnePermissionIntoOneRulePerPeer() throws {
        let permission = IPPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443,
            ipRanges: [IPRange(cidrIp: "10.0.0.0/8", description: "a"), IPRange(cidrIp: "192.0.2.7/32")],
            ipv6Ranges: [IPv6Range(cidrIpv6: "::/0")],
            prefixListIds: [PrefixListID(prefixListId: "pl-0abc")],
            userIdGroupPairs: [UserIdGroupPair(groupId: "sg-0def", userId: "123456789012", description: "peer")])
        let rules = try permission.rules()
        #expect(permission.peerCount == 5)
        #expect(
            rules.map { "\($0.ipProtocol) \($0.ports) \($0.peer) \($0.description ?? "-")" } == [
                "tcp 443 10.0.0.0/8 a", "tcp 443 192.0.2.7/32 -", "tcp 443 ::/0 -",
                "tcp 443 pl-0abc -", "tcp 443 123456789012/sg-0def peer",
            ])
    }

    @Test(arguments: [
        (IPPermission(ipProtocol: "-1"), IPProtocol.all, PortSpec.none),
        (IPPermission(ipProtocol: "50"), .number(50), .none),
        (IPPermission(ipProtocol: "6", fromPort: 22, toPort: 22), .tcp, .range(PortRange(22)!)),
        (IPPermission(ipProtocol: "icmp", fromPort: -1, toPort: -1), .icmp, .icmp(.all)),
        (IPPermission(ipProtocol: "icmp", fromPort: 3, toPort: 4), .icmp, .icmp(ICMPSpec(type: 3, code: 4)!)),
        (IPPermission(ipProtocol: "icmpv6"), .icmpv6, .icmp(.all)),
    ])
    func readsProtocolAndPorts(permission: IPPermission, proto: IPProtocol, ports: PortSpec) throws {
        let (readProto, readPorts) = try permission.protocolAndPorts()
        #expect(readProto == proto && readPorts == ports)
    }

    @Test(arguments: [
        IPPermission(ipProtocol: "ssh"), IPPermission(ipProtocol: "tcp"),
        IPPermission(ipProtocol: "tcp", fromPort: 90, toPort: 80),
        IPPermission(ipProtocol: "icmp", fromPort: 300, toPort: -1),
        IPPermission(ipProtocol: "tcp", fromPort: 1, toPort: 1, ipRanges: [IPRange(cidrIp: "::/0")]),
        IPPermission(ipProtocol: "tcp", fromPort: 1, toPort: 1, ipv6Ranges: [IPv6Range(cidrIpv6: "10.0.0.0/8")]),
        IPPermission(ipProtocol: "tcp", fromPort: 1, toPort: 1, ipRanges: [IPRange(cidrIp: "10.0.0.1/8")]),
        IPPermission(ipProtocol: "tcp", fromPort: 1, toPort: 1, userIdGroupPairs: [UserIdGroupPair()]),
    ])
    func rejectsPermissionsEC2WouldNotReturn(permission: IPPermission) {
        #expect(throws: IPPermissionError.self) { try permission.rules() }
    }

    @Test func keepsStoredDescriptionsThatSgshWouldReject() throws {
        let permission = IPPermission(
            ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: [IPRange(cidrIp: "10.0.0.0/8", description: "café")])
        #expect(try permission.rules().map(\.description) == ["café"])
    }

    @Test func groupsRulesByProtocolAndPortsInFirstSeenOrder() throws {
        let https = PortSpec.range(PortRange(443)!)
        let ssh = PortSpec.range(PortRange(22)!)
        let rules = [
            Self.rule(.tcp, https, .cidr(CIDR("10.0.0.0/8")!), "a"),
            Self.rule(.tcp, ssh, .cidr(CIDR("192.0.2.0/24")!)),
            Self.rule(.tcp, https, .cidr(CIDR("2001:db8::/32")!)),
            Self.rule(.tcp, https, .group(GroupReference(groupId: "sg-0def"))),
            Self.rule(.tcp, https, .prefixList("pl-0abc")),
            Self.rule(.all, .none, .cidr(CIDR("0.0.0.0/0")!)),
        ]
        let permissions = IPPermission.grouping(rules)
        #expect(permissions.map(\.ipProtocol) == ["tcp", "tcp", "-1"])
        #expect(permissions.map(\.fromPort) == [443, 22, nil])
        #expect(permissions[0].ipRanges == [IPRange(cidrIp: "10.0.0.0/8", description: "a")])
        #expect(permissions[0].ipv6Ranges == [IPv6Range(cidrIpv6: "2001:db8::/32")])
        #expect(permissions[0].userIdGroupPairs == [UserIdGroupPair(groupId: "sg-0def")])
        #expect(permissions[0].prefixListIds == [PrefixListID(prefixListId: "pl-0abc")])
        // Round trip: the permissions split back into the same rules.
        let back = try permissions.flatMap { try $0.rules() }
        #expect(Set(back) == Set(rules))
        #expect(back.count == rules.count)
    }

    @Test(arguments: [
        [IPPermission(ipProtocol: "icmp", fromPort: 8, toPort: -1, ipRanges: [IPRange(cidrIp: "10.0.0.0/8")])],
        [
            IPPermission(
                ipProtocol: "udp", fromPort: 53, toPort: 53,
                ipRanges: [IPRange(cidrIp: "10.0.0.2/32", description: "dns")],
                ipv6Ranges: [IPv6Range(cidrIpv6: "fd00::/8")])
        ],
        [
            IPPermission(
                ipProtocol: "-1", userIdGroupPairs: [UserIdGroupPair(groupId: "sg-0abc", userId: "123456789012")])
        ],
    ])
    func roundTripsCanonicalPermissions(permissions: [IPPermission]) throws {
        let rules = try permissions.flatMap { try $0.rules() }
        #expect(IPPermission.grouping(rules) == permissions)
    }

    /// The journal's JSON: the peer lists a permission does not use are left out, and a journal
    /// written before that (every list present, empty ones too) still reads.
    @Test func codesWithoutItsEmptyPeerLists() throws {
        let permission = IPPermission(
            ipProtocol: "tcp", fromPort: 443, toPort: 443, ipRanges: [IPRange(cidrIp: "10.0.0.0/24", description: "b")])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(permission), as: UTF8.self)
        #expect(
            json
                == #"{"fromPort":443,"ipProtocol":"tcp","ipRanges":[{"cidrIp":"10.0.0.0\/24","description":"b"}],"toPort":443}"#
        )
        #expect(try JSONDecoder().decode(IPPermission.self, from: Data(json.utf8)) == permission)
        let written =
            #"{"ipProtocol":"-1","ipRanges":[],"ipv6Ranges":[{"cidrIpv6":"::/0"}],"prefixListIds":[],"userIdGroupPairs":[]}"#
        #expect(
            try JSONDecoder().decode(IPPermission.self, from: Data(written.utf8))
                == IPPermission(ipProtocol: "-1", ipv6Ranges: [IPv6Range(cidrIpv6: "::/0")]))
        let all = IPPermission(
            ipProtocol: "udp", fromPort: 53, toPort: 53, ipRanges: [IPRange(cidrIp: "10.0.0.0/8")],
            ipv6Ranges: [IPv6Range(cidrIpv6: "::/0")], prefixListIds: [PrefixListID(prefixListId: "pl-1")],
            userIdGroupPairs: [UserIdGroupPair(groupId: "sg-1", userId: "123456789012")])
        #expect(try JSONDecoder().decode(IPPermission.self, from: try JSONEncoder().encode(all)) == all)
    }
}
