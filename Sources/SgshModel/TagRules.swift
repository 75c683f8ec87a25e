// EC2's rules for tags (EC2 API Reference, `Tag`): a key is 1 to 128 Unicode
// characters and may not begin with `aws:` (reserved for AWS; EC2 answers
// InvalidParameterValue "Tag keys starting with 'aws:' are reserved for
// internal use", in any case of the prefix); a value is at most 256 characters.

/// Validation of tag keys and values.
public enum TagRules {
    public static let maxKeyLength = 128
    public static let maxValueLength = 256
    public static let reservedPrefix = "aws:"

    /// Nil when `key` is a tag key EC2 accepts, else the problem in words.
    public static func problem(inKey key: String) -> String? {
        if key.isEmpty { return "a tag key cannot be empty" }
        let count = key.unicodeScalars.count
        if count > maxKeyLength { return "tag key is \(count) characters; EC2 allows at most \(maxKeyLength)" }
        if key.lowercased().hasPrefix(reservedPrefix) {
            return "tag key '\(key)' starts with 'aws:', which AWS reserves for its own tags"
        }
        return nil
    }

    /// Nil when `value` is a tag value EC2 accepts, else the problem in words.
    public static func problem(inValue value: String, key: String) -> String? {
        let count = value.unicodeScalars.count
        if count > maxValueLength {
            return "the value of tag '\(key)' is \(count) characters; EC2 allows at most \(maxValueLength)"
        }
        return nil
    }
}
