// Parsing and checking for the interpreter: the lexer/parser and resolver
// run with this interpreter's builtins, predeclared names and modules, so
// `check` and `plan` agree on what a script may name.

extension Interpreter {
    /// Parses and resolves one file; the resolver runs only when the parse succeeded,
    /// so one syntax error does not cascade into name errors.
    func frontEnd(_ file: SourceFile, _ loader: ModuleLoader) -> (Program, [Diagnostic]) {
        let (program, parseDiagnostics) = Parser.parse(file)
        if parseDiagnostics.hasErrors { return (program, parseDiagnostics) }
        let environment = ResolverEnvironment(
            predeclared: Set(predeclared.keys), builtins: builtins.arities,
            moduleExports: { name in loader.exports(name, importer: file.name) })
        return (program, parseDiagnostics + Resolver.resolve(program, environment: environment))
    }
}
