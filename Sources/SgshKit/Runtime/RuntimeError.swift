// The error a running script stops with.
//
// A value, like starlark's EvalError: what went wrong (kind and message),
// where (the range of the expression or statement), and how execution got
// there (the call stack, outermost first). Rendering lives in
// RuntimeError+Traceback.swift, never in the message.

import SgshModel

/// One frame of a runtime error's call stack.
public struct CallFrame: Hashable, Sendable {
    /// The function's name, or `<toplevel>` for a file's top level.
    public let name: String
    /// Where this frame was when the error happened (the call it was making,
    /// or the failing expression in the innermost frame); nil for a builtin.
    public let range: SourceRange?

    /// Creates a frame; pass a nil range for a builtin.
    public init(name: String, range: SourceRange?) {
        self.name = name
        self.range = range
    }
}

/// An error that stopped a script while it ran; the script's plan is discarded.
public struct RuntimeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What kind of failure this is.
    public enum Kind: String, Hashable, Sendable {
        /// A value of the wrong type for an operation, argument or position.
        case typeMismatch = "type-mismatch"
        /// A value of the right type that is not acceptable (a bad CIDR, port, id).
        case invalidValue = "invalid-value"
        /// A rule that EC2 would reject (ports for a protocol, description).
        case invalidRule = "invalid-rule"
        /// A name that is not defined (normally caught by the resolver).
        case undefinedName = "undefined-name"
        /// A call with the wrong number or types of arguments.
        case argument
        /// An index outside a list, division of nothing, integer overflow.
        case arithmetic
        /// A module that cannot be found, has errors, or imports itself.
        case module
        /// A read through the backend failed, or no backend is configured.
        case backend
        /// A host function threw.
        case hostFunction = "host-function"
        /// The host denied something (such as reading the environment).
        case notPermitted = "not-permitted"
        /// `ExecutionLimits.maxSteps` was exceeded.
        case stepLimitExceeded = "step-limit-exceeded"
        /// `ExecutionLimits.maxCallDepth` was exceeded.
        case callDepthExceeded = "call-depth-exceeded"
        /// `ExecutionLimits.maxOutputBytes` was exceeded.
        case outputLimitExceeded = "output-limit-exceeded"
        /// `ExecutionLimits.maxOperations` was exceeded.
        case operationLimitExceeded = "operation-limit-exceeded"
        /// A string or list larger than `ExecutionLimits.maxValueBytes` was built.
        case valueSizeExceeded = "value-size-exceeded"
        /// The task running the script was cancelled.
        case cancelled
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// One line, lowercase, no trailing period, source text in single quotes.
    public let message: String
    /// Where the error happened; for an error in a builtin, the call's range.
    public let range: SourceRange
    /// The active calls, outermost (`<toplevel>`) first.
    public var callStack: [CallFrame]
    /// What a builtin, host function or backend threw, when that caused this.
    public var underlying: (any Error)?
    /// How to fix it, when there is one thing to say (the same hint `check` gives for a literal).
    public var hint: String?
    /// Other places the error is about (`note: the other rule is here`).
    public var notes: [DiagnosticNote] = []

    /// Creates a runtime error; the evaluator fills in the call stack.
    public init(
        _ kind: Kind, _ message: String, at range: SourceRange, callStack: [CallFrame] = [],
        underlying: (any Error)? = nil
    ) {
        self.kind = kind
        self.message = message
        self.range = range
        self.callStack = callStack
        self.underlying = underlying
    }

    /// A runtime error for a computed rule part that fails one of `RuleFacts`' checks:
    /// the same message and hint `check` reports when the value is written literally.
    init(_ fact: RuleFactError, at range: SourceRange, callStack: [CallFrame]) {
        self.init(.invalidValue, fact.message.text, at: range, callStack: callStack, underlying: fact)
        self.hint = fact.message.hint
    }

    /// `file:line:col: error: message`.
    public var description: String { "\(range.location): error: \(message)" }

    /// Equal when kind, message, range and call stack are (the underlying error is not compared).
    public static func == (lhs: RuntimeError, rhs: RuntimeError) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message && lhs.range == rhs.range
            && lhs.callStack == rhs.callStack
    }
}
