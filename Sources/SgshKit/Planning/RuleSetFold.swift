// The desired rules of one (group, direction), folded from the live rules and
// the plan's operations in order, and the diff against the live rules.
//
// Everything is keyed by RuleKey (identity without the description) in hash
// maps, so folding and diffing are O(n) in the number of rules. Order is kept
// with an append-only entry array and tombstones, so the diff lists rules in
// the order the script mentions them (and removals in live order), which
// makes plans deterministic without sorting.
//
// Description policy: a rule written with a description sets it; a rule
// written without one leaves a present rule's description as it is (so a
// script that never mentions descriptions never churns them).

import SgshModel

/// Folds operations on one (group, direction) into a desired rule set and diffs it.
struct RuleSetFold {
    private struct Entry {
        var rule: Rule
        /// The rule tags the script writes for the rule (a later `allow … tag` adds keys or
        /// overrides values): sent with the authorize call of a new rule, set on a present one.
        var tags: [Tag]
        /// True when the script named this rule (untouched live rules are not reported).
        var mentioned: Bool
    }

    private let live: [RuleKey: Rule]
    private let liveOrder: [RuleKey]
    private var entries: [Entry?] = []
    private var index: [RuleKey: Int] = [:]
    private var absentRevokes: [Rule] = []
    private var absentRevokeKeys: Set<RuleKey> = []

    /// Starts from the live rules of the group and direction.
    init(live rules: [Rule]) {
        var live: [RuleKey: Rule] = [:]
        var order: [RuleKey] = []
        live.reserveCapacity(rules.count)
        for rule in rules where live[rule.key] == nil {
            live[rule.key] = rule
            order.append(rule.key)
        }
        self.live = live
        self.liveOrder = order
        entries.reserveCapacity(order.count)
        index.reserveCapacity(order.count)
        for key in order { append(Entry(rule: live[key]!, tags: [], mentioned: false)) }
    }

    private mutating func append(_ entry: Entry) {
        index[entry.rule.key] = entries.count
        entries.append(entry)
    }

    /// True when the rule (by key) is in the desired set now.
    func contains(_ key: RuleKey) -> Bool { index[key] != nil }

    /// True when the rule (by key) is present in the live state.
    func isLive(_ key: RuleKey) -> Bool { live[key] != nil }

    /// `allow`: makes the rules present; a given description replaces the present one.
    /// - Returns: the first rule that was already in the desired set, for `--strict`.
    @discardableResult
    mutating func allow(_ rules: [Rule], tags: [Tag] = []) -> Rule? {
        var duplicate: Rule?
        for rule in rules {
            if let position = index[rule.key] {
                if duplicate == nil { duplicate = rule }
                entries[position]!.mentioned = true
                entries[position]!.tags = Self.merged(entries[position]!.tags, tags)
                if rule.description != nil { entries[position]!.rule = rule }
            } else {
                append(Entry(rule: rule, tags: tags, mentioned: true))
            }
        }
        return duplicate
    }

    /// `revoke`: makes the rules absent.
    mutating func revoke(_ rules: [Rule]) {
        for rule in rules {
            if let position = index.removeValue(forKey: rule.key) {
                entries[position] = nil
            } else if live[rule.key] == nil, absentRevokeKeys.insert(rule.key).inserted {
                absentRevokes.append(rule)
            }
        }
    }

    /// `exactly`: the desired set becomes these rules and nothing else.
    mutating func exactly(_ rules: [Rule], tags: [Tag] = []) {
        let previous = entries
        let previousIndex = index
        entries = []
        index = [:]
        entries.reserveCapacity(rules.count)
        for rule in rules {
            if let position = index[rule.key] {
                if rule.description != nil { entries[position]!.rule = rule }
                entries[position]!.tags = Self.merged(entries[position]!.tags, tags)
                continue
            }
            if let old = previousIndex[rule.key].flatMap({ previous[$0] }) {
                // Keep the present description unless the rule gives one.
                let kept = rule.description == nil ? old.rule : rule
                append(Entry(rule: kept, tags: Self.merged(old.tags, tags), mentioned: true))
            } else {
                append(Entry(rule: rule, tags: tags, mentioned: true))
            }
        }
    }

    /// `old` with the keys of `new` added or overridden, in first-written order.
    private static func merged(_ old: [Tag], _ new: [Tag]) -> [Tag] {
        guard !old.isEmpty else { return new }
        var out = old
        for tag in new {
            if let position = out.firstIndex(where: { $0.key == tag.key }) {
                out[position] = tag
            } else {
                out.append(tag)
            }
        }
        return out
    }

    /// The live rules, in the order the backend listed them.
    var liveRules: [Rule] { liveOrder.map { live[$0]! } }

    /// The desired rules, in order.
    var desired: [Rule] { entries.compactMap { $0?.rule } }

    /// The difference between the live rules and the desired set.
    func diff(group: GroupTarget, direction: Direction) -> RuleChange {
        var change = RuleChange(group: group, direction: direction)
        var batchIndex: [[Tag]: Int] = [:]
        for case let entry? in entries {
            let rule = entry.rule
            if let present = live[rule.key] {
                guard entry.mentioned else { continue }
                if !entry.tags.isEmpty { change.wantedTags.append(RuleTags(rule: present, tags: entry.tags)) }
                if let wanted = rule.description, wanted != (present.description ?? "") {
                    change.descriptionUpdates.append(DescriptionUpdate(rule: rule, previous: present.description))
                } else {
                    change.unchanged.append(present)
                }
            } else if let position = batchIndex[entry.tags] {
                change.additions[position].rules.append(rule)
            } else {
                batchIndex[entry.tags] = change.additions.count
                change.additions.append(RuleBatch(tags: entry.tags, rules: [rule]))
            }
        }
        for key in liveOrder where index[key] == nil { change.removed.append(live[key]!) }
        change.alreadyAbsent = absentRevokes.filter { index[$0.key] == nil }
        return change
    }
}
