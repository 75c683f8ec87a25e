import ArgumentParser
import Foundation
import SgshKit

/// `sgsh run FILE` (also `sgsh FILE`, `sgsh -c '…'`, a script on stdin, or a
/// `#!/usr/bin/env sgsh` script): plan the script whole, then apply it.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a script: plan it whole, then apply the changes.",
        discussion: """
            Nothing is sent unless the whole script checks and runs without error. Rules \
            that already exist are reported as '=' and not sent again, so a script can be \
            run again and again. On a failure, what was applied is undone and reported.

            Examples:
              sgsh examples/three-tier.sgsh
              sgsh run --dry-run rules.sgsh
              sgsh -c 'sg sg-0abc123 ingress allow tcp 443 from 0.0.0.0/0 "https"'
              sgsh --backend aws --region eu-west-1 rules.sgsh
              sgsh --accounts organization --role-name Audit --regions all cis.sgsh
              echo 'print len([1, 2])' | sgsh
            """
    )

    @OptionGroup var script: ScriptOptions

    @Flag(name: .customLong("dry-run"), help: "Send nothing: print what would change.")
    var dryRun = false

    @Flag(
        name: .customLong("check-permissions"),
        help: "Send every call with DryRun=true and report which are allowed; change nothing.")
    var checkPermissions = false

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup(title: "Fleet") var fleet: FleetOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() async throws {
        if script.readsStandardInput, Terminal.isTTY(STDIN_FILENO) {
            // `sgsh` alone on a terminal is the interactive shell (against a fleet with its options).
            var shell = REPLCommand()
            shell.backendOptions = backendOptions
            shell.fleet = fleet
            shell.dryRun = dryRun
            shell.strict = script.strict
            shell.owner = script.owner
            try await shell.run()
            return
        }
        if fleet.isFleet {
            let action: FleetAction = checkPermissions ? .checkPermissions : .run(dryRun: dryRun)
            try await FleetRun(
                fleet: fleet, backendOptions: backendOptions, script: script, output: outputOptions, action: action
            ).run()
            return
        }
        let source = try script.load()
        try script.checkOwner(of: source)
        try await backendOptions.withBackend { opened in
            try InterruptedApplyGuard.refuseIfInterrupted(opened)
            let runner = ScriptRunner(
                source: source, opened: opened, output: outputOptions,
                plannerOptions: script.plannerOptions(backendOptions), policyFiles: script.policyFiles)
            var plan = try await runner.evaluate()
            if checkPermissions {
                if try await !runner.checkPermissions(plan) { throw Outcome.failed }
                return
            }
            if dryRun { plan.dryRun = true }
            if !(try await runner.apply(plan)).report.succeeded { throw Outcome.failed }
        }
    }
}
