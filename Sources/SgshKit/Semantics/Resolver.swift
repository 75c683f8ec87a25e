// The resolver: everything that can be checked without the network, before
// anything runs. Names (with did-you-mean), arity of builtins and functions,
// `from`/`to` against the direction, ports against the protocol, port and
// ICMP ranges, CIDR literals (host bits suggest the network address), and
// description rules.
//
// Scopes are Python's: the module scope, and one scope per function body;
// `if` and `for` blocks do not open scopes. At top level a name must be
// defined before the statement that uses it; a function body may use any
// global, since it runs only when called.

import SgshModel

/// Checks a parsed program and reports what is wrong with it.
package struct Resolver {
    let environment: ResolverEnvironment
    var diagnostics: [Diagnostic] = []
    /// Names defined so far at top level, in program order.
    var globals: Set<String> = []
    /// Every name defined anywhere at top level (functions may use any of them).
    var allGlobals: Set<String> = []
    /// Parameter counts of the functions the program defines at top level.
    var functionArity: [String: Int] = [:]
    /// Local scope of the function being resolved, if any.
    var locals: Set<String>?
    /// Where each top-level name was last bound by the program itself.
    var definedAt: [String: SourceRange] = [:]
    /// Names whose current binding came from a module, and which module.
    var importedFrom: [String: String] = [:]
    /// The group id `checkGroupID` last found valid.
    var lastValidGroupID: String?
    /// The name `checkDefined` last found visible at top level. There, a name once visible
    /// stays so (`globals` only grows), and a script names the same variable statement after
    /// statement (`sg $g …`): comparing with it skips hashing the name into two sets.
    var lastVisibleGlobal: String?

    /// Resolves a program; returns its diagnostics (empty when it is valid).
    package static func resolve(_ program: Program, environment: ResolverEnvironment = ResolverEnvironment())
        -> [Diagnostic]
    {
        var resolver = Resolver(environment: environment)
        resolver.collectGlobals(program.statements)
        resolver.allGlobals.formUnion(program.recoveredNames)
        resolver.globals = environment.predeclared.union(program.recoveredNames)
        resolver.importedFrom = environment.importedNames
        resolver.checkDryrunHeader(program.statements)
        resolver.checkOwnerHeader(program.statements)
        for statement in program.statements { resolver.resolve(statement) }
        resolver.checkStatementSequence(program.statements)
        resolver.checkReplacedGroupReuse(program.statements)
        return resolver.diagnostics.sorted { $0.range.start < $1.range.start }
    }

    init(environment: ResolverEnvironment) { self.environment = environment }

    // MARK: - Scopes

    mutating func collectGlobals(_ statements: [Stmt]) {
        for statement in statements {
            switch statement.kind {
            case .letStmt(let name, _): allGlobals.insert(name.name)
            case .forStmt(let name, _, let body):
                allGlobals.insert(name.name)
                collectGlobals(body.statements)
            case .ifStmt(let branches, let elseBody):
                for branch in branches { collectGlobals(branch.body.statements) }
                if let elseBody { collectGlobals(elseBody.statements) }
            case .defStmt(let name, let parameters, _):
                allGlobals.insert(name.name)
                functionArity[name.name] = parameters.count
            case .useStmt(let module, _):
                allGlobals.formUnion(environment.moduleExports(module) ?? [])
            default: break
            }
        }
        allGlobals.formUnion(environment.predeclared)
    }

    mutating func define(_ name: String) {
        if locals != nil { locals!.insert(name) } else { globals.insert(name) }
    }

    /// A top-level binding the program writes itself (`let`, `def`, `for`).
    mutating func define(_ name: Identifier) {
        define(name.name)
        guard locals == nil else { return }
        definedAt[name.name] = name.range
        importedFrom[name.name] = nil
    }

    func isVisible(_ name: String) -> Bool {
        if environment.builtins[name] != nil { return true }
        if let locals { return locals.contains(name) || allGlobals.contains(name) }
        return globals.contains(name)
    }

    var visibleNames: Set<String> {
        var names = Set(environment.builtins.keys)
        if let locals { names.formUnion(locals); names.formUnion(allGlobals) } else { names.formUnion(globals) }
        return names
    }

    mutating func checkDefined(_ name: String, at range: SourceRange) {
        if locals == nil, name == lastVisibleGlobal { return }
        guard !isVisible(name) else {
            if locals == nil { lastVisibleGlobal = name }
            return
        }
        let suggestion = Spelling.closest(to: name, in: visibleNames)
        // In a REPL a later entry may define it; a likely typo of a known name is still reported.
        if locals != nil, environment.laterEntriesMayDefine, suggestion == nil { return }
        let definedLater = suggestion == nil && locals == nil && allGlobals.contains(name)
        report(.undefinedName(name, suggestion: suggestion, definedLater: definedLater), at: range)
    }

    /// Reports a rule fact that failed its check (see `RuleFacts`).
    mutating func report(_ fact: RuleFactError, at range: SourceRange) {
        report(fact.message, at: range)
    }

    /// Reports a message of the catalog (DiagnosticMessages.swift).
    mutating func report(_ message: DiagnosticMessage, at range: SourceRange, severity: Severity = .error) {
        diagnostics.append(Diagnostic(message, at: range, severity: severity))
    }

    // MARK: - Statements

    mutating func resolve(_ statement: Stmt) {
        switch statement.kind {
        case .letStmt(let name, let value):
            resolve(value)
            define(name)
        case .assignStmt(let name, let value):
            resolve(value)
            if !isVisible(name.name) {
                report(.assignToUndefined(name.name), at: name.range)
            } else if locals == nil {
                definedAt[name.name] = name.range
                importedFrom[name.name] = nil
            }
        case .forStmt(let name, let sequence, let body):
            resolve(sequence)
            define(name)
            resolve(body)
        case .ifStmt(let branches, let elseBody):
            for branch in branches {
                resolve(branch.condition)
                resolve(branch.body)
            }
            if let elseBody { resolve(elseBody) }
        case .defStmt(let name, let parameters, let body):
            define(name)
            resolveFunction(name: name, parameters: parameters, body: body)
        case .returnStmt(let value):
            if let value { resolve(value) }
            if locals == nil {
                report(.returnOutsideFunction, at: statement.range)
            }
        case .useStmt(let module, let range):
            if let names = environment.moduleExports(module) {
                checkModuleRebinds(module, names, at: range)
                for name in names {
                    define(name)
                    importedFrom[name] = module
                }
            } else {
                report(
                    environment.moduleLoadFailure(module).map { .unreadableModule(module, $0) }
                        ?? .unknownModule(module), at: range)
            }
        case .dryrunStmt, .ownerStmt: break
        case .printStmt(let values): values.forEach { resolve($0) }
        case .exprStmt(let expr): resolve(expr)
        case .sgStmt(let sg): resolve(sg)
        case .policyStmt(let policy): resolve(policy)
        }
    }

    mutating func resolve(_ block: Block) {
        checkDryrunHeader(block.statements, nested: true)
        checkOwnerHeader(block.statements, nested: true)
        for statement in block.statements { resolve(statement) }
        checkStatementSequence(block.statements)
        checkReplacedGroupReuse(block.statements)
    }

    mutating func resolveFunction(name: Identifier, parameters: [Identifier], body: Block) {
        let saved = locals
        var seen: [String: SourceRange] = [:]
        locals = []
        for parameter in parameters {
            if let first = seen[parameter.name] {
                report(.duplicateParameter(parameter.name, in: name.name, first: first), at: parameter.range)
            }
            seen[parameter.name] = parameter.range
            locals!.insert(parameter.name)
        }
        resolve(body)
        locals = saved
    }

    // MARK: - Expressions

    mutating func resolve(_ expr: Expr) {
        switch expr.kind {
        case .integer, .bool, .nil, .portRange, .vpcID, .invalid:
            break
        case .groupID(let id):
            checkGroupID(id, at: expr.range)
        case .accountGroup(let account, let id):
            if !ResourceID.isAccountID(account) {
                let accountRange = SourceRange(
                    file: expr.range.file, start: expr.range.start, end: expr.range.start + account.utf8.count)
                report(.invalidAccountID(account), at: accountRange)
            } else {
                let offset = account.utf8.count + 1
                checkGroupID(
                    id, at: SourceRange(file: expr.range.file, start: expr.range.start + offset, end: expr.range.end))
            }
        case .prefixListID(let id):
            if !ResourceID.isPrefixListID(id) {
                report(.invalidPrefixListID(id), at: expr.range)
            }
        case .string(let parts):
            for case .interpolation(let inner) in parts { resolve(inner) }
        case .cidr(let literal):
            if let text = literal.written { checkCIDR(text, at: expr.range) }
        case .variable(let name):
            checkDefined(name, at: expr.range)
        case .list(let elements):
            elements.forEach { resolve($0) }
        case .unary(_, let operand):
            resolve(operand)
        case .binary(_, let left, let right):
            resolve(left)
            resolve(right)
        case .call(let callee, let arguments):
            resolve(callee)
            arguments.forEach { resolve($0) }
            checkCallee(callee)
            checkArity(callee, arguments.count, at: expr.range)
        case .index(let base, let subscriptExpr):
            resolve(base)
            resolve(subscriptExpr)
        case .groupNamed(let name):
            resolve(name)
        case .sgCreate(let name, let vpc, let description):
            resolve(name)
            if let vpc { resolve(vpc) }
            if let description { resolve(description) }
            checkCreate(name: name, description: description)
        case .sgLookup(let name):
            resolve(name)
        case .sgReplace(let group, let name, let vpc, let description):
            resolve(group)
            resolve(name)
            if let vpc { resolve(vpc) }
            if let description { resolve(description) }
            checkCreate(name: name, description: description)
        }
    }

    /// A module may not silently replace a name that is already bound (by the script, the
    /// host, an earlier REPL entry or another module): `let web = sg create …` followed by
    /// `use "ports"` would otherwise make `web` a port. Using the same module again is fine.
    mutating func checkModuleRebinds(_ module: String, _ names: Set<String>, at range: SourceRange) {
        let clashes = names.filter { globals.contains($0) && importedFrom[$0] != module }.sorted()
        guard let first = clashes.first else { return }
        let source = importedFrom[first].map { "module '\($0)'" } ?? "this script"
        report(.moduleRebindsName(module, clashes: clashes, source: source, boundAt: definedAt[first]), at: range)
    }

    /// A literal can never be called; names and other expressions are checked at run time.
    mutating func checkCallee(_ callee: Expr) {
        switch callee.kind {
        case .integer, .string, .bool, .nil, .cidr, .portRange, .groupID, .accountGroup, .prefixListID, .vpcID, .list:
            report(.notAFunction(callee.range.text), at: callee.range)
        default:
            break
        }
    }

    mutating func checkArity(_ callee: Expr, _ count: Int, at range: SourceRange) {
        guard case .variable(let name) = callee.kind else { return }
        let expected: ClosedRange<Int>
        // A local or parameter shadows a global function of the same name.
        if let locals, locals.contains(name) { return }
        if let arity = functionArity[name] {
            expected = arity...arity
        } else if let arity = environment.builtins[name], !allGlobals.contains(name) {
            expected = arity
        } else {
            return
        }
        guard !expected.contains(count) else { return }
        report(.argumentCount(name, takes: expected, got: count), at: range)
    }

    /// A bare `sg-…` word is lexed by shape; EC2 ids are 'sg-' and 1-17 lowercase hex digits.
    mutating func checkGroupID(_ id: String, at range: SourceRange) {
        // A script names the same group statement after statement: the id just found valid is
        // not read again (comparing two copies of one String is a compare of two words).
        if id == lastValidGroupID { return }
        guard !ResourceID.isGroupID(id) else {
            lastValidGroupID = id
            return
        }
        report(.malformedGroupID(id), at: range)
    }

    /// Validates a CIDR or address literal; host bits get the network address as the hint.
    mutating func checkCIDR(_ text: String, at range: SourceRange) {
        do {
            _ = try RuleFacts.cidr(text)
        } catch {
            report(error, at: error.isAboutPrefix ? prefixRange(text, range) : range)
        }
    }

    func prefixRange(_ text: String, _ range: SourceRange) -> SourceRange {
        guard let slash = text.utf8.firstIndex(of: UInt8(ascii: "/")) else { return range }
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: slash)
        return SourceRange(file: range.file, start: range.start + offset + 1, end: range.end)
    }
}
