// Lexical scopes, with the resolver's Python rules: a module's globals and
// one scope per call; `if` and `for` blocks do not open scopes. `let`
// defines in the innermost scope, assignment updates the scope that defined
// the name, lookup walks outwards. A call's scope is a child of the scope
// its `def` ran in, so bodies see globals and their parameters.

final class Environment {
    let parent: Environment?
    private(set) var bindings: [String: Value] = [:]

    init(parent: Environment?, bindings: [String: Value] = [:]) {
        self.parent = parent
        self.bindings = bindings
    }

    func lookup(_ name: String) -> Value? {
        var scope: Environment? = self
        while let current = scope {
            if let value = current.bindings[name] { return value }
            scope = current.parent
        }
        return nil
    }

    func define(_ name: String, _ value: Value) { bindings[name] = value }

    /// Removes a binding.
    func remove(_ name: String) { bindings[name] = nil }

    /// Removes every binding (breaks the cycles between functions and the scope they close over).
    func removeAll() { bindings = [:] }

    /// Updates the nearest scope that defines `name`; false when none does.
    func assign(_ name: String, _ value: Value) -> Bool {
        var scope: Environment? = self
        while let current = scope {
            if current.bindings[name] != nil {
                current.bindings[name] = value
                return true
            }
            scope = current.parent
        }
        return false
    }
}
