import ArgumentParser

// The exit codes of LANGUAGE.md §5, in one table. Only the CLI maps errors to
// exit codes; the library throws typed errors and never exits.
extension ExitCode {
    /// The script or an API call failed.
    static let scriptFailed = ExitCode(1)
    /// Usage error, or an invalid program (parse or check).
    static let invalidProgram = ExitCode(2)
    /// `plan --detailed-exitcode`: changes are pending.
    static let changesPending = ExitCode(2)
}
