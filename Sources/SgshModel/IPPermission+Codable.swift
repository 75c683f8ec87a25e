// IPPermission as Codable: EC2's field names; the peer lists a permission does
// not use are left out (a one-peer rule uses one of four), and read back as
// empty when absent. The apply journal writes every planned rule this way
// before the first call; the three empty lists were a third of its encoding.

extension IPPermission: Codable {
    private enum CodingKeys: String, CodingKey {
        case ipProtocol, fromPort, toPort, ipRanges, ipv6Ranges, prefixListIds, userIdGroupPairs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            ipProtocol: try container.decode(String.self, forKey: .ipProtocol),
            fromPort: try container.decodeIfPresent(Int.self, forKey: .fromPort),
            toPort: try container.decodeIfPresent(Int.self, forKey: .toPort),
            ipRanges: try container.decodeIfPresent([IPRange].self, forKey: .ipRanges) ?? [],
            ipv6Ranges: try container.decodeIfPresent([IPv6Range].self, forKey: .ipv6Ranges) ?? [],
            prefixListIds: try container.decodeIfPresent([PrefixListID].self, forKey: .prefixListIds) ?? [],
            userIdGroupPairs: try container.decodeIfPresent([UserIdGroupPair].self, forKey: .userIdGroupPairs) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ipProtocol, forKey: .ipProtocol)
        try container.encodeIfPresent(fromPort, forKey: .fromPort)
        try container.encodeIfPresent(toPort, forKey: .toPort)
        if !ipRanges.isEmpty { try container.encode(ipRanges, forKey: .ipRanges) }
        if !ipv6Ranges.isEmpty { try container.encode(ipv6Ranges, forKey: .ipv6Ranges) }
        if !prefixListIds.isEmpty { try container.encode(prefixListIds, forKey: .prefixListIds) }
        if !userIdGroupPairs.isEmpty { try container.encode(userIdGroupPairs, forKey: .userIdGroupPairs) }
    }
}
