// `for DURATION` after a rule: how long the rule lives once added. The lexer
// reads `2h` as the integer 2 touching the word `h` (and `1h30m` as 1 and
// `h30m`), so the duration is the source text of the touching integer and word
// tokens after `for`, checked by RuleLifetime (one place for the rules).

extension Parser {
    // lifetime = 'for' DURATION          (DURATION = digits and units m, h, d, no spaces: 2h, 1h30m, 7d)
    mutating func parseLifetime() throws(ParseAbort) -> Located<Int> {
        let keyword = advance()
        guard current.tag == .integer else {
            throw fail(.lifetimeMissing(found: currentKind.displayName))
        }
        let first = advance()
        var last = first
        while current.start == last.end, currentKind.isDurationPart { last = advance() }
        let written = range(of: first).through(range(of: last))
        do {
            return Located(try RuleLifetime.seconds(written.text), range: written)
        } catch {
            report(error.message, at: written)
            return Located(0, range: range(of: keyword).through(written))
        }
    }
}

extension TokenKind {
    /// True for the tokens a duration is lexed as: digits and the words after them.
    fileprivate var isDurationPart: Bool {
        switch self {
        case .integer, .identifier: true
        default: false
        }
    }
}
