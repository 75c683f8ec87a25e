// IANA protocol keywords (https://www.iana.org/assignments/protocol-numbers,
// "Keyword" column, lowercased; the names /etc/protocols uses). EC2 takes
// protocols other than tcp, udp, icmp and icmpv6 only as numbers, so sgsh reads
// `esp` as 50 and sends 50. `rdp` (27) is left out: people who write it mean the
// remote desktop service (tcp 3389), and the parser hints so.

extension IPProtocol {
    /// Protocol keyword → number, for the protocols that are not tcp, udp, icmp or icmpv6.
    public static let ianaNumbers: [String: Int] = [
        "hopopt": 0, "igmp": 2, "ggp": 3, "ipv4": 4, "ipencap": 4, "st": 5, "cbt": 7, "egp": 8, "igp": 9,
        "pup": 12, "hmp": 20, "xns-idp": 22, "irtp": 28, "iso-tp4": 29, "dccp": 33, "xtp": 36, "ddp": 37,
        "ipv6": 41, "ipv6-route": 43, "ipv6-frag": 44, "idrp": 45, "rsvp": 46, "gre": 47, "esp": 50, "ah": 51,
        "skip": 57, "ipv6-icmp": 58, "ipv6-nonxt": 59, "ipv6-opts": 60, "eigrp": 88, "ospf": 89, "ospfigp": 89,
        "ipip": 94, "etherip": 97, "encap": 98, "pim": 103, "ipcomp": 108, "vrrp": 112, "l2tp": 115,
        "isis": 124, "sctp": 132, "fc": 133, "mobility-header": 135, "udplite": 136, "mpls-in-ip": 137,
        "manet": 138, "hip": 139, "shim6": 140, "wesp": 141, "rohc": 142, "ethernet": 143,
    ]
}
