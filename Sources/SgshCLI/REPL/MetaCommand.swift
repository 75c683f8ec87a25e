/// The REPL's own commands, typed with a leading `:` (`:help`, `:quit`).
/// Keep in sync with the `commands` help topic in REPL+Help.swift.
enum MetaCommand: String, CaseIterable, Sendable {
    case backend, dryrun, groups, help, history, plan, quit, save, vars

    /// Parses `:name`; `:q` and `:exit` are `:quit`.
    init?(word: Substring) {
        guard word.hasPrefix(":") else { return nil }
        let name = word.dropFirst()
        if name == "q" || name == "exit" {
            self = .quit
            return
        }
        guard let command = MetaCommand(rawValue: String(name)) else { return nil }
        self = command
    }

    /// Whether the session goes on after a command.
    enum Result { case proceed, quit }
}
