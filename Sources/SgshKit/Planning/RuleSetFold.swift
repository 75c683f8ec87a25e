// The desired rules of one (group, direction), folded from the live rules and
// the plan's operations in order, and the diff against the live rules.
//
// Everything is keyed by RuleKey (identity without the description) in hash
// tables (the desired rules' in a RuleKeyTable, whose slots hold positions,
// not keys), so folding and diffing are O(n) in the number of rules. Order is kept
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
        /// The statement that last wrote the rule, for planning errors and policy violations
        /// (kept here rather than in a second table keyed by rule).
        var origin: SourceRange? = nil
    }

    private let live: [RuleKey: Rule]
    /// The live rules' own tags (owner, expiry), when the planner read them.
    private let liveTags: [RuleKey: [Tag]]
    private let liveOrder: [RuleKey]
    private var entries: [Entry?] = []
    /// The position in `entries` of every desired rule.
    private var index = RuleKeyTable()
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
        for key in order { append(Entry(rule: live[key]!, tags: [], mentioned: false), hash: RuleKeyTable.hash(key)) }
    }

    /// Room for `count` more rules without growing, when the caller knows how many will come.
    mutating func reserveCapacity(adding count: Int) {
        entries.reserveCapacity(entries.count + count)
        index.reserveCapacity(index.count + count)
    }

    /// Takes `entry` (consuming): the array gets it moved in, not a copy.
    private mutating func append(_ entry: consuming Entry, hash: UInt32) {
        index.insert(entries.count, hash: hash)
        entries.append(entry)
    }

    /// The position of the desired rule with `key`, filed under `hash`.
    private func position(of key: RuleKey, hash: UInt32) -> Int? {
        index.position(hash: hash) { entries[$0]!.rule.hasKey(key) }
    }

    /// True when the rule (by key) is in the desired set now.
    func contains(_ key: RuleKey) -> Bool { position(of: key, hash: RuleKeyTable.hash(key)) != nil }

    /// True when the rule (by key) is present in the live state.
    func isLive(_ key: RuleKey) -> Bool { live[key] != nil }

    /// The statement that last wrote the desired rule with `key`, if one did.
    func origin(of key: RuleKey) -> SourceRange? {
        position(of: key, hash: RuleKeyTable.hash(key)).flatMap { entries[$0]!.origin }
    }

    /// `allow`: makes the rules present; a given description replaces the present one.
    /// - Returns: the first rule that was already in the desired set, for `--strict`.
    /// `expiries` (parallel to `rules`, or empty) say when temporary rules expire; the last
    /// `allow` of a rule decides whether it is temporary.
    /// `origin` is the statement that writes them.
    @discardableResult
    mutating func allow(
        _ rules: [Rule], tags: [Tag] = [], expiries: [Int?] = [], origin: SourceRange? = nil
    ) -> Rule? {
        var duplicate: Rule?
        for (position, rule) in rules.enumerated() {
            let expires = position < expiries.count ? expiries[position] : nil
            let key = rule.key
            let hash = RuleKeyTable.hash(key)
            if let at = self.position(of: key, hash: hash) {
                if duplicate == nil { duplicate = rule }
                entries[at]!.mentioned = true
                entries[at]!.notManaged = false
                entries[at]!.expires = expires
                entries[at]!.tags = Self.merged(entries[at]!.tags, tags)
                if rule.description != nil { entries[at]!.rule = rule }
                if let origin { entries[at]!.origin = origin }
            } else {
                append(
                    Entry(rule: rule, tags: tags, mentioned: true, expires: expires, origin: origin), hash: hash)
            }
        }
        return duplicate
    }

    /// `revoke`: makes the rules absent.
    mutating func revoke(_ rules: [Rule]) {
        for rule in rules {
            let key = rule.key
            if let position = index.remove(hash: RuleKeyTable.hash(key), where: { entries[$0]!.rule.hasKey(key) }) {
                entries[position] = nil
            } else if live[key] == nil, absentRevokeKeys.insert(key).inserted {
                absentRevokes.append(rule)
            }
        }
    }

    /// `exactly`: the desired set becomes these rules and nothing else — but for the live
    /// rules in `keeping` (other owners' rules, under an owner), which stay as they are.
    /// `origin` is the statement that writes them.
    mutating func exactly(
        _ rules: [Rule], tags: [Tag] = [], expiries: [Int?] = [], keeping: Set<RuleKey> = [],
        origin: SourceRange? = nil
    ) {
        let previous = entries
        let previousIndex = index
        entries = []
        index = RuleKeyTable()
        entries.reserveCapacity(rules.count)
        index.reserveCapacity(rules.count)
        for (position, rule) in rules.enumerated() {
            let expires = position < expiries.count ? expiries[position] : nil
            let key = rule.key
            let hash = RuleKeyTable.hash(key)
            if let at = self.position(of: key, hash: hash) {
                if rule.description != nil { entries[at]!.rule = rule }
                entries[at]!.tags = Self.merged(entries[at]!.tags, tags)
                entries[at]!.expires = expires
                continue
            }
            if let old = previousIndex.position(hash: hash, where: { previous[$0]!.rule.hasKey(key) })
                .flatMap({ previous[$0] })
            {
                // Keep the present description unless the rule gives one.
                let kept = rule.description == nil ? old.rule : rule
                append(
                    Entry(
                        rule: kept, tags: Self.merged(old.tags, tags), mentioned: true, expires: expires,
                        origin: origin ?? old.origin),
                    hash: hash)
            } else {
                append(Entry(rule: rule, tags: tags, mentioned: true, expires: expires, origin: origin), hash: hash)
            }
        }
        guard !keeping.isEmpty else { return }
        for case var old? in previous where keeping.contains(old.rule.key) {
            let hash = RuleKeyTable.hash(old.rule.key)
            guard position(of: old.rule.key, hash: hash) == nil else { continue }
            old.mentioned = false
            old.notManaged = true
            append(old, hash: hash)
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

    /// Calls `body` with the prefix list of every desired and live rule whose peer is one, in
    /// order (repeats included), without copying the rules out.
    func forEachPrefixList(_ body: (String) -> Void) {
        for position in entries.indices {
            if case .prefixList(let id)? = entries[position]?.rule.peer { body(id) }
        }
        for key in liveOrder {
            if case .prefixList(let id) = key.peer { body(id) }
        }
    }

    /// The live rules, in the order the backend listed them.
    var liveRules: [Rule] { liveOrder.map { live[$0]! } }

    /// The desired rules, in order.
    var desired: [Rule] { entries.compactMap { $0?.rule } }

    /// The desired rules, in order, with the statement that last wrote each.
    var desiredWithOrigins: [(rule: Rule, origin: SourceRange?)] {
        entries.compactMap { $0.map { ($0.rule, $0.origin) } }
    }

    /// The difference between the live rules and the desired set. Rules it adds carry
    /// `addedTags` (the owner's tag) and, when temporary, their `sgsh:expires`; a temporary rule
    /// that is present keeps its expiry until it is due (re-running a script does not extend
    /// it) and gets a new one, counted from `now`, when it is past. A present rule asked for
    /// without `for` is noted in `askedPermanent`: the planner drops its expiry, if it has one.
    func diff(group: GroupTarget, direction: Direction, addedTags: [Tag] = [], now: Int = 0) -> RuleChange {
        var change = RuleChange(group: group, direction: direction)
        var batchIndex: [[Tag]: Int] = [:]
        // The batch the last added rule went to: consecutive rules with the same tags (the
        // common case) skip hashing their tags.
        var lastBatch: (tags: [Tag], position: Int)?
        // Entries are read in place, field by field: copying each whole entry out (its rule, tags
        // and origin) cost more than the rest of the diff in a plan of 100,000 rules.
        for position in entries.indices where entries[position] != nil {
            let rule = entries[position]!.rule
            let expiry = entries[position]!.expires
            if let present = live[rule.key] {
                if entries[position]!.notManaged {
                    change.notManaged.append(present)
                    continue
                }
                guard entries[position]!.mentioned else { continue }
                var wanted = entries[position]!.tags
                if let expires = expiry, let due = liveExpiry(rule.key), due <= now {
                    wanted.append(Tag(key: SgshRuleTag.expires, value: UTCTimestamp.text(expires)))
                }
                if !wanted.isEmpty { change.wantedTags.append(RuleTags(rule: present, tags: wanted)) }
                if expiry == nil { change.askedPermanent.append(present) }
                if let wanted = rule.description, wanted != (present.description ?? "") {
                    change.descriptionUpdates.append(DescriptionUpdate(rule: rule, previous: present.description))
                } else {
                    change.unchanged.append(present)
                }
            } else {
                // A tag the script writes itself wins over the owner's.
                let written = entries[position]!.tags
                var tags =
                    addedTags.isEmpty
                    ? written : written + addedTags.filter { tag in !written.contains { $0.key == tag.key } }
                if let expires = expiry {
                    tags = tags.filter { $0.key != SgshRuleTag.expires }
                    tags.append(Tag(key: SgshRuleTag.expires, value: UTCTimestamp.text(expires)))
                }
                if let last = lastBatch, last.tags == tags {
                    change.additions[last.position].rules.append(rule)
                } else if let position = batchIndex[tags] {
                    change.additions[position].rules.append(rule)
                    lastBatch = (tags, position)
                } else {
                    batchIndex[tags] = change.additions.count
                    lastBatch = (tags, change.additions.count)
                    var rules = [rule]
                    // The first batch (usually the only one) gets room for every entry left:
                    // grown rule by rule, each growth copied it into memory not touched before.
                    if change.additions.isEmpty { rules.reserveCapacity(entries.count - position) }
                    change.additions.append(RuleBatch(tags: tags, rules: rules))
                }
            }
        }
        for key in liveOrder where !contains(key) { change.removed.append(live[key]!) }
        change.alreadyAbsent = absentRevokes.filter { !contains($0.key) }
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
