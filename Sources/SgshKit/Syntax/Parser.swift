// A hand-written recursive-descent parser for sgsh (grammar: docs/LANGUAGE.md).
//
// One function per production, with the production in a comment above it.
// Errors are collected, not thrown out of the parser: a production that
// cannot continue throws `ParseAbort`, and the statement loop recovers by
// skipping to the next statement boundary (newline, `;`, or the `}` that
// closes the current block), as jlox's synchronize() does. Every loop either
// consumes a token or exits, so any input terminates.

/// Parses sgsh source into a Program plus diagnostics.
package struct Parser {
    /// Lexed as the parser reaches them, two tokens ahead (TokenStream.swift).
    var tokens: TokenStream
    /// The absolute index of the current token.
    var index = 0
    let file: SourceFile
    /// The parser's own diagnostics; `allDiagnostics()` adds the lexer's.
    package internal(set) var diagnostics: [Diagnostic] = []
    /// Names declared by statements that failed to parse (see Program.recoveredNames).
    var recoveredNames: Set<String> = []
    /// The names and ids read so far, by their bytes: a script names its groups and variables
    /// over and over, and a String is made once per spelling (`text(of:)`).
    var names = WordTable()
    /// How many nested expressions and blocks enclose the current position.
    var depth = 0
    /// Deeper nesting is reported instead of parsed: recursion this deep on hostile input
    /// would otherwise overflow the stack, which is a trap, not a diagnostic.
    static let maxDepth = 64

    /// Thrown by a production that cannot go on; the diagnostic is already recorded.
    struct ParseAbort: Error {}

    init(file: SourceFile, start: Int = 0, end: Int? = nil) {
        self.tokens = TokenStream(Lexer(file: file, start: start, end: end))
        self.file = file
        tokens.fill(through: Self.lookahead)
    }

    /// How far past the current token the parser looks (`peek(2)`).
    static let lookahead = 2

    /// The lexer's diagnostics (of the whole range, lexed to its end now) and then the parser's.
    mutating func allDiagnostics() -> [Diagnostic] {
        tokens.lexToEnd()
        return tokens.diagnostics + diagnostics
    }

    /// Parses a whole file. The program is meaningful only when no error was reported.
    package static func parse(_ file: SourceFile) -> (Program, [Diagnostic]) {
        var parser = Parser(file: file)
        let statements = parser.parseProgram()
        let sorted = parser.allDiagnostics().sorted { $0.range.start < $1.range.start }
        return (Program(file: file, statements: statements, recoveredNames: parser.recoveredNames), sorted)
    }

    // MARK: - Token stream

    /// The current token (plain data: a copy costs nothing to make or drop).
    var current: LexedToken { tokens[index] }

    // The small readers below are always inlined: called out of line from a mutating
    // production, `self` (the whole parser, its arrays included) was copied for the call.
    @inline(__always) func peek(_ ahead: Int = 1) -> LexedToken { tokens[index + ahead] }

    /// The current token, moving past it.
    mutating func advance() -> LexedToken {
        let token = tokens[index]
        skip()
        return token
    }

    /// The token's kind with its value, read from the file's bytes (TokenDecoding.swift):
    /// for messages and the rare production that needs the value itself. The usual paths
    /// read `tag`, `keyword` and `word`, and decode only what a node keeps.
    func kind(of token: LexedToken) -> TokenKind { Lexer.kind(of: token, in: file, end: tokens.lexEnd) }

    /// The text of a name or id token (`$`-less for a variable), made once per spelling.
    mutating func text(of token: LexedToken) -> String {
        let start = token.tag == .variable ? token.start + 1 : token.start, end = token.end
        if let word = token.word { return word.rawValue }
        guard end - start <= WordTable.longest else { return Self.decode(file, start, end) }
        let bytes = file.utf8
        return bytes.withUnsafeBufferPointer { buffer in
            let key = WordTable.key(buffer, start, end)
            if let seen = names.find(buffer, start, end, key: key) { return seen.text }
            let text = String(decoding: buffer[start..<end], as: UTF8.self)
            names.insert(buffer, start, end, key: key, WordMeaning(text: text, keyword: nil, word: nil))
            return text
        }
    }

    static func decode(_ file: SourceFile, _ start: Int, _ end: Int) -> String {
        file.utf8.withUnsafeBufferPointer { String(decoding: $0[start..<end], as: UTF8.self) }
    }

    /// The current token's kind with its value (`kind(of:)`).
    var currentKind: TokenKind { kind(of: current) }

    /// The current token's range, moving past it. Not `range(of: advance())`: that reads
    /// `self` for `range(of:)` before `advance()` changes it, so the whole parser was copied.
    @inline(__always) mutating func advanceRange() -> SourceRange {
        let range = range(of: current)
        skip()
        return range
    }

    /// Moves past the current token (never past `.eof`).
    mutating func skip() {
        if tokens[index].tag != .eof {
            index += 1
            tokens.fill(through: index + Self.lookahead)
        }
    }

    /// The source range of a token (LexedToken holds offsets only).
    @inline(__always) func range(of token: LexedToken) -> SourceRange {
        SourceRange(file: file, start32: token.start32, end32: token.end32)
    }

    var atEnd: Bool { current.tag == .eof }

    /// True when a line break separates the current token from the previous one. Inside
    /// `[ ]` the lexer drops newlines, so list productions ask this to let a line break
    /// stand in for a comma.
    var followsLineBreak: Bool {
        guard index > 0 else { return false }
        let from = tokens[index - 1].end, to = current.start
        return from < to && file.utf8[from..<to].contains(UInt8(ascii: "\n"))
    }

    /// True when the current token is of `kind` (its tag, and its value where it has one).
    @inline(__always) func check(_ kind: TokenKind) -> Bool {
        let tag = kind.tag
        guard current.tag == tag else { return false }
        return tag == .keyword || !tag.hasValue ? current.matches(kind) : currentKind == kind
    }

    @inline(__always) func checkWord(_ word: ContextualWord) -> Bool { current.isWord(word) }

    mutating func accept(_ kind: TokenKind) -> LexedToken? { check(kind) ? advance() : nil }

    mutating func acceptWord(_ word: ContextualWord) -> LexedToken? { checkWord(word) ? advance() : nil }

    /// `acceptWord` for when only the word's range matters (no copy of the token).
    mutating func acceptWordRange(_ word: ContextualWord) -> SourceRange? { checkWord(word) ? advanceRange() : nil }

    /// `accept` for when only whether the token was there matters.
    mutating func consume(_ kind: TokenKind) -> Bool {
        guard check(kind) else { return false }
        skip()
        return true
    }

    /// `acceptWord` for when only whether the word was there matters.
    mutating func consumeWord(_ word: ContextualWord) -> Bool {
        guard checkWord(word) else { return false }
        skip()
        return true
    }

    /// Consumes a token of `kind`, or records `expected KIND CONTEXT, found X` and aborts.
    @discardableResult
    mutating func expect(_ kind: TokenKind, _ context: String) throws(ParseAbort) -> LexedToken {
        if let token = accept(kind) { return token }
        throw fail(.tokenMissing(kind.displayName, context, found: currentKind.displayName))
    }

    /// Records an error at the current token (or where it should be inserted) and returns the abort.
    mutating func fail(_ message: DiagnosticMessage, at range: SourceRange? = nil) -> ParseAbort {
        // The lexer already reported an invalid token; a second "expected X, found Y" about it is noise.
        if range == nil, current.tag == .invalid { return ParseAbort() }
        report(message, at: range ?? errorRange())
        return ParseAbort()
    }

    /// Records a message of the catalog (DiagnosticMessages.swift) at `range`.
    mutating func report(_ message: DiagnosticMessage, at range: SourceRange) {
        // One error per position: a second one at the same place is noise from recovery.
        let samePlace = { (diagnostic: Diagnostic) in
            diagnostic.range.start == range.start && diagnostic.severity == .error
        }
        if diagnostics.contains(where: samePlace) || tokens.diagnostics.contains(where: samePlace) { return }
        diagnostics.append(Diagnostic(message, at: range))
    }

    /// Where to point for a problem with the current token: a missing token at the end of
    /// a line or file is shown right after the previous token.
    func errorRange() -> SourceRange {
        switch current.tag {
        case .newline, .eof:
            // Right after the last real token: at end of file that is the end of the last
            // line with code, not the empty line after the final newline.
            var previous = index - 1
            while previous >= tokens.firstHeld, tokens[previous].tag == .newline { previous -= 1 }
            if previous >= tokens.firstHeld { return .point(file, tokens[previous].end) }
            return .point(file, tokens.droppedEnd ?? current.start)
        default:
            return range(of: current)
        }
    }

    @inline(__always) func range(from start: SourceRange) -> SourceRange {
        let previous = index > 0 ? range(of: tokens[index - 1]) : start
        return start.through(previous)
    }

    /// Enters one level of nesting, or reports that the input nests too deeply.
    /// Pair every successful call with `depth -= 1` in a `defer`.
    mutating func enterNesting() throws(ParseAbort) {
        guard depth < Self.maxDepth else {
            throw fail(.nestingTooDeep(Self.maxDepth))
        }
        depth += 1
    }

    // MARK: - Recovery

    /// Skips to the next statement boundary: past a newline or `;`, or up to a `}` that
    /// closes the enclosing block, or the end of input. Always consumes at least one token
    /// unless already at such a `}` or the end.
    mutating func synchronize() {
        var depth = 0
        while !atEnd {
            switch current.tag {
            case .newline, .semicolon:
                if depth == 0 {
                    skip()
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
            skip()
        }
    }
}
