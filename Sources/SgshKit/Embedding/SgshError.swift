/// The errors an embedding program catches from `Interpreter`.
public enum SgshError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program did not parse or check; nothing ran.
    case invalidProgram([Diagnostic])
    /// The program stopped while running; its plan was discarded.
    case runtime(RuntimeError)

    /// The rendered diagnostics (with a traceback for a runtime error), plain style.
    public var description: String {
        switch self {
        case .invalidProgram(let diagnostics): DiagnosticRenderer().render(diagnostics)
        case .runtime(let error): error.rendered()
        }
    }
}
