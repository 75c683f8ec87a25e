// `--check-permissions`: every mutating call of a change set sent with
// DryRun=true. EC2 answers DryRunOperation when the caller may make the call
// and UnauthorizedOperation when not; nothing changes either way. The calls
// go through Executor.send, the same mapping a real apply uses.

import SgshModel

/// What the service said about one call sent with DryRun.
public struct PermissionCheckResult: Hashable, Sendable {
    public enum Verdict: Hashable, Sendable {
        /// DryRunOperation: the call would have succeeded.
        case allowed
        /// UnauthorizedOperation (or another authorization failure).
        case denied(BackendError)
        /// The call could not be checked (e.g. its group is created by the plan and does not exist yet).
        case notChecked(String)
        /// Another error: the call would fail for a reason other than permissions.
        case failed(BackendError)
    }

    /// The EC2 action (`AuthorizeSecurityGroupIngress`).
    public var action: String
    /// The group it is about (`sg-…` or `<new name>`).
    public var group: String
    public var verdict: Verdict

    /// `allowed  AuthorizeSecurityGroupIngress sg-0abc`.
    public var text: String {
        switch verdict {
        case .allowed: "allowed  \(action) \(group)"
        case .denied(let error): "denied   \(action) \(group)  (\(error))"
        case .notChecked(let why): "skipped  \(action) \(group)  (\(why))"
        case .failed(let error): "error    \(action) \(group)  (\(error))"
        }
    }
}

extension Executor {
    /// Sends every call of `changeSet` with DryRun=true and reports each verdict. Calls on
    /// groups the plan would create cannot be checked before the group exists.
    public func checkPermissions(_ changeSet: ChangeSet) async -> [PermissionCheckResult] {
        var results: [PermissionCheckResult] = []
        var ids: [Int: String] = [:]
        for call in changeSet.calls {
            if case .updateDescriptions = call {
                // Sending it would apply it: the action has no DryRun parameter.
                results.append(
                    PermissionCheckResult(
                        action: call.actionName, group: call.group.description,
                        verdict: .notChecked("UpdateSecurityGroupRuleDescriptions has no DryRun parameter")))
                continue
            }
            let needsCreatedGroup: Bool
            switch call {
            case .create: needsCreatedGroup = false
            case .authorize(_, _, let rules, _), .revoke(_, _, let rules):
                needsCreatedGroup = !call.isCreate && (call.group.isCreated || rules.contains { $0.peerPlaceholder != nil })
            default: needsCreatedGroup = call.group.isCreated
            }
            let group = call.group.description
            if needsCreatedGroup {
                results.append(PermissionCheckResult(
                    action: call.actionName, group: group, verdict: .notChecked("the group is created by this plan")))
                continue
            }
            let verdict: PermissionCheckResult.Verdict
            do {
                _ = try await send(call, ids: &ids, dryRun: true)
                // A backend that ignores DryRun would have made the change: report it as an error.
                verdict = .failed(BackendError(category: .service, code: "DryRunIgnored",
                                               message: "the backend did not answer DryRunOperation"))
            } catch let error as BackendError where error.category == .dryRunOperation {
                verdict = .allowed
            } catch let error as BackendError where error.category == .unauthorized {
                verdict = .denied(error)
            } catch let error as BackendError {
                verdict = .failed(error)
            } catch {
                verdict = .failed(BackendError(category: .service, code: "Error", message: "\(error)"))
            }
            results.append(PermissionCheckResult(action: call.actionName, group: group, verdict: verdict))
        }
        return results
    }
}

extension GroupTarget {
    /// True for a group the plan creates.
    var isCreated: Bool {
        if case .created = self { return true }
        return false
    }
}
