// Settling an apply that a crash interrupted (issue 13), from its journal.
//
// Neither direction trusts what the journal does not know: each touched group
// is read, and what is sent is computed from what is really there. Undo
// (`sgsh recover`) goes through the calls that may have landed, newest
// first, and takes back exactly what of each is present: the rules an
// authorize added and that are there are revoked (by their rule ids), the
// rules a revoke removed and that are missing are authorized again with the
// descriptions they had, descriptions and tags are set back, a created group
// is found (by id, or by name when the create's answer was lost) and deleted.
// Complete (`sgsh recover --complete`) goes through the calls not known to
// have landed, oldest first, and sends only what is still missing. Both are
// idempotent, so a recovery that is itself interrupted is simply run again.

import SgshModel

/// Undoes or finishes an interrupted apply against its backend.
public struct Recovery: Sendable {
    /// The backend the interrupted apply went to.
    public let backend: any SecurityGroupBackend
    /// Where a completion records the groups it creates (so a second recovery finds them).
    public let journal: (any ApplyJournal)?

    public init(backend: any SecurityGroupBackend, journal: (any ApplyJournal)? = nil) {
        self.backend = backend
        self.journal = journal
    }

    // MARK: - Undo

    /// Takes back what of the interrupted apply really landed, newest call first.
    public func undo(_ apply: InterruptedApply) async -> RecoveryReport {
        var report = RecoveryReport(mode: .undo)
        var ids = apply.createdIds
        for position in apply.touched.reversed() {
            let planned = apply.calls.indices.contains(position) ? apply.calls[position] : nil
            guard let call = apply.sent[position] ?? apply.begun[position] ?? planned else { continue }
            // A group the apply created is deleted whole: its own rules and tags go with it. An
            // interface moved to it is moved back first (newest first), or the delete would fail.
            if case .created = call.group, !call.isCreate, !call.isInterfaceMove { continue }
            do {
                var outcome = try await undo(call, ids: &ids, revokedTags: apply.revokedRuleTags)
                if case .cannotUndo = outcome, case .delete(.id(let id)) = call, apply.tearsDown(id) {
                    // The calls before it moved what named the group off it (a replacement, a
                    // teardown): without the group they cannot be taken back. They all landed
                    // (the delete goes last), so the apply is as good as done.
                    outcome = .cannotUndo(
                        "the group was deleted after everything that named it was moved off it;"
                            + " nothing before it can be undone: 'sgsh recover --complete' finishes the apply")
                    report.steps.append(RecoveryStep(position: position, call: call, outcome: outcome))
                    break
                }
                report.steps.append(RecoveryStep(position: position, call: call, outcome: outcome))
            } catch {
                report.steps.append(
                    RecoveryStep(
                        position: position, call: call,
                        outcome: .failed(CallFailure(action: call.actionName, error: error))))
            }
        }
        return report
    }

    /// Takes back what of one call whose answer was lost really landed: the executor's
    /// rollback of the call that failed without saying whether it took effect.
    func undoUnanswered(
        _ call: PlannedCall, ids: [Int: String], revokedTags: RevokedRuleTags
    ) async -> RecoveryOutcome {
        var ids = ids
        do {
            return try await undo(call, ids: &ids, revokedTags: revokedTags)
        } catch {
            return .failed(CallFailure(action: call.actionName, error: error))
        }
    }

