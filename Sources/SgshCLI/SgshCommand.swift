import ArgumentParser
import Foundation
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
            2 usage error or invalid program.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, PlanCommand.self, CheckCommand.self, REPLCommand.self, ExportCommand.self,
            WhoamiCommand.self,
            DumpASTCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Maps every error to LANGUAGE.md §5's exit codes: usage errors exit 2, not 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            // Under `plan --detailed-exitcode` 2 means "changes pending": a usage error is 1 there.
            let usageCode =
                CommandLine.arguments.contains("--detailed-exitcode") ? ExitCode.scriptFailed : .invalidProgram
            if let error = error as? CLIError {
                Terminal.writeError("sgsh: error: \(error.description)\n")
                Foundation.exit(error.exitCode == .invalidProgram ? usageCode.rawValue : error.exitCode.rawValue)
            }
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.write(message + "\n") }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.writeError(message + "\n") }
            // ArgumentParser reports usage errors as 64 (EX_USAGE); sgsh's table says 2.
            let mapped = code == .scriptFailed || code == .invalidProgram ? code : usageCode
            Foundation.exit(mapped.rawValue)
        }
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
        if diagnostics.hasErrors { throw ExitCode.invalidProgram }
    }
}
