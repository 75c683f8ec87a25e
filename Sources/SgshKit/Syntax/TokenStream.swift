// The parser's tokens, lexed as the parser reaches them.
//
// Lexing a whole file up front held every token at once: for a script of
// 100,000 rules, a million tokens of 64 bytes each, most of the peak memory
// of `check` and of a dry run (docs/BENCHMARKS.md). The parser asks for
// tokens by absolute index; at each top-level statement it lets the stream
// drop the tokens before it, keeping the one just before (ranges and line
// breaks are measured from it).

/// Tokens by absolute index, lexed on demand; `.eof` for every index past the end.
///
/// One parser on one thread uses it, so its fields skip the runtime's exclusivity checks
/// (with them, every token access cost a `swift_beginAccess`: checking 100,000 lines took
/// half as many instructions again).
final class TokenStream {
    @exclusivity(unchecked) private var lexer: Lexer
    /// The tokens from absolute index `base` on.
    @exclusivity(unchecked) private var buffer: [Token] = []
    @exclusivity(unchecked) private var base = 0
    /// The absolute index of `.eof`, once it is lexed.
    @exclusivity(unchecked) private var eofIndex: Int?
    /// The end of the last dropped token that was not a line break (see `Parser.errorRange`).
    @exclusivity(unchecked) private(set) var droppedEnd: Int?

    init(_ lexer: Lexer) {
        self.lexer = lexer
    }

    /// What the lexer found wrong so far.
    var diagnostics: [Diagnostic] { lexer.diagnostics }

    /// The first index still held: the parser never looks before it.
    var firstHeld: Int { base }

    /// The token at absolute index `index` (not before `firstHeld`).
    @inline(__always)
    subscript(index: Int) -> Token {
        let offset = index - base
        if offset < buffer.count { return buffer[offset] }
        return lexing(through: index)
    }

    /// The token at `index`, lexing up to it (or to `.eof`) first.
    @inline(never)
    private func lexing(through index: Int) -> Token {
        if let eofIndex, index >= eofIndex { return buffer[eofIndex - base] }
        while base + buffer.count <= index {
            let token = lexer.nextToken()
            buffer.append(token)
            if token.kind == .eof {
                eofIndex = base + buffer.count - 1
                return token
            }
        }
        return buffer[index - base]
    }

    /// Lexes what is left, so every lexer diagnostic of the range is known.
    func lexToEnd() {
        while eofIndex == nil {
            _ = self[base + buffer.count]
        }
    }

    /// Drops the tokens before absolute index `index`, in batches (the held tokens are
    /// moved down once per batch, not once per statement).
    func drop(before index: Int) {
        let count = index - base
        guard count >= 4096 else { return }
        if let last = buffer[..<count].last(where: { $0.kind != .newline }) { droppedEnd = last.range.end }
        buffer.removeFirst(count)
        base = index
    }
}
