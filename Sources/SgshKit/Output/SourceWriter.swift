// The one writer of sgsh source. Everything that prints rules, strings, tags
// or groups as the language spells them (`export`, `show`, the plan and
// report lines, the REPL's `:save`, planning errors) goes through here, so a
// change to the language's spelling is made once. The model (SgshModel)
// knows EC2's shapes, not this spelling.

import SgshModel

/// How sgsh source spells rules, strings, tags and groups.
public enum SourceWriter {
    /// The preposition before a rule's peers: `from` for ingress, `to` for egress.
    public static func preposition(_ direction: Direction) -> String {
        (direction == .ingress ? ContextualWord.from : .to).rawValue
    }

    /// A double-quoted sgsh string, escaping `"`, `\` and `$` (which would start an interpolation).
    public static func quoted(_ text: String) -> String {
        // Nothing to escape (the common case): no walk over Characters.
        if !text.containsUTF8Byte(where: needsEscape) { return "\"" + text + "\"" }
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "$": out += "\\$"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    /// A byte `quoted` writes as an escape.
    private static func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "$"), UInt8(ascii: "\n"), UInt8(ascii: "\t"),
            UInt8(ascii: "\r"):
            true
        default: false
        }
    }

    /// A rule as a rule clause without its verb: `tcp 443 from 0.0.0.0/0 "https"`.
    public static func rule(_ rule: Rule, _ direction: Direction) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        write(rule, direction, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `rule(_:_:)`'s text appended as UTF-8 bytes. A plan prints a line per rule: ports and
    /// IPv4 blocks are written digit by digit into one buffer, with no String made per part.
    static func write(_ rule: Rule, _ direction: Direction, into bytes: inout [UInt8]) {
        bytes.appendUTF8(rule.ipProtocol.description)
        switch rule.ports {
        case .none: break
        case .range(let range) where !range.isAll:
            bytes.append(UInt8(ascii: " "))
            range.appendDescription(to: &bytes)
        case .range, .icmp:
            bytes.append(UInt8(ascii: " "))
            bytes.appendUTF8(ports(of: rule) ?? "")
        }
        bytes.append(UInt8(ascii: " "))
        bytes.appendUTF8(preposition(direction))
        bytes.append(UInt8(ascii: " "))
        if case .cidr(let block) = rule.peer {
            block.appendDescription(to: &bytes)
        } else {
            bytes.appendUTF8(rule.peer.description)
        }
        if let description = rule.description {
            bytes.append(UInt8(ascii: " "))
            if description.containsUTF8Byte(where: needsEscape) {
                bytes.appendUTF8(quoted(description))
            } else {
                bytes.append(UInt8(ascii: "\""))
                bytes.appendUTF8(description)
                bytes.append(UInt8(ascii: "\""))
            }
        }
    }

    /// A rule's ports as a rule clause spells them (`443`, `8000-8080`, `all`, an ICMP type's
    /// name), nil for a protocol that takes none.
    public static func ports(of rule: Rule) -> String? {
        switch rule.ports {
        case .none: nil
        case .range(let range): range.isAll ? "all" : range.description
        case .icmp(let spec): spec.name(for: rule.ipProtocol) ?? spec.description
        }
    }

    /// A one-peer permission as EC2 stored it, spelled as a rule clause even when sgsh cannot
    /// read it (a CIDR with host bits, an unknown protocol), so that `check` points at it.
    public static func storedRule(_ permission: IPPermission, _ direction: Direction) -> String {
        var parts = [permission.ipProtocol]
        switch (permission.fromPort, permission.toPort) {
        case (let from?, let to?) where from == to: parts.append("\(from)")
        case (let from?, let to?): parts.append("\(from)-\(to)")
        default: break
        }
        parts.append(preposition(direction))
        let peer =
            permission.ipRanges.first.map { ($0.cidrIp, $0.description) }
            ?? permission.ipv6Ranges.first.map { ($0.cidrIpv6, $0.description) }
            ?? permission.prefixListIds.first.map { ($0.prefixListId, $0.description) }
            ?? permission.userIdGroupPairs.first.map {
                (
                    quoted([$0.userId, $0.groupId ?? $0.groupName].compactMap { $0 }.joined(separator: "/")),
                    $0.description
                )
            }
        parts.append(peer?.0 ?? "\"\"")
        if let description = peer?.1 { parts.append(quoted(description)) }
        return parts.joined(separator: " ")
    }

    /// A tag as `"key"="value"`.
    public static func tag(_ tag: Tag) -> String { "\(quoted(tag.key))=\(quoted(tag.value))" }

    /// `sg create "name" [vpc vpc-…] "description"`.
    public static func create(name: String, vpcId: String?, description: String) -> String {
        "sg create \(quoted(name))" + (vpcId.map { " vpc \($0)" } ?? "") + " \(quoted(description))"
    }

    /// What an applied report changed, as sgsh statements naming the real group ids (a
    /// created group's id follows its create as a comment): what the REPL's `:save` writes,
    /// so that a fresh session replaying them reaches the same state.
    public static func statements(applied report: ApplyReport) -> [String] {
        let changes = report.changeSet
        var lines: [String] = []
        for creation in changes.creations {
            let group = creation.group
            let id = report.groupId(for: .created(group)).map { "  # \($0)" } ?? ""
            lines.append(create(name: group.name, vpcId: group.vpcId, description: group.description) + id)
        }
        for change in changes.ruleChanges {
            let group = report.groupId(for: change.group) ?? change.group.description
            for batch in change.additions {
                let tags = batch.tags.isEmpty ? "" : " tag " + batch.tags.map(tag).joined(separator: " ")
                for rule in batch.rules {
                    lines.append("sg \(group) \(change.direction) allow \(self.rule(rule, change.direction))\(tags)")
                }
            }
            for rule in change.removed {
                lines.append("sg \(group) \(change.direction) revoke \(self.rule(rule, change.direction))")
            }
            for update in change.tagUpdates {
                let tags = update.set.map { tag($0.tag) }.joined(separator: " ")
                lines.append(
                    "sg \(group) \(change.direction) allow \(self.rule(update.rule, change.direction)) tag \(tags)")
            }
        }
        for change in changes.tagChanges {
            let group = report.groupId(for: change.group) ?? change.group.description
            let set = change.set.map { tag($0.tag) }
            if !set.isEmpty { lines.append("sg \(group) tag " + set.joined(separator: " ")) }
            let removed = change.removed.map { quoted($0.key) }
            if !removed.isEmpty { lines.append("sg \(group) untag " + removed.joined(separator: " ")) }
        }
        for deletion in changes.deletions {
            lines.append("sg \(report.groupId(for: deletion.group) ?? deletion.group.description) delete")
        }
        return lines
    }
}