    private func undo(
        _ call: PlannedCall, ids: inout [Int: String], revokedTags: RevokedRuleTags
    ) async throws -> RecoveryOutcome {
        if case .moveInterface(let move) = call {
            return try await setGroups(of: move, to: move.from, ids: &ids)
        }
        if case .create(let created, _) = call {
            guard let id = try await createdGroupId(created, ids: &ids) else { return .nothingLanded }
            try await backend.deleteSecurityGroup(groupId: id, dryRun: false)
            return .changed(1)
        }
        guard let groupId = try await groupId(call.group, ids: &ids), let live = try await read(groupId) else {
            if case .delete = call { return .cannotUndo("the group was deleted; a delete cannot be undone") }
            return .nothingLanded
        }
        switch call {
        case .create, .moveInterface:
            return .nothingLanded
        case .authorize(_, let direction, let rules, _):
            let landed = try Set(rules.resolvingPlaceholders(ids).map(\.key))
            return try await revoke(landed, direction, in: live)
        case .revoke(let group, let direction, let rules):
            let present = try presentRules(live, direction)
            let missing = try rules.resolvingPlaceholders(ids).filter { present[$0.key] == nil }
            var count = 0
            for batch in revokedTags.batches(missing, in: group, direction) {
                if case .changed(let added) = try await authorize(batch.rules, direction, groupId, tags: batch.tags) {
                    count += added
                }
            }
            return count == 0 ? .nothingLanded : .changed(count)
        case .updateDescriptions(_, let direction, let updates):
            let present = try presentRules(live, direction)
            let rules = try updates.map(\.rule).resolvingPlaceholders(ids)
            let back = zip(updates, rules).compactMap { update, rule -> IPPermission? in
                guard let now = present[rule.key], (now.description ?? "") != (update.previous ?? "") else {
                    return nil
                }
                return IPPermission(rule: rule, description: update.previous)
            }
            guard !back.isEmpty else { return .nothingLanded }
            try await backend.updateRuleDescriptions(direction, groupId: groupId, permissions: back)
            return .changed(back.count)
        case .createTags(_, let updates):
            return try await restoreTags(updates, on: groupId, live: live.tags)
        case .tagRule(_, _, let update):
            let rules = try await backend.describeSecurityGroupRules(groupId: nil, ruleIds: [update.ruleId])
            return try await restoreTags(update.set, on: update.ruleId, live: rules.first?.tags ?? [])
        case .untagRule(_, _, let removal):
            let rules = try await backend.describeSecurityGroupRules(groupId: nil, ruleIds: [removal.ruleId])
            let live = Dictionary((rules.first?.tags ?? []).map { ($0.key, $0.value) }) { first, _ in first }
            let back = removal.tags.filter { live[$0.key] != $0.value }
            guard !back.isEmpty else { return .nothingLanded }
            try await backend.createTags(resourceIds: [removal.ruleId], tags: back, dryRun: false)
            return .changed(back.count)
        case .deleteTags(_, let tags):
            let live = Dictionary(live.tags.map { ($0.key, $0.value) }) { first, _ in first }
            let back = tags.filter { live[$0.key] != $0.value }
            guard !back.isEmpty else { return .nothingLanded }
            try await backend.createTags(resourceIds: [groupId], tags: back, dryRun: false)
            return .changed(back.count)
        case .delete:
            return .nothingLanded
        }
    }

    /// Sets tags back to the values they had (`previous`), removing the keys that were absent.
    private func restoreTags(_ updates: [TagUpdate], on resource: String, live: [Tag]) async throws -> RecoveryOutcome {
        let now = Dictionary(live.map { ($0.key, $0.value) }) { first, _ in first }
        let restore = updates.compactMap { update in
            update.previous.flatMap { now[update.tag.key] == $0 ? nil : Tag(key: update.tag.key, value: $0) }
        }
        let drop = updates.filter { $0.previous == nil && now[$0.tag.key] != nil }.map { TagSelector(key: $0.tag.key) }
        if !restore.isEmpty { try await backend.createTags(resourceIds: [resource], tags: restore, dryRun: false) }
        if !drop.isEmpty { try await backend.deleteTags(resourceIds: [resource], tags: drop, dryRun: false) }
        let count = restore.count + drop.count
        return count == 0 ? .nothingLanded : .changed(count)
    }

    // MARK: - Complete

