// Exactly what the REPL needs from an interpreter session and a backend, so
// the shell can be built and tested against a fake, and adapted to the real
// interpreter and executor in one place (InterpreterREPLEngine).

/// An interpreter session with an applier behind it, as the REPL drives it.
///
/// The REPL calls it from one task at a time, in order; only `execute` may be
/// cancelled (Ctrl-C during an apply), and must then return promptly with what
/// it did and undid.
protocol REPLEngine: Sendable {
    /// What the prompt shows for the backend: `local`, or `aws:ACCOUNT:REGION` and the endpoint when it is not AWS's.
    var promptLabel: String { get }
    /// `:backend`: a few lines on where changes go (kind, region or endpoint, state file).
    var backendDescription: String { get }
    /// Builtin function names, for completion.
    var builtinNames: [String] { get }
    /// Modules `use` can load, for completion.
    var moduleNames: [String] { get }

    /// True when entries are planned and shown but not applied.
    func isDryRun() async -> Bool
    /// `:dryrun on|off`.
    func setDryRun(_ on: Bool) async

    /// The session's globals: variables and functions defined so far (not builtins).
    func bindings() async -> [REPLBinding]

    /// The groups the backend holds, for `:groups` and completion of ids and names.
    func groups() async throws -> [REPLGroup]

    /// Checks, plans and applies one complete entry (or only shows its plan under
    /// dry-run). Definitions of a successful entry persist for later entries.
    func execute(_ entry: String) async -> REPLOutcome

    /// `:plan`: what the session has applied so far, as an sgsh script.
    func appliedScript() async -> String

    /// What `check` says of a whole script (rendered), nil when it is clean: `:save` writes
    /// only a script a fresh session can replay.
    func problems(inScript script: String, name: String) async -> String?
}

extension REPLEngine {
    func problems(inScript script: String, name: String) async -> String? { nil }
}
