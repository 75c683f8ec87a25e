/// What the resolver may assume exists before a program runs.
public struct ResolverEnvironment: Sendable {
    /// Names the host defines (predeclared values and host functions).
    public var predeclared: Set<String>
    /// Built-in functions and how many arguments each takes.
    public var builtins: [String: ClosedRange<Int>]
    /// The top-level names a `use`d module defines, or nil when there is no such module.
    public var moduleExports: @Sendable (String) -> Set<String>?

    public init(
        predeclared: Set<String> = [],
        builtins: [String: ClosedRange<Int>] = ResolverEnvironment.standardBuiltins,
        moduleExports: @escaping @Sendable (String) -> Set<String>? = { _ in nil }
    ) {
        self.predeclared = predeclared
        self.builtins = builtins
        self.moduleExports = moduleExports
    }

    /// The builtins of LANGUAGE.md §2 and their arities; the evaluator's registry is the
    /// source of truth at run time and passes its own table.
    public static let standardBuiltins: [String: ClosedRange<Int>] = [
        "aggregate": 1...1, "contains": 2...2, "env": 1...2, "len": 1...1, "overlaps": 2...2,
        "print": 0...255, "range": 1...3, "subtract": 2...2,
    ]
}
