// A hand-written recursive-descent parser for sgsh (grammar: docs/LANGUAGE.md).
//
// One function per production, with the production in a comment above it.
// Errors are collected, not thrown out of the parser: a production that
// cannot continue throws `ParseAbort`, and the statement loop recovers by
// skipping to the next statement boundary (newline, `;`, or the `}` that
// closes the current block), as jlox's synchronize() does. Every loop either
// consumes a token or exits, so any input terminates.

/// Parses sgsh source into a Program plus diagnostics.
public struct Parser {
    var tokens: [Token]
    var index = 0
    let file: SourceFile
    public internal(set) var diagnostics: [Diagnostic]
    /// Names declared by statements that failed to parse (see Program.recoveredNames).
    var recoveredNames: Set<String> = []

    /// Thrown by a production that cannot go on; the diagnostic is already recorded.
    struct ParseAbort: Error {}

    init(file: SourceFile, start: Int = 0, end: Int? = nil) {
        var lexer = Lexer(file: file, start: start, end: end)
        self.tokens = lexer.tokenize()
        self.file = file
        self.diagnostics = lexer.diagnostics
    }

    /// Parses a whole file. The program is meaningful only when no error was reported.
    public static func parse(_ file: SourceFile) -> (Program, [Diagnostic]) {
        var parser = Parser(file: file)
        let statements = parser.parseProgram()
        let sorted = parser.diagnostics.sorted { $0.range.start < $1.range.start }
        return (Program(file: file, statements: statements, recoveredNames: parser.recoveredNames), sorted)
    }

    // MARK: - Token stream

    var current: Token { tokens[index] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    var atEnd: Bool { current.kind == .eof }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }

    func checkWord(_ word: String) -> Bool { current.isWord(word) }

    mutating func accept(_ kind: TokenKind) -> Token? { check(kind) ? advance() : nil }

    mutating func acceptWord(_ word: String) -> Token? { checkWord(word) ? advance() : nil }

    /// Consumes a token of `kind`, or records `expected KIND CONTEXT, found X` and aborts.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ context: String) throws(ParseAbort) -> Token {
        if let token = accept(kind) { return token }
        throw fail(.expectedToken, "expected \(kind.displayName) \(context), found \(current.kind.displayName)")
    }

    /// Records an error at the current token (or where it should be inserted) and returns the abort.
    mutating func fail(
        _ id: DiagnosticID, _ message: String, at range: SourceRange? = nil, hint: String? = nil,
        notes: [DiagnosticNote] = []
    ) -> ParseAbort {
        report(id, message, at: range ?? errorRange(), hint: hint, notes: notes)
        return ParseAbort()
    }

    mutating func report(
        _ id: DiagnosticID, _ message: String, at range: SourceRange, hint: String? = nil, notes: [DiagnosticNote] = []
    ) {
        // One error per position: a second one at the same place is noise from recovery.
        if diagnostics.contains(where: { $0.range.start == range.start && $0.severity == .error }) { return }
        diagnostics.append(Diagnostic(id, message, at: range, hint: hint, notes: notes))
    }

    /// Where to point for a problem with the current token: a missing token at the end of
    /// a line or file is shown right after the previous token.
    func errorRange() -> SourceRange {
        switch current.kind {
        case .newline, .eof:
            let previousEnd = index > 0 ? tokens[index - 1].range.end : current.range.start
            return .point(file, previousEnd)
        default:
            return current.range
        }
    }

    func range(from start: SourceRange) -> SourceRange {
        let previous = index > 0 ? tokens[index - 1].range : start
        return start.through(previous)
    }

    // MARK: - Recovery

    /// Skips to the next statement boundary: past a newline or `;`, or up to a `}` that
    /// closes the enclosing block, or the end of input. Always consumes at least one token
    /// unless already at such a `}` or the end.
    mutating func synchronize() {
        var depth = 0
        while !atEnd {
            switch current.kind {
            case .newline, .semicolon:
                if depth == 0 {
                    advance()
                    return
                }
            case .leftBrace:
                depth += 1
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
            default:
                break
            }
            advance()
        }
    }
}
