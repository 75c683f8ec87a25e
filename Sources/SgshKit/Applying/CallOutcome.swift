// What became of each planned call when a ChangeSet was applied.

import SgshModel

/// A failed backend call, as the report shows it.
public struct CallFailure: Hashable, Sendable, CustomStringConvertible {
    /// The EC2 action (`AuthorizeSecurityGroupIngress`).
    public var action: String
    /// The backend's error code (`InvalidPermission.Duplicate`), or `Cancelled`.
    public var code: String
    /// The backend's message.
    public var message: String
    /// The backend error's category, when the failure was a BackendError.
    public var category: BackendError.Category?

    public init(action: String, code: String, message: String, category: BackendError.Category? = nil) {
        self.action = action
        self.code = code
        self.message = message
        self.category = category
    }

    /// Builds a failure from whatever a backend call threw.
    init(action: String, error: any Error) {
        if let error = error as? BackendError {
            self.init(action: action, code: error.code, message: error.message, category: error.category)
        } else if error is CancellationError {
            self.init(action: action, error: BackendError.cancelled)
        } else {
            self.init(action: action, code: "Error", message: "\(error)")
        }
    }

    /// `InvalidPermission.Duplicate: the rule already exists`.
    public var description: String { message.isEmpty ? code : "\(code): \(message)" }

    /// True when trying again may succeed: the service was unreachable or throttling, or the
    /// error was not the backend's own (a transport error it did not classify).
    var mayBeTransient: Bool {
        guard let category else { return true }
        return category == .unavailable || category == .throttled
    }
}

/// What happened to one planned call.
public enum CallStatus: Hashable, Sendable {
    /// Not sent: a dry run, or the plan has not been applied.
    case planned
    /// Sent and succeeded; still in effect.
    case applied
    /// Sent and failed; nothing of it took effect (backend calls are all-or-nothing).
    case failed(CallFailure)
    /// Not sent, because an earlier call failed or the task was cancelled.
    case notApplied
    /// Sent and succeeded, then undone after a later failure.
    case rolledBack
    /// Sent and succeeded, and undoing it failed: it is still in effect.
    case rollbackFailed(CallFailure)
    /// Sent, its answer lost, and settling it by reading the group failed (this failure: the
    /// read, or the undo the read called for): it may still be in effect. A journaled apply keeps its journal, so that
    /// `Recovery` settles it by reading later.
    case outcomeUnknown(CallFailure)

    /// True when the apply could not settle this call: it may still be in effect against the
    /// apply's will (its rollback failed, or whether it landed is unknown).
    public var isUnsettled: Bool {
        switch self {
        case .rollbackFailed, .outcomeUnknown: true
        default: false
        }
    }
}

/// A planned call and what became of it.
public struct CallOutcome: Hashable, Sendable {
    /// The call as planned.
    public var call: PlannedCall
    /// What became of it.
    public var status: CallStatus

    public init(call: PlannedCall, status: CallStatus) {
        self.call = call
        self.status = status
    }
}
