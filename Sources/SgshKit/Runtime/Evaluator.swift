// The tree-walking evaluator: runs a checked Program against a Host and
// collects what it asks for in a Plan.
//
// Nothing is mutated while a script runs (ARCHITECTURE.md): `sg` statements
// append Operations, reads (`sg lookup`, `group "name"`) go through the
// host's backend, and any error discards the plan. Execution follows jlox's
// `execute(_:)`/`evaluate(_:)` over an exhaustive switch; control flow
// (`return`) is a result value, not an exception. Every statement, loop
// iteration and call goes through `tick`, the one place limits and
// cancellation are checked (ExecutionMeter).
//
// Its async functions are `nonisolated(nonsending)`: they run on their caller's
// executor. A plain nonisolated async function switches to the global executor
// on entry (swift_task_switch, ~200 instructions even when it is already
// there), and the evaluator is not Sendable, so it never has another executor
// to be on; the public entry points (Interpreter, Session) still run it off
// their caller's actor. Leaf expressions, ports and protocols written in the
// script, and empty tag lists take no async call at all (`evaluate(_:_:)`).

import SgshModel

final class Evaluator {
    /// Where each active call is: its function name and the range it is executing.
    struct ActiveFrame {
        let name: String
        var position: SourceRange?
    }

    /// What executing a statement did to control flow.
    enum Flow {
        case next
        case returned(Value)
    }

    /// How many bytes of a built string count as one step.
    static let bytesPerStep = 64

    let host: any Host
    let builtins: BuiltinSet
    private(set) var meter: ExecutionMeter
    let loader: ModuleLoader?
    /// Builtins and predeclared values; the parent scope of every file's globals.
    let universe: Environment
    var plan = Plan()
    var frames: [ActiveFrame] = [ActiveFrame(name: "<toplevel>", position: nil)]
    var createdGroups: [CreatedGroup] = []
    /// Exports of modules already run, by module name as the loader resolved it.
    var loadedModules: [String: [(String, Value)]] = [:]
    /// Modules being run, outermost first, to report cycles.
    var loadingModules: [String] = []
    /// Called for each operation as it is planned (tests interleave it with output).
    var operationObserver: ((PlannedOperation) -> Void)?
    /// Every scope a `def` ran in. A script function holds the scope it closes over and that
    /// scope holds the function: a reference cycle ARC never frees. Emptying these scopes
    /// when the evaluator goes (after a run, or when a REPL session ends) frees them, so a
    /// host that runs many scripts does not keep every run's scopes (found by scripts/fuzz).
    private var functionScopes: [ObjectIdentifier: Environment] = [:]

    deinit {
        for scope in functionScopes.values { scope.removeAll() }
    }

    init(
        host: any Host, limits: ExecutionLimits, builtins: BuiltinSet, predeclared: [String: Value],
        loader: ModuleLoader?
    ) {
        self.host = host
        self.builtins = builtins
        self.meter = ExecutionMeter(limits: limits)
        self.loader = loader
        var bindings: [String: Value] = [:]
        for name in builtins.names {
            if let builtin = builtins[name] {
                bindings[name] = .function(Function(name: name, body: .builtin(builtin)))
            }
        }
        for (name, value) in predeclared { bindings[name] = value }
        self.universe = Environment(parent: nil, bindings: bindings)
    }

    /// Runs a program's top level in fresh globals and returns the plan it built.
    nonisolated(nonsending) func run(_ program: Program) async throws(RuntimeError) -> Plan {
        try await run(program, in: Environment(parent: universe))
    }

