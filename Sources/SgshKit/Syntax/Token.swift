// Tokens: what the lexer produces. Reserved words are keywords; the words of
// `sg` statements (ingress, allow, tcp, from, tag, …) are contextual: they lex
// as identifiers and the parser reads them by position, so a script may still
// name a variable `tag` or `all`.

/// Words that can never be names.
package enum Keyword: String, Hashable, Sendable, CaseIterable {
    case and, def, dryrun, elif, `else`, `false`, `for`, `if`, `in`, `let`, `nil`, not, or, print, `return`
    case sg, `true`, use
}

/// One piece of a string token: literal text or the byte range of a `${…}` expression.
package enum StringTokenPart: Hashable, Sendable {
    case text(String)
    /// The UTF-8 offsets of the expression between `${` and `}`.
    case interpolation(start: Int, end: Int)
}

/// The kind of a token, with its value.
package enum TokenKind: Hashable, Sendable {
    case identifier(String)
    /// `$name`.
    case variable(String)
    case keyword(Keyword)
    case integer(Int)
    case string([StringTokenPart])
    /// An IPv4/IPv6 address or CIDR as written (validated later, so errors point inside it).
    case cidr(String)
    /// `N-M` written without spaces.
    case portRange(Int, Int)
    case groupID(String)
    case prefixListID(String)
    case vpcID(String)
    /// `123456789012/sg-…`. Boxed: rare, and its two Strings made every token 64 bytes.
    indirect case accountGroup(account: String, groupID: String)
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, semicolon, colon, newline
    case assign, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual, plus, minus
    case eof
    /// Something the lexer could not read; a diagnostic was recorded.
    case invalid(String)

    /// True for what may begin a group's description after `sg create NAME` (a string or `$var`).
    package var startsDescription: Bool {
        switch self {
        case .string, .variable: true
        default: false
        }
    }

    /// The name used in messages: punctuation and keywords quoted, classes not.
    package var displayName: String {
        switch self {
        case .identifier(let name): "'\(name)'"
        case .variable(let name): "'$\(name)'"
        case .keyword(let keyword): "'\(keyword.rawValue)'"
        case .integer(let value): "'\(value)'"
        case .string: "string"
        case .cidr(let text): "'\(text)'"
        case .portRange(let low, let high): "'\(low)-\(high)'"
        case .groupID(let id), .prefixListID(let id), .vpcID(let id): "'\(id)'"
        case .accountGroup(let account, let group): "'\(account)/\(group)'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .comma: "','"
        case .semicolon: "';'"
        case .colon: "':'"
        case .newline: "newline"
        case .assign: "'='"
        case .equalEqual: "'=='"
        case .bangEqual: "'!='"
        case .less: "'<'"
        case .lessEqual: "'<='"
        case .greater: "'>'"
        case .greaterEqual: "'>='"
        case .plus: "'+'"
        case .minus: "'-'"
        case .eof: "end of file"
        case .invalid(let text): "'\(text)'"
        }
    }
}

extension TokenKind {
    /// The identifier's text, when the token is an identifier.
    package var identifierName: String? {
        if case .identifier(let name) = self { return name }
        return nil
    }

    /// True when the token is the contextual word `word`.
    package func isWord(_ word: ContextualWord) -> Bool { identifierName == word.rawValue }
}

/// A token and the UTF-8 range it covers.
package struct Token: Hashable, Sendable {
    package let kind: TokenKind
    package let range: SourceRange
    package init(_ kind: TokenKind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }

    /// The identifier's text, when the token is an identifier.
    package var identifierName: String? { kind.identifierName }

    /// True when the token is the contextual word `word`.
    package func isWord(_ word: ContextualWord) -> Bool { kind.isWord(word) }
}

/// A token as the lexer makes it and the parser holds it: its kind and UTF-8 offsets, without
/// the file. Copying a `Token` retains and releases its file; the parser copies and drops
/// about a million tokens on a 100,000-line script, and makes a `SourceRange` only for what
/// it keeps (`Parser.range(of:)`).
package struct LexedToken: Sendable {
    package let kind: TokenKind
    /// The offsets in 32 bits, as SourceRange's: a token is 40 bytes, not 64, to lex, copy
    /// and drop. The lexer reads no further than 2 GB, so they always fit.
    package let start32: Int32
    package let end32: Int32
    @inline(__always) package var start: Int { Int(start32) }
    @inline(__always) package var end: Int { Int(end32) }
    /// The contextual word an identifier spells, found by the lexer (WordTable.swift), so the
    /// parser's many "is it `from`?" questions compare a byte, not the identifier's String.
    package let word: ContextualWord?
    package init(_ kind: TokenKind, start: Int, end: Int, word: ContextualWord? = nil) {
        self.kind = kind
        self.start32 = Int32(truncatingIfNeeded: start)
        self.end32 = Int32(truncatingIfNeeded: end)
        self.word = word
    }

    /// The identifier's text, when the token is an identifier.
    package var identifierName: String? { kind.identifierName }

    /// True when the token is the contextual word `word` (as `kind.isWord(word)`).
    @inline(__always) package func isWord(_ word: ContextualWord) -> Bool { self.word == word }
}
