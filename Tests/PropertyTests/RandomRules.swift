// Random rules for the property tests, drawn from a seed per rule so that
// PropertyBased shrinks a failing case to fewer rules (and smaller seeds)
// while each rule stays one EC2 accepts: tcp/udp port ranges, ICMP and
// ICMPv6 types and codes, `all`, other protocol numbers, IPv4 and IPv6 CIDRs
// with host bits clear, and descriptions from EC2's characters.

import SgshModel

enum RandomRules {
    /// The rule seed `seed` stands for.
    static func rule(_ seed: UInt64) -> Rule {
        var bits = seed
        func take(_ count: UInt64) -> UInt64 {
            defer { bits /= count }
            return bits % count
        }
        let proto: IPProtocol = [.tcp, .udp, .icmp, .icmpv6, .all, .number(50), .number(132)][Int(take(7))]
        let ports: PortSpec
        switch proto {
        case .tcp, .udp:
            if take(8) == 0 {
                ports = .range(.all)
            } else {
                let low = Int(take(65_536))
                ports = .range(PortRange(from: low, to: min(65_535, low + Int(take(3)) * Int(take(200))))!)
            }
        case .icmp, .icmpv6:
            let type = Int(take(40))
            let code = take(2) == 0 ? -1 : Int(take(16))
            ports = take(6) == 0 ? .icmp(.all) : .icmp(ICMPSpec(type: type, code: code)!)
        default:
            ports = .none
        }
        let ipv6 = proto == .icmpv6 || (proto != .icmp && take(3) == 0)
        let cidr =
            ipv6
            ? CIDR(
                family: .ipv6, address: UInt128(0x2001_0db8) << 96 | UInt128(take(1 << 32)) << 64,
                prefixLength: 32 + Int(take(97)))
            : CIDR(family: .ipv4, address: UInt128(take(1 << 32)), prefixLength: 8 + Int(take(25)))
        let descriptions: [String?] = [nil, "web", "ssh from the office", "a-b_c.d:e/f (g) #1 @x [y] +=&;{}!$*", ""]
        var description = descriptions[Int(take(UInt64(descriptions.count)))]
        if description == "" { description = nil }
        // '&' is EC2's for CIDR peers only; every peer here is a CIDR.
        return try! Rule(ipProtocol: proto, ports: ports, peer: .cidr(cidr), description: description)
    }
}
