import ArgumentParser
import SgshKit

/// `sgsh check FILE...`: parse and resolve, print diagnostics, change nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scripts for errors without running them.",
        discussion: """
            Parses and checks every file: names, arity, from/to against the direction, \
            ports against the protocol, CIDRs and descriptions. Exits 0 when all are clean, \
            2 when any has an error.

            Examples:
              sgsh check examples/*.sgsh
              sgsh check --fleet cis-baseline.sgsh
            """
    )

    @Argument(help: "Script files to check.")
    var files: [String]

    @Flag(help: "Check scripts for fleet runs, which see 'account' and 'region' (docs/FLEETS.md).")
    var fleet = false

    /// The last file's program, deliberately never freed (see `run`).
    nonisolated(unsafe) private static var lastProgram: Program?

    func run() throws {
        var failed = false
        // The same checks `run` makes, with the stdlib and modules next to the script visible.
        let interpreter = Interpreter(
            host: CLIHost(backend: nil), predeclared: fleet ? FleetTargetRun.predeclaredForChecking : [:])
        for path in files {
            // Every file is checked: one that cannot be read is reported and the rest go on.
            let source: SourceFile
            do {
                source = try ScriptInput.load(path: path, command: nil)
            } catch let error as CLIError {
                Terminal.writeError("sgsh: error: \(error.description)\n")
                failed = true
                continue
            } catch Outcome.invalidProgram {
                // Not UTF-8: reported at its byte by the load.
                failed = true
                continue
            }
            // The file as read (not its text again), and the last program kept until the process
            // exits: freeing a 100,000-statement tree node by node was 8 % of `check`'s
            // instructions (docs/BENCHMARKS.md), and the process ends right after. One program
            // at most is held, so checking many files peaks as before.
            Self.lastProgram = nil
            let (program, diagnostics) = interpreter.checkedProgram(source)
            Self.lastProgram = program
            Terminal.writeError(DiagnosticRenderer(style: Terminal.diagnosticStyle).render(diagnostics))
            failed = failed || diagnostics.hasErrors
        }
        if failed { throw Outcome.invalidProgram }
    }
}
