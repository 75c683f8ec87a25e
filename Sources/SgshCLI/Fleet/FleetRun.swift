// A command over a fleet, from start to exit code: the script is checked once
// (with `account` and `region` predeclared) before any target is touched,
// the targets are resolved, run side by side (Ctrl-C cancels them all, and
// each rolls back), reported, and the command ends with the worst outcome of
// its targets: failed (1) over changes pending (2 with
// `plan --detailed-exitcode`) over success.

import Foundation
import Logging
import SgshKit

struct FleetRun {
    let fleet: FleetOptions
    let backendOptions: BackendOptions
    /// The script and its options (nil for export, which runs none).
    let script: ScriptOptions?
    let output: OutputOptions
    let action: FleetAction

    func run() async throws {
        if backendOptions.backend == .local || backendOptions.state != nil {
            throw CLIError(
                usage:
                    "\(fleet.given.first ?? "a fleet") is for the aws backend: fleets act on AWS accounts and regions, not a local state file"
            )
        }
        if fleet.profiles != nil, backendOptions.aws.profile != nil {
            throw CLIError(usage: "--profile and --profiles both name profiles; use one")
        }
        let environment = ProcessEnvironment.variables
        let expected = backendOptions.aws.expectedAccount(environment)
        if fleet.accounts != nil, expected != nil {
            throw CLIError(usage: "--expect-account guards a single account; with --accounts the accounts are named")
        }
        let source = try script?.load()
        if let source {
            try check(source)
            try script?.checkOwner(of: source)
        }
        var plannerOptions = script?.plannerOptions(backendOptions) ?? Planner.Options(quota: backendOptions.ruleQuota)
        if let files = script?.policyFiles, !files.isEmpty {
            // Read once, before any target: every target's plan is judged by the same policies.
            let host = CLIHost(backend: nil, printsTo: .standardError)
            plannerOptions.policies = try await PolicyFiles.load(files, with: Interpreter(host: host))
        }

        let targets = try await FleetTargetResolver(
            fleet: fleet, backendOptions: backendOptions, environment: environment
        ).targets()
        let showsProgress = Terminal.isTTY(STDERR_FILENO) && !output.quiet
        let (format, quiet, exports) = (output.output, output.quiet, action.exportsScript)
        let sarif = if case .audit(_, sarif: true) = action { true } else { false }
        let runner = FleetRunner(targets: targets, concurrency: fleet.concurrency, failFast: fleet.failFast) {
            result, progress in
            if showsProgress { Terminal.writeError("\r\u{1B}[K") }
            if format == .text, !sarif, !quiet || result.result.isFailure {
                Terminal.write(FleetReport.block(result, asComment: exports))
            }
            if showsProgress { Terminal.writeError(FleetReport.progressLine(progress)) }
        }
        let work = FleetTargetRun.Factory(
            source: source, action: action,
            plannerOptions: plannerOptions,
            logger: backendOptions.aws.logger, expectedAccount: expected)
        // Ctrl-C or SIGTERM cancels every target; each rolls back what it applied.
        let results = await ScriptRunner.interrupts.cancellable { await runner.run { await work.run($0) } }
        if showsProgress { Terminal.writeError("\r\u{1B}[K") }
        switch output.output {
        case _ where sarif:
            // One log for the whole fleet: each finding names its target; the summary goes to stderr.
            Terminal.write(AuditRenderer.sarif(results.flatMap(\.findings), toolVersion: Version.number))
            Terminal.writeError(FleetReport.summary(results))
        case .json: Terminal.write(FleetReport.json(results).rendered() + "\n")
        // An export's output is a script: its summary goes to stderr.
        case .text where exports: Terminal.writeError(FleetReport.summary(results))
        case .text: Terminal.write(FleetReport.summary(results))
        }
        // A target left (or found) interrupted says so over a plain failure: `sgsh recover` comes first.
        if results.contains(where: { $0.result == .interrupted }) { throw Outcome.interruptedApply }
        if results.contains(where: \.result.isFailure) { throw Outcome.failed }
        if results.contains(where: { $0.result == .changes }) { throw Outcome.changesPending }
    }

    /// The whole script, checked once before any target, with the names a fleet predeclares.
    private func check(_ source: SourceFile) throws {
        let interpreter = Interpreter(
            host: CLIHost(backend: nil), limits: ScriptRunner.limits, builtins: .standard,
            predeclared: FleetTargetRun.predeclaredForChecking)
        let diagnostics = interpreter.check(file: source)
        Terminal.writeError(DiagnosticRenderer(style: Terminal.diagnosticStyle).render(diagnostics))
        if diagnostics.hasErrors { throw Outcome.invalidProgram }
    }
}

extension FleetTargetRun {
    /// What every target shares; makes each target's run.
    struct Factory: Sendable {
        let source: SourceFile?
        let action: FleetAction
        let plannerOptions: Planner.Options
        let logger: Logging.Logger
        let expectedAccount: String?
        let identities = IdentityCache()

        func run(_ target: FleetTarget) async -> FleetTargetResult {
            await FleetTargetRun(
                target: target, source: source, action: action, plannerOptions: plannerOptions, logger: logger,
                expectedAccount: expectedAccount, identities: identities
            ).run()
        }
    }
}
