// ICMP and ICMPv6 type/code pairs and their common names.
//
// EC2 carries ICMP in the port fields (FromPort = type, ToPort = code, -1 =
// all); sgsh never makes a user write that: rules name a type, a type:code,
// or a well-known name, and the wire mapping happens in one place.

/// An ICMP type and code; -1 means "all" for either.
public struct ICMPSpec: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The ICMP type, 0...255, or -1 for every type.
    public let type: Int
    /// The ICMP code, 0...255, or -1 for every code (always -1 when type is -1).
    public let code: Int

    /// Every type and code.
    public static let all = ICMPSpec(uncheckedType: -1, code: -1)

    /// Creates a spec, or nil when out of range or when a code is given with type -1.
    public init?(type: Int, code: Int = -1) {
        guard (-1...255).contains(type), (-1...255).contains(code), type != -1 || code == -1 else { return nil }
        self.type = type
        self.code = code
    }

    init(uncheckedType type: Int, code: Int) {
        self.type = type
        self.code = code
    }

    /// `all`, `8` (type 8, all codes), `3:4`.
    public var description: String {
        if type == -1 { return "all" }
        return code == -1 ? "\(type)" : "\(type):\(code)"
    }

    /// The name of this spec's type for the given protocol, if it has one.
    public func name(for proto: IPProtocol) -> String? {
        guard code == -1 else { return nil }
        return ICMPSpec.names(for: proto).first { $0.value == type }?.key
    }

    /// Looks up a named ICMP type (`echo-request`) for icmp or icmpv6.
    public static func named(_ name: String, for proto: IPProtocol) -> ICMPSpec? {
        guard let type = names(for: proto)[name] else { return nil }
        return ICMPSpec(uncheckedType: type, code: -1)
    }

    /// The names known for a protocol (empty for non-ICMP protocols).
    public static func names(for proto: IPProtocol) -> [String: Int] {
        switch proto {
        case .icmp: icmpv4Names
        case .icmpv6: icmpv6Names
        default: [:]
        }
    }

    /// Every ICMP type name of either family, for the lexer and completion.
    public static let allNames: Set<String> = Set(icmpv4Names.keys).union(icmpv6Names.keys)

    /// IANA ICMP type names (RFC 792 and successors).
    static let icmpv4Names: [String: Int] = [
        "echo-reply": 0,
        "destination-unreachable": 3,
        "source-quench": 4,
        "redirect": 5,
        "echo-request": 8,
        "router-advertisement": 9,
        "router-solicitation": 10,
        "time-exceeded": 11,
        "parameter-problem": 12,
        "timestamp-request": 13,
        "timestamp-reply": 14,
    ]

    /// IANA ICMPv6 type names (RFC 4443, RFC 4861).
    static let icmpv6Names: [String: Int] = [
        "destination-unreachable": 1,
        "packet-too-big": 2,
        "time-exceeded": 3,
        "parameter-problem": 4,
        "echo-request": 128,
        "echo-reply": 129,
        "router-solicitation": 133,
        "router-advertisement": 134,
        "neighbor-solicitation": 135,
        "neighbor-advertisement": 136,
        "redirect": 137,
    ]

    public static func < (lhs: ICMPSpec, rhs: ICMPSpec) -> Bool { (lhs.type, lhs.code) < (rhs.type, rhs.code) }
}
