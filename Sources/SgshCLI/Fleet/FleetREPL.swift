// Opens the REPL against a fleet: the targets are resolved, each gets its own
// backend and session (with its `account` and `region`), and every entry
// is applied to all of them (FleetREPLEngine), journaled per target as a
// fleet run is; a target with an interrupted apply refuses entries (exit 3 on
// piped input) until `sgsh recover`. The backends are closed when the shell ends.

import Foundation
import SgshEC2
import SgshKit
import SgshModel

enum FleetREPL {
    static func run(
        fleet: FleetOptions, backendOptions: BackendOptions, dryRun: Bool, plannerOptions: Planner.Options
    ) async throws -> Outcome {
        if backendOptions.backend == .local || backendOptions.state != nil {
            throw CLIError(usage: "\(fleet.given.first ?? "a fleet") is for the aws backend")
        }
        let targets = try await FleetTargetResolver(
            fleet: fleet, backendOptions: backendOptions, environment: ProcessEnvironment.variables
        ).targets()
        if let unresolved = targets.first(where: { $0.unresolved != nil }) {
            throw CLIError("\(unresolved.heading(account: nil)): \(unresolved.unresolved ?? "")")
        }
        let backends = targets.map { EC2Backend(configuration: $0.configuration, logger: backendOptions.aws.logger) }
        do {
            let identities = IdentityCache()
            var members: [FleetREPLEngine.Member] = []
            for (target, backend) in zip(targets, backends) {
                var identity: CallerIdentity?
                if backend.configuration.stsEndpointMatchesEC2 {
                    identity = try await identities.identity(of: target.configuration.credentials) {
                        try await backend.callerIdentity()
                    }
                }
                let account = identity?.account ?? target.account
                // Each target's entries are journaled in that target's folder, as a fleet run's are.
                let journal = BackendTarget.aws(
                    region: target.region, endpoint: backend.configuration.endpoint, identity: identity)
                let engine = InterpreterREPLEngine(
                    backend: backend, promptLabel: "", backendDescription: "", dryRun: dryRun,
                    plannerOptions: plannerOptions, diagnosticStyle: Terminal.diagnosticStyle,
                    predeclared: ["account": .string(account ?? ""), "region": .string(target.region)],
                    journal: journal)
                members.append(FleetREPLEngine.Member(heading: target.heading(account: account), engine: engine))
            }
            let engine = FleetREPLEngine(members: members, concurrency: fleet.concurrency)
            let reader = LineReaders.standard(
                historyPath: HistoryFile.path(environment: ProcessEnvironment.variables))
            let outcome = await REPL.run(engine: engine, reader: reader)
            for backend in backends { try? await backend.shutdown() }
            return outcome
        } catch {
            for backend in backends { try? await backend.shutdown() }
            throw CLIError("cannot open the fleet: \(BackendError.from(error))")
        }
    }
}
