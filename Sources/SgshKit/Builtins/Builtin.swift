// Builtins and host functions share one shape: a name, an arity and a Swift
// closure over `Arguments`. The registry (`BuiltinSet`) checks the arity of
// every call before the closure runs, and `Arguments`' typed accessors give
// every type error the same wording (starlark's UnpackArgs), so no builtin
// checks its arguments by hand.

/// A function implemented in Swift and callable from scripts.
public struct Builtin: Sendable {
    /// The name scripts call it by.
    public let name: String
    /// How many arguments it accepts (`0...Int.max` for any number).
    public let arity: ClosedRange<Int>
    let body: @Sendable (Arguments) async throws -> Value

    /// Creates a builtin.
    /// - Parameters:
    ///   - name: the name scripts call it by.
    ///   - arity: how many arguments it accepts; calls outside it fail before `body` runs.
    ///   - body: the implementation; read arguments with `Arguments`' typed accessors,
    ///     which throw uniform errors. Anything it throws stops the script with a
    ///     `RuntimeError` at the call, with a `<builtin>` frame in the traceback.
    public init(_ name: String, arity: ClosedRange<Int>, _ body: @escaping @Sendable (Arguments) async throws -> Value)
    {
        self.name = name
        self.arity = arity
        self.body = body
    }

    /// "takes 1 argument", "takes 1 to 3 arguments", "takes at least 1 argument".
    var arityText: String {
        func count(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }
        if arity.lowerBound == arity.upperBound { return "takes \(count(arity.lowerBound))" }
        if arity.upperBound == Int.max { return "takes at least \(count(arity.lowerBound))" }
        return "takes \(arity.lowerBound) to \(count(arity.upperBound))"
    }
}

/// The functions a script can call besides its own: the standard builtins
/// and any host functions. Pass a set to `Interpreter` to choose what scripts see.
public struct BuiltinSet: Sendable {
    private var table: [String: Builtin] = [:]

    /// An empty set: a script can call nothing but its own functions.
    public init() {}

    /// Creates a set holding `builtins`; later entries replace earlier ones of the same name.
    public init(_ builtins: [Builtin]) {
        for builtin in builtins { register(builtin) }
    }

    /// Adds a builtin, replacing any of the same name.
    public mutating func register(_ builtin: Builtin) { table[builtin.name] = builtin }

    /// Adds a host function.
    /// - Parameters:
    ///   - name: the name scripts call it by.
    ///   - arity: how many arguments it accepts.
    ///   - body: the implementation (see `Builtin.init`).
    public mutating func register(
        _ name: String, arity: ClosedRange<Int>, _ body: @escaping @Sendable (Arguments) async throws -> Value
    ) {
        register(Builtin(name, arity: arity, body))
    }

    /// Removes a builtin (to sandbox a script); returns it if it was present.
    @discardableResult
    public mutating func remove(_ name: String) -> Builtin? { table.removeValue(forKey: name) }

    /// The builtin of that name, if any.
    public subscript(name: String) -> Builtin? { table[name] }

    /// The names in the set, sorted.
    public var names: [String] { table.keys.sorted() }

    /// Each name with its arity, as the resolver checks calls.
    public var arities: [String: ClosedRange<Int>] { table.mapValues(\.arity) }
}
