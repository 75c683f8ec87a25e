// `sgsh expire`: revokes every temporary rule whose `sgsh:expires` time has
// come. One DescribeSecurityGroupRules for every rule of the account and region
// (all pages; one page up to 1000 rules), then one revoke by SecurityGroupRuleIds
// per group and direction, so 500 expired rules over 10 groups cost at most 11
// calls. Revokes are independent: a failed one is reported and the others go on
// (each revoke is all-or-nothing, and a rule still there is revoked by the next
// run), so the command is safe to run again and again from cron. When two runs
// overlap, EC2 refuses the later revoke of rules the other already removed
// (NotFound, the whole call): that group is read again and the rules still
// there are revoked, so both runs succeed. Last, it brings the groups'
// `sgsh:temporary-rules` marks in line (Expirer+GroupMarks.swift).

import SgshModel

/// A rule with an `sgsh:expires` tag.
public struct TemporaryRule: Hashable, Sendable {
    /// The rule as DescribeSecurityGroupRules returned it.
    public var rule: SecurityGroupRule
    /// When it expires, in seconds since the epoch.
    public var expires: Int

    public init(rule: SecurityGroupRule, expires: Int) {
        self.rule = rule
        self.expires = expires
    }
}

/// The temporary rules of an account and region, sorted by what is due.
public struct ExpiryScan: Hashable, Sendable {
    /// Rules whose time has come (expiry at or before `now`), by group, direction and rule id.
    public var due: [TemporaryRule] = []
    /// Rules that expire later, soonest first.
    public var pending: [TemporaryRule] = []
    /// Rules whose `sgsh:expires` is not a time sgsh can read: never revoked, reported.
    public var unreadable: [SecurityGroupRule] = []

    /// Sorts `rules` by their `sgsh:expires` tag at `now`.
    public init(_ rules: [SecurityGroupRule], now: Int) {
        for rule in rules {
            guard let value = rule.tags.first(where: { $0.key == SgshRuleTag.expires })?.value else { continue }
            guard let expires = UTCTimestamp.seconds(value) else {
                unreadable.append(rule)
                continue
            }
            if expires <= now {
                due.append(TemporaryRule(rule: rule, expires: expires))
            } else {
                pending.append(TemporaryRule(rule: rule, expires: expires))
            }
        }
        due.sort {
            ($0.rule.groupId, $0.rule.isEgress ? 1 : 0, $0.rule.securityGroupRuleId)
                < ($1.rule.groupId, $1.rule.isEgress ? 1 : 0, $1.rule.securityGroupRuleId)
        }
        pending.sort { ($0.expires, $0.rule.securityGroupRuleId) < ($1.expires, $1.rule.securityGroupRuleId) }
        unreadable.sort { $0.securityGroupRuleId < $1.securityGroupRuleId }
    }
}

/// The expired rules of one group and direction: one revoke call.
public struct ExpiryBatch: Hashable, Sendable {
    public var groupId: String
    public var direction: Direction
    public var rules: [TemporaryRule]
    /// `.planned` on a dry run, `.applied` when revoked, `.failed` with the error.
    public var status: CallStatus

    public init(groupId: String, direction: Direction, rules: [TemporaryRule], status: CallStatus) {
        self.groupId = groupId
        self.direction = direction
        self.rules = rules
        self.status = status
    }

    /// `RevokeSecurityGroupIngress` or `RevokeSecurityGroupEgress`.
    var actionName: String {
        direction == .ingress ? "RevokeSecurityGroupIngress" : "RevokeSecurityGroupEgress"
    }
}

/// What `sgsh expire` did.
public struct ExpiryReport: Hashable, Sendable {
    /// The time rules were judged at.
    public var now: Int
    /// True when nothing was sent.
    public var dryRun: Bool
    /// The revokes, per group and direction.
    public var batches: [ExpiryBatch]
    /// Temporary rules not yet due, soonest first.
    public var pending: [TemporaryRule]
    /// Rules whose `sgsh:expires` is not a readable time.
    public var unreadable: [SecurityGroupRule]
    /// Calls sent: the describes, the revokes and the group marks.
    public var callCount: Int
    /// How the groups' `sgsh:temporary-rules` marks were brought in line (not on a dry run).
    public var marks = GroupMarks()

    /// True when every revoke and mark succeeded (or, on a dry run, always).
    public var succeeded: Bool {
        !batches.contains { if case .failed = $0.status { true } else { false } } && marks.failure == nil
    }
}

/// Revokes expired temporary rules through a backend.
public struct Expirer: Sendable {
    public let backend: any SecurityGroupBackend

    public init(backend: any SecurityGroupBackend) { self.backend = backend }

    /// Reads every rule once and revokes those due at `now`, one call per group and direction
    /// (none on a dry run). Never throws for a failed revoke: the report says so.
    /// - Throws: the describe's error; nothing was sent then.
    public func expire(now: Int, dryRun: Bool) async throws -> ExpiryReport {
        let rules = try await backend.describeSecurityGroupRules(groupId: nil, ruleIds: [])
        let scan = ExpiryScan(rules, now: now)
        var batches: [ExpiryBatch] = []
        for rule in scan.due {
            let direction: Direction = rule.rule.isEgress ? .egress : .ingress
            if let last = batches.last, last.groupId == rule.rule.groupId, last.direction == direction {
                batches[batches.count - 1].rules.append(rule)
            } else {
                batches.append(
                    ExpiryBatch(groupId: rule.rule.groupId, direction: direction, rules: [rule], status: .planned))
            }
        }
        var callCount = 1
        if !dryRun {
            for index in batches.indices {
                let batch = batches[index]
                let ids = batch.rules.map(\.rule.securityGroupRuleId)
                callCount += 1
                do {
                    _ = try await backend.revoke(batch.direction, groupId: batch.groupId, ruleIds: ids, dryRun: false)
                    batches[index].status = .applied
                } catch let error as BackendError where error.category == .ruleNotFound || error.category == .notFound {
                    // Another run (or a person) removed some of them since the read, and EC2 refuses
                    // the whole call: read the group again and revoke the ones still there.
                    batches[index].status = await revokeStillPresent(batch, ids, callCount: &callCount)
                } catch {
                    batches[index].status = .failed(CallFailure(action: batch.actionName, error: error))
                }
            }
        }
        var report = ExpiryReport(
            now: now, dryRun: dryRun, batches: batches, pending: scan.pending, unreadable: scan.unreadable,
            callCount: callCount)
        if !dryRun { report.marks = await settleMarks(report, callCount: &report.callCount) }
        return report
    }

    /// The revoke of the batch's rules that are still present (after a NotFound): one read, and
    /// one revoke when any is left.
    private func revokeStillPresent(_ batch: ExpiryBatch, _ ids: [String], callCount: inout Int) async -> CallStatus {
        do {
            callCount += 1
            let present = Set(
                try await backend.describeSecurityGroupRules(groupId: batch.groupId, ruleIds: []).map(
                    \.securityGroupRuleId))
            let still = ids.filter(present.contains)
            guard !still.isEmpty else { return .applied }
            callCount += 1
            _ = try await backend.revoke(batch.direction, groupId: batch.groupId, ruleIds: still, dryRun: false)
            return .applied
        } catch {
            return .failed(CallFailure(action: batch.actionName, error: error))
        }
    }
}
