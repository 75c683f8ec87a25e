// A lexed token's value, read back from the file's bytes.
//
// The lexer keeps only a tag and offsets per token (LexedToken); the text of a
// name, id or address, a number's value and a string's parts are read here,
// when the parser builds the node that holds them. The lexer already checked
// what it lexed (a number that did not fit became `.invalid`), so reading it
// again cannot fail, and records nothing.

extension Lexer {
    /// The kind of `token`, lexed from `file`, with its value. `end`: where the lexer that
    /// made the token stopped reading (an interpolation's `}`), so a string is lexed again
    /// exactly as it was.
    package static func kind(of token: LexedToken, in file: SourceFile, end bound: Int? = nil) -> TokenKind {
        let start = token.start, end = token.end
        switch token.tag {
        case .identifier: return .identifier(identifierText(of: token, in: file))
        case .variable: return .variable(text(file, start + 1, end))
        case .keyword: return .keyword(token.keyword ?? .nil)
        case .integer: return .integer(digitsValue(file, start, end))
        case .string: return .string(stringParts(of: token, in: file, end: bound))
        case .cidr: return .cidr(text(file, start, end))
        case .portRange:
            let dash = file.utf8[start..<end].firstIndex(of: UInt8(ascii: "-")) ?? end
            return .portRange(digitsValue(file, start, dash), digitsValue(file, dash + 1, end))
        case .groupID: return .groupID(text(file, start, end))
        case .prefixListID: return .prefixListID(text(file, start, end))
        case .vpcID: return .vpcID(text(file, start, end))
        case .accountGroup:
            let slash = file.utf8[start..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
            return .accountGroup(account: text(file, start, slash), groupID: text(file, slash + 1, end))
        case .leftParen: return .leftParen
        case .rightParen: return .rightParen
        case .leftBracket: return .leftBracket
        case .rightBracket: return .rightBracket
        case .leftBrace: return .leftBrace
        case .rightBrace: return .rightBrace
        case .comma: return .comma
        case .semicolon: return .semicolon
        case .colon: return .colon
        case .newline: return .newline
        case .assign: return .assign
        case .equalEqual: return .equalEqual
        case .bangEqual: return .bangEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .plus: return .plus
        case .minus: return .minus
        case .eof: return .eof
        case .invalid: return .invalid(text(file, start, end))
        }
    }

    /// An identifier's text: a contextual word's literal String, else the bytes decoded.
    @inline(__always)
    package static func identifierText(of token: LexedToken, in file: SourceFile) -> String {
        if let word = token.word { return word.rawValue }
        return text(file, token.start, token.end)
    }

    /// The value of an integer token (digits the lexer found to fit in an Int).
    @inline(__always)
    package static func integerValue(of token: LexedToken, in file: SourceFile) -> Int {
        digitsValue(file, token.start, token.end)
    }

    /// A string token's parts. The usual string (closed, no escape, no `$`) is its bytes
    /// between the quotes; any other is lexed again, its diagnostics already recorded.
    package static func stringParts(of token: LexedToken, in file: SourceFile, end: Int? = nil) -> [StringTokenPart] {
        if let text = plainStringText(of: token, in: file) { return text.isEmpty ? [] : [.text(text)] }
        var again = Lexer(file: file, start: token.start, end: end)
        return again.stringParts(quote: file.utf8[token.start])
    }

    /// The text between the quotes of the usual string (closed, no escape, no `$`), or nil
    /// for any other.
    package static func plainStringText(of token: LexedToken, in file: SourceFile) -> String? {
        let start = token.start, end = token.end
        let plain = file.utf8.withUnsafeBufferPointer { bytes -> Bool in
            let quote = bytes[start]
            guard end - start >= 2, bytes[end - 1] == quote else { return false }
            let raw = quote == UInt8(ascii: "'")
            for index in (start + 1)..<(end - 1) {
                let byte = bytes[index]
                if byte == quote || (!raw && (byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "$"))) { return false }
            }
            return true
        }
        return plain ? text(file, start + 1, end - 1) : nil
    }

    private static func text(_ file: SourceFile, _ start: Int, _ end: Int) -> String {
        file.utf8.withUnsafeBufferPointer { String(decoding: $0[start..<end], as: UTF8.self) }
    }

    private static func digitsValue(_ file: SourceFile, _ start: Int, _ end: Int) -> Int {
        file.utf8.withUnsafeBufferPointer { bytes in
            var value = 0
            for index in start..<end { value = value &* 10 &+ Int(bytes[index] &- UInt8(ascii: "0")) }
            return value
        }
    }
}
