// The embedding API: one value that checks and runs sgsh scripts for a host.
//
// Modelled on starlark's ExecFileOptions and Lua's selected libraries: the
// host owns every effect, the builtin set decides what a script can call,
// predeclared values are the host's globals, and ExecutionLimits bound the
// run. `check` finds every diagnostic; `plan` evaluates a script into a Plan
// (operations, nothing sent). Interpreter+Apply.swift goes on from there for
// hosts that want it: `changes` (the Planner, Planning/), `apply` (the
// Executor, Applying/) and `run` (all three); Session keeps globals across
// entries for a REPL.

import SgshModel

/// Checks and runs sgsh scripts on behalf of a host.
///
/// ```swift
/// let interpreter = Interpreter(host: MyHost(), predeclared: ["office": [.cidr(CIDR("203.0.113.0/24")!)]])
/// let plan = try await interpreter.plan(source: "sg sg-0abc ingress allow tcp 22 from $office", name: "ssh.sgsh")
/// ```
public struct Interpreter: Sendable {
    /// Where output goes, modules come from, and reads are made.
    public let host: any Host
    /// Bounds on each run.
    public let limits: ExecutionLimits
    /// The functions scripts can call besides their own.
    public let builtins: BuiltinSet
    /// Values every script sees as globals (a predeclared name can be shadowed by `let`).
    public var predeclared: [String: Value]

    /// Creates an interpreter.
    /// - Parameters:
    ///   - host: owns output, module loading, environment, clock and the backend for reads.
    ///   - limits: steps, call depth, output bytes and operations allowed per run.
    ///   - builtins: the builtins and host functions scripts may call (`.standard` plus any you register).
    ///   - predeclared: values scripts see as globals.
    public init(
        host: any Host, limits: ExecutionLimits = ExecutionLimits(), builtins: BuiltinSet = .standard,
        predeclared: [String: Value] = [:]
    ) {
        self.host = host
        self.limits = limits
        self.builtins = builtins
        self.predeclared = predeclared
    }

    /// Parses and checks a script (and the modules it uses) without running it.
    /// - Parameters:
    ///   - source: the script's text.
    ///   - name: the name diagnostics show (`rules.sgsh`); relative `use` paths resolve against it.
    /// - Returns: every diagnostic, in order; the script can run when none is an error.
    public func check(source: String, name: String) -> [Diagnostic] {
        check(file: SourceFile(name: name, text: source))
    }

    /// Parses and checks a script already read into a source file (the CLI's, so the text
    /// is not copied and scanned for lines a second time).
    /// - Parameter file: the script; its name is what diagnostics show, and relative `use`
    ///   paths resolve against it.
    /// - Returns: every diagnostic, in order; the script can run when none is an error.
    public func check(file: SourceFile) -> [Diagnostic] {
        checkedProgram(file).diagnostics
    }

    /// `check(file:)` with the parsed program, for a caller that decides when it is freed.
    package func checkedProgram(_ file: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
        let loader = makeLoader()
        let (program, diagnostics) = frontEnd(file, loader)
        let all =
            diagnostics + loader.modulesUsed(by: program).flatMap(\.diagnostics) + loader.cycleDiagnostics(of: program)
        return (program, all)
    }

    /// Checks a script given as the bytes of its file: bytes that are not UTF-8 are an error
    /// at the first such byte (never replaced silently), and the rest is not checked.
    public func check(bytes: [UInt8], name: String) -> [Diagnostic] {
        let (file, invalid) = SourceFile.decoding(bytes, name: name)
        if let invalid { return [invalid] }
        return check(file: file)
    }

    /// Checks and runs a script, returning what it asks for. Nothing is sent
    /// anywhere: reads go through the host's backend, every change is an
    /// Operation in the returned Plan, to be applied by the planner/executor.
    /// - Parameters:
    ///   - source: the script's text.
    ///   - name: the name diagnostics show; relative `use` paths resolve against it.
    /// - Returns: the plan, in the order the script asked.
    /// - Throws: `SgshError.invalidProgram` when the script (or a module it
    ///   uses) does not check, and nothing ran; `SgshError.runtime` when it
    ///   stopped while running (an error, a limit, cancellation), and its plan was discarded.
    public func plan(source: String, name: String) async throws(SgshError) -> Plan {
        try await plan(file: SourceFile(name: name, text: source), observer: nil)
    }

    /// Checks and runs a script already read into a source file (the CLI's, so the text is not
    /// copied and scanned for lines a second time), as `plan(source:name:)` does.
    /// - Parameter file: the script; its name is what diagnostics show, and relative `use`
    ///   paths resolve against it.
    /// - Returns: the plan, in the order the script asked.
    /// - Throws: `SgshError.invalidProgram` when the script (or a module it uses) does not
    ///   check, and nothing ran; `SgshError.runtime` when it stopped while running.
    public func plan(file: SourceFile) async throws(SgshError) -> Plan {
        try await plan(file: file, observer: nil)
    }

    /// `plan(source:name:)` with a callback for each operation as it is planned.
    func plan(source: String, name: String, observer: ((PlannedOperation) -> Void)?) async throws(SgshError) -> Plan {
        try await plan(file: SourceFile(name: name, text: source), observer: observer)
    }

    /// `plan(file:)` with a callback for each operation as it is planned.
    func plan(file: SourceFile, observer: ((PlannedOperation) -> Void)?) async throws(SgshError) -> Plan {
        let loader = makeLoader()
        let (program, diagnostics) = frontEnd(file, loader)
        let all =
            diagnostics + loader.modulesUsed(by: program).flatMap(\.diagnostics) + loader.cycleDiagnostics(of: program)
        if all.hasErrors { throw .invalidProgram(all) }
        let evaluator = Evaluator(
            host: host, limits: limits, builtins: builtins, predeclared: predeclared, loader: loader)
        evaluator.operationObserver = observer
        evaluator.loadingModules = [file.name]
        do {
            return try await evaluator.run(program)
        } catch {
            throw .runtime(error)
        }
    }

    func makeLoader() -> ModuleLoader {
        ModuleLoader(host: host) { file, loader in frontEnd(file, loader) }
    }
}
