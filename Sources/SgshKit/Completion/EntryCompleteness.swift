// Deciding whether an interactive entry is finished, for the REPL's `...>` prompt.
//
// The rule is the language's own ("an open bracket or brace continues the
// line"), applied to the brackets alone and never to whether the lines so far
// parse: an entry with an open `{`, `[` or `(` is unfinished even when one of
// its lines has an error. Otherwise an error inside a block would end the
// entry there, and the block's remaining lines would arrive as entries of
// their own and run unguarded (issue 17). The whole entry is collected, then
// checked and rejected as one. A closer that does not match the innermost
// opener closes the nearest opener it matches (or is ignored), so a typo such
// as `[22)` cannot end a block early either.
//
// A finished entry whose last statement is an `if` block may still be
// continued by `elif`/`else` on the next line (LANGUAGE.md §5 allows it), so
// it is `.mayContinue`: the REPL looks at one more line before running it.
//
// An unterminated string never keeps an entry open: sgsh strings end at the
// newline, so no further line could close it.

/// Whether REPL input so far is a finished entry or needs more lines.
public enum EntryCompleteness: Hashable, Sendable {
    /// Every bracket is closed: run it (or report its errors).
    case complete
    /// A `{`, `[` or `(` is still open: read another line.
    case incomplete
    /// Every bracket is closed and the entry ends with an `if` (or `elif`) block, so a next
    /// line starting with `elif` or `else` belongs to it; any other line does not.
    case mayContinue

    /// Classifies `text`, the lines entered so far joined with newlines.
    public init(_ text: String) {
        var lexer = Lexer(file: SourceFile(name: "<repl>", text: text))
        let tokens = lexer.tokenize().filter { $0.kind != .eof }
        var open: [TokenKind] = []
        // The first token of the last top-level statement, and whether its `if` chain has an `else`.
        var statementStart: TokenKind?
        var chainHasElse = false
        var afterSeparator = true
        for token in tokens {
            let topLevel = open.isEmpty
            switch token.kind {
            case .leftBrace, .leftBracket, .leftParen:
                open.append(token.kind)
            case .rightBrace, .rightBracket, .rightParen:
                if let index = open.lastIndex(where: { Self.closer(of: $0) == token.kind }) {
                    open.removeSubrange(index...)
                }
            default:
                break
            }
            guard topLevel else { continue }
            switch token.kind {
            case .newline, .semicolon:
                afterSeparator = true
                continue
            case .keyword(.elif) where statementStart == .keyword(.if),
                .keyword(.else) where statementStart == .keyword(.if):
                // `}` ⏎ `else {`: the `if` statement goes on.
                if token.kind == .keyword(.else) { chainHasElse = true }
            default:
                if afterSeparator {
                    statementStart = token.kind
                    chainHasElse = false
                }
            }
            afterSeparator = false
        }
        if !open.isEmpty {
            self = .incomplete
        } else if statementStart == .keyword(.if), !chainHasElse,
            tokens.last(where: { $0.kind != .newline })?.kind == .rightBrace
        {
            self = .mayContinue
        } else {
            self = .complete
        }
    }

    /// True when `line` continues an entry that `.mayContinue`: it starts with `elif` or `else`.
    public static func continuesIf(_ line: String) -> Bool {
        var lexer = Lexer(file: SourceFile(name: "<repl>", text: line))
        let first = lexer.tokenize().first { $0.kind != .newline }
        return first?.kind == .keyword(.elif) || first?.kind == .keyword(.else)
    }

    private static func closer(of opener: TokenKind) -> TokenKind {
        switch opener {
        case .leftBrace: .rightBrace
        case .leftBracket: .rightBracket
        default: .rightParen
        }
    }
}
