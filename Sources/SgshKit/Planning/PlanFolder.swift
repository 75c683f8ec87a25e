// The planner's middle step: folds a plan's operations, in order, into the
// desired state of every touched group, then diffs it into a ChangeSet and
// checks the rule quota. It works on already-read live state only, so it is
// pure and can be tested without a backend.

import SgshModel

/// Folds planned operations over live groups into a ChangeSet.
struct PlanFolder {
    private final class GroupState {
        let live: SecurityGroup?
        var rules = ByDirection<RuleSetFold>()
        var tags: TagFold?
        var deleted = false
        /// The origin of the last operation on each direction, for quota errors.
        var lastOrigin = ByDirection<SourceRange>()
        // The statement that last wrote each rule is kept in its RuleSetFold entry.

        init(live: SecurityGroup?) { self.live = live }

        func liveRules(_ direction: Direction) throws(PlanningError) -> [Rule] {
            guard let live else { return direction == .egress ? Planner.defaultEgressRules : [] }
            do {
                return try live.rulesDroppingOwnAccount(direction)
            } catch {
                throw PlanningError(.unreadableRule(groupId: live.groupId, error))
            }
        }
    }

    private let liveGroups: [String: SecurityGroup]
    private let strict: Bool
    /// The owner, the clock and the live rules' tags (Planner+Owner.swift).
    private let stewardship: RuleStewardship
    /// The account of the live groups, for references in groups the plan creates.
    private let accountId: String?
    private var states: [GroupTarget: GroupState] = [:]
    private var order: [GroupTarget] = []
    private var creations: [GroupCreation] = []
    private var deletions: [GroupDeletion] = []
    private var shows: [GroupTarget] = []
    /// The target of the last operation and its state (two properties, not an optional tuple:
    /// comparing a stored target borrows it, binding a tuple copied it, for every operation).
    private var lastTarget: GroupTarget?
    private var lastState: GroupState?
    /// How many rules the plan's `allow`s and `exactly`s write to each group, counted before
    /// folding (`expectRules(of:)`): a group's fold reserves room for them when it is made.
    /// Grown rule by rule, its arrays were copied again and again into memory the process had
    /// not touched, a page fault a page (docs/BENCHMARKS.md).
    private var expectedRules: [GroupTarget: Int] = [:]

    init(liveGroups: [String: SecurityGroup], strict: Bool, stewardship: RuleStewardship? = nil) {
        self.liveGroups = liveGroups
        self.strict = strict
        self.stewardship = stewardship ?? RuleStewardship(owner: nil, now: 0)
        self.accountId = liveGroups.values.lazy.compactMap(\.ownerId).min()
    }

    /// Applies one operation to the desired state.
    /// Counts the rules `operations` write to each group (`expectedRules`). A script writes one
    /// group many times in a row: a run of operations on one group is counted with no hashing.
    mutating func expectRules(of operations: [PlannedOperation]) {
        var run: (target: GroupTarget, count: Int)?
        for planned in operations {
            let count: Int
            switch planned.operation {
            case .authorize(_, _, let rules, _), .exactly(_, _, let rules, _): count = rules.count
            default: continue
            }
            let target = planned.operation.group
            if let current = run, current.target == target {
                run = (target, current.count + count)
                continue
            }
            if let current = run { expectedRules[current.target, default: 0] += current.count }
            run = (target, count)
        }
        if let current = run { expectedRules[current.target, default: 0] += current.count }
    }

    mutating func fold(_ planned: PlannedOperation) throws(PlanningError) {
        let origin = planned.origin
        if case .create(let created, let tags) = planned.operation {
            let target = GroupTarget.created(created)
            states[target] = GroupState(live: nil)
            lastTarget = nil
            lastState = nil
            order.append(target)
            creations.append(GroupCreation(group: created, tags: tags, origin: origin))
            return
        }
        let target = planned.operation.group
        let state = try state(for: target, origin: origin)
        let account = state.live?.ownerId ?? accountId
        switch planned.operation {
        case .authorize(_, let direction, let rules, let tags):
            let rules = Self.droppingAccount(account, rules)
            var fold = try ruleFold(state, target, direction, origin)
            let duplicate = fold.allow(
                rules, tags: tags, expiries: stewardship.expiries(planned.lifetimes), origin: origin)
            state.rules[direction] = consume fold
            if strict, let duplicate {
                throw PlanningError(.duplicateRule(target, direction, duplicate), origin: origin)
            }
        case .revoke(_, let direction, let rules):
            let rules = Self.droppingAccount(account, rules)
            var fold = try ruleFold(state, target, direction, origin)
            fold.revoke(rules)
            state.rules[direction] = consume fold
        case .exactly(_, let direction, let rules, let tags):
            let rules = Self.droppingAccount(account, rules)
            var fold = try ruleFold(state, target, direction, origin)
            let keeping = stewardship.notManaged(target, direction, live: fold.liveRules)
            fold.exactly(
                rules, tags: tags, expiries: stewardship.expiries(planned.lifetimes), keeping: keeping,
                origin: origin)
            state.rules[direction] = consume fold
        case .tag(_, let tags):
            var fold = tagFold(state)
            fold.tag(tags)
            state.tags = fold
        case .untag(_, let selectors):
            var fold = tagFold(state)
            fold.untag(selectors)
            state.tags = fold
        case .delete:
            state.deleted = true
            deletions.append(GroupDeletion(group: target, origin: origin))
        case .show:
            shows.append(target)
        case .create, .replace:
            // Replacements are expanded before folding (Planner+Replacement.swift).
            break
        }
    }

