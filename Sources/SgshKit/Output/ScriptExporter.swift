// `sgsh export`: live security groups written back as an sgsh script, so an
// existing setup can be put under version control and managed from then on.
//
// Every group becomes `let NAME = sg create …` (which adopts the group when it
// exists) and one `exactly` block per direction, so running the exported
// script against the same account changes nothing, and against an empty one
// rebuilds the groups. Rules that name an exported group use its variable;
// other groups keep their ids. The script is laid out as `sgsh fmt` would.

import SgshModel

/// Writes security groups as an sgsh script.
public enum ScriptExporter {
    /// The script for `groups`, in the order given. VPC default groups (named `default`,
    /// which cannot be created) are left out. With `keepVPC`, `sg create` names the group's
    /// VPC; otherwise the VPC is a comment and the group goes to the default VPC — except for
    /// a name that groups of several VPCs share (in `groups` or `others`, the rest of the
    /// account): without its VPC `sg create` could not tell them apart, so it is named.
    public static func script(
        for groups: [SecurityGroup], keepVPC: Bool = false, others: [SecurityGroup] = []
    ) -> String {
        let exported = groups.filter { $0.groupName != "default" }
        let variables = variableNames(for: exported)
        var vpcsByName: [String: Set<String>] = [:]
        for group in groups + others { vpcsByName[group.groupName, default: []].insert(group.vpcId ?? "") }
        var out = "# Security groups exported by sgsh. Running this script again changes nothing.\n\n"
        for group in exported {
            let variable = variables[group.groupId]!
            let namesItsVPC = keepVPC || (vpcsByName[group.groupName]?.count ?? 0) > 1
            let vpc = namesItsVPC ? group.vpcId : nil
            var line =
                "let \(variable) = "
                + SourceWriter.create(name: group.groupName, vpcId: vpc, description: group.description)
            if !namesItsVPC, let vpc = group.vpcId { line += "  # \(vpc)" }
            out += line + "\n"
        }
        for group in exported {
            let variable = variables[group.groupId]!
            out += "\n"
            for direction in Direction.allCases {
                out += "sg $\(variable) \(direction) exactly {\n"
                let (rules, unreadable) = group.readRulesDroppingOwnAccount(direction)
                for rule in rules.sorted() { out += "  allow \(text(of: rule, direction, variables))\n" }
                // A rule sgsh cannot read is written as stored, so that `check` stops the
                // script at it: dropping it from `exactly` would make the script revoke it.
                for rule in unreadable {
                    out += "  # stored in a form sgsh cannot read (\(rule.reason)); fix it before running:\n"
                    out += "  allow \(SourceWriter.storedRule(rule.permission, direction))\n"
                }
                out += "}\n"
            }
            if !group.tags.isEmpty {
                out += "sg $\(variable) tag \(group.tags.sorted().map(SourceWriter.tag).joined(separator: " "))\n"
            }
        }
        // In `sgsh fmt`'s layout (descriptions and comments in columns), so that the exported
        // script is fmt-clean; a script that would not parse is returned as written.
        return (try? SourceFormatter.format(out, name: "<export>").get()) ?? out
    }

    /// The rule as the language writes it, naming exported groups by their variables.
    static func text(of rule: Rule, _ direction: Direction, _ variables: [String: String]) -> String {
        guard case .group(let reference) = rule.peer, reference.userId == nil,
            let variable = variables[reference.groupId]
        else { return SourceWriter.rule(rule, direction) }
        return SourceWriter.rule(rule.withPeerGroup("$" + variable), direction)
    }

    /// One variable per group, from its name: lowercase letters, digits and `_`, unique,
    /// never a keyword.
    static func variableNames(for groups: [SecurityGroup]) -> [String: String] {
        var used: Set<String> = []
        var names: [String: String] = [:]
        for group in groups {
            var base = String(
                group.groupName.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
            if base.isEmpty || base.first!.isNumber || Keyword(rawValue: base) != nil { base = "sg_" + base }
            var name = base
            var suffix = 2
            while used.contains(name) {
                name = "\(base)_\(suffix)"
                suffix += 1
            }
            used.insert(name)
            names[group.groupId] = name
        }
        return names
    }
}
