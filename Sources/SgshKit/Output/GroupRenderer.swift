// `sg … show`: a security group as text, rules in the language's own form so
// that what `show` prints can be pasted back into a script.

import SgshModel

/// Renders a described security group.
public enum GroupRenderer {
    /// The group's header, its rules per direction, and its tags.
    public static func text(_ group: SecurityGroup) -> String {
        var out = "\(group.groupId) \(SourceWriter.quoted(group.groupName))"
        if let vpc = group.vpcId { out += " vpc \(vpc)" }
        out += " \(SourceWriter.quoted(group.description))\n"
        for direction in Direction.allCases {
            out += "  \(direction)\n"
            let (rules, unreadable) = group.readRulesDroppingOwnAccount(direction)
            let lines =
                rules.sorted().map { SourceWriter.rule($0, direction) }
                + unreadable.map { "\(SourceWriter.storedRule($0.permission, direction))  (unreadable: \($0.reason))" }
            if lines.isEmpty { out += "    (no rules)\n" }
            for line in lines { out += "    \(line)\n" }
        }
        if !group.tags.isEmpty {
            out +=
                "  tags "
                + group.tags.sorted().map { "\($0.key)=\(SourceWriter.quoted($0.value))" }.joined(separator: " ")
                + "\n"
        }
        return out
    }
}
