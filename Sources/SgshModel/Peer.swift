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
    @inlinable public static func isGroupID(_ text: some StringProtocol) -> Bool {
        hasHexSuffix(text, prefix: "sg-")
    }
    /// True for `pl-` followed by hex digits.
    @inlinable public static func isPrefixListID(_ text: some StringProtocol) -> Bool {
        hasHexSuffix(text, prefix: "pl-")
    }
    /// True for `vpc-` followed by hex digits.
    @inlinable public static func isVPCID(_ text: some StringProtocol) -> Bool {
        hasHexSuffix(text, prefix: "vpc-")
    }
    /// True for a 12-digit AWS account id.
    public static func isAccountID(_ text: some StringProtocol) -> Bool {
        text.count == 12 && text.allSatisfy(\.isASCIIDigit)
    }

    /// `prefix` then 1...17 of `0-9a-f`, compared as UTF-8 bytes (every such id is ASCII).
    /// Inlinable so callers in other modules get it specialized for their string type.
    @inlinable static func hasHexSuffix(_ text: some StringProtocol, prefix: StaticString) -> Bool {
        let bytes = text.utf8
        let prefixCount = prefix.utf8CodeUnitCount
        guard bytes.count > prefixCount, bytes.count <= prefixCount + 17 else { return false }
        var offset = 0
        for byte in bytes {
            if offset < prefixCount {
                guard byte == prefix.utf8Start[offset] else { return false }
            } else {
                let isLowerHex =
                    (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
                guard isLowerHex else { return false }
            }
            offset += 1
        }
        return true
    }
}
