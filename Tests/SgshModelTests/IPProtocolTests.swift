import SgshModel
import Testing

@Suite struct IPProtocolTests {
    @Test(arguments: [
        ("tcp", IPProtocol.tcp), ("TCP", .tcp), ("udp", .udp), ("icmp", .icmp), ("icmpv6", .icmpv6),
        ("all", .all), ("-1", .all), ("6", .tcp), ("17", .udp), ("1", .icmp), ("58", .icmpv6),
        ("50", .number(50)), ("0", .number(0)), ("255", .number(255)),
    ])
    func parsesNamesAndNumbers(text: String, expected: IPProtocol) {
        #expect(IPProtocol(parsing: text) == expected)
    }

    @Test(arguments: ["", "ssh", "256", "-2", "tcp6", " tcp", "6.0"])
    func rejectsUnknownProtocols(text: String) {
        #expect(IPProtocol(parsing: text) == nil)
    }

    @Test(arguments: [
        (IPProtocol.tcp, "tcp", "tcp"), (.udp, "udp", "udp"), (.icmp, "icmp", "icmp"), (.icmpv6, "icmpv6", "icmpv6"),
        (.all, "-1", "all"), (.number(50), "50", "50"),
    ])
    func hasWireValueAndLanguageName(proto: IPProtocol, wire: String, name: String) {
        #expect(proto.wireValue == wire)
        #expect(proto.description == name)
        #expect(IPProtocol(parsing: wire) == proto)
    }

    @Test(arguments: [
        (IPProtocol.tcp, true, false), (.udp, true, false), (.icmp, false, true), (.icmpv6, false, true),
        (.all, false, false), (.number(50), false, false),
    ])
    func saysWhichProtocolsCarryPorts(proto: IPProtocol, takesPorts: Bool, isICMP: Bool) {
        #expect(proto.takesPorts == takesPorts)
        #expect(proto.isICMP == isICMP)
    }

    @Test func numbersOutsideTheByteAreRejected() {
        #expect(IPProtocol(number: 256) == nil)
        #expect(IPProtocol(number: -2) == nil)
        #expect(IPProtocol(number: -1) == .all)
    }
}
