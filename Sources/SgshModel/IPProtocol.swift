/// The IP protocol of a rule, as EC2's `IpProtocol` names it.
public enum IPProtocol: Hashable, Sendable, Comparable, CustomStringConvertible {
    case tcp, udp, icmp, icmpv6
    /// Every protocol (`-1`); ports do not apply.
    case all
    /// Any other protocol number 0...255 (e.g. 50 for ESP); ports do not apply.
    case number(Int)

    /// Creates a protocol from a name (in any case; IANA keywords such as `esp` are their
    /// numbers) or a number, folding 6/17/1/58 into their names.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if let number = IPProtocol.ianaNumbers[lowered] {
            self.init(number: number)
            return
        }
        switch lowered {
        case "tcp": self = .tcp
        case "udp": self = .udp
        case "icmp": self = .icmp
        case "icmpv6": self = .icmpv6
        case "all", "-1": self = .all
        default:
            guard let value = Int(text) else { return nil }
            self.init(number: value)
        }
    }

    /// Creates a protocol from its number, or nil outside 0...255 (and -1 for all).
    public init?(number: Int) {
        switch number {
        case -1: self = .all
        case 6: self = .tcp
        case 17: self = .udp
        case 1: self = .icmp
        case 58: self = .icmpv6
        case 0...255: self = .number(number)
        default: return nil
        }
    }

    /// The text EC2 expects and returns in `IpProtocol`.
    public var wireValue: String {
        switch self {
        case .tcp: "tcp"
        case .udp: "udp"
        case .icmp: "icmp"
        case .icmpv6: "icmpv6"
        case .all: "-1"
        case .number(let value): String(value)
        }
    }

    /// The name the language uses (`all` for -1).
    public var description: String { self == .all ? "all" : wireValue }

    /// True for tcp and udp, whose rules carry a port range.
    public var takesPorts: Bool { self == .tcp || self == .udp }

    /// True for icmp and icmpv6, whose "ports" are an ICMP type and code.
    public var isICMP: Bool { self == .icmp || self == .icmpv6 }

    var sortKey: Int {
        switch self {
        case .tcp: 6
        case .udp: 17
        case .icmp: 1
        case .icmpv6: 58
        case .all: -1
        case .number(let value): value
        }
    }

    public static func < (lhs: IPProtocol, rhs: IPProtocol) -> Bool { lhs.sortKey < rhs.sortKey }
}
