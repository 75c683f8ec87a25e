// Function values: a `def` closed over the scope it was defined in, or a
// builtin/host function. Compared by identity, like starlark's functions.

/// A callable value.
public final class Function: Hashable, @unchecked Sendable, CustomStringConvertible {
    // @unchecked: a script function holds its defining Environment, a mutable
    // class. Environments are only touched by the evaluator that made them,
    // which runs on one task; hosts only ever see the function's name.

    enum Body {
        case script(parameters: [Identifier], body: Block, closure: Environment)
        case builtin(Builtin)
    }

    /// The name the function was defined or registered with.
    public let name: String
    let body: Body

    init(name: String, body: Body) {
        self.name = name
        self.body = body
    }

    /// How many arguments the function accepts.
    public var arity: ClosedRange<Int> {
        switch body {
        case .script(let parameters, _, _): parameters.count...parameters.count
        case .builtin(let builtin): builtin.arity
        }
    }

    /// `<function name>`.
    public var description: String { "<function \(name)>" }

    /// Functions are equal only to themselves.
    public static func == (lhs: Function, rhs: Function) -> Bool { lhs === rhs }
    /// Hashes the function's identity.
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