    /// Sends what of the interrupted apply is still missing, oldest call first. Every call is
    /// settled by reading, even one whose answer said it took effect: a rollback may have
    /// taken it back since.
    public func complete(_ apply: InterruptedApply) async -> RecoveryReport {
        var report = RecoveryReport(mode: .complete)
        var ids = apply.createdIds
        var egressSettled = false
        for (position, call) in apply.calls.enumerated() {
            if !egressSettled, !call.isCreate {
                egressSettled = true
                guard await settleCreatedEgress(apply, ids: ids, at: position, into: &report) else { return report }
            }
            if call.ruleDirection == .egress, case .created(let created) = call.group,
                apply.intendedEgress[created.placeholder] != nil
            {
                continue
            }
            do {
                let outcome = try await complete(call, ids: &ids)
                if call.isCreate { try await journal?.sent(call, at: position, ids: ids) }
                report.steps.append(RecoveryStep(position: position, call: call, outcome: outcome))
            } catch {
                report.steps.append(
                    RecoveryStep(
                        position: position, call: call,
                        outcome: .failed(CallFailure(action: call.actionName, error: error))))
                return report
            }
        }
        if !egressSettled { _ = await settleCreatedEgress(apply, ids: ids, at: apply.calls.count, into: &report) }
        return report
    }

    /// Once the creates are done, brings each new group's egress to what the plan intended,
    /// whatever EC2 gave it (the executor's reconcile, read afresh). False when it failed.
    private func settleCreatedEgress(
        _ apply: InterruptedApply, ids: [Int: String], at position: Int, into report: inout RecoveryReport
    ) async -> Bool {
        for (placeholder, rules) in apply.intendedEgress.sorted(by: { $0.key < $1.key }) {
            guard let id = ids[placeholder] else { continue }
            let call = PlannedCall.authorize(.id(id), .egress, rules, tags: [])
            do {
                let outcome = try await converge(id, .egress, to: try rules.resolvingPlaceholders(ids))
                report.steps.append(RecoveryStep(position: position, call: call, outcome: outcome))
            } catch {
                let failure = CallFailure(action: call.actionName, error: error)
                report.steps.append(RecoveryStep(position: position, call: call, outcome: .failed(failure)))
                return false
            }
        }
        return true
    }

    private func complete(_ call: PlannedCall, ids: inout [Int: String]) async throws -> RecoveryOutcome {
        if case .moveInterface(let move) = call {
            var after: [String] = []
            for target in move.to {
                guard let id = try await groupId(target, ids: &ids) else {
                    throw BackendError.groupNotFound(target.description)
                }
                after.append(id)
            }
            return try await setGroups(of: move, to: after, ids: &ids)
        }
        if case .create(let created, let tags) = call {
            if try await createdGroupId(created, ids: &ids) != nil { return .nothingLanded }
            ids[created.placeholder] = try await backend.createSecurityGroup(
                name: created.name, description: created.description, vpcId: created.vpcId, tags: tags, dryRun: false)
            return .changed(1)
        }
        guard let groupId = try await groupId(call.group, ids: &ids), let live = try await read(groupId) else {
            if case .delete = call { return .nothingLanded }
            throw BackendError.groupNotFound(call.group.description)
        }
        switch call {
        case .create, .moveInterface:
            return .nothingLanded
        case .authorize(_, let direction, let rules, let tags):
            let present = try presentRules(live, direction)
            let missing = try rules.resolvingPlaceholders(ids).filter { present[$0.key] == nil }
            guard !missing.isEmpty else { return .nothingLanded }
            _ = try await backend.authorize(
                direction, groupId: groupId, permissions: IPPermission.grouping(missing), tags: tags, dryRun: false)
            return .changed(missing.count)
        case .revoke(_, let direction, let rules):
            return try await revoke(Set(try rules.resolvingPlaceholders(ids).map(\.key)), direction, in: live)
        case .updateDescriptions(_, let direction, let updates):
            let present = try presentRules(live, direction)
            let rules = try updates.map(\.rule).resolvingPlaceholders(ids).filter { rule in
                guard let now = present[rule.key] else { return false }
                return (now.description ?? "") != (rule.description ?? "")
            }
            guard !rules.isEmpty else { return .nothingLanded }
            try await backend.updateRuleDescriptions(
                direction, groupId: groupId, permissions: IPPermission.grouping(rules))
            return .changed(rules.count)
        case .createTags(_, let updates):
            let now = Dictionary(live.tags.map { ($0.key, $0.value) }) { first, _ in first }
            let set = updates.map(\.tag).filter { now[$0.key] != $0.value }
            guard !set.isEmpty else { return .nothingLanded }
            try await backend.createTags(resourceIds: [groupId], tags: set, dryRun: false)
            return .changed(set.count)
        case .deleteTags(_, let tags):
            let now = Set(live.tags.map(\.key))
            let drop = tags.filter { now.contains($0.key) }.map { TagSelector(key: $0.key) }
            guard !drop.isEmpty else { return .nothingLanded }
            try await backend.deleteTags(resourceIds: [groupId], tags: drop, dryRun: false)
            return .changed(drop.count)
        case .tagRule(_, _, let update):
            // CreateTags sets values; sending it again changes nothing more.
            try await backend.createTags(resourceIds: [update.ruleId], tags: update.set.map(\.tag), dryRun: false)
            return .changed(update.set.count)
        case .untagRule(_, _, let removal):
            // DeleteTags of a key that is already gone changes nothing.
            try await backend.deleteTags(
                resourceIds: [removal.ruleId], tags: removal.tags.map { TagSelector(key: $0.key) }, dryRun: false)
            return .changed(removal.tags.count)
        case .delete:
            try await backend.deleteSecurityGroup(groupId: groupId, dryRun: false)
            return .changed(1)
        }
    }

