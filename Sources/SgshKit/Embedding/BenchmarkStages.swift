// The stages of the pipeline one at a time, for the in-process micro-benchmarks
// in Benchmarks/ (a separate package, which cannot see `package` symbols). SPI:
// `@_spi(Benchmarks) import SgshKit`; not part of the embedding API.

import SgshModel

/// Runs single stages of the pipeline (lex, parse, resolve, plan diff) on their own.
@_spi(Benchmarks) public enum BenchmarkStages {
    /// A parsed program, to resolve again and again without parsing.
    public struct Parsed {
        let program: Program
        /// How many top-level statements the program has.
        public var statementCount: Int { program.statements.count }
    }

    /// Lexes `file`; returns the number of tokens (with `.eof`) and of diagnostics.
    public static func lex(_ file: SourceFile) -> (tokens: Int, diagnostics: Int) {
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        return (tokens.count, lexer.diagnostics.count)
    }

    /// Lexes and parses `file`.
    public static func parse(_ file: SourceFile) -> (Parsed, diagnostics: Int) {
        let (program, diagnostics) = Parser.parse(file)
        return (Parsed(program: program), diagnostics.count)
    }

    /// Resolves a parsed program; returns the number of diagnostics.
    public static func resolve(_ parsed: Parsed) -> Int {
        Resolver.resolve(parsed.program).count
    }

    /// The planner's diff alone: folds `plan`'s operations onto `liveGroups` (by group id) and
    /// checks the quota, with no backend and nothing read.
    public static func diff(_ plan: Plan, liveGroups: [String: SecurityGroup], quota: RuleQuota) throws
        -> ChangeSet
    {
        var folder = PlanFolder(liveGroups: liveGroups, strict: false)
        for planned in plan.operations { try folder.fold(planned) }
        return try folder.changeSet(quota: quota)
    }
}
