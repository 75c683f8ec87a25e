// The exit codes of LANGUAGE.md §5, in one place. Commands and the REPL end
// with an Outcome (thrown when it is not success); only `code(for:)` turns an
// outcome into a number. The library throws typed errors and never exits.

/// How a command, or a REPL entry, ended.
enum Outcome: Error, Hashable, Sendable {
    /// Everything asked for was done.
    case succeeded
    /// `plan` found changes to make.
    case changesPending
    /// The script or an API call failed.
    case failed
    /// The program did not parse or check.
    case invalidProgram
    /// The command line was wrong.
    case usage
    /// An earlier apply to the target was interrupted and must be recovered first (`sgsh recover`).
    case interruptedApply

    /// The process exit code.
    /// - Parameter detailedExitcode: `plan --detailed-exitcode`, where 2 means "changes
    ///   pending", so an invalid program or usage error is reported as the error it is: 1.
    func code(detailedExitcode: Bool = false) -> Int32 {
        switch self {
        case .succeeded: 0
        case .changesPending: detailedExitcode ? 2 : 0
        case .failed: 1
        case .invalidProgram, .usage: detailedExitcode ? 1 : 2
        case .interruptedApply: 3
        }
    }
}
