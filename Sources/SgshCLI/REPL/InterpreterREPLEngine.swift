// The real REPLEngine: an SgshKit Session (globals shared between entries)
// planned by the Planner and applied by the Executor on a backend.
//
// Two things a one-shot script run does not need:
// - A group made by `sg create` in one entry is a placeholder in the plan
//   that made it. Once applied, every global that holds such a placeholder is
//   given the real id (`Session.bindCreatedGroups`), so a later entry's plan
//   names the group that exists.
// - The dry-run mode belongs to the session: `:dryrun` sets it, and an entry
//   with a `dryrun on|off` statement (`Plan.dryRunStatement`) changes it for
//   the entries after it.
// - So does the owner: `--owner`, and an entry with an `owner "NAME"` statement
//   sets it for that entry and the ones after it.
//
// It is a class rather than an actor because SgshKit's Session is not
// Sendable: the REPL calls the engine from one task at a time, in order
// (REPLEngine's contract), which is what makes the unchecked Sendable sound.

import SgshKit
import SgshModel

/// Runs REPL entries through the interpreter, planner and executor.
final class InterpreterREPLEngine: REPLEngine, @unchecked Sendable {
    let promptLabel: String
    let backendDescription: String
    let builtinNames: [String]
    let moduleNames: [String]

    private let backend: any SecurityGroupBackend
    private let host: CLIHost
    private let session: Session
    /// `--strict`, the quota, and the session's owner (which an `owner` entry changes).
    private var plannerOptions: Planner.Options
    private let diagnosticStyle: DiagnosticStyle
    private var dryRun: Bool
    /// The target whose journal folder each entry's apply is written ahead in; nil for none.
    private let journal: BackendTarget?
    /// `:plan`: the applied changes, as statements.
    private var appliedLines: [String] = []
    /// Entries so far: each is a source of its own, `<repl-N>`, so a traceback through a
    /// function defined in an earlier entry says which entry each frame is in.
    private var entries = 0

    /// Creates the engine.
    /// - Parameters:
    ///   - backend: where changes go and reads come from.
    ///   - promptLabel: `local`, or `aws:ACCOUNT:REGION` and the endpoint when it is not AWS's.
    ///   - backendDescription: what `:backend` prints.
    ///   - dryRun: the initial mode (`--dry-run`).
    ///   - plannerOptions: `--strict` and the rule quota.
    ///   - limits: bounds on each entry.
    ///   - diagnosticStyle: plain or ANSI diagnostics.
    ///   - predeclared: values entries see as globals (a fleet target's `account` and `region`).
    ///   - journal: the target whose journal folder each entry's apply is written ahead in, so
    ///     that a crash mid-entry can be recovered, and whose interrupted applies refuse entries
    ///     (as `plan` and `run` refuse); nil for none.
    init(
        backend: any SecurityGroupBackend, promptLabel: String, backendDescription: String, dryRun: Bool = false,
        plannerOptions: Planner.Options = Planner.Options(), limits: ExecutionLimits = ExecutionLimits(),
        diagnosticStyle: DiagnosticStyle = .plain, predeclared: [String: Value] = [:],
        journal: BackendTarget? = nil
    ) {
        self.journal = journal
        let host = CLIHost(backend: backend, printsTo: .collected)
        let interpreter = Interpreter(host: host, limits: limits, predeclared: predeclared)
        self.backend = backend
        self.host = host
        self.session = Session(interpreter: interpreter)
        self.promptLabel = promptLabel
        self.backendDescription = backendDescription
        self.builtinNames = interpreter.builtins.names
        self.moduleNames = StandardModules.names
        self.plannerOptions = plannerOptions
        self.diagnosticStyle = diagnosticStyle
        self.dryRun = dryRun
    }

    func isDryRun() -> Bool { dryRun }

    func setDryRun(_ on: Bool) {
        dryRun = on
        if !on { session.forgetPlannedGroups() }
    }

    func bindings() -> [REPLBinding] {
        session.definitions.sorted { $0.key < $1.key }.map { name, value in
            if case .function = value { return REPLBinding(name: name, value: value.description, isFunction: true) }
            return REPLBinding(name: name, value: value.description, isFunction: false)
        }
    }

    func groups() async throws -> [REPLGroup] {
        try await backend.describeSecurityGroups(SecurityGroupQuery()).map { group in
            let counts = "\(group.permissions(.ingress).count) in, \(group.permissions(.egress).count) out"
            return REPLGroup(
                id: group.groupId, name: group.groupName,
                detail: [group.vpcId, counts].compactMap { $0 }.joined(separator: "  "))
        }
    }

