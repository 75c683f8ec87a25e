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
}
