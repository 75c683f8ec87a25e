// CIDR blocks for IPv4 and IPv6 as one value type.
//
// Both families are stored in a UInt128 (IPv4 in the low 32 bits) so that
// containment, overlap and aggregation share one implementation. Parsing is
// strict: a block with host bits set is rejected with the network address as
// the suggestion, because EC2 would silently widen it.

/// An IPv4 or IPv6 network block in canonical form (host bits clear).
public struct CIDR: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address family of a block.
    public enum Family: String, Hashable, Sendable, Comparable {
        case ipv4, ipv6
        /// The number of bits in an address of this family.
        public var bitWidth: Int { self == .ipv4 ? 32 : 128 }
        public static func < (lhs: Family, rhs: Family) -> Bool { lhs == .ipv4 && rhs == .ipv6 }
    }

    /// The family of the block.
    public let family: Family
    /// The network address, host bits clear; IPv4 in the low 32 bits.
    public let address: UInt128
    /// The prefix length, 0 through 32 (IPv4) or 128 (IPv6).
    public let prefixLength: Int

    /// Creates a block, clearing any host bits of `address`.
    public init(family: Family, address: UInt128, prefixLength: Int) {
        precondition(prefixLength >= 0 && prefixLength <= family.bitWidth, "prefix out of range")
        self.family = family
        self.prefixLength = prefixLength
        self.address = address & CIDR.networkMask(family: family, prefixLength: prefixLength)
    }

    /// The fields `==` compares, as three words (the derived hash hashed the family's raw
    /// value, a String): rule keys, which the planner hashes per rule, hash their block.
    /// - Parameter hasher: the hasher the fields are fed to.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(truncatingIfNeeded: address))
        hasher.combine(UInt64(truncatingIfNeeded: address >> 64))
        hasher.combine(UInt64(truncatingIfNeeded: prefixLength) << 1 | (family == .ipv4 ? 0 : 1))
    }

    /// Parses `10.0.0.0/8`, `10.1.2.3` (a /32), `2001:db8::/32`, `::/0`, `::ffff:10.0.0.1`.
    /// - Throws: `CIDRParseError`; `.hostBitsSet` carries the network address to suggest.
    public init(parsing text: String) throws(CIDRParseError) {
        if let block = Self.plainIPv4(text) {
            self = block
            return
        }
        // Split at the first `/`: by UTF-8 offset when the text is ASCII (no Character walk,
        // this runs once per rule), else as Characters (a `/` with a combining mark is no `/`).
        let slash =
            text.utf8.allSatisfy { $0 < 0x80 } ? text.utf8.firstIndex(of: UInt8(ascii: "/")) : text.firstIndex(of: "/")
        let addressText = text[..<(slash ?? text.endIndex)]
        let family: Family
        let address: UInt128
        if let v4 = IPAddressParser.parseIPv4(addressText) {
            family = .ipv4
            address = UInt128(v4)
        } else if addressText.contains(":"), let v6 = IPAddressParser.parseIPv6(addressText) {
            family = .ipv6
            address = v6
        } else {
            throw .malformedAddress(String(addressText))
        }
        var prefix = family.bitWidth
        if let slash {
            let prefixText = text[text.index(after: slash)...]
            let digits = prefixText.utf8
            // No leading zeros, as in an IPv4 octet: `/08` is refused like `010.0.0.0`.
            guard !digits.isEmpty, digits.count <= 3,
                digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                digits.count == 1 || digits.first != UInt8(ascii: "0"), let value = Int(prefixText)
            else { throw .malformedPrefix(String(prefixText)) }
            guard value <= family.bitWidth else {
                throw .prefixOutOfRange(value, max: family.bitWidth)
            }
            prefix = value
        }
        let block = CIDR(family: family, address: address, prefixLength: prefix)
        guard block.address == address else { throw .hostBitsSet(network: block) }
        self = block
    }

    /// The common case read straight from the bytes: `a.b.c.d` or `a.b.c.d/n`, valid and without
    /// host bits. Nil for anything else, which the general parser then reads (and names the error).
    private static func plainIPv4(_ text: String) -> CIDR? {
        let parsed = text.utf8.withContiguousStorageIfAvailable { bytes -> CIDR? in
            let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
            guard let address = IPAddressParser.parseIPv4(bytes: bytes[..<(slash ?? bytes.count)]) else { return nil }
            var prefix = 32
            if let slash {
                let digits = bytes[(slash + 1)...]
                guard (1...2).contains(digits.count), digits.count == 1 || digits.first != UInt8(ascii: "0") else {
                    return nil
                }
                prefix = 0
                for digit in digits {
                    guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
                    prefix = prefix * 10 + Int(digit - UInt8(ascii: "0"))
                }
                guard prefix <= 32 else { return nil }
            }
            let block = CIDR(family: .ipv4, address: UInt128(address), prefixLength: prefix)
            return block.address == UInt128(address) ? block : nil
        }
        return parsed ?? nil
    }

    /// The text with leading zeros dropped from every IPv4 octet and the prefix
    /// (`010.0.0.0/08` → `10.0.0.0/8`), or nil when it has none.
    public static func withoutLeadingZeros(_ text: String) -> String? {
        func trim(_ part: Substring) -> Substring {
            guard part.count > 1, part.allSatisfy(\.isASCIIDigit) else { return part }
            let trimmed = part.drop { $0 == "0" }
            return trimmed.isEmpty ? "0" : trimmed
        }
        let pieces = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let fields = pieces[0].split(separator: ":", omittingEmptySubsequences: false)
        // Only the dotted part of an address has octets (IPv6 groups may have leading zeros).
        let lastField = fields[fields.count - 1]
        let octets =
            lastField.contains(".")
            ? lastField.split(separator: ".", omittingEmptySubsequences: false).map(trim).joined(separator: ".")
            : String(lastField)
        var out = (fields.dropLast().map(String.init) + [octets]).joined(separator: ":")
        if pieces.count == 2 { out += "/" + trim(pieces[1]) }
        return out == text ? nil : out
    }

    /// Parses like `init(parsing:)` but returns nil on any error.
    public init?(_ text: String) {
        guard let value = try? CIDR(parsing: text) else { return nil }
        self = value
    }

    /// True for a single address (/32 or /128).
    public var isHost: Bool { prefixLength == family.bitWidth }

    /// The canonical text: dotted quad or RFC 5952 IPv6, always with the prefix.
    public var description: String {
        family == .ipv4
            ? IPAddressFormatter.ipv4(UInt32(truncatingIfNeeded: address), prefix: prefixLength)
            : "\(addressText)/\(prefixLength)"
    }

    /// Appends `description`'s UTF-8 bytes; an IPv4 block is written digit by digit, without
    /// making a String (a plan prints a block per rule).
    /// - Parameter bytes: the buffer the text is appended to.
    public func appendDescription(to bytes: inout [UInt8]) {
        guard family == .ipv4 else { return bytes.append(contentsOf: description.utf8) }
        IPAddressFormatter.withIPv4Bytes(UInt32(truncatingIfNeeded: address), prefix: prefixLength) {
            bytes.append(contentsOf: $0)
        }
    }

    /// The network address as text, without the prefix.
    public var addressText: String {
        family == .ipv4
            ? IPAddressFormatter.ipv4(UInt32(truncatingIfNeeded: address))
            : IPAddressFormatter.ipv6(address)
    }

    /// The last address of the block.
    public var lastAddress: UInt128 {
        address | ~CIDR.networkMask(family: family, prefixLength: prefixLength) & CIDR.familyMask(family)
    }

    /// True when every address of `other` is in this block (same family only).
    public func contains(_ other: CIDR) -> Bool {
        family == other.family && prefixLength <= other.prefixLength
            && other.address & CIDR.networkMask(family: family, prefixLength: prefixLength) == address
    }

    /// True when the blocks share at least one address.
    public func overlaps(_ other: CIDR) -> Bool { contains(other) || other.contains(self) }

    public static func < (lhs: CIDR, rhs: CIDR) -> Bool {
        (lhs.family, lhs.address, lhs.prefixLength) < (rhs.family, rhs.address, rhs.prefixLength)
    }

    static func familyMask(_ family: Family) -> UInt128 {
        family == .ipv4 ? UInt128(UInt32.max) : UInt128.max
    }

    static func networkMask(family: Family, prefixLength: Int) -> UInt128 {
        let width = family.bitWidth
        if prefixLength == 0 { return 0 }
        let hostBits = width - prefixLength
        let ones = CIDR.familyMask(family)
        return hostBits == 0 ? ones : (ones >> hostBits) << hostBits
    }
}

/// Why a CIDR or address failed to parse.
public enum CIDRParseError: Error, Hashable, Sendable, CustomStringConvertible {
    case malformedAddress(String)
    case malformedPrefix(String)
    case prefixOutOfRange(Int, max: Int)
    case hostBitsSet(network: CIDR)

    public var description: String {
        switch self {
        case .malformedAddress(let text): "'\(text)' is not an IPv4 or IPv6 address"
        case .malformedPrefix(let text): "'\(text)' is not a prefix length"
        case .prefixOutOfRange(let value, let max): "prefix length \(value) is out of range 0...\(max)"
        case .hostBitsSet(let network): "host bits are set; the network address is '\(network)'"
        }
    }
}

extension Character {
    // ASCII checks by value: Character's Unicode properties are slow in hot parsing loops.
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    var isASCIIHexDigit: Bool {
        asciiValue.map { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) } ?? false
    }
    var isASCIILetter: Bool { asciiValue.map { $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7a } ?? false }
}
