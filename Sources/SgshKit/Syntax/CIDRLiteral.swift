// A CIDR or address literal as the tree holds it.
//
// The usual literal, a plain IPv4 block (`10.0.0.0/8`, `10.1.2.3`) valid and
// without host bits, is read once, by the parser, from the file's bytes: the
// resolver has nothing to check in it and the evaluator nothing to parse
// (each parsed every CIDR again, ~400 instructions each). Anything else is
// kept as written, for the resolver to explain what is wrong with it and the
// evaluator to parse as before (RuleFacts.cidr, CIDR(parsing:)).

import SgshModel

/// A CIDR literal: a plain IPv4 block already parsed, or the text as written.
package enum CIDRLiteral: Hashable, Sendable {
    /// A valid IPv4 block: the address (host bits clear) and the prefix length.
    case ipv4(address: UInt32, prefixLength: UInt8)
    /// Any other address or CIDR (IPv6, or one the resolver reports), as written.
    case written(String)

    /// The block, when the literal is a plain IPv4 one.
    package var block: CIDR? {
        guard case .ipv4(let address, let prefixLength) = self else { return nil }
        return CIDR(family: .ipv4, address: UInt128(address), prefixLength: Int(prefixLength))
    }

    /// The text as written, when the literal was not read as a plain IPv4 block.
    package var written: String? {
        if case .written(let text) = self { text } else { nil }
    }

    /// `a.b.c.d` or `a.b.c.d/n` from `bytes[start..<end]`, exactly as `CIDR(parsing:)` accepts
    /// it (each octet 0...255 without leading zeros, a prefix of one or two digits without a
    /// leading zero, at most 32, no host bits), or nil for anything else.
    package static func plainIPv4(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> CIDRLiteral? {
        // Wrapping arithmetic: every value is bounded by the checks (an octet below 1,000, a
        // prefix below 100); the checked operators tripled the cost of this loop.
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var parts = 0
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                parts &+= 1
            } else {
                let digit = UInt32(byte &- UInt8(ascii: "0"))
                // Not a digit, a fourth digit, or a digit after a leading zero (`0` is an octet only alone).
                guard digit < 10, digits < 3, digits == 0 || octet != 0 else { return nil }
                octet = octet &* 10 &+ digit
                digits &+= 1
                guard octet <= 255 else { return nil }
            }
            index &+= 1
        }
        guard parts == 3, digits > 0 else { return nil }
        value = value << 8 | octet
        var prefix: UInt32 = 32
        if index < end {
            let count = end &- index &- 1
            guard count == 1 || count == 2 else { return nil }
            let first = UInt32(bytes[index &+ 1] &- UInt8(ascii: "0"))
            guard first < 10 else { return nil }
            prefix = first
            if count == 2 {
                let second = UInt32(bytes[index &+ 2] &- UInt8(ascii: "0"))
                guard first != 0, second < 10 else { return nil }
                prefix = first &* 10 &+ second
            }
            guard prefix <= 32 else { return nil }
        }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 &- prefix)
        guard value & mask == value else { return nil }
        return .ipv4(address: value, prefixLength: UInt8(prefix))
    }
}
