import ArgumentParser
import CStartup
import Foundation
import SgshEC2
import SgshKit

/// The `sgsh` command.
@main
struct SgshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgsh",
        abstract: "A scripting shell for security-group rules.",
        discussion: """
            One line is one rule:  sg "sg-0abc" egress allow tcp 443 to 10.0.0.0/8 "https"
            A script is checked and planned whole before anything is sent. Rules that
            exist are reported as '=' and not sent again. The local backend (a state
            file) needs no AWS account; --backend aws talks to EC2.

            Examples:
              sgsh examples/three-tier.sgsh              apply a script (local backend)
              sgsh plan --detailed-exitcode rules.sgsh   what would change; 2 if any
              sgsh check rules.sgsh                      errors with line, column, caret
              sgsh -c 'sg sg-0abc ingress allow tcp 22 from 203.0.113.0/24'
              sgsh --backend aws --region eu-west-1 rules.sgsh
              sgsh                                       the interactive shell

            Exit codes: 0 success, 1 the script or an API call failed,
            2 usage error or invalid program, 3 an interrupted apply must be
            settled first (sgsh recover).
            """,
        version: Version.text,
        subcommands: [
            RunCommand.self, PlanCommand.self, ApplyCommand.self, CheckCommand.self, REPLCommand.self,
            ExportCommand.self,
            GraphCommand.self, FmtCommand.self,
            WhoamiCommand.self, AuditCommand.self, ExpireCommand.self, RecoverCommand.self, PrefixListCommand.self,
            DumpASTCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Runs the command and exits with the code of its Outcome (LANGUAGE.md §5); usage
    /// errors exit 2, not ArgumentParser's 64.
    static func main() async {
        // Before any worker thread's first allocation (CStartup).
        sgsh_configure_malloc()
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `sgsh --version` alone is answered before ArgumentParser reflects over every
        // command's options (most of its start-up, docs/BENCHMARKS.md); same text, same exit.
        if arguments == ["--version"] {
            Terminal.write(Version.text + "\n")
            Foundation.exit(Outcome.succeeded.code())
        }
        // While this is the only thread (CStartup); `--version` above has no others.
        sgsh_populate_bss()
        // One event loop thread unless this is a fleet run: set before the warm-up thread starts
        // the loops (NetworkThread).
        if !FleetOptions.mayNameFleet(arguments) { NetworkThread.useOneLoopThread() }
        // Another core answers the runtime's questions about our own types meanwhile.
        ConformanceWarmUp.start(for: arguments)
        var command: any ParsableCommand
        do {
            // The async parse: it also answers the shells' async custom completions (GROUP arguments).
            command = try await asyncParseAsRoot(arguments)
        } catch {
            exit(reporting: error, detailedExitcode: PlanCommand.asksForDetailedExitcode(arguments))
        }
        let detailedExitcode = (command as? PlanCommand)?.detailedExitcode ?? false
        do {
            try await run(command)
        } catch {
            exit(reporting: error, detailedExitcode: detailedExitcode)
        }
        Foundation.exit(Outcome.succeeded.code())
    }

    /// Runs `command`, async or not. Generic so that the cast asks about the command's own type:
    /// a cast of the `any ParsableCommand` asked about the existential first, one more scan of the
    /// binary's conformance records (docs/BENCHMARKS.md, eighth pass).
    private static func run<Command: ParsableCommand>(_ command: Command) async throws {
        var command = command
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    /// Prints what `error` says (help and version on stdout, the rest on stderr) and exits.
    static func exit(reporting error: any Error, detailedExitcode: Bool) -> Never {
        let outcome: Outcome
        switch error {
        case let thrown as Outcome:
            outcome = thrown
        case let failure as CLIError:
            Terminal.writeError("sgsh: error: \(failure.description)\n")
            outcome = failure.outcome
        default:
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.write(message + "\n") }
                outcome = .succeeded
            } else {
                if !message.isEmpty { Terminal.writeError(message + "\n") }
                outcome = code == .validationFailure ? .usage : .failed
            }
        }
        Foundation.exit(outcome.code(detailedExitcode: detailedExitcode))
    }
}

/// `sgsh dump-ast FILE`: the parser's S-expressions (hidden; for goldens and debugging).
struct DumpASTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "dump-ast", shouldDisplay: false)
    @Argument var file: String
    func run() throws {
        let source = try ScriptInput.load(path: file, command: nil)
        let (program, diagnostics) = ProgramChecker.check(source)
        print(ASTPrinter.print(program), terminator: "")
        Terminal.writeError(DiagnosticRenderer(style: Terminal.diagnosticStyle).render(diagnostics))
        if diagnostics.hasErrors { throw Outcome.invalidProgram }
    }
}
