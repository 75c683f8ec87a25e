// `sgsh repl`: the interactive shell. This is the REPL's own entry point;
// the root command decides when else to open it (no arguments on a terminal).

import ArgumentParser
import Foundation
import SgshEC2
import SgshKit
import SgshLocal

/// `sgsh repl`: the interactive shell.
struct REPLCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Open the interactive shell.",
        discussion: """
            Each entry is planned and applied when entered; an open { [ or ( continues it \
            on a ...> prompt. Type :help at the prompt for commands and keys. History is kept \
            in $SGSH_HISTORY (empty: none), else $XDG_DATA_HOME/sgsh/history or \
            ~/.local/share/sgsh/history. With input that is not a terminal, entries are read \
            without prompts and the first failing one ends the session with its exit code.

            Examples:
              sgsh repl --state /tmp/try.sqlite --dry-run
              sgsh repl --backend aws --region eu-west-1
              sgsh repl --profiles dev,prod --regions eu-west-1,us-east-1 --dry-run
            """
    )

    @Flag(name: .customLong("dry-run"), help: "Plan and show entries without applying them.")
    var dryRun = false

    @Flag(help: "Fail on a rule that already exists, as EC2 does (InvalidPermission.Duplicate).")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "The owner of the rules entries add ('exactly' then removes only its rules); an 'owner \"NAME\"' entry changes it.",
            valueName: "name"))
    var owner: String?

    func validate() throws {
        if let owner {
            do { _ = try RuleFacts.ownerName(owner) } catch { throw ValidationError("--owner: \(error.message.text)") }
        }
    }

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup(title: "Fleet") var fleet: FleetOptions

    func run() async throws {
        let options = Planner.Options(strict: strict, quota: backendOptions.ruleQuota, owner: owner)
        if fleet.isFleet {
            // Each entry is applied to every target (docs/FLEETS.md).
            let outcome = try await FleetREPL.run(
                fleet: fleet, backendOptions: backendOptions, dryRun: dryRun, plannerOptions: options)
            if outcome != .succeeded { throw outcome }
            return
        }
        let outcome = try await backendOptions.withBackend(interactive: true) { opened in
            try InterruptedApplyGuard.refuseIfInterrupted(opened)
            return await Self.runShell(
                backend: opened, label: opened.target.promptLabel, description: backendDescription(opened.target),
                dryRun: dryRun, plannerOptions: options)
        }
        if outcome != .succeeded { throw outcome }
    }

    /// Opens the shell on an open backend.
    /// - Returns: `.succeeded`, or a failing entry's outcome when input is not a terminal.
    static func runShell(
        backend: OpenBackend, label: String, description: String, dryRun: Bool, plannerOptions: Planner.Options
    ) async -> Outcome {
        let environment = ProcessEnvironment.variables
        let engine = InterpreterREPLEngine(
            backend: backend.backend, promptLabel: label, backendDescription: description, dryRun: dryRun,
            plannerOptions: plannerOptions, diagnosticStyle: Terminal.diagnosticStyle,
            journal: backend.target)
        let reader = LineReaders.standard(historyPath: HistoryFile.path(environment: environment))
        return await REPL.run(engine: engine, reader: reader)
    }

    var awsConfiguration: EC2Configuration? {
        try? backendOptions.aws.configuration(environment: ProcessEnvironment.variables)
    }

    /// What `:backend` prints: the target, and for aws the account and how the credentials were found.
    func backendDescription(_ target: BackendTarget) -> String {
        switch backendOptions.kind {
        case .local:
            let path =
                backendOptions.state ?? LocalBackend.defaultStatePath(environment: ProcessEnvironment.variables)
            return "local backend (no AWS account); state file \(path)"
        case .aws:
            guard let configuration = awsConfiguration else { return "AWS EC2" }
            let profile = configuration.profile.map { ", profile \($0)" } ?? ""
            var account = ""
            if case .aws(_, _, let identity?) = target { account = ", account \(identity.account) as \(identity.arn)" }
            return "AWS EC2 at \(configuration.endpoint), region \(configuration.region)\(account)\(profile); "
                + "credentials from \(configuration.credentialSource)"
        }
    }
}
