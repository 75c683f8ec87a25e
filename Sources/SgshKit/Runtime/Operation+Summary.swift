// A one-line, stable text form of each operation, for dry-run listings,
// logs and the eval corpus (`# expect: authorize sg-0abc ingress: tcp 443
// from 0.0.0.0/0`). Rules keep the order the script produced them in.

import SgshModel

extension Operation {
    /// The operation on one line: verb, group, then what it carries.
    public var summary: String {
        switch self {
        case .authorize(let group, let direction, let rules, let tags):
            "authorize \(group) \(direction): \(Self.rulesText(rules, direction))\(Self.tagsText(tags))"
        case .revoke(let group, let direction, let rules):
            "revoke \(group) \(direction): \(Self.rulesText(rules, direction))"
        case .exactly(let group, let direction, let rules, let tags):
            "exactly \(group) \(direction): \(Self.rulesText(rules, direction))\(Self.tagsText(tags))"
        case .tag(let group, let tags):
            "tag \(group)\(tags.map { " \($0)" }.joined())"
        case .untag(let group, let selectors):
            "untag \(group)\(selectors.map { " \($0.key)" + ($0.value.map { "=\($0)" } ?? "") }.joined())"
        case .create(let created, let tags):
            "create \(GroupTarget.created(created)) \(SourceWriter.quoted(created.name))"
                + (created.vpcId.map { " vpc \($0)" } ?? "") + " \(SourceWriter.quoted(created.description))"
                + Self.tagsText(tags)
        case .delete(let group):
            "delete \(group)"
        case .replace(let old, let new):
            "replace \(old) with \(GroupTarget.created(new))"
        case .show(let group):
            "show \(group)"
        }
    }

    private static func rulesText(_ rules: [Rule], _ direction: Direction) -> String {
        rules.isEmpty ? "(no rules)" : rules.map { SourceWriter.rule($0, direction) }.joined(separator: ", ")
    }

    private static func tagsText(_ tags: [Tag]) -> String {
        tags.isEmpty ? "" : " tag " + tags.map(\.description).joined(separator: " ")
    }
}
