import ArgumentParser
import Foundation
import SgshKit

/// The `sgsh` command.
@main
struct SgshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgsh",
        abstract: "A scripting shell for security-group rules.",
        version: "0.1.0",
        subcommands: [RunCommand.self, PlanCommand.self, CheckCommand.self, REPLCommand.self, DumpASTCommand.self],
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
            if let error = error as? CLIError {
                Terminal.writeError("sgsh: error: \(error.description)\n")
                Foundation.exit(ExitCode.scriptFailed.rawValue)
            }
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Terminal.write(message + "\n") }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.writeError(message + "\n") }
            // ArgumentParser reports usage errors as 64 (EX_USAGE); sgsh's table says 2.
            let mapped = code == .scriptFailed || code == .invalidProgram ? code : ExitCode.invalidProgram
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
