// The arguments of one builtin call, with typed accessors that fail the same
// way everywhere: `aggregate: argument 1 must be a list of CIDRs, not int`.

import SgshModel

/// A wrong argument to a builtin; the evaluator turns it into a `RuntimeError` at the call.
public struct ArgumentError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The full message, starting with the function's name.
    public let message: String

    /// Creates an error whose message is `function: problem`.
    public init(function: String, _ problem: String) { self.message = "\(function): \(problem)" }

    /// The message.
    public var description: String { message }
}

/// The arguments of a builtin call and what the builtin may use while it runs.
public struct Arguments: Sendable {
    /// The name the function was called by.
    public let function: String
    /// The argument values, in order; their count is within the builtin's arity.
    public let values: [Value]
    /// The host of the running script (print, environment, clock, backend).
    public let host: any Host
    let meter: MeterHandle?

    init(function: String, values: [Value], host: any Host, meter: MeterHandle?) {
        self.function = function
        self.values = values
        self.host = host
        self.meter = meter
    }

    /// The number of arguments.
    public var count: Int { values.count }

    /// The argument at `index`, or nil when fewer were passed.
    public subscript(index: Int) -> Value? { index < values.count ? values[index] : nil }

    /// An `ArgumentError` for argument `index` (0-based) that is not what the function wants.
    public func mismatch(_ index: Int, expected: String) -> ArgumentError {
        let found = self[index].map(\.typeName) ?? "nothing"
        return ArgumentError(function: function, "argument \(index + 1) must be \(expected), not \(found)")
    }

    /// Argument `index` as a string.
    public func string(_ index: Int) throws(ArgumentError) -> String {
        guard case .string(let value)? = self[index] else { throw mismatch(index, expected: "a string") }
        return value
    }

    /// Argument `index` as an integer.
    public func int(_ index: Int) throws(ArgumentError) -> Int {
        guard case .int(let value)? = self[index] else { throw mismatch(index, expected: "an int") }
        return value
    }

    /// Argument `index` as a bool.
    public func bool(_ index: Int) throws(ArgumentError) -> Bool {
        guard case .bool(let value)? = self[index] else { throw mismatch(index, expected: "a bool") }
        return value
    }

    /// Argument `index` as a list.
    public func list(_ index: Int) throws(ArgumentError) -> [Value] {
        guard case .list(let value)? = self[index] else { throw mismatch(index, expected: "a list") }
        return value
    }

    /// Argument `index` as one CIDR (a string spelling one is accepted).
    public func cidr(_ index: Int) throws(ArgumentError) -> CIDR {
        guard let value = self[index], let block = Arguments.cidr(value) else {
            throw mismatch(index, expected: "a CIDR")
        }
        return block
    }

    /// Argument `index` as CIDRs: one CIDR, or a list of them (nested lists flatten).
    public func cidrs(_ index: Int) throws(ArgumentError) -> [CIDR] {
        var out: [CIDR] = []
        func collect(_ value: Value) -> Bool {
            if case .list(let items) = value { return items.allSatisfy(collect) }
            guard let block = Arguments.cidr(value) else { return false }
            out.append(block)
            return true
        }
        guard let value = self[index], collect(value) else {
            throw mismatch(index, expected: "a CIDR or a list of CIDRs")
        }
        return out
    }

    /// Argument `index`, or nil when it was not passed or is `nil`.
    public func optional(_ index: Int) -> Value? {
        guard let value = self[index], value != .nil else { return nil }
        return value
    }

    /// Counts `steps` of work against the script's step limit (for builtins
    /// whose cost grows with their input, such as `range`).
    public func charge(steps: Int) throws {
        try meter?.charge(steps)
    }

    /// Checks, before allocating it, that a value of `bytes` fits the script's value size
    /// limit (`ExecutionLimits.maxValueBytes`); for host functions that build large values.
    public func reserve(bytes: Int) throws {
        try meter?.reserve(bytes: bytes)
    }

    /// Prints a line through the host, counted against the output limit.
    public func print(_ text: String) throws {
        try meter?.output(bytes: text.utf8.count + 1)
        host.print(text)
    }

    private static func cidr(_ value: Value) -> CIDR? {
        switch value {
        case .cidr(let block): block
        case .string(let text): CIDR(text)
        default: nil
        }
    }
}

/// Lets a builtin reach the running script's meter without exposing it.
final class MeterHandle: @unchecked Sendable {
    // @unchecked: used only during the builtin call, on the evaluator's task.
    let meter: ExecutionMeter
    init(_ meter: ExecutionMeter) { self.meter = meter }
    func charge(_ steps: Int) throws { try meter.step(steps) }
    func output(bytes: Int) throws { try meter.output(bytes: bytes) }
    func reserve(bytes: Int) throws { try meter.reserve(bytes: bytes) }
}
