// Parsing and checking for the interpreter: ProgramChecker (lexer, parser,
// resolver) runs with this interpreter's builtins, predeclared names and
// modules, so `check` and `plan` agree on what a script may name.

extension Interpreter {
    /// The resolver's view of this interpreter: its builtins, predeclared names, and modules
    /// as seen from `file` (relative `use` paths resolve against the file's name).
    func resolverEnvironment(for file: SourceFile, _ loader: ModuleLoader) -> ResolverEnvironment {
        var environment = ResolverEnvironment(
            predeclared: Set(predeclared.keys), builtins: builtins.arities,
            moduleExports: { name in loader.exports(name, importer: file.name) })
        environment.moduleLoadFailure = { name in loader.loadFailure(name, importer: file.name) }
        return environment
    }

    /// Parses and checks one file.
    func frontEnd(_ file: SourceFile, _ loader: ModuleLoader) -> (Program, [Diagnostic]) {
        ProgramChecker.check(file, environment: resolverEnvironment(for: file, loader))
    }
}
