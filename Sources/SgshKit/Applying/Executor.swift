// The executor: sends a ChangeSet's calls in order and, when one fails, undoes
// what it applied.
//
// Backend calls are all-or-nothing (EC2's are), so the undo list is simply
// the calls that succeeded. On a failure (any error, and task
// cancellation) the executor stops and undoes that list in reverse order:
// revokes what it added, re-authorizes what it removed (with the descriptions
// it read), restores descriptions and tags, moves network interfaces back to
// the groups they used, deletes groups it created. The
// undo runs in a fresh Task so that a cancelled caller still gets its groups
// back as they were. Retrying throttled or unavailable calls is the backend's
// job (SgshEC2 follows the SDK's retry policy); an error that reaches the
// executor is final.
//
// An optional ApplyJournal is told the plan before the first call and each
// call before and after it is sent, so that an apply a crash interrupts can
// be undone or finished later (Recovery). A call whose answer was lost (the
// connection failed, the service erred) may still have landed: its rollback
// reads the group and takes back what is there, never guessing.

import SgshModel

/// Applies ChangeSets through a backend, rolling back on failure.
public struct Executor: Sendable {
    /// Called after each call of the apply with (calls done, calls planned).
    public typealias Progress = @Sendable (_ done: Int, _ total: Int) -> Void

    /// The backend the calls go to.
    public let backend: any SecurityGroupBackend
    /// When false (the default), a group another client changed since planning is re-read once
    /// and only what is still needed is sent; when true, EC2's errors stand (`--strict`).
    public let strict: Bool
    private let progress: Progress?
    /// Where the apply is written ahead, so that a crash cannot lose track of it.
    public let journal: (any ApplyJournal)?

    public init(
        backend: any SecurityGroupBackend, strict: Bool = false, progress: Progress? = nil,
        journal: (any ApplyJournal)? = nil
    ) {
        self.backend = backend
        self.strict = strict
        self.progress = progress
        self.journal = journal
    }

