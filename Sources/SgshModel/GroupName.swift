// EC2's rules for a security group's name (EC2-FACTS §3): 1 to 255 characters
// from a-z, A-Z, 0-9, space and `._-:/()#,@[]+=&;{}!$*`, not starting with
// `sg-` (which would read as a group id). Names are unique within a VPC
// without regard to case. sgsh and the local backend check them the same way.

/// Validation of security group names.
public enum GroupName {
    /// The longest name EC2 accepts.
    public static let maxLength = 255

    /// Nil when `name` is a name EC2 accepts, else the problem in words.
    public static func problem(in name: String) -> String? {
        if name.isEmpty { return "a group name cannot be empty" }
        let count = name.unicodeScalars.count
        if count > maxLength { return "group name is \(count) characters; EC2 allows at most \(maxLength)" }
        if name.lowercased().hasPrefix("sg-") {
            return "group name '\(name)' starts with 'sg-', which EC2 keeps for group ids"
        }
        if let bad = name.first(where: { !RuleDescription.isAllowed($0) }) {
            let shown = bad == "'" ? "an apostrophe (')" : "'\(bad.debugEscaped)'"
            return "group name contains \(shown), which EC2 does not allow"
        }
        return nil
    }

    /// True when two names are the same group name to EC2 (names ignore case).
    public static func sameName(_ lhs: String, _ rhs: String) -> Bool { lhs.lowercased() == rhs.lowercased() }
}
