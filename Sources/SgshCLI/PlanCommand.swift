import ArgumentParser
import SgshKit

/// `sgsh plan FILE`: read the live state, print the diff, change nothing.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a script would change, without changing anything.",
        discussion: """
            Reads the live state of every group the script touches (one describe), and \
            prints '+' for rules to add, '-' to remove, '=' already present.

            With --detailed-exitcode the exit code says whether anything would change: \
            0 nothing, 2 changes pending, 1 an error — so CI can detect drift.

            With --out FILE the plan is also saved, with the state of every group it reads, \
            for 'sgsh apply FILE' (docs/SAVED-PLANS.md).

            Examples:
              sgsh plan examples/three-tier.sgsh
              sgsh plan rules.sgsh --out plan.json
              sgsh plan --detailed-exitcode --backend aws rules.sgsh
              sgsh plan --detailed-exitcode --profiles dev,prod --regions eu-west-1,us-east-1 rules.sgsh
            """
    )

    @OptionGroup var script: ScriptOptions

    @Flag(
        name: .customLong("detailed-exitcode"),
        help: "Exit 0 when nothing would change, 2 when changes are pending, 1 on error.")
    var detailedExitcode = false

    @Option(
        name: .customLong("out"),
        help: ArgumentHelp(
            "Also save the plan, with the state it was made against, for 'sgsh apply FILE'.", valueName: "file"))
    var out: String?

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup(title: "Fleet") var fleet: FleetOptions
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if out != nil, fleet.isFleet {
            throw ValidationError("--out saves the plan of one target; a fleet plan cannot be saved")
        }
    }

    /// Whether a command line that did not parse asked for `plan --detailed-exitcode`, so
    /// its usage error exits 1, not 2 ("changes pending"). Only for that case: a parsed
    /// command knows its own flags.
    static func asksForDetailedExitcode(_ arguments: [String]) -> Bool {
        arguments.first == configuration.commandName
            && arguments.prefix { $0 != "--" }.contains("--detailed-exitcode")
    }

    func run() async throws {
        if fleet.isFleet {
            try await FleetRun(
                fleet: fleet, backendOptions: backendOptions, script: script, output: outputOptions, action: .plan
            ).run()
            return
        }
        let source = try script.load()
        try script.checkOwner(of: source)
        let (changeSet, target) = try await backendOptions.withBackend { opened in
            try InterruptedApplyGuard.refuseIfInterrupted(opened)
            let runner = ScriptRunner(
                source: source, opened: opened, output: outputOptions,
                plannerOptions: script.plannerOptions(backendOptions), policyFiles: script.policyFiles)
            let plan = try await runner.evaluate()
            guard let out else { return (try await runner.changes(for: plan), opened.target) }
            let (changeSet, saved) = try await SavedPlanFile.plan(plan, runner: runner)
            try SavedPlanFile.write(saved, to: out)
            return (changeSet, opened.target)
        }
        switch outputOptions.output {
        case .json: Terminal.write(target.addingTo(ReportRenderer.json(changeSet)).rendered() + "\n")
        case .text:
            Terminal.write(target.reportHeader)
            Terminal.write(bytes: ReportRenderer.utf8(changeSet))
        }
        if let out {
            // On stderr with --output json, so stdout stays one JSON document.
            let line = "Saved the plan to \(out); apply it with: sgsh apply \(out)\n"
            if outputOptions.output == .json { Terminal.writeError(line) } else { Terminal.write(line) }
        }
        if changeSet.hasChanges { throw Outcome.changesPending }
    }
}
