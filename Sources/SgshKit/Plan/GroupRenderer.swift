// `sg … show`: a security group as text, rules in the language's own form so
// that what `show` prints can be pasted back into a script.

import SgshModel

/// Renders a described security group.
public enum GroupRenderer {
    /// The group's header, its rules per direction, and its tags.
    public static func text(_ group: SecurityGroup) -> String {
        var out = "\(group.groupId) \(RuleDescription.quoted(group.groupName))"
        if let vpc = group.vpcId { out += " vpc \(vpc)" }
        out += " \(RuleDescription.quoted(group.description))\n"
        for direction in Direction.allCases {
            out += "  \(direction)\n"
            let lines: [String]
            do {
                lines = try group.rulesDroppingOwnAccount(direction).sorted().map { $0.text(direction: direction) }
            } catch {
                lines = ["(unreadable: \(error))"]
            }
            if lines.isEmpty { out += "    (no rules)\n" }
            for line in lines { out += "    \(line)\n" }
        }
        if !group.tags.isEmpty {
            out +=
                "  tags "
                + group.tags.sorted().map { "\($0.key)=\(RuleDescription.quoted($0.value))" }.joined(separator: " ")
                + "\n"
        }
        return out
    }
}
