import Testing

@testable import SgshModel

@Suite struct CIDRTests {
    @Test(arguments: [
        ("10.0.0.0/8", "10.0.0.0/8"),
        ("10.1.2.3", "10.1.2.3/32"),
        ("0.0.0.0/0", "0.0.0.0/0"),
        ("255.255.255.255/32", "255.255.255.255/32"),
        ("::/0", "::/0"),
        ("2001:db8::/32", "2001:db8::/32"),
        ("2001:DB8:0:0:0:0:0:0/32", "2001:db8::/32"),
        ("2001:db8::1", "2001:db8::1/128"),
        // RFC 5952 §5: an IPv4-mapped address prints with its dotted tail, as written.
        ("::ffff:10.0.0.1", "::ffff:10.0.0.1/128"),
        ("::ffff:1.2.3.4/128", "::ffff:1.2.3.4/128"),
        ("::FFFF:0:0/96", "::ffff:0.0.0.0/96"),
        ("::1.2.3.4", "::102:304/128"),
        ("fe80::/10", "fe80::/10"),
        ("2001:db8:0:0:1:0:0:1/128", "2001:db8::1:0:0:1/128"),
        ("2001:0:0:1:0:0:0:1/128", "2001:0:0:1::1/128"),
        ("1:2:3:4:5:6:7:8/128", "1:2:3:4:5:6:7:8/128"),
    ])
    func parsesToCanonicalText(input: String, canonical: String) throws {
        #expect(try CIDR(parsing: input).description == canonical)
        var bytes: [UInt8] = [42]
        try CIDR(parsing: input).appendDescription(to: &bytes)
        #expect(bytes == [42] + Array(canonical.utf8))
    }

    @Test(arguments: [
        "", "10.0.0", "10.0.0.0.0", "256.0.0.0/8", "10.0.0.01/32", "10.0.0.0/", "10.0.0.0/x",
        "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "gggg::/16", "12345::/16", "10.0.0.0/8/8", "-1.0.0.0/8",
        // Leading zeros are refused alike in every octet and in the prefix.
        "010.0.0.0/8", "10.0.0.0/08", "10.0.0.0/008", "::/00", "::ffff:01.2.3.4",
    ])
    func rejectsMalformedText(input: String) {
        #expect(CIDR(input) == nil)
    }

    @Test func leadingZerosAreDroppedForTheSuggestionOnly() {
        #expect(CIDR.withoutLeadingZeros("010.000.0.0/08") == "10.0.0.0/8")
        #expect(CIDR.withoutLeadingZeros("2001:0db8::/032") == "2001:0db8::/32")
        #expect(CIDR.withoutLeadingZeros("10.0.0.0/8") == nil)
    }

    @Test func rejectsPrefixBeyondFamilyWidth() {
        #expect(throws: CIDRParseError.prefixOutOfRange(33, max: 32)) { try CIDR(parsing: "10.0.0.0/33") }
        #expect(throws: CIDRParseError.prefixOutOfRange(129, max: 128)) { try CIDR(parsing: "::/129") }
    }

    @Test func hostBitsSuggestTheNetworkAddress() {
        #expect(throws: CIDRParseError.hostBitsSet(network: CIDR("10.0.0.0/8")!)) { try CIDR(parsing: "10.0.0.1/8") }
        #expect(throws: CIDRParseError.hostBitsSet(network: CIDR("2001:db8::/32")!)) {
            try CIDR(parsing: "2001:db8::1/32")
        }
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.1.0.0/16", true),
        ("10.1.0.0/16", "10.0.0.0/8", false),
        ("10.0.0.0/8", "10.0.0.0/8", true),
        ("0.0.0.0/0", "192.0.2.1", true),
        ("0.0.0.0/0", "::/0", false),
        ("2001:db8::/32", "2001:db8:1::/48", true),
        ("172.16.0.0/12", "172.32.0.0/16", false),
    ])
    func containment(outer: String, inner: String, expected: Bool) {
        #expect(CIDR(outer)!.contains(CIDR(inner)!) == expected)
    }

    @Test func overlapIsSymmetric() {
        let a = CIDR("10.0.0.0/8")!, b = CIDR("10.2.0.0/16")!, c = CIDR("11.0.0.0/8")!
        #expect(a.overlaps(b) && b.overlaps(a))
        #expect(!a.overlaps(c) && !c.overlaps(a))
    }

    @Test func lastAddressOfBlock() {
        #expect(CIDR("10.0.0.0/8")!.lastAddress == UInt128(0x0aff_ffff))
        #expect(CIDR("::/0")!.lastAddress == UInt128.max)
    }

    @Test func ordersIPv4FirstThenByAddressThenByPrefix() {
        let sorted = ["::/0", "10.0.0.0/16", "10.0.0.0/8", "9.0.0.0/8", "2001:db8::/32"].map { CIDR($0)! }.sorted()
        #expect(sorted.map(\.description) == ["9.0.0.0/8", "10.0.0.0/8", "10.0.0.0/16", "::/0", "2001:db8::/32"])
    }

    @Test(arguments: [
        ("10.1.2.3", true), ("10.1.2.3/32", true), ("10.0.0.0/8", false), ("2001:db8::1", true), ("::/0", false),
    ])
    func knowsHosts(text: String, isHost: Bool) {
        #expect(CIDR(text)!.isHost == isHost)
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.255.255.255/32", true), ("10.0.0.0/8", "11.0.0.0/32", false),
        ("192.168.0.0/16", "192.169.0.0/16", false), ("192.168.0.0/16", "192.168.0.0/15", true),
        ("0.0.0.0/0", "0.0.0.0/0", true),
    ])
    func overlapMatchesContainmentEitherWay(a: String, b: String, overlaps: Bool) {
        #expect(CIDR(a)!.overlaps(CIDR(b)!) == overlaps)
        #expect(CIDR(b)!.overlaps(CIDR(a)!) == overlaps)
    }
}