    /// Applies `changeSet`; never throws — the report says what happened.
    ///
    /// The report's change set is `changeSet`, except that the egress changes of groups it
    /// creates are reconciled with the rules EC2 actually gave them (one describe, after the
    /// creates, only when there are such changes).
    public func apply(_ changeSet: ChangeSet) async -> ApplyReport {
        var changeSet = changeSet
        var calls = changeSet.calls
        let revokedTags = RevokedRuleTags(changeSet)
        if changeSet.dryRun {
            return ApplyReport(changeSet: changeSet, outcomes: calls.map { CallOutcome(call: $0, status: .planned) })
        }
        var statuses = [CallStatus](repeating: .notApplied, count: calls.count)
        var ids: [Int: String] = [:]
        // Each applied call as it took effect (a revoke without the rules that were already gone).
        var applied: [(Int, PlannedCall)] = []
        // The call that failed without an answer saying whether it took effect.
        var unanswered: Int?
        var callCount = 0
        var failure: CallFailure?
        var needsReconcile = changeSet.ruleChanges.contains { $0.intendedRules != nil }
        var position = 0
        let journaled = journal != nil && !calls.isEmpty
        if let journal, journaled {
            do {
                try await journal.begin(changeSet)
            } catch {
                // Nothing was sent: an apply that cannot be written ahead is not started.
                let failure = CallFailure(action: "WriteJournal", error: error)
                return ApplyReport(
                    changeSet: changeSet, outcomes: calls.map { CallOutcome(call: $0, status: .notApplied) },
                    failure: failure)
            }
        }
        while true {
            if needsReconcile, position == calls.count || !calls[position].isCreate {
                // Creates come first: every group the plan creates exists now.
                needsReconcile = false
                do {
                    try await reconcileCreatedGroups(&changeSet, ids: ids)
                } catch {
                    failure = CallFailure(action: "DescribeSecurityGroups", error: error)
                    break
                }
                calls = changeSet.calls
                statuses = Array(statuses[..<position]) + Array(repeating: .notApplied, count: calls.count - position)
                do {
                    try await journal?.replanned(Array(calls[position...]), from: position)
                } catch {
                    failure = CallFailure(action: "WriteJournal", error: error)
                    break
                }
                continue
            }
            guard position < calls.count else { break }
            let call = calls[position]
            if Task.isCancelled {
                failure = CallFailure(action: call.actionName, error: CancellationError())
                break
            }
            do {
                try await journal?.sending(call, at: position, ids: ids)
            } catch {
                failure = CallFailure(action: "WriteJournal", error: error)
                break
            }
            callCount += 1
            do {
                let effective = try await uncancelled(call, ids: &ids, callCount: &callCount)
                statuses[position] = .applied
                applied.append((position, effective))
                try await journal?.sent(effective, at: position, ids: ids)
            } catch let partly as PartlyApplied {
                // What the call did is in effect: journaled, and undone with the rest.
                let callFailure = CallFailure(action: call.actionName, error: partly.error)
                failure = callFailure
                statuses[position] = .failed(callFailure)
                if case .revoke(_, _, let rules) = partly.call, !rules.isEmpty {
                    applied.append((position, partly.call))
                    do {
                        try await journal?.sent(partly.call, at: position, ids: ids)
                    } catch {
                        failure = CallFailure(action: "WriteJournal", error: error)
                    }
                } else {
                    await journal?.failed(at: position, callFailure)
                }
                break
            } catch {
                let callFailure = CallFailure(action: call.actionName, error: error)
                failure = callFailure
                if statuses[position] == .applied {
                    // Sent, but not written down: stop here and undo it with the rest.
                    failure = CallFailure(action: "WriteJournal", error: error)
                } else if Self.answerWasLost(error) {
                    unanswered = position
                    statuses[position] = .failed(callFailure)
                } else {
                    statuses[position] = .failed(callFailure)
                    await journal?.failed(at: position, callFailure)
                }
                break
            }
            position += 1
            progress?(position, calls.count)
        }
        if failure != nil {
            await journal?.rollingBack()
            if let position = unanswered {
                statuses[position] = await settleUnanswered(
                    calls[position], ids: ids, status: statuses[position], revokedTags: revokedTags)
            }
            let undone = await rollBack(applied.reversed(), ids: ids, revokedTags: revokedTags)
            callCount += undone.callCount
            for (position, status) in undone.statuses { statuses[position] = status }
        }
        let outcomes = zip(calls, statuses).map { CallOutcome(call: $0, status: $1) }
        if let journal, journaled {
            await journal.finished(settled: !statuses.contains(where: \.isUnsettled))
        }
        return ApplyReport(
            changeSet: changeSet, outcomes: outcomes, createdGroupIds: ids, callCount: callCount, failure: failure)
    }

    /// True when a call's error does not say whether it took effect: the request may have
    /// reached the service and its answer been lost (a connection reset, a timeout, a 5xx), or
    /// an attempt went unanswered and the retry's error (`InvalidGroup.Duplicate`) may be that
    /// attempt's own echo, which reading the group could not confirm.
    static func answerWasLost(_ error: any Error) -> Bool {
        guard let error = error as? BackendError else { return !(error is CancellationError) }
        return error.category == .unavailable || error.mayHaveTakenEffect
    }

    /// How often the rollback tries to settle a call whose answer was lost, each try a full read
    /// (and undo) with the backend's own retries, before it leaves the call to `sgsh recover`.
    static let settleAttempts = 3

    /// Reads the group of a call whose answer was lost and takes back what of it landed. When
    /// even that cannot be done (the reads fail too), the call's outcome is unknown: the apply
    /// stays unsettled and its journal speaks for it, never a guess either way.
    private func settleUnanswered(
        _ call: PlannedCall, ids: [Int: String], status: CallStatus, revokedTags: RevokedRuleTags
    ) async -> CallStatus {
        let backend = self.backend
        var outcome = RecoveryOutcome.nothingLanded
        for _ in 0..<Self.settleAttempts {
            // Undo is computed from what is there, so trying again after a failure is safe.
            outcome = await Task(executorPreference: PreferredTaskExecutor.current) {
                await Recovery(backend: backend).undoUnanswered(call, ids: ids, revokedTags: revokedTags)
            }.value
            guard case .failed(let failure) = outcome, failure.mayBeTransient else { break }
        }
        switch outcome {
        case .changed: return .rolledBack
        case .failed(let failure): return .outcomeUnknown(failure)
        case .nothingLanded, .cannotUndo: return status
        }
    }

