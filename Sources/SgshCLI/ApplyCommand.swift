import ArgumentParser
import SgshKit

/// `sgsh apply plan.json`: send exactly the calls of a plan saved by `sgsh plan --out`,
/// unless a group they touch changed since.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a plan saved by 'sgsh plan --out', if its groups are as they were.",
        discussion: """
            Reads every group the saved plan touches again. If any differs from the state the \
            plan was made against (a rule added, removed or retagged by hand, a tag changed, \
            the group deleted, a name it creates taken), it refuses, naming each group and \
            what changed, and sends nothing (exit 1). Otherwise it sends exactly the saved \
            calls; on a failure, what was applied is undone and reported, as with run.

            Give the same backend options as to 'sgsh plan': a plan made on one backend, \
            region or account is refused on another. The file's format: docs/SAVED-PLANS.md.

            Examples:
              sgsh plan rules.sgsh --out plan.json && sgsh apply plan.json
              sgsh apply --backend aws --region eu-west-1 plan.json
            """
    )

    @Argument(help: ArgumentHelp("The plan file 'sgsh plan --out' wrote.", valueName: "plan.json"))
    var planFile: String

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() async throws {
        let saved = try SavedPlanFile.load(planFile)
        try await backendOptions.withBackend { opened in
            try InterruptedApplyGuard.refuseIfInterrupted(opened)
            if let mismatch = saved.target.mismatch(with: SavedPlanFile.target(of: opened)) {
                throw CLIError("\(planFile) is not for this backend: \(mismatch); nothing was sent")
            }
            let drift: [SavedPlanDrift]
            do {
                drift = try await saved.drift(on: opened.backend)
            } catch {
                throw CLIError("cannot read the groups of \(planFile): \(error); nothing was sent")
            }
            guard drift.isEmpty else {
                let listed = drift.map { group in
                    "  \(group.group)\n" + group.changes.map { "    \($0)\n" }.joined()
                }
                Terminal.writeError(
                    "sgsh: error: \(planFile) is out of date: \(drift.count == 1 ? "a group it touches has" : "\(drift.count) groups it touches have") changed since it was made; nothing was sent\n"
                        + listed.joined() + "Make the plan again and review it.\n")
                throw Outcome.failed
            }
            let changeSet = saved.changeSet
            let backend = opened.backend
            let result = try await ScriptRunner.applyAndReport(opened: opened, output: outputOptions) {
                progress, journal in
                await Interpreter.apply(changeSet, to: backend, strict: true, progress: progress, journal: journal)
            }
            if !result.report.succeeded { throw Outcome.failed }
        }
    }
}
