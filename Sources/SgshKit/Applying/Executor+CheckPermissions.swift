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
        switch call {
        case .updateDescriptions:
            return .notCheckable("UpdateSecurityGroupRuleDescriptions has no DryRun parameter")
        case .moveInterface:
            return .notCheckable("ModifyNetworkInterfaceAttribute is not checked with DryRun")
        case .authorize(_, _, let rules, _) where rules.contains { $0.peerPlaceholder != nil }:
            return .notCheckable("a rule names a group the plan creates")
        default:
            break
        }
        do {
            // The same request mapping a real apply uses, with DryRun set.
            var ids: [Int: String] = [:]
            _ = try await send(call, ids: &ids, dryRun: true)
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