    /// Reads the groups the plan created and reconciles their planned egress changes with them.
    private func reconcileCreatedGroups(_ changeSet: inout ChangeSet, ids: [Int: String]) async throws {
        var wanted: [String] = []
        for change in changeSet.ruleChanges where change.intendedRules != nil {
            wanted.append(try Self.resolve(change.group, ids))
        }
        guard !wanted.isEmpty else { return }
        let groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: wanted))
        var byId: [String: SecurityGroup] = [:]
        for group in groups { byId[group.groupId] = group }
        for (index, change) in changeSet.ruleChanges.enumerated() where change.intendedRules != nil {
            let id = try Self.resolve(change.group, ids)
            guard let group = byId[id] else {
                throw BackendError.groupNotFound(id)
            }
            let actual = try group.rulesDroppingOwnAccount(change.direction)
            changeSet.ruleChanges[index] = change.reconciled(withActual: actual)
        }
    }

    // MARK: - Sending

    /// Sends a call. Unless strict, when another client changed the group since planning (an
    /// authorize meets InvalidPermission.Duplicate, a revoke InvalidPermission.NotFound), it
    /// re-reads the group once and sends only what is still needed, so two runs of a script at
    /// once both succeed. The journal gets what this apply itself changed.
    /// Sends one call to its end even when the apply is cancelled: a mutating request cut off
    /// in flight may still have been applied by EC2, and then neither the report nor the
    /// rollback would know of it. Cancellation is honoured between calls.
    private func uncancelled(
        _ call: PlannedCall, ids: inout [Int: String], callCount: inout Int
    ) async throws -> PlannedCall {
        let before = ids
        let (effective, after, extraCalls) = try await Task(executorPreference: PreferredTaskExecutor.current) {
            var ids = before
            var extraCalls = 0
            let effective = try await sendAdapting(call, ids: &ids, callCount: &extraCalls)
            return (effective, ids, extraCalls)
        }.value
        ids = after
        callCount += extraCalls
        return effective
    }

    private func sendAdapting(
        _ call: PlannedCall, ids: inout [Int: String], callCount: inout Int
    ) async throws -> PlannedCall {
        do {
            return try await send(call, ids: &ids)
        } catch let error as BackendError {
            if error.mayHaveTakenEffect, let landed = try? await landedDespiteLostAnswer(call, ids: ids) {
                ids = landed.ids
                return landed.call
            }
            if error.code.hasSuffix("InvalidPermission.NotFound"),
                case .revoke(let group, let direction, let rules) = call,
                let byId = try? await revokeByRuleIds(group, direction, rules, ids: ids, strict: strict)
            {
                if byId.sent { callCount += 1 }
                return byId.call
            }
            guard !strict else { throw error }
            guard let retry = try? await stillNeeded(call, after: error, ids: ids) else { throw error }
            switch retry {
            case .authorize(_, _, let rules, _) where rules.isEmpty, .revoke(_, _, let rules) where rules.isEmpty:
                return retry
            default:
                callCount += 1
                return try await send(retry, ids: &ids)
            }
        }
    }

    /// A call one of whose attempts got no answer (a reset, a timeout, a cut-off answer) may
    /// have been applied although it failed in the end: its retry met `InvalidPermission.Duplicate`
    /// or `InvalidGroup.Duplicate`, or no attempt was answered. Settled by reading, never by
    /// guessing: when all of the call's effect is there (EC2 calls are all-or-nothing, and the plan
    /// saw none of it), it landed, and the journal gets all of it so a rollback undoes it. Nil when
    /// the effect is not all there, or for calls that are safe to repeat (tags, descriptions):
    /// then the error stands. Applies in strict mode too: the change is this apply's own.
    private func landedDespiteLostAnswer(_ call: PlannedCall, ids: [Int: String]) async throws
        -> (call: PlannedCall, ids: [Int: String])?
    {
        switch call {
        case .create(let created, _):
            var filters = [SecurityGroupQuery.Filter(name: "group-name", values: [created.name])]
            if let vpcId = created.vpcId { filters.append(.init(name: "vpc-id", values: [vpcId])) }
            let found = try await backend.describeSecurityGroups(SecurityGroupQuery(filters: filters))
                .filter { $0.groupName == created.name }
            guard found.count == 1 else { return nil }
            var ids = ids
            ids[created.placeholder] = found[0].groupId
            return (call, ids)
        case .authorize(let group, let direction, let rules, let tags):
            let resolved = try rules.resolvingPlaceholders(ids)
            let present = try await presentKeys(group, direction, ids: ids)
            guard resolved.allSatisfy({ present.contains($0.key) }) else { return nil }
            return (.authorize(group, direction, resolved, tags: tags), ids)
        case .revoke(let group, let direction, let rules):
            let resolved = try rules.resolvingPlaceholders(ids)
            let present = try await presentKeys(group, direction, ids: ids)
            guard !resolved.contains(where: { present.contains($0.key) }) else { return nil }
            return (.revoke(group, direction, resolved), ids)
        case .delete(let group):
            let id = try Self.resolve(group, ids)
            let groups = try await backend.describeSecurityGroups(
                SecurityGroupQuery(filters: [.init(name: "group-id", values: [id])]))
            return groups.contains { $0.groupId == id } ? nil : (call, ids)
        case .updateDescriptions, .createTags, .deleteTags, .tagRule, .untagRule, .moveInterface:
            return nil
        }
    }

    /// The part of an authorize or revoke that the group still needs, read afresh; nil for other
    /// calls and errors.
    private func stillNeeded(_ call: PlannedCall, after error: BackendError, ids: [Int: String]) async throws
        -> PlannedCall?
    {
        switch call {
        case .authorize(let group, let direction, let rules, let tags) where error.category == .duplicate:
            let present = try await presentKeys(group, direction, ids: ids)
            let missing = try rules.resolvingPlaceholders(ids).filter { !present.contains($0.key) }
            return .authorize(group, direction, missing, tags: tags)
        case .revoke(let group, let direction, let rules) where error.category == .ruleNotFound:
            let present = try await presentKeys(group, direction, ids: ids)
            return .revoke(group, direction, try rules.resolvingPlaceholders(ids).filter { present.contains($0.key) })
        default:
            return nil
        }
    }

    /// A revoke the service did not match by properties: the rules may be stored in another
    /// spelling than sgsh's canonical one (moto keeps `2001:DB8::/32` as written), so the rules
    /// that are present by identity are revoked by their SecurityGroupRuleIds. Nil (the error
    /// stands) when `strict` and some rule is really absent.
    private func revokeByRuleIds(
        _ group: GroupTarget, _ direction: Direction, _ rules: [Rule], ids: [Int: String], strict: Bool
    ) async throws -> (call: PlannedCall, sent: Bool)? {
        let id = try Self.resolve(group, ids)
        let wanted = try rules.resolvingPlaceholders(ids)
        let wantedKeys = Set(wanted.map(\.key))
        var ruleIds: [String] = []
        var found: Set<RuleKey> = []
        for live in try await backend.describeSecurityGroupRules(groupId: id, ruleIds: [])
        where live.direction == direction {
            guard let rule = try? live.permission.rules().first, wantedKeys.contains(rule.key) else { continue }
            ruleIds.append(live.securityGroupRuleId)
            found.insert(rule.key)
        }
        if strict && found != wantedKeys { return nil }
        let revoked = wanted.filter { found.contains($0.key) }
        guard !ruleIds.isEmpty else { return (.revoke(group, direction, revoked), false) }
        _ = try await backend.revoke(direction, groupId: id, ruleIds: ruleIds, dryRun: false)
        return (.revoke(group, direction, revoked), true)
    }

    private func presentKeys(_ group: GroupTarget, _ direction: Direction, ids: [Int: String]) async throws
        -> Set<RuleKey>
    {
        let id = try Self.resolve(group, ids)
        let groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
        guard let live = groups.first(where: { $0.groupId == id }) else { return [] }
        return Set(try live.rulesDroppingOwnAccount(direction).map(\.key))
    }

    /// Sends one call (with DryRun when `dryRun`); returns the call as it took effect (real ids for
    /// created groups, a revoke without the rules that were already gone), for the journal.
    func send(_ call: PlannedCall, ids: inout [Int: String], dryRun: Bool = false) async throws -> PlannedCall {
        switch call {
        case .create(let created, let tags):
            let id = try await backend.createSecurityGroup(
                name: created.name, description: created.description, vpcId: created.vpcId, tags: tags, dryRun: dryRun)
            ids[created.placeholder] = id
            return call
        case .authorize(let group, let direction, let rules, let tags):
            let rules = try rules.resolvingPlaceholders(ids)
            _ = try await backend.authorize(
                direction, groupId: try Self.resolve(group, ids), permissions: IPPermission.grouping(rules), tags: tags,
                dryRun: dryRun)
            return .authorize(group, direction, rules, tags: tags)
        case .updateDescriptions(let group, let direction, let updates):
            guard !dryRun else {
                // The action has no DryRun parameter: sending it would apply it.
                throw BackendError(
                    category: .invalidParameter, code: "DryRunUnsupported",
                    message: "UpdateSecurityGroupRuleDescriptions has no DryRun parameter")
            }
            let rules = try updates.map(\.rule).resolvingPlaceholders(ids)
            try await backend.updateRuleDescriptions(
                direction, groupId: try Self.resolve(group, ids), permissions: IPPermission.grouping(rules))
            let resolved = zip(updates, rules).map { DescriptionUpdate(rule: $1, previous: $0.previous) }
            return .updateDescriptions(group, direction, resolved)
        case .revoke(let group, let direction, let rules):
            let rules = try rules.resolvingPlaceholders(ids)
            let result = try await backend.revoke(
                direction, groupId: try Self.resolve(group, ids), permissions: IPPermission.grouping(rules),
                dryRun: dryRun)
            let unknown = Set(result.unknownIpPermissions.flatMap { (try? $0.rules()) ?? [] }.map(\.key))
            guard unknown.isEmpty else {
                return try await revokeAnswered(.revoke(group, direction, rules), unknown: unknown, result, ids: ids)
            }
            return .revoke(group, direction, rules)
        case .createTags(let group, let updates):
            try await backend.createTags(
                resourceIds: [try Self.resolve(group, ids)], tags: updates.map(\.tag), dryRun: dryRun)
            return call
        case .deleteTags(let group, let tags):
            try await backend.deleteTags(
                resourceIds: [try Self.resolve(group, ids)], tags: tags.map { TagSelector(key: $0.key) },
                dryRun: dryRun)
            return call
        case .tagRule(_, _, let update):
            try await backend.createTags(resourceIds: [update.ruleId], tags: update.set.map(\.tag), dryRun: dryRun)
            return call
        case .untagRule(_, _, let removal):
            try await backend.deleteTags(
                resourceIds: [removal.ruleId], tags: removal.tags.map { TagSelector(key: $0.key) }, dryRun: dryRun)
            return call
        case .moveInterface(var move):
            guard !dryRun else {
                // The backend call has no DryRun parameter here: sending it would apply it.
                throw BackendError(
                    category: .invalidParameter, code: "DryRunUnsupported",
                    message: "ModifyNetworkInterfaceAttribute is not checked with DryRun")
            }
            let groupIds = try move.to.map { try Self.resolve($0, ids) }
            try await backend.modifyNetworkInterfaceGroups(
                networkInterfaceId: move.networkInterfaceId, groupIds: groupIds)
            move.to = groupIds.map { .id($0) }
            return .moveInterface(move)
        case .delete(let group):
            try await backend.deleteSecurityGroup(groupId: try Self.resolve(group, ids), dryRun: dryRun)
            return call
        }
    }

    /// A revoke EC2 answered with success while listing rules it found nothing to match
    /// (`UnknownIpPermissions`: what EC2 does in a default VPC instead of
    /// `InvalidPermission.NotFound`, revoking the rest).
    /// - After an attempt that got no answer, those may be the rules that attempt revoked: settled
    ///   by reading the group, never by guessing. All of them gone means the call landed whole
    ///   (the plan saw them all), and the journal gets all of them so a rollback re-adds them;
    ///   otherwise the outcome stays open (an error marked `mayHaveTakenEffect`).
    /// - On a first attempt they were not there: the plan was stale. Unless strict, they are gone
    ///   as asked and left out of the journal (a rollback must not add them); strict, it is an
    ///   error naming them, after what the call did revoke is journaled as applied.
    private func revokeAnswered(
        _ call: PlannedCall, unknown: Set<RuleKey>, _ result: RevokeResult, ids: [Int: String]
    ) async throws -> PlannedCall {
        guard case .revoke(let group, let direction, let rules) = call else { return call }
        if result.afterUnansweredAttempt {
            let present: Set<RuleKey>
            do {
                present = try await presentKeys(group, direction, ids: ids)
            } catch {
                var unread =
                    error as? BackendError
                    ?? BackendError(category: .unavailable, code: "ReadFailed", message: "\(error)")
                unread.mayHaveTakenEffect = true
                throw unread
            }
            let still = rules.filter { present.contains($0.key) }
            guard still.isEmpty else {
                var error = BackendError(
                    category: .service, code: "UnknownIpPermissions",
                    message:
                        "after an attempt that got no answer, EC2 found no rule to match \(Self.listed(rules, unknown, direction)), yet the group still holds \(Self.listed(still, nil, direction))"
                )
                error.mayHaveTakenEffect = true
                throw error
            }
            return call
        }
        let revoked = PlannedCall.revoke(group, direction, rules.filter { !unknown.contains($0.key) })
        guard strict else { return revoked }
        let error = BackendError(
            code: "InvalidPermission.NotFound",
            message:
                "the group holds no rule \(Self.listed(rules, unknown, direction)) to revoke: it changed since the plan was made"
        )
        throw PartlyApplied(call: revoked, error: error)
    }

    /// `'tcp 22 from 10.0.0.0/8', 'udp 53 to ::/0'`: the rules (of `keys`, when given) as written.
    private static func listed(_ rules: [Rule], _ keys: Set<RuleKey>?, _ direction: Direction) -> String {
        rules.filter { keys?.contains($0.key) ?? true }.map { rule in
            // A revoke matches rules whatever their description: named without it.
            let bare = (try? Rule(ipProtocol: rule.ipProtocol, ports: rule.ports, peer: rule.peer)) ?? rule
            return "'\(SourceWriter.rule(bare, direction))'"
        }.joined(separator: ", ")
    }

    /// A call that took effect in part and then failed: what it did (`call`) is journaled and
    /// undone like any applied call, and `error` stops the apply.
    struct PartlyApplied: Error {
        let call: PlannedCall
        let error: BackendError
    }

    static func resolve(_ group: GroupTarget, _ ids: [Int: String]) throws -> String {
        switch group {
        case .id(let id):
            return id
        case .created(let created):
            guard let id = ids[created.placeholder] else {
                // Creates are sent first, so this means the create itself failed earlier.
                throw BackendError.groupNotCreated("the group '\(created.name)'")
            }
            return id
        }
    }

    // MARK: - Rolling back

    private struct Undone: Sendable {
        var statuses: [(Int, CallStatus)] = []
        var callCount = 0
    }

    /// Undoes the applied calls (given newest first) in a task that ignores the caller's cancellation.
    private func rollBack(
        _ applied: [(Int, PlannedCall)], ids: [Int: String], revokedTags: RevokedRuleTags
    ) async -> Undone {
        let backend = self.backend
        return await Task(executorPreference: PreferredTaskExecutor.current) {
            var undone = Undone()
            for (position, call) in applied {
                // A delete cannot be undone: it stays applied.
                guard let steps = Self.undoSteps(for: call, ids: ids, revokedTags: revokedTags) else { continue }
                var status = CallStatus.rolledBack
                for step in steps {
                    undone.callCount += 1
                    do {
                        try await step(backend)
                    } catch let error as BackendError where Self.isEchoOfLostAnswer(error) {
                        // An earlier attempt of this undo landed; its retry met what it had done.
                    } catch {
                        status = .rollbackFailed(CallFailure(action: call.actionName, error: error))
                    }
                }
                undone.statuses.append((position, status))
            }
            return undone
        }.value
    }

    /// An undo step's retry after an unanswered attempt that finds its work done: the rules it
    /// re-adds already there, the rules or group it removes already gone. EC2 calls are
    /// all-or-nothing, so the unanswered attempt did all of it.
    private static func isEchoOfLostAnswer(_ error: BackendError) -> Bool {
        error.mayHaveTakenEffect && [.duplicate, .ruleNotFound, .notFound].contains(error.category)
    }

    private typealias UndoStep = @Sendable (any SecurityGroupBackend) async throws -> Void

    /// Undoes a CreateTags on `resource`: old values back, keys that were absent deleted.
    private static func undoTagSteps(_ updates: [TagUpdate], on resource: String) -> [UndoStep] {
        let restore = updates.compactMap { update in update.previous.map { Tag(key: update.tag.key, value: $0) } }
        let drop = updates.filter { $0.previous == nil }.map { TagSelector(key: $0.tag.key) }
        var steps: [UndoStep] = []
        if !restore.isEmpty {
            steps.append { try await $0.createTags(resourceIds: [resource], tags: restore, dryRun: false) }
        }
        if !drop.isEmpty {
            steps.append { try await $0.deleteTags(resourceIds: [resource], tags: drop, dryRun: false) }
        }
        return steps
    }

    /// The backend calls that undo one applied call: none when it changed nothing, nil when it
    /// cannot be undone. Revoked rules come back with their tags (RevokedRuleTags).
    private static func undoSteps(
        for call: PlannedCall, ids: [Int: String], revokedTags: RevokedRuleTags
    ) -> [UndoStep]? {
        guard let groupId = try? resolve(call.group, ids) else { return nil }
        switch call {
        case .create:
            return [{ try await $0.deleteSecurityGroup(groupId: groupId, dryRun: false) }]
        case .authorize(_, _, let rules, _) where rules.isEmpty, .revoke(_, _, let rules) where rules.isEmpty:
            return []
        case .authorize(_, let direction, let rules, _):
            return [
                {
                    _ = try await $0.revoke(
                        direction, groupId: groupId, permissions: IPPermission.grouping(rules), dryRun: false)
                }
            ]
        case .revoke(let group, let direction, let rules):
            return revokedTags.batches(rules, in: group, direction).map { batch in
                {
                    _ = try await $0.authorize(
                        direction, groupId: groupId, permissions: IPPermission.grouping(batch.rules), tags: batch.tags,
                        dryRun: false)
                }
            }
        case .updateDescriptions(_, let direction, let updates):
            let permissions = updates.map { IPPermission(rule: $0.rule, description: $0.previous) }
            return [{ try await $0.updateRuleDescriptions(direction, groupId: groupId, permissions: permissions) }]
        case .createTags(_, let updates):
            return undoTagSteps(updates, on: groupId)
        case .tagRule(_, _, let update):
            return undoTagSteps(update.set, on: update.ruleId)
        case .untagRule(_, _, let removal):
            return [{ try await $0.createTags(resourceIds: [removal.ruleId], tags: removal.tags, dryRun: false) }]
        case .deleteTags(_, let tags):
            return [{ try await $0.createTags(resourceIds: [groupId], tags: tags, dryRun: false) }]
        case .moveInterface(let move):
            return [
                {
                    try await $0.modifyNetworkInterfaceGroups(
                        networkInterfaceId: move.networkInterfaceId, groupIds: move.from)
                }
            ]
        case .delete:
            return nil
        }
    }
}
