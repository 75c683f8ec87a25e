// A REPL session: entries run one after another in shared globals, so a
// `let` or `def` in one entry is visible in the next (LANGUAGE.md, the REPL
// plans and applies each entry as it is typed). Each entry is checked
// against the names defined so far and gets its own Plan and its own limits.

import SgshModel

/// Runs a sequence of entries that share their globals, as an interactive shell does.
public final class Session {
    /// The interpreter whose host, limits, builtins and predeclared values the session uses.
    public let interpreter: Interpreter
    private let loader: ModuleLoader
    private let evaluator: Evaluator
    private let globals: Environment
    /// Names the entries bound with `use`, and the module each came from.
    private var importedNames: [String: String] = [:]
    /// The policies the entries declared so far (a module's only when it first ran): every
    /// later entry's plan is checked against them, as a script's rules are against its own.
    public private(set) var policies = PolicySet()

    /// Starts a session with no names defined besides the interpreter's.
    public init(interpreter: Interpreter) {
        self.interpreter = interpreter
        self.loader = interpreter.makeLoader()
        self.evaluator = Evaluator(
            host: interpreter.host, limits: interpreter.limits, builtins: interpreter.builtins,
            predeclared: interpreter.predeclared, loader: loader)
        self.globals = Environment(parent: evaluator.universe)
    }

    /// The names entries have defined so far, with their current values.
    public var definitions: [String: Value] { globals.bindings }

    /// Checks an entry against the names defined so far, without running it.
    /// - Parameters:
    ///   - entry: the entry's text.
    ///   - name: the name diagnostics show (`<repl>`).
    public func check(entry: String, name: String = "<repl>") -> [Diagnostic] {
        check(SourceFile(name: name, text: entry)).1
    }

    /// Checks and runs an entry; its definitions persist for later entries.
    /// - Returns: the operations this entry asked for (earlier entries' are not repeated), and
    ///   the policies of this entry and every earlier one.
    /// - Throws: `SgshError.invalidProgram` when the entry does not check (nothing ran);
    ///   `SgshError.runtime` when it stopped while running (definitions made before the
    ///   error persist, its plan is discarded).
    public func plan(entry: String, name: String = "<repl>") async throws(SgshError) -> Plan {
        let (program, diagnostics) = check(SourceFile(name: name, text: entry))
        if diagnostics.hasErrors { throw .invalidProgram(diagnostics) }
        // Definitions made before a runtime error persist, and so do their origins.
        defer { noteBindings(of: program) }
        var plan: Plan
        do {
            plan = try await evaluator.run(program, in: globals)
        } catch {
            throw .runtime(error)
        }
        policies = policies.merging(plan.policies)
        plan.policies = policies
        return plan
    }

    /// Remembers which names the entry bound with `use` (and which it bound itself), so a
    /// later entry may `use` the same module again but not let a module replace its names.
    private func noteBindings(of program: Program) {
        for statement in program.statements {
            switch statement.kind {
            case .useStmt(let module, _):
                for name in loader.exports(module, importer: program.file.name) ?? [] { importedNames[name] = module }
            case .letStmt(let name, _), .assignStmt(let name, _), .forStmt(let name, _, _), .defStmt(let name, _, _):
                importedNames[name.name] = nil
            default:
                break
            }
        }
    }

    /// Forgets every global that still holds a group `sg create` only planned (a dry run's
    /// placeholder, also inside a list): once dry run is off, naming it would act on a group
    /// that does not exist. Later entries get `undefined name` instead.
    /// - Returns: the names forgotten, sorted.
    @discardableResult
    public func forgetPlannedGroups() -> [String] {
        func planned(_ value: Value) -> Bool {
            switch value {
            case .group(.created, _): true
            case .list(let values): values.contains(where: planned)
            default: false
            }
        }
        let names = globals.bindings.filter { planned($0.value) }.keys.sorted()
        for name in names {
            globals.remove(name)
            importedNames[name] = nil
        }
        return names
    }

    /// Gives every global that holds a group made by `sg create` (also inside a list) the
    /// group's real id, once the create has been applied, so later entries name the group
    /// that exists rather than a placeholder of a plan that is done.
    /// - Parameter ids: the applied creations and the ids EC2 gave them.
    public func bindCreatedGroups(_ ids: [CreatedGroup: String]) {
        guard !ids.isEmpty else { return }
        func bound(_ value: Value) -> Value {
            switch value {
            case .group(.created(let group), let owner): ids[group].map { .group(.id($0), owner: owner) } ?? value
            case .list(let values): .list(values.map(bound))
            default: value
            }
        }
        for (name, value) in globals.bindings {
            let new = bound(value)
            if new != value { globals.define(name, new) }
        }
    }

    private func check(_ file: SourceFile) -> (Program, [Diagnostic]) {
        var environment = interpreter.resolverEnvironment(for: file, loader)
        environment.predeclared.formUnion(globals.bindings.keys)
        environment.importedNames = importedNames
        environment.laterEntriesMayDefine = true
        let (program, diagnostics) = ProgramChecker.check(file, environment: environment)
        return (
            program,
            diagnostics + loader.modulesUsed(by: program).flatMap(\.diagnostics) + loader.cycleDiagnostics(of: program)
        )
    }
}
