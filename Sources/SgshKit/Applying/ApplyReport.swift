// What applying a ChangeSet did: every planned call's outcome, the ids of the
// groups it created, and the number of calls it sent.

import SgshModel

/// The result of applying a ChangeSet.
public struct ApplyReport: Hashable, Sendable {
    /// The change set that was applied.
    public var changeSet: ChangeSet
    /// One outcome per call of `changeSet.calls`, in the same order.
    public var outcomes: [CallOutcome]
    /// The ids of created groups, by placeholder.
    public var createdGroupIds: [Int: String]
    /// The number of mutating calls sent, rollback calls included.
    public var callCount: Int
    /// The failure that stopped the apply (the first one), if any.
    public var failure: CallFailure?

    public init(
        changeSet: ChangeSet, outcomes: [CallOutcome], createdGroupIds: [Int: String] = [:], callCount: Int = 0,
        failure: CallFailure? = nil
    ) {
        self.changeSet = changeSet
        self.outcomes = outcomes
        self.createdGroupIds = createdGroupIds
        self.callCount = callCount
        self.failure = failure
    }

    /// True when every call succeeded (or, for a dry run, when nothing needed sending).
    public var succeeded: Bool { failure == nil }

    /// True when nothing was sent because the change set was for a dry run.
    public var dryRun: Bool { changeSet.dryRun }

    /// True when a failure left some earlier call in effect (its rollback failed or was impossible).
    public var isPartiallyApplied: Bool {
        failure != nil
            && outcomes.contains { outcome in
                switch outcome.status {
                case .applied, .rollbackFailed, .outcomeUnknown: true
                default: false
                }
            }
    }

    /// True when the apply could not settle all it did: a rollback step failed, or a call's
    /// answer was lost and the group could not be read to tell whether it took effect. A
    /// journaled apply then keeps its journal, and the target counts as interrupted until
    /// `Recovery` settles it.
    public var isUnsettled: Bool { outcomes.contains { $0.status.isUnsettled } }

    /// The report as sections: per group and aspect, each item with what became of it.
    public var sections: [ReportSection] {
        changeSet.sections(statuses: outcomes.map(\.status), createdIds: createdGroupIds)
    }

    /// The id of a group after the apply: its own id, or the id a create gave it.
    public func groupId(for target: GroupTarget) -> String? {
        switch target {
        case .id(let id): id
        case .created(let created): createdGroupIds[created.placeholder]
        }
    }
}
