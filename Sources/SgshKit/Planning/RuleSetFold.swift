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
        /// When the rule expires if the script adds it now (`for 2h`), in seconds since the epoch.
        var expires: Int? = nil
        /// A live rule of another owner (or of none) that `exactly` under an owner keeps.
        var notManaged = false
    }

    private let live: [RuleKey: Rule]
    /// The live rules' own tags (owner, expiry), when the planner read them.
    private let liveTags: [RuleKey: [Tag]]
    private let liveOrder: [RuleKey]
    private var entries: [Entry?] = []
    private var index: [RuleKey: Int] = [:]
    private var absentRevokes: [Rule] = []
    private var absentRevokeKeys: Set<RuleKey> = []

    /// Starts from the live rules of the group and direction (and their tags, when read).
    init(live rules: [Rule], liveTags: [RuleKey: [Tag]] = [:]) {
        self.liveTags = liveTags
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
    /// `expiries` (parallel to `rules`, or empty) say when temporary rules expire; the last
    /// `allow` of a rule decides whether it is temporary.
    @discardableResult
    mutating func allow(_ rules: [Rule], tags: [Tag] = [], expiries: [Int?] = []) -> Rule? {
        var duplicate: Rule?
        for (position, rule) in rules.enumerated() {
            let expires = position < expiries.count ? expiries[position] : nil
            if let at = index[rule.key] {
                if duplicate == nil { duplicate = rule }
                entries[at]!.mentioned = true
                entries[at]!.notManaged = false
                entries[at]!.expires = expires
                entries[at]!.tags = Self.merged(entries[at]!.tags, tags)
                if rule.description != nil { entries[at]!.rule = rule }
            } else {
                append(Entry(rule: rule, tags: tags, mentioned: true, expires: expires))
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

    /// `exactly`: the desired set becomes these rules and nothing else — but for the live
    /// rules in `keeping` (other owners' rules, under an owner), which stay as they are.
    mutating func exactly(
        _ rules: [Rule], tags: [Tag] = [], expiries: [Int?] = [], keeping: Set<RuleKey> = []
    ) {
        let previous = entries
        let previousIndex = index
        entries = []
        index = [:]
        entries.reserveCapacity(rules.count)
        for (position, rule) in rules.enumerated() {
            let expires = position < expiries.count ? expiries[position] : nil
            if let at = index[rule.key] {
                if rule.description != nil { entries[at]!.rule = rule }
                entries[at]!.tags = Self.merged(entries[at]!.tags, tags)
                entries[at]!.expires = expires
                continue
            }
            if let old = previousIndex[rule.key].flatMap({ previous[$0] }) {
                // Keep the present description unless the rule gives one.
                let kept = rule.description == nil ? old.rule : rule
                append(Entry(rule: kept, tags: Self.merged(old.tags, tags), mentioned: true, expires: expires))
            } else {
                append(Entry(rule: rule, tags: tags, mentioned: true, expires: expires))
            }
        }
        guard !keeping.isEmpty else { return }
        for case var old? in previous where keeping.contains(old.rule.key) && index[old.rule.key] == nil {
            old.mentioned = false
            old.notManaged = true
            append(old)
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

    /// The difference between the live rules and the desired set. Rules it adds carry
    /// `addedTags` (the owner's tag) and, when temporary, their `sgsh:expires`; a temporary rule
    /// that is present keeps its expiry until it is due (re-running a script does not extend
    /// it) and gets a new one, counted from `now`, when it is past. A present rule asked for
    /// without `for` is noted in `askedPermanent`: the planner drops its expiry, if it has one.
    func diff(group: GroupTarget, direction: Direction, addedTags: [Tag] = [], now: Int = 0) -> RuleChange {
        var change = RuleChange(group: group, direction: direction)
        var batchIndex: [[Tag]: Int] = [:]
        for case let entry? in entries {
            let rule = entry.rule
            if let present = live[rule.key] {
                if entry.notManaged {
                    change.notManaged.append(present)
                    continue
                }
                guard entry.mentioned else { continue }
                var wanted = entry.tags
                if let expires = entry.expires, let due = liveExpiry(rule.key), due <= now {
                    wanted.append(Tag(key: SgshRuleTag.expires, value: UTCTimestamp.text(expires)))
                }
                if !wanted.isEmpty { change.wantedTags.append(RuleTags(rule: present, tags: wanted)) }
                if entry.expires == nil { change.askedPermanent.append(present) }
                if let wanted = rule.description, wanted != (present.description ?? "") {
                    change.descriptionUpdates.append(DescriptionUpdate(rule: rule, previous: present.description))
                } else {
                    change.unchanged.append(present)
                }
            } else {
                // A tag the script writes itself wins over the owner's.
                var tags = entry.tags + addedTags.filter { tag in !entry.tags.contains { $0.key == tag.key } }
                if let expires = entry.expires {
                    tags = tags.filter { $0.key != SgshRuleTag.expires }
                    tags.append(Tag(key: SgshRuleTag.expires, value: UTCTimestamp.text(expires)))
                }
                if let position = batchIndex[tags] {
                    change.additions[position].rules.append(rule)
                } else {
                    batchIndex[tags] = change.additions.count
                    change.additions.append(RuleBatch(tags: tags, rules: [rule]))
                }
            }
        }
        for key in liveOrder where index[key] == nil { change.removed.append(live[key]!) }
        change.alreadyAbsent = absentRevokes.filter { index[$0.key] == nil }
        change.liveTags = liveTags.filter { !$0.value.isEmpty }
        return change
    }

    /// When a live rule expires: its `sgsh:expires` tag (a tag that is not a time counts as
    /// past, so it is rewritten); nil when it has none.
    private func liveExpiry(_ key: RuleKey) -> Int? {
        guard let value = liveTags[key]?.first(where: { $0.key == SgshRuleTag.expires })?.value else { return nil }
        return UTCTimestamp.seconds(value) ?? Int.min
    }
}
