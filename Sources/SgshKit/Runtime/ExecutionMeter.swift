// The one place where execution limits are checked.
//
// Every counter (steps, call depth, output bytes, operations) is bumped here,
// the size of each value a script builds is measured here,
// and `check()` compares them all and polls for task cancellation, like
// starlark's step counter with SetMaxExecutionSteps/Cancel and Lua's count
// hook. Callers add their context (range, call stack) to the failure.

/// A limit that was hit, before the evaluator adds where.
struct LimitExceeded: Error {
    let kind: RuntimeError.Kind
    let message: String
}

final class ExecutionMeter {
    let limits: ExecutionLimits
    private(set) var steps = 0
    private(set) var outputBytes = 0
    private(set) var operations = 0
    var callDepth = 0

    init(limits: ExecutionLimits) { self.limits = limits }

    /// Counts `count` steps of work, then checks every limit.
    func step(_ count: Int = 1) throws(LimitExceeded) {
        steps = steps > Int.max - count ? Int.max : steps + count
        try check()
    }

    /// Counts output about to be printed, then checks every limit.
    func output(bytes: Int) throws(LimitExceeded) {
        outputBytes += bytes
        try check()
    }

    /// Counts an operation about to be planned, then checks every limit. It does not poll for
    /// cancellation: the step of the statement that plans it just did.
    func operation() throws(LimitExceeded) {
        operations += 1
        try checkLimits()
    }

    /// Checks that a value the script built fits `maxValueBytes`.
    func hold(_ value: Value) throws(LimitExceeded) {
        try reserve(bytes: value.heldBytes(upTo: limits.maxValueBytes))
    }

    /// Checks, before building it, that a value of `bytes` fits `maxValueBytes`.
    func reserve(bytes: Int) throws(LimitExceeded) {
        guard bytes > limits.maxValueBytes else { return }
        throw LimitExceeded(
            kind: .valueSizeExceeded,
            message: "value size limit of \(limits.maxValueBytes) bytes exceeded (a string or list this large)")
    }

    /// Checks every limit and whether the task was cancelled.
    func check() throws(LimitExceeded) {
        try checkLimits()
        do {
            try Task.checkCancellation()
        } catch {
            throw LimitExceeded(kind: .cancelled, message: "script cancelled")
        }
    }

    /// Checks every limit.
    private func checkLimits() throws(LimitExceeded) {
        if steps > limits.maxSteps {
            throw LimitExceeded(kind: .stepLimitExceeded, message: "step limit of \(limits.maxSteps) exceeded")
        }
        if callDepth > limits.maxCallDepth {
            throw LimitExceeded(
                kind: .callDepthExceeded, message: "call depth limit of \(limits.maxCallDepth) exceeded")
        }
        if outputBytes > limits.maxOutputBytes {
            throw LimitExceeded(
                kind: .outputLimitExceeded, message: "output limit of \(limits.maxOutputBytes) bytes exceeded")
        }
        if operations > limits.maxOperations {
            throw LimitExceeded(
                kind: .operationLimitExceeded, message: "plan limit of \(limits.maxOperations) operations exceeded")
        }
    }
}
