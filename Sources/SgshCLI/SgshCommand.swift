import ArgumentParser

/// The `sgsh` command.
@main
struct SgshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sgsh",
        abstract: "A scripting shell for security-group rules.",
        version: "0.1.0"
    )
}
