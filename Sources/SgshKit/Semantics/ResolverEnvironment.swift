/// What the resolver may assume exists before a program runs. Builtins and their
/// arities come from a `BuiltinSet` (the standard one unless the interpreter has
/// its own), as starlark's resolver takes its universe from the runtime.
package struct ResolverEnvironment: Sendable {
    /// Names the host defines (predeclared values and host functions).
    package var predeclared: Set<String>
    /// Built-in functions and how many arguments each takes.
    package var builtins: [String: ClosedRange<Int>]
    /// The top-level names a `use`d module defines, or nil when there is no such module.
    package var moduleExports: @Sendable (String) -> Set<String>?
    /// Why a `use`d module that exists could not be loaded (unreadable, not UTF-8), if it could not.
    package var moduleLoadFailure: @Sendable (String) -> String? = { _ in nil }
    /// Names already bound by a `use` (in earlier REPL entries), and the module that bound
    /// them: using that module again may rebind them, anything else may not.
    package var importedNames: [String: String] = [:]
    /// A REPL entry: a function body may name a global that a later entry defines (as a
    /// script's functions may name globals defined further down); calling it before then
    /// is a runtime `undefined name`.
    package var laterEntriesMayDefine = false

    package init(
        predeclared: Set<String> = [],
        builtins: [String: ClosedRange<Int>] = BuiltinSet.standard.arities,
        moduleExports: @escaping @Sendable (String) -> Set<String>? = { _ in nil }
    ) {
        self.predeclared = predeclared
        self.builtins = builtins
        self.moduleExports = moduleExports
    }
}
