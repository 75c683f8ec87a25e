/// One `key=value` form pair.
public struct EC2QueryParameter: Hashable, Sendable, CustomStringConvertible {
    /// The flattened key (`IpPermissions.1.IpRanges.2.CidrIp`).
    public var name: String
    /// The value, unencoded.
    public var value: String
    /// Creates a pair.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
    /// `name=value`, unencoded.
    public var description: String { "\(name)=\(value)" }
}
