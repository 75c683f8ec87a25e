// Where the tasks sgsh starts for itself run: on the executor the caller's work prefers.
//
// Why: a host may run sgsh's work on an executor of its choice (the CLI runs a single-target aws
// command on the event loop its connections use: SgshEC2's NetworkThread). Child tasks inherit
// that preference, but an unstructured task (`Task {}`: a call sent to its end even when the apply
// is cancelled, the rollback, a credentials refresh) does not (SE-0417), and every call would
// then hop to the global pool and back. Task-local values are inherited, so the preference is
// kept in one and handed on with `Task(executorPreference:)`.

/// The executor the current work prefers, for the unstructured tasks it starts.
public enum PreferredTaskExecutor {
    /// The preference `run` set; nil outside it (the global pool).
    @TaskLocal public static var current: (any TaskExecutor)?

    /// Runs `body` preferring `executor`, and so do the unstructured tasks sgsh starts in it.
    public static func run<T>(
        _ executor: any TaskExecutor, isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> T
    ) async throws -> T {
        try await $current.withValue(executor) {
            try await withTaskExecutorPreference(executor, isolation: isolation, operation: body)
        }
    }
}
