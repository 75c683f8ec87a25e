/// A global of the REPL session, as `:vars` lists it.
struct REPLBinding: Hashable, Sendable {
    var name: String
    /// The value as the language would print it (`[10.0.0.0/8]`, `<function bastion(group, cidrs)>`).
    var value: String
    var isFunction: Bool
}
