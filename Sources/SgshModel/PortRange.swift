/// An inclusive TCP/UDP port range within 0...65535.
public struct PortRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The first port.
    public let from: Int
    /// The last port (>= `from`).
    public let to: Int

    /// Every port, 0-65535.
    public static let all = PortRange(uncheckedFrom: 0, to: 65535)
    /// The largest port number.
    public static let maxPort = 65535

    /// Creates a range, or nil when a bound is outside 0...65535 or `from > to`.
    public init?(from: Int, to: Int) {
        guard (0...Self.maxPort).contains(from), (0...Self.maxPort).contains(to), from <= to else { return nil }
        self.from = from
        self.to = to
    }

    /// A single port.
    public init?(_ port: Int) { self.init(from: port, to: port) }

    init(uncheckedFrom from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Parses `443` or `8000-8080`.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCIIDigit) }),
            let low = Int(parts[0]), let high = Int(parts.last!)
        else { return nil }
        self.init(from: low, to: high)
    }

    /// True for 0-65535.
    public var isAll: Bool { self == .all }

    /// `443`, `8000-8080`.
    public var description: String {
        var bytes: [UInt8] = []
        appendDescription(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `description`'s UTF-8 bytes, without making a String (a plan prints a range per rule).
    /// - Parameter bytes: the buffer the text is appended to.
    public func appendDescription(to bytes: inout [UInt8]) {
        // Into a small buffer on the stack first: appending to an Array byte by byte checks its
        // capacity at every byte.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 48) { buffer in
            var count = 0
            let put = { (byte: UInt8) in
                buffer[count] = byte
                count += 1
            }
            IPAddressFormatter.writeDecimal(from, put)
            if to != from {
                put(UInt8(ascii: "-"))
                IPAddressFormatter.writeDecimal(to, put)
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    public static func < (lhs: PortRange, rhs: PortRange) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
}
