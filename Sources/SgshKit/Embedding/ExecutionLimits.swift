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
    /// Bytes one value a script builds may hold: a string's UTF-8 bytes; a list's
    /// `Value.bytesPerElement` per element plus what its elements hold. Checked when a
    /// string or list is built (`+`, interpolation, a list literal) and on every builtin's
    /// and host function's result, before a list is allocated where its size is known
    /// (`range`). A script holds at most this much per live binding, so an embedded
    /// interpreter cannot be made to allocate without bound.
    public var maxValueBytes: Int

    /// Creates limits; the defaults suit an interactive tool.
    public init(
        maxSteps: Int = 10_000_000, maxCallDepth: Int = 200, maxOutputBytes: Int = 1 << 20,
        maxOperations: Int = 10_000, maxValueBytes: Int = 1 << 26
    ) {
        self.maxSteps = maxSteps
        self.maxCallDepth = maxCallDepth
        self.maxOutputBytes = maxOutputBytes
        self.maxOperations = maxOperations
        self.maxValueBytes = maxValueBytes
    }
}
