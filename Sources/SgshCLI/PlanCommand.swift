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

            Examples:
              sgsh plan examples/three-tier.sgsh
              sgsh plan --detailed-exitcode --backend aws rules.sgsh
            """
    )

    @OptionGroup var script: ScriptOptions

    @Flag(
        name: .customLong("detailed-exitcode"),
        help: "Exit 0 when nothing would change, 2 when changes are pending, 1 on error.")
    var detailedExitcode = false

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() async throws {
        let source = try script.load()
        let opened = try backendOptions.open()
        try await outputOptions.writeIdentity(of: opened)
        let runner = ScriptRunner(
            source: source, backend: opened.backend, output: outputOptions,
            plannerOptions: script.plannerOptions(backendOptions))
        let changeSet: ChangeSet
        do {
            let plan = try await runner.evaluate()
            changeSet = try await runner.changes(for: plan)
            await opened.close()
        } catch let code as ExitCode where detailedExitcode && code == .invalidProgram {
            await opened.close()
            // Under --detailed-exitcode 2 means "changes pending"; an invalid program is an error.
            throw ExitCode.scriptFailed
        } catch {
            await opened.close()
            throw error
        }
        switch outputOptions.output {
        case .json: Terminal.write(ReportRenderer.json(changeSet).rendered() + "\n")
        case .text: Terminal.write(ReportRenderer.text(changeSet))
        }
        if detailedExitcode, changeSet.hasChanges { throw ExitCode.changesPending }
    }
}
