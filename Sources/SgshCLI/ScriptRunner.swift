import Foundation
import SgshKit
import SgshModel

/// The flow `sgsh run` and `sgsh plan` share: load, check and evaluate the
/// script into a Plan, then plan it against the backend's live state. Every
/// failure is rendered here and thrown as its Outcome (ExitCodes.swift).
struct ScriptRunner {
    let source: SourceFile
    let opened: OpenBackend
    let output: OutputOptions
    let plannerOptions: Planner.Options
    /// `--policy FILE`s: their policies join the script's.
    var policyFiles: [String] = []

    var backend: any SecurityGroupBackend { opened.backend }

    var interpreter: Interpreter {
        // With --output json stdout is one JSON document: the script's prints go to stderr.
        let host = CLIHost(backend: backend, printsTo: output.output == .json ? .standardError : .standardOutput)
        return Interpreter(host: host, limits: Self.limits, builtins: .standard)
    }

    /// A script file may hold a statement per rule, so the plan may hold far more
    /// operations than an embedded interpreter allows by default.
    static let limits = ExecutionLimits(maxOperations: 1_000_000)

    /// Checks and evaluates `source`, writing what went wrong to stderr.
    /// - Throws: `Outcome.invalidProgram`, or `.failed` for a runtime error.
    static func plan(_ source: SourceFile, by interpreter: Interpreter) async throws -> Plan {
        do {
            // The syntax tree is freed by now; planning reuses its memory (one malloc arena, CStartup).
            return try await interpreter.plan(file: source)
        } catch {
            switch error {
            case .invalidProgram(let diagnostics):
                Terminal.writeError(DiagnosticRenderer(style: Terminal.diagnosticStyle).render(diagnostics))
                throw Outcome.invalidProgram
            case .runtime(let runtimeError):
                Terminal.writeError(runtimeError.rendered(style: Terminal.diagnosticStyle))
                throw Outcome.failed
            }
        }
    }

    /// Checks and evaluates the script. Throws `.invalidProgram` or, for a runtime error, `.failed`.
    /// The `--policy` files' policies join the script's.
    func evaluate() async throws -> Plan {
        var plan = try await Self.plan(source, by: interpreter)
        plan.policies = plan.policies.merging(try await PolicyFiles.load(policyFiles, with: interpreter))
        return plan
    }

    /// Diffs the plan against the live state; nothing is sent. A planning error throws `.failed`.
    func changes(for plan: Plan) async throws -> ChangeSet {
        do {
            return try await interpreter.changes(for: plan, backend: backend, options: plannerOptions)
        } catch {
            Terminal.writeError(error.rendered(style: Terminal.diagnosticStyle))
            throw Outcome.failed
        }
    }

    /// Applies the plan (or, for a dry run, only shows it) and prints the report.
    func apply(_ plan: Plan) async throws -> RunResult {
        let (interpreter, backend, options) = (interpreter, backend, plannerOptions)
        // A plan that asks for no change sends none: a signal may end the process as usual.
        return try await Self.applyAndReport(opened: opened, output: output, cancellable: !plan.isEmpty) {
            (progress, journal) throws(PlanningError) -> RunResult in
            try await interpreter.apply(plan, to: backend, options: options, progress: progress, journal: journal)
        }
    }

    /// Runs `apply` (which plans and applies, or applies a saved plan) so that Ctrl-C or
    /// SIGTERM cancels it (it rolls back and reports), then prints the report. Not
    /// `cancellable`: the signals keep their default (the watcher's thread is not started).
    static func applyAndReport(
        opened: OpenBackend, output: OutputOptions, cancellable: Bool = true,
        _ apply: @escaping @Sendable (Executor.Progress?, JournalFile) async throws(PlanningError) -> RunResult
    ) async throws -> RunResult {
        let progress: Executor.Progress? = Terminal.isTTY(STDERR_FILENO) && !output.quiet ? Self.progressLine : nil
        // Written ahead of every call, so that a crash mid-apply can be recovered (`sgsh recover`).
        let journal = JournalFile(directory: JournalDirectory(for: opened.target), target: opened.target.name)
        let body: @Sendable () async -> Result<RunResult, PlanningError> = {
            do throws(PlanningError) {
                return .success(try await apply(progress, journal))
            } catch {
                return .failure(error)
            }
        }
        // Ctrl-C or SIGTERM from here on cancels the apply, which rolls back and reports.
        let applied =
            cancellable
            ? await Self.interrupts.cancellable(
                body,
                onSignal: { signal in
                    let name = signal == SIGINT ? "Ctrl-C" : signal == SIGTERM ? "SIGTERM" : "signal \(signal)"
                    Terminal.writeError("\nsgsh: \(name): no further calls; undoing what was applied…\n")
                }) : await body()
        let result: RunResult
        switch applied {
        case .success(let run):
            result = run
        case .failure(let error):
            Terminal.writeError(error.rendered(style: Terminal.diagnosticStyle))
            throw Outcome.failed
        }
        if progress != nil { Terminal.writeError("\r\u{1B}[K") }
        switch output.output {
        case .json:
            Terminal.write(opened.target.addingTo(ReportRenderer.json(result.report)).rendered() + "\n")
        case .text:
            // A script that asks for no security-group change (only prints, lookups) gets no report.
            let asksForNothing = !result.report.changeSet.hasSections && result.report.succeeded
            if !asksForNothing && (!output.quiet || !result.report.succeeded) {
                Terminal.write(opened.target.reportHeader)
                Terminal.write(bytes: ReportRenderer.utf8(result.report))
            }
            for group in result.shown { Terminal.write(GroupRenderer.text(group)) }
        }
        if result.report.isUnsettled {
            // Its journal stays: the target is interrupted until `sgsh recover` settles it.
            Terminal.writeError(
                InterruptedApplyGuard.unsettled(result.report, target: opened.target, journal: await journal.path))
            throw Outcome.interruptedApply
        }
        return result
    }

    /// Sends every call with DryRun=true and prints each verdict; true when none was denied or failed.
    func checkPermissions(_ plan: Plan) async throws -> Bool {
        let changeSet = try await changes(for: plan)
        let checks = await Executor(backend: backend).checkPermissions(changeSet)
        switch output.output {
        case .json: Terminal.write(opened.target.addingTo(ReportRenderer.json(checks)).rendered() + "\n")
        case .text: Terminal.write(opened.target.reportHeader + ReportRenderer.text(checks))
        }
        return checks.allSatisfy(\.passed)
    }

    /// Installed at the first apply: before it a signal ends the process as usual (nothing
    /// has been sent); during it, it cancels the apply.
    static let interrupts = InterruptWatcher(signals: [SIGINT, SIGTERM], whenIdle: .terminate)

    /// `[3/12] applying…` on one rewritten stderr line, for applies of many calls.
    static let progressLine: Executor.Progress = { done, total in
        guard total >= 4 else { return }
        Terminal.writeError("\r\u{1B}[K[\(done)/\(total)] applying…")
    }
}
