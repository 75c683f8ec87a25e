// Finds, reads and checks the modules that `use` names: the embedded
// standard library first, then the host (which resolves names relative to
// the importing file). Each module is parsed and checked once per loader;
// the checker and the evaluator share the loader so they see the same text.

final class ModuleLoader: @unchecked Sendable {
    // @unchecked: a loader is used by one check or one run, on one task; the
    // resolver's `moduleExports` closure calls back into it synchronously.

    typealias FrontEnd = (SourceFile, ModuleLoader) -> (Program, [Diagnostic])

    /// A module that was found and checked.
    struct Loaded {
        let program: Program
        let diagnostics: [Diagnostic]
    }

    let host: any Host
    private let frontEnd: FrontEnd
    private var cache: [String: Loaded] = [:]
    private var exportCache: [String: Set<String>?] = [:]
    private var loadFailures: [String: String] = [:]

    init(host: any Host, frontEnd: @escaping FrontEnd) {
        self.host = host
        self.frontEnd = frontEnd
    }

    /// The source of a module, from the standard library or else the host.
    func source(_ name: String, importer: String) throws -> ModuleSource? {
        if let text = StdlibSources.modules[name] { return ModuleSource(name: "stdlib/\(name).sgsh", text: text) }
        return try host.loadModule(name, importer: importer)
    }

    /// The parsed and checked module, or nil when there is no such module.
    func load(_ name: String, importer: String) throws -> Loaded? {
        guard let source = try source(name, importer: importer) else { return nil }
        if let loaded = cache[source.name] { return loaded }
        let file = SourceFile(name: source.name, text: source.text)
        // Cache a placeholder first so a module that uses itself does not recurse here;
        // the cycle is reported when it runs.
        cache[source.name] = Loaded(program: Program(file: file, statements: []), diagnostics: [])
        var (program, diagnostics) = frontEnd(file, self)
        // `dryrun` is the header of the script that runs, never of a module it uses (a later
        // `dryrun` in a module is already reported by the resolver as not first).
        if let first = program.statements.first, case .dryrunStmt = first.kind {
            diagnostics.append(Diagnostic(.dryrunInModule, at: first.range))
        }
        for statement in program.statements.prefix(2) {
            if case .ownerStmt = statement.kind { diagnostics.append(Diagnostic(.ownerInModule, at: statement.range)) }
        }
        let loaded = Loaded(program: program, diagnostics: diagnostics)
        cache[source.name] = loaded
        return loaded
    }

    /// The names a module defines at its top level (what `use` brings into scope),
    /// or nil when there is no such module. Only parses; used by the resolver.
    func exports(_ name: String, importer: String) -> Set<String>? {
        let key = "\(importer)\u{0}\(name)"
        if let cached = exportCache[key] { return cached }
        let result: Set<String>?
        do {
            result = try load(name, importer: importer).map { Set(Self.exports(of: $0.program)) }
        } catch {
            loadFailures[key] = "\(error)"
            result = nil
        }
        exportCache[key] = result
        return result
    }

    /// Why the module could not be loaded, when `exports` found it but could not read it.
    func loadFailure(_ name: String, importer: String) -> String? {
        _ = exports(name, importer: importer)
        return loadFailures["\(importer)\u{0}\(name)"]
    }

    /// Top-level `let`, `def` and `for` names, including those inside top-level `if`/`for` blocks.
    static func exports(of program: Program) -> [String] {
        var names: [String] = []
        func collect(_ statements: [Stmt]) {
            for statement in statements {
                switch statement.kind {
                case .letStmt(let name, _), .defStmt(let name, _, _): names.append(name.name)
                case .forStmt(let name, _, let body):
                    names.append(name.name)
                    collect(body.statements)
                case .ifStmt(let branches, let elseBlock):
                    for branch in branches { collect(branch.body.statements) }
                    if let elseBlock { collect(elseBlock.statements) }
                default: break
                }
            }
        }
        collect(program.statements)
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }

    /// Every module a program uses, directly or through other modules, each once.
    func modulesUsed(by program: Program) -> [Loaded] {
        var out: [Loaded] = []
        var seen: Set<String> = [program.file.name]
        func visit(_ program: Program) {
            for (name, _) in Self.uses(in: program.statements) {
                guard let loaded = try? load(name, importer: program.file.name),
                    seen.insert(loaded.program.file.name).inserted
                else { continue }
                out.append(loaded)
                visit(loaded.program)
            }
        }
        visit(program)
        return out
    }

    /// Import cycles among the files a program uses, found before anything runs: each is
    /// reported at the program's own `use` that leads into it, with a note at every `use` of
    /// the cycle. The message is the one the evaluator gives when it meets a cycle running.
    func cycleDiagnostics(of program: Program) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var finished: Set<String> = []
        // The files being visited, each with the `use` that led into it.
        var path: [(file: String, via: SourceRange?)] = []
        func visit(_ program: Program, via: SourceRange?) {
            path.append((program.file.name, via))
            for (name, range) in Self.uses(in: program.statements) {
                guard let loaded = try? load(name, importer: program.file.name) else { continue }
                let key = loaded.program.file.name
                if let start = path.firstIndex(where: { $0.file == key }) {
                    let uses = path[(start + 1)...].compactMap(\.via) + [range]
                    let chain = (path[start...].map(\.file) + [key]).joined(separator: " -> ")
                    // Where the checked program enters the cycle: its own `use`.
                    let entry = path.count > 1 ? path[1].via! : range
                    let through = uses.filter { $0 != entry }.map(DiagnosticMessage.cycleGoesThrough)
                    diagnostics.append(Diagnostic(DiagnosticMessage.importCycle(chain).adding(through), at: entry))
                } else if !finished.contains(key) {
                    visit(loaded.program, via: range)
                }
            }
            finished.insert(program.file.name)
            path.removeLast()
        }
        visit(program, via: nil)
        return diagnostics
    }

    /// The message for an import cycle `a.sgsh -> b.sgsh -> a.sgsh`.
    static func cycleMessage(_ chain: String) -> String { DiagnosticMessage.importCycle(chain).text }

    /// The `use` statements anywhere in `statements`, in order.
    static func uses(in statements: [Stmt]) -> [(String, SourceRange)] {
        var out: [(String, SourceRange)] = []
        for statement in statements {
            switch statement.kind {
            case .useStmt(let name, let range): out.append((name, range))
            case .forStmt(_, _, let body), .defStmt(_, _, let body): out += uses(in: body.statements)
            case .ifStmt(let branches, let elseBlock):
                for branch in branches { out += uses(in: branch.body.statements) }
                if let elseBlock { out += uses(in: elseBlock.statements) }
            default: break
            }
        }
        return out
    }
}
