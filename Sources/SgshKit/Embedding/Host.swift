// The host owns every effect a script can have (starlark's Thread, wren's
// WrenConfiguration): output, module loading, the environment, the clock and
// reads from a backend. SgshKit itself does no I/O, so an embedding program
// decides what a script can see — a sandbox is a host that grants nothing.

import SgshModel

/// A module's source text as a host found it.
public struct ModuleSource: Hashable, Sendable {
    /// The name diagnostics show and modules are cached by (e.g. a resolved path).
    public var name: String
    /// The sgsh source.
    public var text: String

    /// Creates a module source.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// What a script may do outside the interpreter. Only `print` is required;
/// every other effect defaults to "not available".
public protocol Host: Sendable {
    /// Writes one line of script output (`print`), without its newline.
    func print(_ text: String)

    /// Finds a module that is not in the standard library, by the name a
    /// `use` wrote (usually a path relative to the importing file).
    /// - Parameters:
    ///   - name: the text after `use`.
    ///   - importer: the `ModuleSource.name` (or script name) of the file that uses it.
    /// - Returns: the module's source, or nil when there is no such module.
    func loadModule(_ name: String, importer: String) throws -> ModuleSource?

    /// True when scripts may read environment variables with `env()`.
    var grantsEnvironment: Bool { get }

    /// The value of an environment variable, or nil when it is unset.
    func environmentVariable(_ name: String) -> String?

    /// The current time in whole seconds since the Unix epoch (`now()`).
    func now() -> Int

    /// The backend that `sg lookup` and `group "name"` read from; nil when
    /// there is none (those reads then fail with a clear error).
    var backend: (any SecurityGroupBackend)? { get }
}

extension Host {
    /// No modules besides the standard library.
    public func loadModule(_ name: String, importer: String) throws -> ModuleSource? { nil }
    /// The environment is not granted.
    public var grantsEnvironment: Bool { false }
    /// No environment variables.
    public func environmentVariable(_ name: String) -> String? { nil }
    /// A clock stopped at the epoch, so scripts are deterministic unless the host says otherwise.
    public func now() -> Int { 0 }
    /// No backend.
    public var backend: (any SecurityGroupBackend)? { nil }
}
