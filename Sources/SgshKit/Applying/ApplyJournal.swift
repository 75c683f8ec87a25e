// The hook through which an apply is written ahead to durable storage (issue 13).
//
// The executor keeps its undo journal in memory; that is lost when the
// process dies. An `ApplyJournal` is told, before anything is sent, the whole
// list of calls, and around each call what is about to be sent and what took
// effect, so that after a crash `Recovery` can undo or finish the apply. The
// executor calls it and nothing else: where and how the records are kept
// (a file, fsync'd, in the CLI) is the journal's business. A journal that
// cannot record a call stops the apply before that call is sent.

import SgshModel

/// Where an apply writes ahead what it is doing; see `Executor(journal:)`.
public protocol ApplyJournal: Sendable {
    /// Before the first mutating call: the change set, whose `calls` the apply will send in order.
    /// - Throws: when it cannot be recorded; then nothing is sent.
    func begin(_ changeSet: ChangeSet) async throws
    /// The calls from `position` on were re-planned (after the creates, with the egress rules
    /// EC2 gave the new groups).
    func replanned(_ calls: [PlannedCall], from position: Int) async throws
    /// Call `position` is about to be sent; `ids` are the created groups' ids known so far.
    /// - Throws: when it cannot be recorded; then the call is not sent and the apply rolls back.
    func sending(_ call: PlannedCall, at position: Int, ids: [Int: String]) async throws
    /// Call `position` took effect as `call` (a revoke without the rules already gone).
    func sent(_ call: PlannedCall, at position: Int, ids: [Int: String]) async throws
    /// Call `position` failed with an answer (nothing of it took effect).
    func failed(at position: Int, _ failure: CallFailure) async
    /// The apply is undoing what it applied.
    func rollingBack() async
    /// The apply ended (succeeded, or failed and rolled back): the records are no longer needed.
    /// `settled` is false when something is left that the journal must still speak for (a
    /// rollback step failed), in which case it is kept.
    func finished(settled: Bool) async
}
