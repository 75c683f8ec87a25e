// Lexical scopes, with the resolver's Python rules: a module's globals and
// one scope per call; `if` and `for` blocks do not open scopes. `let`
// defines in the innermost scope, assignment updates the scope that defined
// the name, lookup walks outwards. A call's scope is a child of the scope
// its `def` ran in, so bodies see globals and their parameters.
//
// Each scope remembers the last name it found in its own bindings: a script names
// the same variable statement after statement (`sg $g …` on every line), and
// hashing the name was most of a lookup (~590 instructions; docs/BENCHMARKS.md).
// Any change to the scope's bindings forgets it.

final class Environment {
    let parent: Environment?
    private(set) var bindings: [String: Value] = [:]
    /// The name last found in `bindings` (nil: none since they last changed) and its value.
    /// Two properties, not an optional tuple: binding the tuple copied it through the runtime.
    private var lastName: String?
    private var lastValue: Value = .nil

    init(parent: Environment?, bindings: [String: Value] = [:]) {
        self.parent = parent
        self.bindings = bindings
    }

    func lookup(_ name: String) -> Value? {
        if lastName == name { return lastValue }
        if let value = bindings[name] {
            lastName = name
            lastValue = value
            return value
        }
        var scope = parent
        while let current = scope {
            if let value = current.bindings[name] { return value }
            scope = current.parent
        }
        return nil
    }

    func define(_ name: String, _ value: Value) {
        forgetLast()
        bindings[name] = value
    }

    /// Removes a binding.
    func remove(_ name: String) {
        forgetLast()
        bindings[name] = nil
    }

    /// Removes every binding (breaks the cycles between functions and the scope they close over).
    func removeAll() {
        forgetLast()
        bindings = [:]
    }

    private func forgetLast() {
        lastName = nil
        lastValue = .nil
    }

    /// Updates the nearest scope that defines `name`; false when none does.
    func assign(_ name: String, _ value: Value) -> Bool {
        var scope: Environment? = self
        while let current = scope {
            if current.bindings[name] != nil {
                current.forgetLast()
                current.bindings[name] = value
                return true
            }
            scope = current.parent
        }
        return false
    }
}