    /// Brings one direction of a group to exactly `rules`.
    private func converge(_ groupId: String, _ direction: Direction, to rules: [Rule]) async throws -> RecoveryOutcome {
        guard let live = try await read(groupId) else { throw BackendError.groupNotFound(groupId) }
        let present = try presentRules(live, direction)
        let wanted = Set(rules.map(\.key))
        var count = 0
        if case .changed(let revoked) = try await revoke(Set(present.keys).subtracting(wanted), direction, in: live) {
            count += revoked
        }
        if case .changed(let added) = try await authorize(rules.filter { present[$0.key] == nil }, direction, groupId) {
            count += added
        }
        return count == 0 ? .nothingLanded : .changed(count)
    }

    /// Sets the groups of a moved interface to `groupIds` unless it uses exactly those already.
    private func setGroups(of move: InterfaceMove, to groupIds: [String], ids: inout [Int: String]) async throws
        -> RecoveryOutcome
    {
        var candidates = move.from
        for target in move.to {
            if let id = try await groupId(target, ids: &ids) { candidates.append(id) }
        }
        let interface = try await backend.describeNetworkInterfaces(groupIds: candidates)
            .first { $0.networkInterfaceId == move.networkInterfaceId }
        guard let interface, interface.groupIds != groupIds else { return .nothingLanded }
        try await backend.modifyNetworkInterfaceGroups(networkInterfaceId: move.networkInterfaceId, groupIds: groupIds)
        return .changed(1)
    }

    // MARK: - Reading and sending