    /// Runs a program's top level in `globals` (a REPL session's, kept between
    /// entries) with a fresh plan, call stack and meter, and returns the plan it built.
    nonisolated(nonsending) func run(_ program: Program, in globals: Environment) async throws(RuntimeError) -> Plan {
        plan = Plan()
        // Placeholders belong to one plan: a REPL entry after the one that created a
        // group must find it (`sg lookup`) on the backend, not as an earlier placeholder.
        createdGroups = []
        frames = [ActiveFrame(name: "<toplevel>", position: nil)]
        meter = ExecutionMeter(limits: meter.limits)
        // Room for an operation per top-level statement (a script of `sg` lines): grown one by
        // one, the operations were copied again and again into memory not touched before.
        plan.operations.reserveCapacity(program.statements.count)
        do {
            try await executeTopLevel(program.statements, globals)
            return plan
        } catch let error as RuntimeError {
            throw error
        } catch {
            // Every path above converts its errors; this is a backstop, not a code path.
            let range = SourceRange.point(program.file, 0)
            throw RuntimeError(.hostFunction, "\(error)", at: range, callStack: snapshot(at: range), underlying: error)
        }
    }

    nonisolated(nonsending) func executeTopLevel(_ statements: [Stmt], _ env: Environment) async throws {
        for statement in statements {
            if case .returned = try await execute(statement, env) { return }
        }
    }

    // MARK: - Statements

    nonisolated(nonsending) func execute(_ statements: [Stmt], _ env: Environment) async throws -> Flow {
        for statement in statements {
            let flow = try await execute(statement, env)
            if case .returned = flow { return flow }
        }
        return .next
    }

    /// Blocks do not open scopes (the resolver's Python rules): only modules and calls do.
    nonisolated(nonsending) func execute(_ block: Block, _ env: Environment) async throws -> Flow {
        try await execute(block.statements, env)
    }

    nonisolated(nonsending) func execute(_ statement: Stmt, _ env: Environment) async throws -> Flow {
        try tick(statement.range)
        switch statement.kind {
        case .letStmt(let name, let expr):
            env.define(name.name, try await evaluate(expr, env))
        case .assignStmt(let name, let expr):
            let value = try await evaluate(expr, env)
            guard env.assign(name.name, value) else {
                throw error(.undefinedName, "cannot assign to undefined name '\(name.name)'", at: name.range)
            }
        case .forStmt(let name, let iterable, let body):
            let value = try await evaluate(iterable, env)
            guard case .list(let items) = value else {
                throw error(.typeMismatch, "'for' needs a list, not \(value.typeName)", at: iterable.range)
            }
            for item in items {
                try tick(name.range)
                env.define(name.name, item)
                let flow = try await execute(body.statements, env)
                if case .returned = flow { return flow }
            }
        case .ifStmt(let branches, let elseBlock):
            for branch in branches where try await evaluate(branch.condition, env).isTruthy {
                return try await execute(branch.body, env)
            }
            if let elseBlock { return try await execute(elseBlock, env) }
        case .defStmt(let name, let parameters, let body):
            let function = Function(name: name.name, body: .script(parameters: parameters, body: body, closure: env))
            env.define(name.name, .function(function))
            functionScopes[ObjectIdentifier(env)] = env
        case .returnStmt(let expr):
            return .returned(try await expr.asyncMap { try await evaluate($0, env) } ?? .nil)
        case .useStmt(let name, let range):
            try await use(name, at: range, into: env)
        case .dryrunStmt(let on):
            plan.dryRun = on
            plan.dryRunStatement = on
        case .ownerStmt(let name):
            plan.owner = name.value
        case .printStmt(let exprs):
            var parts: [String] = []
            for expr in exprs { parts.append(try await evaluate(expr, env).text) }
            try output(parts.joined(separator: " "), at: statement.range)
        case .sgStmt(let sg):
            try await execute(sg, range: statement.range, env)
        case .policyStmt(let policy):
            try await execute(policy, range: statement.range, env)
        case .exprStmt(let expr):
            _ = try await evaluate(expr, env)
        }
        return .next
    }

    // MARK: - Expressions