    private mutating func state(for target: GroupTarget, origin: SourceRange?) throws(PlanningError) -> GroupState {
        // A script usually writes one group many times in a row: comparing with the last
        // target is cheaper than hashing a created group's name and description per operation.
        if let lastState, lastTarget == target {
            if lastState.deleted { throw PlanningError(.groupDeleted(target), origin: origin) }
            return lastState
        }
        let state = try lookUpState(for: target, origin: origin)
        lastTarget = target
        lastState = state
        return state
    }

    private mutating func lookUpState(for target: GroupTarget, origin: SourceRange?) throws(PlanningError)
        -> GroupState
    {
        if let state = states[target] {
            if state.deleted { throw PlanningError(.groupDeleted(target), origin: origin) }
            return state
        }
        switch target {
        case .created(let created):
            throw PlanningError(.groupNotCreated(created), origin: origin)
        case .id(let id):
            guard let live = liveGroups[id] else { throw PlanningError(.groupNotFound(id), origin: origin) }
            let state = GroupState(live: live)
            states[target] = state
            order.append(target)
            return state
        }
    }

    private func ruleFold(
        _ state: GroupState, _ target: GroupTarget, _ direction: Direction, _ origin: SourceRange?
    ) throws(PlanningError) -> RuleSetFold {
        if let origin { state.lastOrigin[direction] = origin }
        // Take the fold out of the dictionary so that mutating it does not copy its storage.
        if let fold = state.rules.take(direction) { return fold }
        var fold = RuleSetFold(
            live: try state.liveRules(direction), liveTags: stewardship.liveTags(target, direction))
        if let expected = expectedRules[target] { fold.reserveCapacity(adding: expected) }
        return fold
    }

    /// `rules` with references to `account` written without it; the same array when no rule
    /// names a group (most rules: no copy made per operation).
    private static func droppingAccount(_ account: String?, _ rules: [Rule]) -> [Rule] {
        guard account != nil, rules.contains(where: { if case .group = $0.peer { true } else { false } }) else {
            return rules
        }
        return rules.map { $0.droppingAccount(account) }
    }

    private func tagFold(_ state: GroupState) -> TagFold {
        state.tags ?? TagFold(live: state.live?.tags ?? [])
    }

