// One target of a fleet run, with the guarantees of a single run: its own
// backend (own connection pool and retry state), the account checked with
// STS, the script evaluated with `account` and `region` bound to the target
// (so `sg lookup` and `sg create` resolve there), planned against the
// target's live state, and applied with rollback of this target only. Every
// outcome, failures included, comes back as a FleetTargetResult; nothing is
// printed here, since targets run side by side.

import Foundation
import Logging
import SgshEC2
import SgshKit
import SgshModel

struct FleetTargetRun: Sendable {
    let target: FleetTarget
    /// The script (nil for export).
    let source: SourceFile?
    let action: FleetAction
    let plannerOptions: Planner.Options
    let logger: Logger
    let expectedAccount: String?
    /// Shared by the targets: one GetCallerIdentity per account (or profile).
    let identities: IdentityCache

    /// The names every fleet script sees besides its own: where it runs.
    static let predeclaredNames = ["account", "region"]

    /// The predeclared names with placeholder values: what checking a fleet script needs.
    static var predeclaredForChecking: [String: Value] {
        Dictionary(uniqueKeysWithValues: predeclaredNames.map { ($0, Value.string("")) })
    }

    func run() async -> FleetTargetResult {
        let start = ContinuousClock.now
        let backend = EC2Backend(configuration: target.configuration, logger: logger)
        var result = await perform(on: backend)
        try? await backend.shutdown()
        let elapsed = ContinuousClock.now - start
        result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return result
    }

    private func perform(on backend: EC2Backend) async -> FleetTargetResult {
        var result = FleetTargetResult(target: target, account: target.account, result: .failed)
        func failed(_ message: String, _ outcome: FleetTargetResult.Result = .failed) -> FleetTargetResult {
            var failed = result
            failed.result = Task.isCancelled ? .cancelled : outcome
            failed.error = message.hasSuffix("\n") ? String(message.dropLast()) : message
            failed.text += message.hasSuffix("\n") ? message : message + "\n"
            return failed
        }

        if let unresolved = target.unresolved { return failed(unresolved) }

        // Who: the account the credentials act on (the assumed role's, with --accounts).
        var identity: CallerIdentity?
        if backend.configuration.stsEndpointMatchesEC2 {
            do {
                identity = try await identities.identity(of: target.configuration.credentials) {
                    try await backend.callerIdentity()
                }
            } catch {
                return failed("cannot act in this target: \(BackendError.from(error))")
            }
        }
        result.account = identity?.account ?? target.account
        let backendTarget = BackendTarget.aws(
            region: target.region, endpoint: backend.configuration.endpoint, identity: identity)
        result.backend = backendTarget
        result.text = backendTarget.reportHeader
        if let target = self.target.account, let actual = identity?.account, actual != target {
            return failed("the role's credentials act on account \(actual), not \(target): nothing was planned")
        }
        if let expectedAccount, result.account != expectedAccount {
            return failed(
                "the credentials act on account \(result.account ?? "unknown"), not the expected \(expectedAccount): nothing was planned"
            )
        }

        // An apply to this target that a crash interrupted is settled first (`sgsh recover`).
        if action.runsScript, let refusal = InterruptedApplyGuard.refusal(for: backendTarget) {
            return failed(refusal.replacingOccurrences(of: "sgsh: error: ", with: ""), .interrupted)
        }

        guard let source else {
            switch action {
            case .export(let groups, let keepVPC):
                return await export(groups, keepVPC: keepVPC, backend: backend, result: result)
            case .audit(let audit, _):
                return await self.audit(audit, backend: backend, result: result)
            case .run, .plan, .checkPermissions:
                return failed("no script to run")
            }
        }

        // What: the script, evaluated in this target. Its reads are remembered until the
        // first change, so the plan does not read again what `sg lookup` just read.
        let reads = ReadUntilChangeCache(backend)
        let host = CLIHost(backend: reads, printsTo: .collected)
        let interpreter = Interpreter(
            host: host, limits: ScriptRunner.limits, builtins: .standard,
            predeclared: ["account": .string(result.account ?? ""), "region": .string(target.region)])
        let plan: Plan
        do {
            plan = try await interpreter.plan(file: source)
        } catch {
            result.text += printed(host)
            switch error {
            case .invalidProgram(let diagnostics):
                return failed(DiagnosticRenderer(style: .plain).render(diagnostics))
            case .runtime(let runtimeError):
                return failed(runtimeError.rendered(style: .plain))
            }
        }
        result.text += printed(host)

        // The changes, planned against this target's live state, and (for run) applied.
        switch action {
        case .plan:
            do {
                let changeSet = try await interpreter.changes(for: plan, backend: reads, options: plannerOptions)
                result.result = changeSet.hasChanges ? .changes : .noChanges
                result.counts = ReportRenderer.counts(changeSet.sections)
                result.calls = changeSet.calls.count
                result.text += ReportRenderer.text(changeSet)
                result.report = ReportRenderer.json(changeSet)
                return result
            } catch {
                return failed(error.rendered(style: .plain))
            }
        case .checkPermissions:
            return await checkPermissions(plan, interpreter: interpreter, backend: reads, result: result)
        case .export, .audit:
            return failed("\(action) runs no script")
        case .run(let dryRun):
            var plan = plan
            if dryRun { plan.dryRun = true }
            let run: RunResult
            let journal = JournalFile(directory: JournalDirectory(for: backendTarget), target: backendTarget.name)
            do {
                run = try await interpreter.apply(plan, to: reads, options: plannerOptions, journal: journal)
            } catch {
                return failed(error.rendered(style: .plain))
            }
            let report = run.report
            result.counts = ReportRenderer.counts(report.sections)
            result.calls = report.callCount
            result.text += ReportRenderer.text(report)
            for group in run.shown { result.text += GroupRenderer.text(group) }
            result.report = ReportRenderer.json(report)
            if let failure = report.failure {
                result.result =
                    failure.code == "Cancelled" || Task.isCancelled
                    ? .cancelled : report.isPartiallyApplied ? .partial : .failed
                result.error = "\(failure.action): \(failure)"
                if report.isUnsettled {
                    // Its journal stays; the next command against this target refuses until recovered.
                    result.result = .interrupted
                    result.text += InterruptedApplyGuard.unsettled(
                        report, target: backendTarget, journal: await journal.path
                    )
                    .replacingOccurrences(of: "sgsh: error: ", with: "")
                }
            } else if dryRun {
                result.result = report.changeSet.hasChanges ? .changes : .noChanges
            } else {
                result.result = report.callCount > 0 ? .applied : .unchanged
            }
            return result
        }
    }