    /// An expression's value. Most of a script's expressions are leaves (a name, a literal, a
    /// string without `${…}`), which `leafValue` evaluates without an async call: one costs a
    /// task allocation and an executor check even when nothing suspends, and a 100,000-line
    /// dry run made 300,000 of them for its `$g`, CIDRs and descriptions (docs/BENCHMARKS.md).
    /// Inlined, so that a caller reaches `leafValue` without one either.
    @inline(__always)
    nonisolated(nonsending) func evaluate(_ expr: Expr, _ env: Environment) async throws -> Value {
        if let value = try leafValue(expr, env) { return value }
        return try await evaluateNode(expr, env)
    }

    /// The value of a leaf expression (one that holds no other expression, or a string of
    /// text alone); nil, having done nothing, for any other.
    func leafValue(_ expr: Expr, _ env: Environment) throws -> Value? {
        switch expr.kind {
        case .integer(let value):
            return .int(value)
        case .string(let parts):
            // The usual string is one piece of text: it is the value, with no String to build.
            if parts.count == 1, case .text(let literal) = parts[0] { return try string(literal, at: expr.range) }
            var text = ""
            for part in parts {
                guard case .text(let literal) = part else { return nil }
                text += literal
            }
            return try string(text, at: expr.range)
        case .bool(let value):
            return .bool(value)
        case .nil:
            return .nil
        case .cidr(let literal):
            if let block = literal.block { return .cidr(block) }
            return .cidr(try cidr(literal.written ?? expr.range.text, at: expr.range))
        case .portRange(let low, let high):
            guard let range = PortRange(from: low, to: high) else {
                throw error(.invalidValue, "port range '\(low)-\(high)' is not within 0-65535 in order", at: expr.range)
            }
            return .portRange(range)
        case .groupID(let id):
            return .groupID(id)
        case .accountGroup(let account, let groupID):
            return .group(.id(groupID), owner: account)
        case .prefixListID(let id):
            return .prefixList(id)
        case .vpcID(let id):
            return .string(id)
        case .variable(let name):
            guard let value = env.lookup(name) else {
                throw error(.undefinedName, "undefined name '\(name)'", at: expr.range)
            }
            return value
        case .invalid:
            throw error(.invalidValue, "this expression could not be read", at: expr.range)
        case .list, .unary, .binary, .call, .index, .groupNamed, .sgCreate, .sgReplace, .sgLookup:
            return nil
        }
    }

    /// A string the script built, charged by its size. One shorter than `bytesPerStep` costs no
    /// step, and is not a step that checks the limits (and polls for cancellation) again: the
    /// statement's own step did (a second check for each rule's description; docs/BENCHMARKS.md).
    func string(_ text: String, at range: SourceRange) throws -> Value {
        let steps = text.utf8.count / Self.bytesPerStep
        if steps > 0 { try tick(range, steps: steps) }
        return try held(.string(text), at: range)
    }

