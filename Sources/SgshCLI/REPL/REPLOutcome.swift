/// What running one REPL entry produced.
struct REPLOutcome: Hashable, Sendable {
    /// How the entry ended.
    enum Status: Hashable, Sendable {
        /// Checked, planned and applied (or shown, under dry-run).
        case succeeded
        /// It did not parse or check; nothing ran.
        case invalidProgram
        /// It stopped while running or applying (what was applied was rolled back or reported).
        case failed
        /// Ctrl-C stopped it.
        case cancelled
        /// The target has an apply that is not settled (a crash, or this entry's own apply whose
        /// outcome is unknown): `sgsh recover` first.
        case interrupted
    }

    /// Script output, the plan and the apply report: for stdout.
    var output: String
    /// Rendered diagnostics and tracebacks: for stderr.
    var diagnostics: String
    var status: Status
    /// True when the backend's groups may have changed (the completion cache is refreshed).
    var changedGroups: Bool
    /// True when the entry asked for changes that dry-run kept from the backend, or switched
    /// dry-run itself: `:save` writes it as a comment.
    var notApplied: Bool

    init(
        output: String = "", diagnostics: String = "", status: Status, changedGroups: Bool = false,
        notApplied: Bool = false
    ) {
        self.output = output
        self.diagnostics = diagnostics
        self.status = status
        self.changedGroups = changedGroups
        self.notApplied = notApplied
    }

    /// How a script with this entry would end (LANGUAGE.md §5).
    var outcome: Outcome {
        switch status {
        case .succeeded: .succeeded
        case .invalidProgram: .invalidProgram
        case .failed, .cancelled: .failed
        case .interrupted: .interruptedApply
        }
    }
}
