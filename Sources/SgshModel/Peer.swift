/// A reference to a security group as a rule's peer (EC2's UserIdGroupPair).
public struct GroupReference: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The referenced group's id (`sg-…`).
    public var groupId: String
    /// The owning account for a group in another account (`123456789012`).
    public var userId: String?

    public init(groupId: String, userId: String? = nil) {
        self.groupId = groupId
        self.userId = userId
    }

    /// `sg-0abc` or `123456789012/sg-0abc`.
    public var description: String { userId.map { "\($0)/\(groupId)" } ?? groupId }

    public static func < (lhs: GroupReference, rhs: GroupReference) -> Bool {
        (lhs.groupId, lhs.userId ?? "") < (rhs.groupId, rhs.userId ?? "")
    }
}

/// The other side of a rule: a CIDR block, a security group, or a prefix list.
public enum Peer: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// An IPv4 block (IpRanges) or IPv6 block (Ipv6Ranges).
    case cidr(CIDR)
    /// A security group (UserIdGroupPairs).
    case group(GroupReference)
    /// A managed prefix list (`pl-…`, PrefixListIds).
    case prefixList(String)

    /// Canonical text, as the language writes it.
    public var description: String {
        switch self {
        case .cidr(let block): block.description
        case .group(let reference): reference.description
        case .prefixList(let id): id
        }
    }

    /// Which of EC2's per-direction quotas the peer counts against.
    public var quotaFamily: CIDR.Family {
        if case .cidr(let block) = self { return block.family }
        return .ipv4
    }

    private var sortKey: Int {
        switch self {
        case .cidr(let block): block.family == .ipv4 ? 0 : 1
        case .prefixList: 2
        case .group: 3
        }
    }

    public static func < (lhs: Peer, rhs: Peer) -> Bool {
        switch (lhs, rhs) {
        case (.cidr(let a), .cidr(let b)): a < b
        case (.group(let a), .group(let b)): a < b
        case (.prefixList(let a), .prefixList(let b)): a < b
        default: lhs.sortKey < rhs.sortKey
        }
    }
}

/// Recognizers for the id forms EC2 uses (`sg-`, `pl-`, `vpc-`, account ids).
public enum ResourceID {
    /// True for `sg-` followed by 1...17 lowercase hex digits.
    public static func isGroupID(_ text: some StringProtocol) -> Bool { hasHexSuffix(text, prefix: "sg-") }
    /// True for `pl-` followed by hex digits.
    public static func isPrefixListID(_ text: some StringProtocol) -> Bool { hasHexSuffix(text, prefix: "pl-") }
    /// True for `vpc-` followed by hex digits.
    public static func isVPCID(_ text: some StringProtocol) -> Bool { hasHexSuffix(text, prefix: "vpc-") }
    /// True for a 12-digit AWS account id.
    public static func isAccountID(_ text: some StringProtocol) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCIIDigit)
    }

    private static func hasHexSuffix(_ text: some StringProtocol, prefix: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let rest = text.dropFirst(prefix.count)
        return (1...17).contains(rest.count) && rest.allSatisfy { $0.isASCIIHexDigit && !$0.isUppercase }
    }
}
