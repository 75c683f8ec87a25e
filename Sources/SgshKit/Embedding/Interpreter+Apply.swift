// Applying a plan: the second half of the embedding API. `plan` turns a
// script into Operations without touching anything; `apply` reads the live
// state once per touched group, diffs, batches and executes with rollback;
// `run` is both. `show` operations are answered after the apply, so they
// print the groups as the script left them.

import SgshModel

/// What applying a plan did, plus the groups the script asked to `show`.
public struct RunResult: Sendable {
    /// Per group and direction: what was added, removed, unchanged, failed, rolled back.
    public var report: ApplyReport
    /// The groups of `sg … show` statements, read after the apply, in script order.
    public var shown: [SecurityGroup]

    public init(report: ApplyReport, shown: [SecurityGroup] = []) {
        self.report = report
        self.shown = shown
    }
}

extension Interpreter {
    /// Plans `plan` against the live state of `backend` without changing anything.
    /// - Throws: `PlanningError` (a missing group, a quota excess, a `--strict` duplicate).
    public func changes(
        for plan: Plan, backend: any SecurityGroupBackend, options: Planner.Options = Planner.Options()
    ) async throws(PlanningError) -> ChangeSet {
        var options = options
        if options.now == nil { options.now = host.now() }
        return try await Planner(backend: backend, options: options).plan(plan)
    }

    /// Applies `plan` to `backend`: one describe per touched group, at most one authorize
    /// and one revoke call per group and direction; on a non-retryable failure everything
    /// applied so far is undone. A dry-run plan sends nothing.
    /// - Parameters:
    ///   - plan: what `plan(source:name:)` returned.
    ///   - backend: where the groups live.
    ///   - options: strictness, rule quota, policies and the clock for exemptions.
    ///   - progress: called after each call with (done, total), e.g. for a progress line.
    ///   - journal: where the apply is written ahead, so that a crash can be recovered from.
    /// - Throws: `PlanningError` when the plan cannot be applied; nothing was sent then.
    public func apply(
        _ plan: Plan, to backend: any SecurityGroupBackend, options: Planner.Options = Planner.Options(),
        progress: Executor.Progress? = nil, journal: (any ApplyJournal)? = nil
    ) async throws(PlanningError) -> RunResult {
        let changeSet = try await changes(for: plan, backend: backend, options: options)
        return await Self.apply(changeSet, to: backend, strict: options.strict, progress: progress, journal: journal)
    }

    /// Applies a change set already planned (a saved plan): its calls, with rollback, then reads
    /// the groups it asks to show.
    public static func apply(
        _ changeSet: ChangeSet, to backend: any SecurityGroupBackend, strict: Bool, progress: Executor.Progress? = nil,
        journal: (any ApplyJournal)? = nil
    ) async -> RunResult {
        let report = await Executor(backend: backend, strict: strict, progress: progress, journal: journal)
            .apply(changeSet)
        var shown: [SecurityGroup] = []
        let ids = changeSet.shows.compactMap { report.groupId(for: $0) }
        if !ids.isEmpty, report.succeeded,
            let groups = try? await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: ids))
        {
            // Keep the script's order (and repeats), not the backend's.
            shown = ids.compactMap { id in groups.first { $0.groupId == id } }
        }
        return RunResult(report: report, shown: shown)
    }

    /// Plans and applies a script: `plan(source:name:)` then `apply(_:to:options:)`.
    /// - Throws: `SgshError` when the script is invalid or fails while running (nothing
    ///   was sent), or `PlanningError` when its plan cannot be applied (nothing was sent).
    public func run(
        source: String, name: String, backend: any SecurityGroupBackend, options: Planner.Options = Planner.Options()
    ) async throws -> RunResult {
        let plan = try await self.plan(source: source, name: name)
        return try await apply(plan, to: backend, options: options)
    }
}
