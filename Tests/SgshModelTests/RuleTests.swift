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

    @Test func anEmptyDescriptionIsNone() throws {
        let rule = try Rule(ipProtocol: .tcp, ports: Self.https, peer: Self.anywhere, description: "")
        #expect(rule.description == nil)
    }

    @Test(
        arguments: [
            (IPProtocol.tcp, https, "0.0.0.0/0", Direction.ingress, "https", "tcp 443 from 0.0.0.0/0 \"https\""),
            (.tcp, PortSpec.range(.all), "::/0", .egress, nil, "tcp all to ::/0"),
            (
                .udp, PortSpec.range(PortRange(from: 8000, to: 8080)!), "10.0.0.0/8", .ingress, nil,
                "udp 8000-8080 from 10.0.0.0/8"
            ),
            (.icmp, echo, "10.0.0.0/8", .ingress, nil, "icmp echo-request from 10.0.0.0/8"),
            (.icmpv6, PortSpec.icmp(ICMPSpec(type: 128)!), "::/0", .ingress, nil, "icmpv6 echo-request from ::/0"),
            (
                .icmp, PortSpec.icmp(ICMPSpec(type: 3, code: 4)!), "10.0.0.0/8", .ingress, nil,
                "icmp 3:4 from 10.0.0.0/8"
            ),
            (.all, PortSpec.none, "10.0.0.0/8", .egress, "cost $5", "all to 10.0.0.0/8 \"cost \\$5\""),
        ] as [(IPProtocol, PortSpec, String, Direction, String?, String)])
    func printsAsTheLanguageWritesIt(
        proto: IPProtocol, ports: PortSpec, cidr: String, direction: Direction, description: String?, text: String
    ) throws {
        let rule = try Rule(ipProtocol: proto, ports: ports, peer: .cidr(CIDR(parsing: cidr)), description: description)
        #expect(rule.text(direction: direction) == text)
    }

    @Test func groupPeersPrintWithTheirAccount() throws {
        let peer = Peer.group(GroupReference(groupId: "sg-0def", userId: "123456789012"))
        let rule = try Rule(ipProtocol: .tcp, ports: Self.https, peer: peer)
        #expect(rule.text(direction: .ingress) == "tcp 443 from 123456789012/sg-0def")
    }
}
