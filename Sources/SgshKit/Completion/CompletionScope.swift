/// The names a `Completer` may offer besides the language's own words: what is
/// defined in the session and what the backend knows. The caller fills it; the
/// completer never looks anything up itself.
public struct CompletionScope: Hashable, Sendable {
    /// Names bound to values (offered bare in expressions and as `$name` in `sg` positions).
    public var variables: [String]
    /// Script functions and builtins, offered where an expression can start.
    public var functions: [String]
    /// Module names `use` can load (the standard library's and any the host adds).
    public var modules: [String]
    /// Security group ids known to the backend (`sg-0abc…`).
    public var groupIDs: [String]
    /// Security group names known to the backend, for `sg lookup` and `group "name"`.
    public var groupNames: [String]

    /// Creates a scope; every list defaults to empty.
    public init(
        variables: [String] = [], functions: [String] = [], modules: [String] = [], groupIDs: [String] = [],
        groupNames: [String] = []
    ) {
        self.variables = variables
        self.functions = functions
        self.modules = modules
        self.groupIDs = groupIDs
        self.groupNames = groupNames
    }
}
