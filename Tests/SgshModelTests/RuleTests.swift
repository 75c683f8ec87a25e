import SgshModel
import Testing

@Suite struct RuleTests {
    static let anywhere = Peer.cidr(CIDR("0.0.0.0/0")!)
    static let https = PortSpec.range(PortRange(443)!)
    static let echo = PortSpec.icmp(ICMPSpec(type: 8)!)

    @Test(arguments: [
        (IPProtocol.tcp, https), (.udp, https), (.icmp, echo), (.icmpv6, echo), (.icmp, .icmp(.all)),
        (.all, PortSpec.none), (.number(50), PortSpec.none),
    ])
    func acceptsPortsThatFitTheProtocol(proto: IPProtocol, ports: PortSpec) throws {
        let rule = try Rule(ipProtocol: proto, ports: ports, peer: Self.anywhere)
        #expect(rule.ipProtocol == proto && rule.ports == ports)
    }

    @Test(arguments: [
        (IPProtocol.tcp, PortSpec.none, RuleError.portsRequired(.tcp)),
        (.udp, echo, .portsRequired(.udp)),
        (.icmp, https, .icmpTypeRequired(.icmp)),
        (.icmpv6, PortSpec.none, .icmpTypeRequired(.icmpv6)),
        (.all, https, .portsNotAllowed(.all)),
        (.number(50), echo, .portsNotAllowed(.number(50))),
    ])
    func rejectsPortsThatDoNotFit(proto: IPProtocol, ports: PortSpec, error: RuleError) {
        #expect(throws: error) { try Rule(ipProtocol: proto, ports: ports, peer: Self.anywhere) }
    }

    @Test func rejectsAnInvalidDescription() {
        #expect(throws: RuleError.self) {
            try Rule(ipProtocol: .tcp, ports: Self.https, peer: Self.anywhere, description: "café")
        }
    }

    @Test func identityIgnoresTheDescription() throws {
        let a = try Rule(ipProtocol: .tcp, ports: Self.https, peer: Self.anywhere, description: "one")
        let b = try Rule(ipProtocol: .tcp, ports: Self.https, peer: Self.anywhere, description: "two")
        #expect(a.key == b.key)
        #expect(a != b)
        #expect(a.withDescription("two") == b)
    }

    @Test func anEmptyDescriptionAsksForNoneAndIsNotSent() throws {
        // "" is "clear the description" (nil would keep a present one); it is never sent.
        let rule = try Rule(ipProtocol: .tcp, ports: Self.https, peer: Self.anywhere, description: "")
        #expect(rule.description == "")
        #expect(rule.wireDescription == nil)
        #expect(IPPermission.grouping([rule]).first?.ipRanges.first?.description == nil)
    }

    /// RuleKey and CIDR hash their fields packed into words: equal keys hash alike, and keys
    /// that differ in any one field (kind of peer, family, prefix, ports, protocol) do not
    /// collide as a family.
    @Test func keysHashByEveryFieldTheyCompare() throws {
        let peers: [Peer] = [
            .cidr(try CIDR(parsing: "10.0.0.0/8")), .cidr(try CIDR(parsing: "10.0.0.0/16")),
            .cidr(try CIDR(parsing: "::a00:0/104")), .cidr(try CIDR(parsing: "0.0.0.0/0")),
            .cidr(try CIDR(parsing: "::/0")), .group(GroupReference(groupId: "sg-1")),
            .group(GroupReference(groupId: "sg-1", userId: "123456789012")), .prefixList("pl-1"),
        ]
        let specs: [(IPProtocol, PortSpec)] = [
            (.tcp, .range(PortRange(443)!)), (.udp, .range(PortRange(443)!)), (.tcp, .range(PortRange(444)!)),
            (.tcp, .range(PortRange(from: 443, to: 444)!)), (.tcp, .range(.all)), (.icmp, .icmp(ICMPSpec(type: 8)!)),
            (.icmpv6, .icmp(ICMPSpec(type: 8)!)), (.icmp, .icmp(.all)), (.all, .none), (.number(50), .none),
            (.number(51), .none),
        ]
        var keys: [RuleKey] = []
        for peer in peers {
            for (proto, ports) in specs {
                let rule = try Rule(ipProtocol: proto, ports: ports, peer: peer, description: "a")
                #expect(rule.key.hashValue == rule.withDescription("b").key.hashValue)
                keys.append(rule.key)
            }
        }
        #expect(Set(keys).count == keys.count)
        #expect(Set(keys.map(\.hashValue)).count == keys.count)
    }
}
