/// What the resolver may assume exists before a program runs. Builtins and their
/// arities come from a `BuiltinSet` (the standard one unless the interpreter has
/// its own), as starlark's resolver takes its universe from the runtime.
public struct ResolverEnvironment: Sendable {
    /// Names the host defines (predeclared values and host functions).
    public var predeclared: Set<String>
    /// Built-in functions and how many arguments each takes.
    public var builtins: [String: ClosedRange<Int>]
    /// The top-level names a `use`d module defines, or nil when there is no such module.
    public var moduleExports: @Sendable (String) -> Set<String>?

    public init(
        predeclared: Set<String> = [],
        builtins: [String: ClosedRange<Int>] = BuiltinSet.standard.arities,
        moduleExports: @escaping @Sendable (String) -> Set<String>? = { _ in nil }
    ) {
        self.predeclared = predeclared
        self.builtins = builtins
        self.moduleExports = moduleExports
    }
}
