// `sgsh repl`: the interactive shell on the local backend. This is the
// REPL's own entry point; the lead's root command decides when to call it
// (no arguments on a terminal) and adds the AWS backend options, which need
// only a different `InterpreterREPLEngine(backend:promptLabel:…)`.

import ArgumentParser
import Foundation
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
            ~/.local/share/sgsh/history.

            Example:
              sgsh repl --state /tmp/try.sqlite --dry-run
            """
    )

    @Option(help: "The local backend's state file (default: the per-user state file).")
    var state: String?

    @Flag(help: "Plan and show entries without applying them.")
    var dryRun = false

    @Flag(help: "Fail on allow of a rule that exists, as EC2 does.")
    var strict = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let path = state ?? LocalBackend.defaultStatePath(environment: environment)
        let backend = try LocalBackend(path: path)
        let engine = InterpreterREPLEngine(
            backend: backend, promptLabel: "local", backendDescription: "local backend, state file \(path)",
            dryRun: dryRun, plannerOptions: Planner.Options(strict: strict), diagnosticStyle: Terminal.diagnosticStyle)
        let reader = LineReaders.standard(historyPath: HistoryFile.path(environment: environment))
        let status = await REPL.run(engine: engine, reader: reader)
        if status != 0 { throw ExitCode(status) }
    }
}
