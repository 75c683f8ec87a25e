// The parser's tokens, lexed as the parser reaches them.
//
// Lexing a whole file up front held every token at once: for a script of
// 100,000 rules, a million tokens of 64 bytes each, most of the peak memory
// of `check` (docs/BENCHMARKS.md). The parser asks for tokens by absolute
// index; it keeps the stream lexed two tokens past the current one (its
// furthest lookahead) and, at each top-level statement, lets it drop the
// tokens before it, keeping the one just before (ranges and line breaks are
// measured from it). A value in the parser, not an object: reading a token
// is an array read, as it was (a class cost a copy and an exclusivity check
// per token read).

/// Tokens by absolute index, lexed ahead in batches; `.eof` for every index past the end.
struct TokenStream {
    private var lexer: Lexer
    /// The tokens from absolute index `base` on; after `fill(through:)`, up to that index or `.eof`.
    private var buffer: [LexedToken] = []
    private var base = 0
    /// True once `.eof` is the last token of `buffer`.
    private var lexedAll = false
    /// The end of the last dropped token that was not a line break (see `Parser.errorRange`).
    private(set) var droppedEnd: Int?

    init(_ lexer: Lexer) {
        self.lexer = lexer
    }

    /// Where the lexer stops reading (an interpolation's `}`, or the file's end).
    var lexEnd: Int { lexer.endOffset }

    /// What the lexer found wrong so far.
    var diagnostics: [Diagnostic] { lexer.diagnostics }

    /// The first index still held: the parser never looks before it.
    var firstHeld: Int { base }

    /// The token at absolute index `index`, which `fill(through:)` has covered (not before
    /// `firstHeld`); past `.eof`, `.eof`.
    subscript(index: Int) -> LexedToken {
        buffer[min(index - base, buffer.count - 1)]
    }

    /// Lexes, in batches, until `index` is held or `.eof` is reached.
    @inline(__always)
    mutating func fill(through index: Int) {
        if base + buffer.count <= index && !lexedAll { lexBatch(through: index) }
    }

    @inline(never)
    private mutating func lexBatch(through index: Int) {
        let target = index + 256
        while base + buffer.count <= target {
            let token = lexer.nextLexed()
            let isEnd = token.tag == .eof
            buffer.append(token)  // The token's last use: moved in, not copied.
            if isEnd {
                lexedAll = true
                return
            }
        }
    }

    /// Lexes what is left, so every lexer diagnostic of the range is known.
    mutating func lexToEnd() {
        while !lexedAll { lexBatch(through: base + buffer.count) }
    }

    /// Drops the tokens before absolute index `index`, in batches (the held tokens are
    /// moved down once per batch, not once per statement).
    mutating func drop(before index: Int) {
        let count = index - base
        guard count >= 4096 else { return }
        if let last = buffer[..<count].last(where: { $0.tag != .newline }) { droppedEnd = last.end }
        buffer.removeFirst(count)
        base = index
    }
}