    private func read(_ groupId: String) async throws -> SecurityGroup? {
        do {
            return try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [groupId]))
                .first { $0.groupId == groupId }
        } catch let error as BackendError where error.category == .notFound {
            return nil
        }
    }

    private func presentRules(_ group: SecurityGroup, _ direction: Direction) throws -> [RuleKey: Rule] {
        var out: [RuleKey: Rule] = [:]
        for rule in try group.rulesDroppingOwnAccount(direction) { out[rule.key] = rule }
        return out
    }

    /// The id of a call's group; for a created group, found by name when the create's answer was lost.
    private func groupId(_ target: GroupTarget, ids: inout [Int: String]) async throws -> String? {
        switch target {
        case .id(let id): id
        case .created(let created): try await createdGroupId(created, ids: &ids)
        }
    }

    /// The group a create made, by its recorded id or else by name (names are unique per VPC);
    /// nil when it does not exist.
    private func createdGroupId(_ created: CreatedGroup, ids: inout [Int: String]) async throws -> String? {
        if let id = ids[created.placeholder] {
            return try await read(id) == nil ? nil : id
        }
        var filters = [SecurityGroupQuery.Filter(name: "group-name", values: [created.name])]
        if let vpc = created.vpcId { filters.append(SecurityGroupQuery.Filter(name: "vpc-id", values: [vpc])) }
        let found = try await backend.describeSecurityGroups(SecurityGroupQuery(filters: filters))
            .filter { $0.groupName == created.name }
        guard found.count <= 1 else {
            throw BackendError(
                category: .invalidParameter, code: "AmbiguousGroup",
                message: "\(found.count) groups are named '\(created.name)'; cannot tell which one the apply created")
        }
        guard let group = found.first else { return nil }
        ids[created.placeholder] = group.groupId
        return group.groupId
    }

    /// Revokes the rules of `keys` that the group holds, by their rule ids (which match whatever
    /// spelling the service stored them in).
    private func revoke(_ keys: Set<RuleKey>, _ direction: Direction, in live: SecurityGroup) async throws
        -> RecoveryOutcome
    {
        guard !keys.isEmpty else { return .nothingLanded }
        let present = try presentRules(live, direction)
        guard keys.contains(where: { present[$0] != nil }) else { return .nothingLanded }
        var ruleIds: [String] = []
        for rule in try await backend.describeSecurityGroupRules(groupId: live.groupId, ruleIds: [])
        where rule.groupId == live.groupId && rule.isEgress == (direction == .egress) {
            var permission = rule.permission
            for index in permission.userIdGroupPairs.indices
            where permission.userIdGroupPairs[index].userId == live.ownerId {
                permission.userIdGroupPairs[index].userId = nil
            }
            guard let key = try? permission.rules().first?.key, keys.contains(key) else { continue }
            ruleIds.append(rule.securityGroupRuleId)
        }
        guard !ruleIds.isEmpty else { return .nothingLanded }
        _ = try await backend.revoke(direction, groupId: live.groupId, ruleIds: ruleIds, dryRun: false)
        return .changed(ruleIds.count)
    }

    private func authorize(
        _ rules: [Rule], _ direction: Direction, _ groupId: String, tags: [Tag] = []
    ) async throws -> RecoveryOutcome {
        guard !rules.isEmpty else { return .nothingLanded }
        _ = try await backend.authorize(
            direction, groupId: groupId, permissions: IPPermission.grouping(rules), tags: tags, dryRun: false)
        return .changed(rules.count)
    }
}

extension InterruptedApply {
    /// True when a call of the apply moves something off the group before deleting it: a rule
    /// naming it revoked, a network interface moved to another group.
    func tearsDown(_ groupId: String) -> Bool {
        calls.contains { call in
            switch call {
            case .moveInterface(let move): move.from.contains(groupId)
            case .revoke(let group, _, let rules):
                group != .id(groupId) && rules.contains { $0.peer == .group(GroupReference(groupId: groupId)) }
            default: false
            }
        }
    }
}

extension PlannedCall {
    /// The direction of a rule call (authorize, revoke, descriptions, rule tags); nil otherwise.
    var ruleDirection: Direction? {
        switch self {
        case .authorize(_, let direction, _, _), .revoke(_, let direction, _), .updateDescriptions(_, let direction, _),
            .tagRule(_, let direction, _), .untagRule(_, let direction, _):
            direction
        default: nil
        }
    }
}

/// What recovery did about one call of the interrupted apply.
public enum RecoveryOutcome: Hashable, Sendable {
    /// Nothing of it was there to take back (undo), or nothing was missing (complete).
    case nothingLanded
    /// So many rules, tags or groups were sent to set it right.
    case changed(Int)
    /// It cannot be undone (a deleted group).
    case cannotUndo(String)
    /// Setting it right failed; the journal stays.
    case failed(CallFailure)
}

/// One call of the interrupted apply and what recovery did about it.
public struct RecoveryStep: Hashable, Sendable {
    public var position: Int
    public var call: PlannedCall
    public var outcome: RecoveryOutcome
}

/// What `Recovery` did.
public struct RecoveryReport: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable {
        case undo, complete
    }

    public var mode: Mode
    public var steps: [RecoveryStep] = []

    public init(mode: Mode, steps: [RecoveryStep] = []) {
        self.mode = mode
        self.steps = steps
    }

    /// True when every call was set right (a delete that cannot be undone does not count as failing).
    public var succeeded: Bool {
        !steps.contains { if case .failed = $0.outcome { true } else { false } }
    }
}
