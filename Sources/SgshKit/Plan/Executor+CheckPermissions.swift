// `--check-permissions`: every mutating call of a change set sent with
// DryRun=true, so a user learns which calls their credentials allow before
// anything changes. EC2 answers DryRunOperation when the call would have
// succeeded and UnauthorizedOperation when it is denied; nothing is applied
// either way, so there is nothing to roll back.

import SgshModel

/// What a dry-run call said about one planned call.
public struct PermissionCheck: Hashable, Sendable {
    /// The verdict on one call.
    public enum Verdict: Hashable, Sendable {
        /// DryRunOperation: the call would have been allowed.
        case allowed
        /// UnauthorizedOperation (or another credentials error): the call is denied.
        case denied(CallFailure)
        /// Another error: the call would fail for a reason other than permissions.
        case failed(CallFailure)
        /// The call cannot be checked without applying something first.
        case notCheckable(String)
    }

    /// The call that was checked.
    public var call: PlannedCall
    /// What the dry run said.
    public var verdict: Verdict

    public init(call: PlannedCall, verdict: Verdict) {
        self.call = call
        self.verdict = verdict
    }
}

extension Executor {
    /// Sends every call of `changeSet` with DryRun=true and reports, per call, whether it is allowed.
    /// Calls on groups the plan creates (which do not exist yet) and description updates (which
    /// have no DryRun parameter) are reported as not checkable.
    public func checkPermissions(_ changeSet: ChangeSet) async -> [PermissionCheck] {
        var out: [PermissionCheck] = []
        for call in changeSet.calls {
            out.append(PermissionCheck(call: call, verdict: await check(call)))
        }
        return out
    }

    private func check(_ call: PlannedCall) async -> PermissionCheck.Verdict {
        if case .created = call.group, !call.isCreate { return .notCheckable("the group does not exist yet") }
        do {
            switch call {
            case .create(let created, let tags):
                _ = try await backend.createSecurityGroup(
                    name: created.name, description: created.description, vpcId: created.vpcId, tags: tags,
                    dryRun: true)
            case .authorize(.id(let id), let direction, let rules, let tags):
                guard !rules.contains(where: { $0.peerPlaceholder != nil }) else {
                    return .notCheckable("a rule names a group the plan creates")
                }
                _ = try await backend.authorize(
                    direction, groupId: id, permissions: IPPermission.grouping(rules), tags: tags, dryRun: true)
            case .revoke(.id(let id), let direction, let rules):
                _ = try await backend.revoke(
                    direction, groupId: id, permissions: IPPermission.grouping(rules), dryRun: true)
            case .updateDescriptions:
                return .notCheckable("UpdateSecurityGroupRuleDescriptions has no DryRun parameter")
            case .createTags(.id(let id), let updates):
                try await backend.createTags(resourceIds: [id], tags: updates.map(\.tag), dryRun: true)
            case .deleteTags(.id(let id), let tags):
                try await backend.deleteTags(
                    resourceIds: [id], tags: tags.map { TagSelector(key: $0.key) }, dryRun: true)
            case .delete(.id(let id)):
                try await backend.deleteSecurityGroup(groupId: id, dryRun: true)
            case .authorize(.created, _, _, _), .revoke(.created, _, _), .createTags(.created, _),
                .deleteTags(.created, _), .delete(.created):
                return .notCheckable("the group does not exist yet")
            }
            // A dry run that does not throw DryRunOperation is a backend that ignored DryRun.
            return .failed(
                CallFailure(
                    action: call.actionName, code: "DryRunIgnored",
                    message: "the backend did not answer DryRunOperation"))
        } catch let error as BackendError {
            let failure = CallFailure(action: call.actionName, error: error)
            switch error.category {
            case .dryRunOperation: return .allowed
            case .unauthorized: return .denied(failure)
            default: return .failed(failure)
            }
        } catch {
            return .failed(CallFailure(action: call.actionName, error: error))
        }
    }
}