    func appliedScript() -> String { appliedLines.joined(separator: "\n") }

    func problems(inScript script: String, name: String) -> String? {
        let diagnostics = session.interpreter.check(source: script, name: name)
        return diagnostics.hasErrors ? DiagnosticRenderer(style: diagnosticStyle).render(diagnostics) : nil
    }

    func execute(_ entry: String) async -> REPLOutcome {
        // An apply to this target that was interrupted (by a crash, or an earlier entry whose
        // outcome was left unknown) is settled first, as `plan` and `run` require: the entry
        // would be planned from groups left half changed.
        if let target = journal, let refusal = InterruptedApplyGuard.refusal(for: target) {
            return REPLOutcome(diagnostics: refusal, status: .interrupted)
        }
        let plan: Plan
        do {
            entries += 1
            plan = try await session.plan(entry: entry, name: "<repl-\(entries)>")
        } catch {
            // What the entry printed before it stopped is shown, as a script's would be.
            let printed = host.takeOutput().map { $0 + "\n" }.joined()
            switch error {
            case .invalidProgram(let diagnostics):
                return REPLOutcome(
                    output: printed, diagnostics: DiagnosticRenderer(style: diagnosticStyle).render(diagnostics),
                    status: .invalidProgram)
            case .runtime(let runtime):
                let status: REPLOutcome.Status = runtime.kind == .cancelled ? .cancelled : .failed
                return REPLOutcome(
                    output: printed, diagnostics: runtime.rendered(style: diagnosticStyle), status: status)
            }
        }
        // Once dry run is off, a group that was only planned (or whose create failed) must
        // not stay bound: naming it later would act on a group that does not exist.
        defer { if !dryRun { session.forgetPlannedGroups() } }
        var output = host.takeOutput().map { $0 + "\n" }.joined()
        let setsDryRun = plan.dryRunStatement
        if let setsDryRun { dryRun = setsDryRun }
        if let owner = plan.owner { plannerOptions.owner = owner }
        var effective = plan
        effective.dryRun = setsDryRun == nil ? (plan.dryRun || dryRun) : plan.dryRun
        let notApplied = setsDryRun != nil || (effective.dryRun && !plan.isEmpty)
        guard !effective.operations.isEmpty else {
            return REPLOutcome(output: output, status: .succeeded, notApplied: notApplied)
        }

        let result: RunResult
        let journal = self.journal.map { JournalFile(directory: JournalDirectory(for: $0), target: $0.name) }
        do {
            result = try await session.interpreter.apply(
                effective, to: backend, options: plannerOptions, journal: journal)
        } catch {
            return REPLOutcome(output: output, diagnostics: error.rendered(style: diagnosticStyle), status: .failed)
        }
        let report = result.report
        // An entry that only shows groups needs no "nothing changed" report above them.
        if report.changeSet.hasChanges || result.shown.isEmpty || !report.succeeded {
            output += ReportRenderer.text(report)
        }
        output += result.shown.map(GroupRenderer.text).joined()
        if report.dryRun { return REPLOutcome(output: output, status: .succeeded, notApplied: notApplied) }
        if report.isUnsettled, let target = self.journal {
            let said = InterruptedApplyGuard.unsettled(report, target: target, journal: await journal?.path)
            return REPLOutcome(output: output, diagnostics: said, status: .interrupted, changedGroups: true)
        }
        guard report.succeeded else {
            let status: REPLOutcome.Status = Task.isCancelled ? .cancelled : .failed
            return REPLOutcome(output: output, status: status, changedGroups: true)
        }
        appliedLines += SourceWriter.statements(applied: report)
        session.bindCreatedGroups(Self.createdGroups(of: effective, in: report))
        return REPLOutcome(output: output, status: .succeeded, changedGroups: report.changeSet.hasChanges)
    }

    // MARK: - Helpers

    /// The groups the plan's `sg create`s made (or adopted), with the ids the apply gave them.
    static func createdGroups(of plan: Plan, in report: ApplyReport) -> [CreatedGroup: String] {
        var ids: [CreatedGroup: String] = [:]
        for adoption in report.changeSet.adoptions { ids[adoption.group] = adoption.id }
        for planned in plan.operations {
            guard case .create(let group, _) = planned.operation, let id = report.groupId(for: .created(group))
            else { continue }
            ids[group] = id
        }
        return ids
    }
}
