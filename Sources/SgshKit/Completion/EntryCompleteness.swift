// Deciding whether an interactive entry is finished, for the REPL's `...>` prompt.
//
// The policy is Lua's (`incomplete()` in lua.c): parse what was typed, and
// read another line only when parsing failed at the very end of the input.
// sgsh narrows it to an open `{`, `[` or `(`: an entry such as `x = 1 +`
// is an error straight away rather than a prompt waiting for more, which is
// what the language's own rule says ("an open bracket or brace continues the
// line"). An unterminated string is never incomplete: sgsh strings end at
// the newline, so no further line could close it.

/// Whether REPL input so far is a finished entry or needs more lines.
public enum EntryCompleteness: Hashable, Sendable {
    /// The input parses, or fails somewhere a further line cannot fix: run it (or report it).
    case complete
    /// A `{`, `[` or `(` is still open and parsing failed only at the end of the input.
    case incomplete

    /// Classifies `text`, the lines entered so far joined with newlines.
    public init(_ text: String) {
        let file = SourceFile(name: "<repl>", text: text)
        var lexer = Lexer(file: file)
        let tokens = lexer.tokenize()
        guard Self.hasOpenBracket(tokens) else {
            self = .complete
            return
        }
        let (_, diagnostics) = Parser.parse(file)
        guard let firstError = diagnostics.first(where: { $0.severity == .error }) else {
            self = .complete
            return
        }
        // "At the end" means nothing but newlines and comments follow the error's position.
        let lastEnd = tokens.last(where: { $0.kind != .newline && $0.kind != .eof })?.range.end ?? 0
        self = firstError.range.start >= lastEnd ? .incomplete : .complete
    }

    /// True when some `{`, `[` or `(` is unclosed at the end; a mismatched closer means
    /// the input is already wrong, so it counts as closed (the parser will say why).
    static func hasOpenBracket(_ tokens: [Token]) -> Bool {
        var open: [TokenKind] = []
        for token in tokens {
            switch token.kind {
            case .leftBrace, .leftBracket, .leftParen:
                open.append(token.kind)
            case .rightBrace, .rightBracket, .rightParen:
                guard let last = open.popLast(), closer(of: last) == token.kind else { return false }
            default:
                continue
            }
        }
        return !open.isEmpty
    }

    private static func closer(of opener: TokenKind) -> TokenKind {
        switch opener {
        case .leftBrace: .rightBrace
        case .leftBracket: .rightBracket
        default: .rightParen
        }
    }
}
