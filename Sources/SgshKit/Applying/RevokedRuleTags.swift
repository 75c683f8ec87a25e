// The tags of the rules an apply revokes, as the plan read them. A revoke
// cannot be undone by id (EC2 gives a re-added rule a new sgr- id), so a
// rollback re-authorizes the rule — and without its tags it would come back
// as someone else's (no `sgsh:owner`) or as permanent (no `sgsh:expires`).
// The executor's rollback and `sgsh recover` put each rule back with its
// tags: one authorize per set of tags, with TagSpecifications.

import SgshModel

/// The live tags of the rules a change set removes, by group, direction and rule.
public struct RevokedRuleTags: Hashable, Sendable {
    /// One revoked rule and its tags.
    public struct Entry: Hashable, Sendable {
        public var group: GroupTarget
        public var direction: Direction
        public var rule: Rule
        public var tags: [Tag]
    }

    private var tags: [GroupTarget: [Direction: [RuleKey: Entry]]] = [:]

    /// No tags: rules come back bare.
    public static let none = RevokedRuleTags()

    private init() {}

    /// The tags of the rules `changeSet` removes (known when the plan read rule tags).
    public init(_ changeSet: ChangeSet) {
        for change in changeSet.ruleChanges {
            for rule in change.removed {
                guard let ruleTags = change.liveTags[rule.key], !ruleTags.isEmpty else { continue }
                add(Entry(group: change.group, direction: change.direction, rule: rule, tags: ruleTags))
            }
        }
    }

    /// Every rule with its tags, in a stable order (for the journal).
    var entries: [Entry] {
        tags.values.flatMap { $0.values.flatMap(\.values) }.sorted {
            ($0.group.description, $0.direction.rawValue, $0.rule.key) < (
                $1.group.description, $1.direction.rawValue, $1.rule.key
            )
        }
    }

    /// Records one rule's tags (also when reading a journal back).
    mutating func add(_ entry: Entry) {
        tags[entry.group, default: [:]][entry.direction, default: [:]][entry.rule.key] = entry
    }

    /// `rules` of one group and direction as one batch per set of tags, for one authorize each.
    func batches(_ rules: [Rule], in group: GroupTarget, _ direction: Direction) -> [RuleBatch] {
        let known = tags[group]?[direction] ?? [:]
        return RuleBatch.batches(rules.map { ($0, known[$0.key]?.tags ?? []) })
    }
}
