/// Parses and resolves source in one step: what `sgsh check` and the interpreter run first.
package enum ProgramChecker {
    /// The program and every diagnostic of parsing and resolution, in source order.
    /// The resolver runs even after parse errors, so one run reports every problem it can;
    /// names of statements that failed to parse are treated as defined to avoid cascades.
    package static func check(_ file: SourceFile, environment: ResolverEnvironment = ResolverEnvironment())
        -> (Program, [Diagnostic])
    {
        let (program, parseDiagnostics) = Parser.parse(file)
        let all = (parseDiagnostics + Resolver.resolve(program, environment: environment))
            .sorted { ($0.range.start, $0.range.end) < ($1.range.start, $1.range.end) }
        return (program, all)
    }
}
