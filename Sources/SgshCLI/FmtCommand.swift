import ArgumentParser
import Foundation
import SgshKit

/// `sgsh fmt [--check] [FILE...]`: scripts in the one canonical layout.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format scripts in the canonical layout.",
        discussion: """
            Rewrites each file in place and prints the names of those it changed; with
            no file, formats standard input to standard output. Only the space between
            tokens changes: two-space indents, one statement per line, descriptions of
            a block's rules in one column; comments and blank lines are kept, nothing is
            reordered. A file that does not parse is left as it is (exit 2).

            With --check nothing is written: exit 1 and a diff when a file is not
            formatted (CI), 0 when all are.

            Examples:
              sgsh fmt rules.sgsh
              sgsh fmt --check examples/*.sgsh
              sgsh export | sgsh fmt --check
            """
    )

    @Argument(help: "Script files to format ('-' or none: standard input to standard output).")
    var files: [String] = []

    @Flag(help: "Change nothing: exit 1 and print a diff when a file is not formatted.")
    var check = false

    func run() throws {
        var outcome = Outcome.succeeded
        for path in files.isEmpty ? ["-"] : files {
            let result = try format(path)
            if result == .invalidProgram || (result == .failed && outcome != .invalidProgram) { outcome = result }
        }
        if outcome != .succeeded { throw outcome }
    }

    /// Formats one file (or standard input); its outcome: failed when --check finds it unformatted.
    func format(_ path: String) throws -> Outcome {
        let source: SourceFile
        do {
            source = try ScriptInput.load(path: path == "-" ? nil : path, command: nil)
        } catch let error as CLIError {
            Terminal.writeError("sgsh: error: \(error.description)\n")
            return error.outcome == .usage ? .invalidProgram : .failed
        }
        let text = source.text  // Decoded from the file's bytes once (SourceFile.text).
        let formatted: String
        switch SourceFormatter.format(text, name: source.name) {
        case .success(let text):
            formatted = text
        case .failure(.invalidProgram(let diagnostics)):
            Terminal.writeError(DiagnosticRenderer(style: Terminal.diagnosticStyle).render(diagnostics))
            return .invalidProgram
        case .failure(.changedMeaning):
            Terminal.writeError(
                "sgsh: error: \(source.name): formatting would change what the script means (a bug in sgsh fmt); "
                    + "it is left as it is\n")
            return .failed
        }
        let isStandardInput = path == "-"
        if check {
            guard formatted != text else { return .succeeded }
            Terminal.write(UnifiedDiff.diff(text, formatted, oldName: source.name, newName: source.name))
            return .failed
        }
        if isStandardInput {
            Terminal.write(formatted)
        } else if formatted != text {
            do {
                // In place (not a rename), so the file keeps its mode: a script may be executable.
                try formatted.write(toFile: path, atomically: false, encoding: .utf8)
            } catch {
                Terminal.writeError("sgsh: error: cannot write '\(path)': \(error.localizedDescription)\n")
                return .failed
            }
            Terminal.write(path + "\n")
        }
        return .succeeded
    }
}