    /// The value of an expression that holds others (or a string with `${…}`), which may
    /// suspend (a call, a backend read).
    private nonisolated(nonsending) func evaluateNode(_ expr: Expr, _ env: Environment) async throws -> Value {
        switch expr.kind {
        case .string(let parts):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal): text += literal
                case .interpolation(let inner): text += try await evaluate(inner, env).text
                }
            }
            return try string(text, at: expr.range)
        case .list(let elements):
            var values: [Value] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try await evaluate(element, env)) }
            return try held(.list(values), at: expr.range)
        case .unary(let op, let operand):
            return try unary(op, try await evaluate(operand, env), at: expr.range)
        case .binary(.and, let lhs, let rhs):
            let left = try await evaluate(lhs, env)
            return left.isTruthy ? try await evaluate(rhs, env) : left
        case .binary(.or, let lhs, let rhs):
            let left = try await evaluate(lhs, env)
            return left.isTruthy ? left : try await evaluate(rhs, env)
        case .binary(let op, let lhs, let rhs):
            let left = try await evaluate(lhs, env)
            let right = try await evaluate(rhs, env)
            return try binary(op, left, right, at: expr.range)
        case .call(let calleeExpr, let argumentExprs):
            let callee = try await evaluate(calleeExpr, env)
            var arguments: [Value] = []
            for argument in argumentExprs { arguments.append(try await evaluate(argument, env)) }
            guard case .function(let function) = callee else {
                throw error(
                    .typeMismatch, "cannot call \(callee.typeName) '\(calleeExpr.range.text)'", at: calleeExpr.range)
            }
            return try await call(function, arguments, at: expr.range)
        case .index(let base, let indexExpr):
            return try index(try await evaluate(base, env), try await evaluate(indexExpr, env), at: expr.range)
        case .groupNamed(let nameExpr):
            let name = try await evaluate(nameExpr, env)
            guard case .string(let text) = name else {
                throw error(
                    .typeMismatch, "'group' needs a group name string, not \(name.typeName)", at: nameExpr.range)
            }
            guard let group = try await findGroup(named: text, at: expr.range) else {
                throw error(.backend, "no security group named '\(text)'", at: expr.range)
            }
            return group
        case .sgCreate(let nameExpr, let vpcExpr, let descriptionExpr):
            return try await create(name: nameExpr, vpc: vpcExpr, description: descriptionExpr, at: expr.range, env)
        case .sgReplace(let groupExpr, let nameExpr, let vpcExpr, let descriptionExpr):
            return try await replace(
                groupExpr, name: nameExpr, vpc: vpcExpr, description: descriptionExpr, at: expr.range, env)
        case .sgLookup(let nameExpr):
            let name = try await evaluate(nameExpr, env)
            guard case .string(let text) = name else {
                throw error(
                    .typeMismatch, "'sg lookup' needs a group name string, not \(name.typeName)", at: nameExpr.range)
            }
            return try await findGroup(named: text, at: expr.range) ?? .nil
        case .integer, .bool, .nil, .cidr, .portRange, .groupID, .accountGroup, .prefixListID, .vpcID, .variable,
            .invalid:
            // Leaves: `evaluate(_:_:)` gave them to `leafValue`.
            return try leafValue(expr, env)!
        }
    }

    func cidr(_ text: String, at range: SourceRange) throws -> CIDR {
        do {
            return try CIDR(parsing: text)
        } catch {
            throw self.error(.invalidValue, "invalid CIDR '\(text)': \(error)", at: range)
        }
    }

    // MARK: - Calls

    nonisolated(nonsending) func call(_ function: Function, _ arguments: [Value], at range: SourceRange) async throws
        -> Value
    {
        frames[frames.count - 1].position = range
        switch function.body {
        case .builtin(let builtin):
            return try await callBuiltin(builtin, arguments, at: range)
        case .script(let parameters, let body, let closure):
            guard arguments.count == parameters.count else {
                let wanted = parameters.count == 1 ? "1 argument" : "\(parameters.count) arguments"
                throw error(.argument, "'\(function.name)' takes \(wanted), got \(arguments.count)", at: range)
            }
            meter.callDepth += 1
            defer { meter.callDepth -= 1 }
            try tick(range)
            let scope = Environment(parent: closure)
            for (parameter, argument) in zip(parameters, arguments) { scope.define(parameter.name, argument) }
            frames.append(ActiveFrame(name: function.name, position: nil))
            defer { frames.removeLast() }
            if case .returned(let value) = try await execute(body.statements, scope) { return value }
            return .nil
        }
    }

    nonisolated(nonsending) func callBuiltin(_ builtin: Builtin, _ arguments: [Value], at range: SourceRange)
        async throws -> Value
    {
        guard builtin.arity.contains(arguments.count) else {
            throw error(.argument, "'\(builtin.name)' \(builtin.arityText), got \(arguments.count)", at: range)
        }
        try tick(range)
        let args = Arguments(function: builtin.name, values: arguments, host: host, meter: MeterHandle(meter))
        let result: Value
        do {
            result = try await builtin.body(args)
        } catch let failure as RuntimeError {
            throw failure
        } catch {
            var failure = runtimeError(from: error, in: builtin.name, at: range)
            failure.callStack.append(CallFrame(name: builtin.name, range: nil))
            throw failure
        }
        // A host function's result counts like anything the script builds.
        return try held(result, at: range)
    }

    /// Turns whatever a builtin threw into a runtime error at the call.
    func runtimeError(from thrown: any Error, in name: String, at range: SourceRange) -> RuntimeError {
        switch thrown {
        case let limit as LimitExceeded:
            return error(limit.kind, limit.message, at: range)
        case let argument as ArgumentError:
            return error(.argument, argument.message, at: range, underlying: argument)
        case is CancellationError:
            return error(.cancelled, "script cancelled", at: range)
        case let backend as BackendError:
            return error(.backend, "\(name): \(backend)", at: range, underlying: backend)
        default:
            return error(.hostFunction, "\(name): \(thrown)", at: range, underlying: thrown)
        }
    }

    // MARK: - Effects and limits

    /// Counts `steps` (one by default) and checks every limit. Work that grows with
    /// the size of a value (building a list or string) is charged by its size, so
    /// doubling a list in a loop hits the step limit instead of exhausting memory.
    func tick(_ range: SourceRange, steps: Int = 1) throws {
        do {
            try meter.step(steps)
        } catch {
            throw self.error(error.kind, error.message, at: range)
        }
    }

    /// Returns `value` when it fits `ExecutionLimits.maxValueBytes`.
    func held(_ value: Value, at range: SourceRange) throws -> Value {
        do {
            try meter.hold(value)
        } catch {
            throw self.error(error.kind, error.message, at: range)
        }
        return value
    }

    /// Checks, before building it, that a value of `bytes` fits `ExecutionLimits.maxValueBytes`.
    func reserve(bytes: Int, at range: SourceRange) throws {
        do {
            try meter.reserve(bytes: bytes)
        } catch {
            throw self.error(error.kind, error.message, at: range)
        }
    }

    func output(_ text: String, at range: SourceRange) throws {
        do {
            try meter.output(bytes: text.utf8.count + 1)
        } catch {
            throw self.error(error.kind, error.message, at: range)
        }
        host.print(text)
    }

    /// Appends an operation to the plan; `lifetimes` are its rules' (`for 2h`), in order.
    /// The operation is moved into the plan, not copied (a copy retained its group and rules).
    func record(_ operation: consuming Operation, at range: SourceRange, lifetimes: [Int?] = []) throws {
        do {
            try meter.operation()
        } catch {
            throw self.error(error.kind, error.message, at: range)
        }
        let kept = lifetimes.contains(where: { $0 != nil }) ? lifetimes : []
        plan.operations.append(PlannedOperation(operation, origin: range, lifetimes: kept))
        if let operationObserver { operationObserver(plan.operations[plan.operations.count - 1]) }
    }

    // MARK: - Errors

    /// A runtime error at `range` with the current call stack.
    func error(
        _ kind: RuntimeError.Kind, _ message: String, at range: SourceRange, underlying: (any Error)? = nil
    ) -> RuntimeError {
        RuntimeError(kind, message, at: range, callStack: snapshot(at: range), underlying: underlying)
    }

    /// A runtime error for a rule part that failed one of `RuleFacts`' checks.
    func error(_ fact: RuleFactError, at range: SourceRange) -> RuntimeError {
        RuntimeError(fact, at: range, callStack: snapshot(at: range))
    }

    func snapshot(at range: SourceRange) -> [CallFrame] {
        var stack = frames.map { CallFrame(name: $0.name, range: $0.position) }
        stack[stack.count - 1] = CallFrame(name: frames[frames.count - 1].name, range: range)
        return stack
    }
}
