// Text <-> integer conversion for IPv4 and IPv6 addresses.
//
// Written by hand (not inet_pton) so SgshModel stays free of platform I/O and
// so the rules are the strict ones EC2 applies: dotted quads without leading
// zeros, RFC 4291 text forms for IPv6 including an embedded IPv4 tail.

enum IPAddressParser {
    /// `a.b.c.d` with each part 0...255 and no leading zeros. Read as UTF-8 bytes: every
    /// valid address is ASCII, and any other byte makes it invalid.
    static func parseIPv4<S: StringProtocol>(_ text: S) -> UInt32? { parseIPv4(bytes: text.utf8) }

    /// `parseIPv4` on UTF-8 bytes.
    static func parseIPv4<Bytes: Collection<UInt8>>(bytes: Bytes) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var parts = 0
        var leadingZero = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, parts < 3 else { return nil }
                value = value << 8 | octet
                (octet, digits, parts, leadingZero) = (0, 0, parts + 1, false)
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                guard !leadingZero, digits < 3 else { return nil }
                if digits == 0, byte == UInt8(ascii: "0") { leadingZero = true }
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard parts == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    /// RFC 4291 §2.2 text forms: full, `::`-compressed, and with an IPv4 tail.
    static func parseIPv6<S: StringProtocol>(_ text: S) -> UInt128? {
        let text = String(text)
        guard !text.isEmpty, text.count <= 45 else { return nil }
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowIPv4Tail: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            var out: [UInt16] = []
            for (index, field) in fields.enumerated() {
                if allowIPv4Tail, index == fields.count - 1, field.contains(".") {
                    guard let v4 = parseIPv4(field) else { return nil }
                    out.append(UInt16(v4 >> 16))
                    out.append(UInt16(v4 & 0xffff))
                    continue
                }
                guard !field.isEmpty, field.count <= 4, field.allSatisfy(\.isASCIIHexDigit),
                    let group = UInt16(field, radix: 16)
                else { return nil }
                out.append(group)
            }
            return out
        }
        var all: [UInt16]
        if halves.count == 2 {
            guard let head = groups(halves[0], allowIPv4Tail: false),
                let tail = groups(halves[1], allowIPv4Tail: true), head.count + tail.count <= 7
            else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let full = groups(halves[0], allowIPv4Tail: true), full.count == 8 else { return nil }
            all = full
        }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }
}

enum IPAddressFormatter {
    static func ipv4(_ value: UInt32) -> String { ipv4(value, prefix: nil) }

    /// `a.b.c.d`, with `/prefix` when given. Written as bytes: a plan prints a CIDR per rule,
    /// and four integer interpolations cost ten times as much (docs/BENCHMARKS.md).
    static func ipv4(_ value: UInt32, prefix: Int?) -> String {
        withIPv4Bytes(value, prefix: prefix) { String(decoding: $0, as: UTF8.self) }
    }

    /// Hands `body` the bytes of `a.b.c.d` (and `/prefix`), written into a small buffer on the
    /// stack (appending them one at a time to an Array checks its capacity at every byte).
    static func withIPv4Bytes<Result>(
        _ value: UInt32, prefix: Int?, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            var count = 0
            let put = { (byte: UInt8) in
                buffer[count] = byte
                count += 1
            }
            // Octet by octet, unrolled: three digits at most, no array of shifts per address.
            func octet(_ byte: UInt32) {
                if byte >= 100 { put(UInt8(48 + byte / 100)) }
                if byte >= 10 { put(UInt8(48 + byte / 10 % 10)) }
                put(UInt8(48 + byte % 10))
            }
            octet(value >> 24)
            put(UInt8(ascii: "."))
            octet(value >> 16 & 0xff)
            put(UInt8(ascii: "."))
            octet(value >> 8 & 0xff)
            put(UInt8(ascii: "."))
            octet(value & 0xff)
            if let prefix {
                put(UInt8(ascii: "/"))
                writeDecimal(prefix, put)
            }
            return body(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The decimal digits of `number`, as `String(number)` spells it.
    static func writeDecimal(_ number: Int, _ put: (UInt8) -> Void) {
        if number < 0 { put(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            put(UInt8(48 + magnitude / divisor % 10))
            divisor /= 10
        }
    }

    /// RFC 5952: lowercase, no leading zeros, the longest run (>= 2) of zero groups as `::`;
    /// an IPv4-mapped address keeps its dotted tail (§5: `::ffff:192.0.2.1`).
    static func ipv6(_ value: UInt128) -> String {
        if value >> 32 == 0xffff { return "::ffff:" + ipv4(UInt32(truncatingIfNeeded: value)) }
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: value >> (UInt128(7 - $0) * 16)) }
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < 8 {
            if groups[index] == 0 {
                var end = index
                while end < 8 && groups[end] == 0 { end += 1 }
                if end - index > bestLength { (bestStart, bestLength) = (index, end - index) }
                index = end
            } else {
                index += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestLength >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return "\(head)::\(tail)"
    }
}
