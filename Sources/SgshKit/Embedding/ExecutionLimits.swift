/// Bounds on what one script run may consume; exceeding one stops the script
/// with a `RuntimeError` of the matching kind, and nothing of its plan is kept.
public struct ExecutionLimits: Hashable, Sendable {
    /// Statements, loop iterations, calls and list elements built by `range`.
    public var maxSteps: Int
    /// Nested calls of script functions (the top level is depth 0).
    public var maxCallDepth: Int
    /// Bytes written through `print`, counting one newline per call.
    public var maxOutputBytes: Int
    /// Operations the plan may hold.
    public var maxOperations: Int

    /// Creates limits; the defaults suit an interactive tool.
    public init(
        maxSteps: Int = 10_000_000, maxCallDepth: Int = 200, maxOutputBytes: Int = 1 << 20,
        maxOperations: Int = 10_000
    ) {
        self.maxSteps = maxSteps
        self.maxCallDepth = maxCallDepth
        self.maxOutputBytes = maxOutputBytes
        self.maxOperations = maxOperations
    }
}
