/// A resource tag (EC2 Tag).
public struct Tag: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
    /// `Key=Value`.
    public var description: String { "\(key)=\(value)" }
    public static func < (lhs: Tag, rhs: Tag) -> Bool { (lhs.key, lhs.value) < (rhs.key, rhs.value) }
}

/// A tag to delete: a key, and optionally the value it must have (EC2 DeleteTags).
public struct TagSelector: Hashable, Sendable, Codable {
    public var key: String
    public var value: String?
    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }
}