    /// The prefix lists that the touched groups' rules name, desired or live: what the quota
    /// check must read (a reference counts as the list's MaxEntries rules).
    /// - Parameter allDirections: also the directions the plan leaves alone (policies judge them).
    func referencedPrefixListIds(allDirections: Bool = false) throws(PlanningError) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = []
        for target in order {
            guard let state = states[target], !state.deleted else { continue }
            for direction in Direction.allCases {
                let note = { (id: String) in if seen.insert(id).inserted { ids.append(id) } }
                if let fold = state.rules[direction] {
                    fold.forEachPrefixList(note)
                } else if allDirections {
                    for rule in try state.liveRules(direction) {
                        if case .prefixList(let id) = rule.peer { note(id) }
                    }
                }
            }
        }
        return ids
    }

    /// The diff of everything folded so far, checked against the quota.
    /// - Parameter prefixLists: the lists `referencedPrefixListIds()` named, as the backend has them.
    func changeSet(quota: RuleQuota, prefixLists: PrefixListCatalog = [:]) throws(PlanningError) -> ChangeSet {
        var changeSet = ChangeSet(creations: creations, deletions: deletions, shows: shows)
        for target in order {
            guard let state = states[target], !state.deleted else { continue }
            var addsTemporaryRule = false
            for direction in Direction.allCases {
                guard let fold = state.rules[direction] else { continue }
                var change = fold.diff(
                    group: target, direction: direction, addedTags: stewardship.addedTags, now: stewardship.now)
                guard
                    change.hasChanges || !change.unchanged.isEmpty || !change.alreadyAbsent.isEmpty
                        || !change.notManaged.isEmpty
                else { continue }
                for batch in change.additions {
                    for rule in batch.rules {
                        if case .prefixList(let id) = rule.peer, prefixLists[id] == nil {
                            let origin = fold.origin(of: rule.key) ?? state.lastOrigin[direction]
                            throw PlanningError(.prefixListNotFound(id), origin: origin)
                        }
                    }
                }
                change.removesFirst = try Self.checkQuota(
                    change, live: fold.liveRules, limit: quota.limit(direction), prefixLists: prefixLists,
                    origin: state.lastOrigin[direction])
                if case .created = target, direction == .egress { change.intendedRules = fold.desired }
                addsTemporaryRule = addsTemporaryRule || change.writesExpiry
                changeSet.ruleChanges.append(change)
            }
            var tags = state.tags
            if addsTemporaryRule {
                var marked = tags ?? tagFold(state)
                if marked.value(of: SgshGroupTag.temporaryRules) == nil {
                    marked.tag([Tag(key: SgshGroupTag.temporaryRules, value: SgshGroupTag.temporaryRulesValue)])
                    tags = marked
                }
            }
            if let tags {
                let change = tags.diff(group: target)
                if change.hasChanges || !change.unchanged.isEmpty { changeSet.tagChanges.append(change) }
            }
        }
        return changeSet
    }

    /// Every touched group that the plan keeps, with the rules it would hold afterwards
    /// (live rules the plan leaves alone included) and the statement that writes each.
    func policyStates() throws(PlanningError) -> [PolicyGroupState] {
        var out: [PolicyGroupState] = []
        for target in order {
            guard let state = states[target], !state.deleted else { continue }
            var rules: [Direction: [PolicyRule]] = [:]
            for direction in Direction.allCases {
                if let fold = state.rules[direction] {
                    rules[direction] = fold.desiredWithOrigins.map { PolicyRule(rule: $0.rule, origin: $0.origin) }
                } else {
                    rules[direction] = try state.liveRules(direction).map { PolicyRule(rule: $0, origin: nil) }
                }
            }
            let name: String? =
                switch target {
                case .created(let created): created.name
                case .id: state.live?.groupName
                }
            out.append(PolicyGroupState(target: target, name: name, rules: rules))
        }
        return out
    }

    /// Checks one change against the quota, per family.
    /// - Returns: true when the removals must go first to stay within the quota.
    static func checkQuota(
        _ change: RuleChange, live: [Rule], limit: Int, prefixLists: PrefixListCatalog = [:], origin: SourceRange?
    ) throws(PlanningError) -> Bool {
        guard change.additions.contains(where: { !$0.rules.isEmpty }) else { return false }
        // Every rule weighed once for both families, the batches read in place (not flattened).
        let adding = change.additions.reduce(into: QuotaWeights()) { $0.add($1.rules, prefixLists) }
        let present = QuotaWeights().adding(live, prefixLists)
        let removing = QuotaWeights().adding(change.removed, prefixLists)
        var removesFirst = false
        for family in [CIDR.Family.ipv4, .ipv6] {
            let adding = adding[family]
            guard adding > 0 else { continue }
            let present = present[family]
            let removing = removing[family]
            guard present + adding > limit else { continue }
            var counted: [ManagedPrefixList] = []
            for rule in live + change.added {
                guard case .prefixList(let id) = rule.peer, let list = prefixLists[id], list.family == family,
                    !counted.contains(where: { $0.id == id })
                else { continue }
                counted.append(list)
            }
            let excess = PlanningError.QuotaExcess(
                group: change.group, direction: change.direction, family: family, present: present,
                adding: adding, removing: removing, limit: limit, prefixLists: counted)
            if excess.resulting > limit { throw PlanningError(.quotaExceeded(excess), origin: origin) }
            // Adding first would pass the quota on the way; removing first stays within it.
            removesFirst = true
        }
        return removesFirst
    }
}

/// Rule counts as EC2's quota weighs them (a prefix-list reference counts as the list's
/// MaxEntries), per family.
private struct QuotaWeights {
    private var ipv4 = 0
    private var ipv6 = 0

    subscript(family: CIDR.Family) -> Int { family == .ipv4 ? ipv4 : ipv6 }

    mutating func add(_ rules: [Rule], _ prefixLists: PrefixListCatalog) {
        for rule in rules {
            let weight = rule.quotaWeight(prefixLists)
            if rule.quotaFamily(prefixLists) == .ipv4 { ipv4 += weight } else { ipv6 += weight }
        }
    }

    func adding(_ rules: [Rule], _ prefixLists: PrefixListCatalog) -> QuotaWeights {
        var out = self
        out.add(rules, prefixLists)
        return out
    }
}

/// One value per direction, in two stored properties: a `[Direction: T]` hashed the
/// direction's raw value (a String) at every access, several times per folded operation.
struct ByDirection<T> {
    private var ingress: T?
    private var egress: T?

    subscript(direction: Direction) -> T? {
        get { direction == .ingress ? ingress : egress }
        set {
            if direction == .ingress { ingress = newValue } else { egress = newValue }
        }
    }

    /// Removes and returns the value of `direction` (moved out, not copied), so that mutating
    /// it does not copy its storage.
    mutating func take(_ direction: Direction) -> T? {
        direction == .ingress ? ingress.take() : egress.take()
    }
}

extension RuleChange {
    /// True when the change adds a temporary rule or renews one's expiry (before the planner
    /// turns `wantedTags` into tag updates): its group gets `sgsh:temporary-rules`.
    fileprivate var writesExpiry: Bool {
        additions.contains { batch in batch.tags.contains { $0.key == SgshRuleTag.expires } }
            || wantedTags.contains { wanted in wanted.tags.contains { $0.key == SgshRuleTag.expires } }
    }
}
