// The planner: from a Plan (what the script asked for) and the live state to a
// ChangeSet (what applying it changes), before anything is sent.
//
// It reads the live state of every touched group in one DescribeSecurityGroups
// call, folds the operations in order into a desired state per (group,
// direction) with RuleSetFold and TagFold, diffs, and checks what EC2 would
// reject (missing groups, --strict duplicates, the rule quota) so that a plan
// that cannot work fails here, with nothing sent.

import SgshModel

/// Turns a Plan into a ChangeSet against a backend's live state.
public struct Planner: Sendable {
    /// How the planner judges a plan.
    public struct Options: Hashable, Sendable {
        /// Restores EC2's InvalidPermission.Duplicate for an `allow` of a rule that is present.
        public var strict: Bool
        /// The rules-per-group quota the plan must stay within.
        public var quota: RuleQuota
        /// Policies every plan is judged by besides its own (`--policy FILE`).
        public var policies: PolicySet
        /// The time exemptions are judged at and temporary rules' expiries are counted from
        /// (seconds since the epoch); nil: the host's clock when planned through an
        /// Interpreter, else the epoch.
        public var now: Int?
        /// The owner of a plan whose script names none (`--owner`).
        public var owner: String?

        public init(
            strict: Bool = false, quota: RuleQuota = .ec2Default, policies: PolicySet = PolicySet(), now: Int? = nil,
            owner: String? = nil
        ) {
            self.strict = strict
            self.quota = quota
            self.policies = policies
            self.now = now
            self.owner = owner
        }
    }

    /// The backend whose live state the plan is diffed against (read only).
    public let backend: any SecurityGroupBackend
    /// How the plan is judged.
    public let options: Options

    public init(backend: any SecurityGroupBackend, options: Options = Options()) {
        self.backend = backend
        self.options = options
    }

    /// The egress rule EC2 gives every new group (allow all to 0.0.0.0/0).
    public static let defaultEgressRules: [Rule] = [
        try! Rule(ipProtocol: .all, ports: .none, peer: .cidr(CIDR("0.0.0.0/0")!))
    ]

    /// Plans `plan` against the live state: one describe for all touched groups, no mutation.
    /// - Throws: `PlanningError` for a missing group, a `--strict` duplicate, a quota excess,
    ///   or a failed read; nothing has been sent when it throws.
    public func plan(_ plan: Plan) async throws(PlanningError) -> ChangeSet {
        // Adopted groups were described whole when they were found by name: not read again.
        let original = plan
        let adopted = try await existingCreatedGroups(of: plan)
        try checkReplacementNames(plan, adopted: adopted)
        var plan = plan.adopting(adopted.mapValues(\.groupId))
        var liveGroups = try await readLiveState(of: plan, alreadyRead: Set(adopted.values.map(\.groupId)))
        for group in adopted.values { liveGroups[group.groupId] = group }
        let replacements = plan.replacements.map { replacement in
            var read = replacement
            read.oldVpcId = liveGroups[replacement.old]?.vpcId
            return read
        }
        plan = try await expandingReplacements(plan, liveGroups: liveGroups)
        let stewardship = try await stewardship(of: plan, liveGroups: liveGroups)
        var folder = PlanFolder(liveGroups: liveGroups, strict: options.strict, stewardship: stewardship)
        folder.expectRules(of: plan.operations)
        for planned in plan.operations { try folder.fold(planned) }
        let policies = plan.policies.merging(options.policies)
        let prefixLists = try await readPrefixLists(
            try folder.referencedPrefixListIds(allDirections: !policies.isEmpty))
        var changeSet = try folder.changeSet(quota: options.quota, prefixLists: prefixLists)
        changeSet.replacements = replacements
        try await planTeardown(&changeSet)
        try checkPolicies(policies, folder, prefixLists)
        changeSet.adoptions = original.adoptions(adopted)
        try await resolveRuleTags(&changeSet, read: stewardship.rules, liveGroups: liveGroups)
        if stewardship.isNeeded { changeSet.plannedAt = stewardship.now }
        changeSet.dryRun = plan.dryRun
        return changeSet
    }

    // MARK: - Policies

    /// Refuses the plan when a touched group's resulting rules break a policy; nothing is sent.
    private func checkPolicies(
        _ policies: PolicySet, _ folder: PlanFolder, _ prefixLists: PrefixListCatalog
    ) throws(PlanningError) {
        guard !policies.isEmpty || !policies.exemptions.isEmpty else { return }
        let check = PolicyCheck(policies, now: options.now ?? 0, prefixLists: prefixLists)
        if let unknown = check.unknownExemptions.first {
            throw PlanningError(.unknownPolicyExemption(unknown), origin: unknown.origin)
        }
        let violations = check.violations(in: try folder.policyStates())
        guard let first = violations.first else { return }
        throw PlanningError(.policyViolations(violations), origin: first.rule.origin ?? first.policy.origin)
    }

    // MARK: - Reading the live state

    /// Describes every existing group the plan touches (but those in `alreadyRead`), in one call.
    private func readLiveState(of plan: Plan, alreadyRead: Set<String>) async throws(PlanningError)
        -> [String: SecurityGroup]
    {
        var ids: [String] = []
        var origins: [String: SourceRange?] = [:]
        for planned in plan.operations {
            guard case .id(let id) = planned.operation.group, origins[id] == nil, !alreadyRead.contains(id) else {
                continue
            }
            origins[id] = planned.origin
            ids.append(id)
        }
        guard !ids.isEmpty else { return [:] }
        var groups: [SecurityGroup]
        do {
            groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: ids))
        } catch let error as BackendError where error.category == .notFound {
            // EC2 fails the whole call without saying which id is missing: find it.
            for id in ids {
                do {
                    _ = try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
                } catch let inner as BackendError where inner.category == .notFound {
                    throw PlanningError(.groupNotFound(id), origin: origins[id] ?? nil)
                } catch {
                    throw Self.readError(error)
                }
            }
            throw PlanningError(.backend(error))
        } catch {
            throw Self.readError(error)
        }
        var byId: [String: SecurityGroup] = [:]
        for group in groups { byId[group.groupId] = group }
        for id in ids where byId[id] == nil {
            throw PlanningError(.groupNotFound(id), origin: origins[id] ?? nil)
        }
        return byId
    }

    /// Reads the named prefix lists in one call (none when the plan names none).
    private func readPrefixLists(_ ids: [String]) async throws(PlanningError) -> PrefixListCatalog {
        do {
            return try await backend.prefixListCatalog(ids: ids)
        } catch {
            throw PlanningError(.prefixListsUnreadable(Self.backendError(error)))
        }
    }

    static func readError(_ error: any Error) -> PlanningError { PlanningError(.backend(backendError(error))) }

    /// A read's failure as a BackendError (a cancellation or another error included).
    static func backendError(_ error: any Error) -> BackendError {
        if let error = error as? BackendError { return error }
        if error is CancellationError { return .cancelled }
        return BackendError(category: .service, code: "ReadFailed", message: "\(error)")
    }
}

/// The rules-per-group quota: per direction, counted apart for IPv4 and IPv6 (as EC2 does).
public struct RuleQuota: Hashable, Sendable {
    /// Inbound rules per family.
    public var ingress: Int
    /// Outbound rules per family.
    public var egress: Int

    public init(ingress: Int, egress: Int) {
        self.ingress = ingress
        self.egress = egress
    }

    /// EC2's default: 60 inbound and 60 outbound.
    public static let ec2Default = RuleQuota(ingress: 60, egress: 60)

    /// The limit for one direction.
    public func limit(_ direction: Direction) -> Int { direction == .ingress ? ingress : egress }
}