    private func checkPermissions(
        _ plan: Plan, interpreter: Interpreter, backend: any SecurityGroupBackend, result: FleetTargetResult
    ) async -> FleetTargetResult {
        var result = result
        let changeSet: ChangeSet
        do {
            changeSet = try await interpreter.changes(for: plan, backend: backend, options: plannerOptions)
        } catch {
            result.error = error.rendered(style: .plain)
            result.text += result.error ?? ""
            return result
        }
        let checks = await Executor(backend: backend).checkPermissions(changeSet)
        result.calls = checks.count
        result.text += ReportRenderer.text(checks)
        result.report = ReportRenderer.json(checks)
        if let refused = checks.first(where: { !$0.passed }) {
            result.result = .denied
            result.error = "\(refused.call.actionName) \(refused.call.group): \(refused.problem ?? refused.verdictName)"
        } else {
            result.result = .allowed
        }
        return result
    }

    /// The target's groups as a script (ExportCommand's rules), its Backend line as a comment.
    private func export(_ names: [String], keepVPC: Bool, backend: EC2Backend, result: FleetTargetResult) async
        -> FleetTargetResult
    {
        var result = result
        result.text = "# " + result.text
        let described: [SecurityGroup]
        do {
            described = try await backend.describeSecurityGroups(.all)
        } catch {
            result.error = "describing the security groups failed: \(error)"
            result.text += "# \(result.error ?? "")\n"
            return result
        }
        let (selected, missing) = ExportCommand.select(names, from: described)
        if !missing.isEmpty {
            result.error = "no security group named or with id: \(missing.joined(separator: ", "))"
            result.text += "# \(result.error ?? "")\n"
            return result
        }
        result.result = .exported
        result.counts[.unchanged] = selected.filter { $0.groupName != "default" }.count
        let script = ScriptExporter.script(for: selected, keepVPC: keepVPC)
        result.text += script
        result.report = .string(script)
        return result
    }

    /// The target's groups judged by the policies (LiveAudit), its findings labelled with the target.
    private func audit(_ audit: LiveAudit, backend: EC2Backend, result: FleetTargetResult) async
        -> FleetTargetResult
    {
        var result = result
        let label = "\(result.account ?? target.profile ?? "default")/\(target.region)"
        let outcome: LiveAudit.Result
        do {
            outcome = try await audit.run(on: backend, target: label)
        } catch {
            result.error = error.description
            result.text += "\(error.description)\n"
            return result
        }
        result.findings = outcome.findings
        result.result = outcome.findings.isEmpty ? .clean : .findings
        result.counts[.unchanged] = outcome.audited
        for warning in outcome.warnings { result.text += "warning: \(warning)\n" }
        result.text += AuditRenderer.text(outcome.findings, groupsAudited: outcome.audited)
        result.report = AuditRenderer.jsonValue(outcome.findings)
        return result
    }

    private func printed(_ host: CLIHost) -> String {
        host.takeOutput().map { $0 + "\n" }.joined()
    }
}
