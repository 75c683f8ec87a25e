import ArgumentParser
import SgshKit

/// Which script a command runs, and how strictly: shared by `run` and `plan`.
struct ScriptOptions: ParsableArguments {
    @Argument(help: "The script ('-' or none: standard input).")
    var file: String?

    @Option(name: .customShort("c"), help: ArgumentHelp("These statements instead of a file.", valueName: "statements"))
    var command: String?

    @Flag(help: "Fail on a rule that already exists, as EC2 does (InvalidPermission.Duplicate).")
    var strict = false

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "Check the plan against this file's policies too (repeatable; docs/POLICY.md).", valueName: "file"))
    var policyFiles: [String] = []

    @Option(
        help: ArgumentHelp(
            "Tag every rule the script adds with this owner, and let 'exactly' remove only its rules (as the statement 'owner \"NAME\"').",
            valueName: "name"))
    var owner: String?

    /// `-c` is the script: a file beside it would be silently ignored.
    func validate() throws {
        if command != nil, let file {
            throw ValidationError("-c gives the statements to run, so a file cannot be given too ('\(file)')")
        }
        if let owner {
            do { _ = try RuleFacts.ownerName(owner) } catch { throw ValidationError("--owner: \(error.message.text)") }
        }
    }

    /// True when neither a file nor `-c` was given.
    var readsStandardInput: Bool { file == nil && command == nil }

    /// The script's text and name.
    func load() throws -> SourceFile { try ScriptInput.load(path: file, command: command) }

    /// Refuses a script whose `owner` statement names another owner than `--owner`, before it
    /// runs: two owners for one script is a mistake to point out, not a choice to make silently.
    func checkOwner(of source: SourceFile) throws {
        guard let owner else { return }
        let (program, _) = ProgramChecker.check(source)
        for statement in program.statements {
            guard case .ownerStmt(let name) = statement.kind, name.value != owner else { continue }
            throw CLIError(
                usage:
                    "the script's owner is \(SourceWriter.quoted(name.value)) but --owner says \(SourceWriter.quoted(owner))"
            )
        }
    }

    /// The planner options: `--strict`, the account's rule quota and `--owner`.
    func plannerOptions(_ backend: BackendOptions) -> Planner.Options {
        Planner.Options(strict: strict, quota: backend.ruleQuota, owner: owner)
    }
}
