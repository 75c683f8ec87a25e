import SgshKit

/// What scripts run with: the stdlib modules and builtins the interpreter offers.
enum ScriptEnvironment {
    static func resolverEnvironment() -> ResolverEnvironment { ResolverEnvironment() }
}
