import SgshModel
import Testing

@Suite struct ICMPSpecTests {
    @Test(arguments: [
        ("echo-reply", 0), ("destination-unreachable", 3), ("source-quench", 4), ("redirect", 5),
        ("echo-request", 8), ("router-advertisement", 9), ("router-solicitation", 10), ("time-exceeded", 11),
        ("parameter-problem", 12), ("timestamp-request", 13), ("timestamp-reply", 14),
    ])
    func namesICMPv4Types(name: String, type: Int) throws {
        let spec = try #require(ICMPSpec.named(name, for: .icmp))
        #expect(spec.type == type && spec.code == -1)
        #expect(spec.name(for: .icmp) == name)
    }

    @Test(arguments: [
        ("destination-unreachable", 1), ("packet-too-big", 2), ("time-exceeded", 3), ("parameter-problem", 4),
        ("echo-request", 128), ("echo-reply", 129), ("router-solicitation", 133), ("router-advertisement", 134),
        ("neighbor-solicitation", 135), ("neighbor-advertisement", 136), ("redirect", 137),
    ])
    func namesICMPv6Types(name: String, type: Int) throws {
        let spec = try #require(ICMPSpec.named(name, for: .icmpv6))
        #expect(spec.type == type && spec.code == -1)
        #expect(spec.name(for: .icmpv6) == name)
    }

    @Test(arguments: [
        ("packet-too-big", IPProtocol.icmp), ("neighbor-solicitation", .icmp), ("source-quench", .icmpv6),
        ("timestamp-request", .icmpv6), ("echo-request", .tcp), ("ping", .icmp),
    ])
    func rejectsNamesOfTheOtherFamily(name: String, proto: IPProtocol) {
        #expect(ICMPSpec.named(name, for: proto) == nil)
    }

    @Test func allNamesIsTheUnionOfBothFamilies() {
        #expect(ICMPSpec.allNames.contains("packet-too-big"))
        #expect(ICMPSpec.allNames.contains("source-quench"))
        #expect(
            ICMPSpec.allNames.count
                == Set(ICMPSpec.names(for: .icmp).keys).union(ICMPSpec.names(for: .icmpv6).keys).count)
        #expect(ICMPSpec.names(for: .tcp).isEmpty)
    }

    @Test(arguments: [
        (-1, -1, "all"), (8, -1, "8"), (3, 4, "3:4"), (0, 0, "0:0"), (255, 255, "255:255"),
    ])
    func printsTypeAndCode(type: Int, code: Int, text: String) throws {
        #expect(try #require(ICMPSpec(type: type, code: code)).description == text)
    }

    @Test(arguments: [(256, -1), (-2, -1), (3, 256), (3, -2), (-1, 0)])
    func rejectsOutOfRange(type: Int, code: Int) {
        #expect(ICMPSpec(type: type, code: code) == nil)
    }

    @Test func aCodeHasNoName() throws {
        #expect(try #require(ICMPSpec(type: 3, code: 4)).name(for: .icmp) == nil)
        #expect(ICMPSpec.all.name(for: .icmp) == nil)
    }
}
