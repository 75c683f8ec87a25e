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

/// What kind of token a `LexedToken` is, without its value.
package enum TokenTag: UInt8, Sendable {
    case identifier, variable, keyword, integer, string, cidr, portRange, groupID, prefixListID, vpcID
    case accountGroup
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, semicolon, colon, newline
    case assign, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual, plus, minus
    case eof, invalid

    /// True for the tags whose TokenKind carries a value (a keyword's is in `LexedToken.keyword`).
    package var hasValue: Bool { rawValue <= TokenTag.accountGroup.rawValue || self == .invalid }
}

extension TokenKind {
    /// The kind's tag, without its value.
    package var tag: TokenTag {
        switch self {
        case .identifier: .identifier
        case .variable: .variable
        case .keyword: .keyword
        case .integer: .integer
        case .string: .string
        case .cidr: .cidr
        case .portRange: .portRange
        case .groupID: .groupID
        case .prefixListID: .prefixListID
        case .vpcID: .vpcID
        case .accountGroup: .accountGroup
        case .leftParen: .leftParen
        case .rightParen: .rightParen
        case .leftBracket: .leftBracket
        case .rightBracket: .rightBracket
        case .leftBrace: .leftBrace
        case .rightBrace: .rightBrace
        case .comma: .comma
        case .semicolon: .semicolon
        case .colon: .colon
        case .newline: .newline
        case .assign: .assign
        case .equalEqual: .equalEqual
        case .bangEqual: .bangEqual
        case .less: .less
        case .lessEqual: .lessEqual
        case .greater: .greater
        case .greaterEqual: .greaterEqual
        case .plus: .plus
        case .minus: .minus
        case .eof: .eof
        case .invalid: .invalid
        }
    }
}

/// A token as the lexer makes it and the parser holds it: a tag and UTF-8 offsets, 12 bytes of
/// plain data. Its value (a name's text, a number, a string's parts) is read from the file's
/// bytes only where the parser builds a node (`Parser.kind(of:)`, TokenDecoding.swift): a
/// 100,000-line script lexes a million tokens, and a kind holding Strings made each one a
/// String to build, copy and free as the parser moved past it.
package struct LexedToken: Sendable {
    package let tag: TokenTag
    /// The keyword, when `tag` is `.keyword`.
    package let keyword: Keyword?
    /// The contextual word an identifier spells, found by the lexer (WordTable.swift), so the
    /// parser's many "is it `from`?" questions compare a byte, not the identifier's text.
    package let word: ContextualWord?
    /// The offsets in 32 bits, as SourceRange's. The lexer reads no further than 2 GB, so
    /// they always fit.
    package let start32: Int32
    package let end32: Int32
    @inline(__always) package var start: Int { Int(start32) }
    @inline(__always) package var end: Int { Int(end32) }
    package init(_ tag: TokenTag, start: Int, end: Int, keyword: Keyword? = nil, word: ContextualWord? = nil) {
        self.tag = tag
        self.keyword = keyword
        self.start32 = Int32(truncatingIfNeeded: start)
        self.end32 = Int32(truncatingIfNeeded: end)
        self.word = word
    }

    /// True when the token is the contextual word `word` (as `TokenKind.isWord(word)`).
    @inline(__always) package func isWord(_ word: ContextualWord) -> Bool { self.word == word }

    /// True for what may begin a group's description after `sg create NAME` (a string or `$var`).
    @inline(__always) package var startsDescription: Bool { tag == .string || tag == .variable }

    /// True when the token is of `kind`, for the kinds without a value (and keywords).
    @inline(__always) package func matches(_ kind: TokenKind) -> Bool {
        if case .keyword(let keyword) = kind { return tag == .keyword && self.keyword == keyword }
        return tag == kind.tag
    }
}
