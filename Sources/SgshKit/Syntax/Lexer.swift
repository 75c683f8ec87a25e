// The lexer: UTF-8 bytes in, tokens out. It never throws and never traps:
// anything it cannot read becomes an `.invalid` token plus a diagnostic, and
// every call to nextToken() consumes at least one byte or returns `.eof`.
//
// Newlines are tokens (they end statements) except inside `(` and `[`, where
// the lexer drops them so lists and argument lists may span lines. Addresses
// are recognized by shape (digits and dots; hex groups with `::` or seven
// colons) and validated later, so the resolver can say exactly what is wrong.

/// Turns source text into tokens.
package struct Lexer {
    package let file: SourceFile
    private let bytes: [UInt8]
    private var position: Int
    private let end: Int
    /// Open `(` and `[` (true) and `{` (false): newlines are dropped while the innermost is true.
    private var nesting: [Bool] = []
    /// Problems found so far.
    package private(set) var diagnostics: [Diagnostic] = []
    /// Keywords and contextual words (shared by every lexer).
    private let seededWords = WordTable.seeded

    /// Where this lexer stops reading.
    package var endOffset: Int { end }

    /// Lexes a whole file, or the byte range `start..<end` of it (an interpolation).
    package init(file: SourceFile, start: Int = 0, end: Int? = nil) {
        self.file = file
        self.bytes = file.utf8
        self.position = start
        // Tokens hold 32-bit offsets (LexedToken): nothing past 2 GB is read.
        self.end = min(end ?? file.utf8.count, file.utf8.count, SourceFile.maximumByteCount)
        // A UTF-8 byte order mark, as some Windows editors write, is not part of the program.
        if start == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = min(3, self.end) }
    }

    /// All tokens up to and including `.eof`.
    package mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let token = nextToken()
            tokens.append(token)
            if token.kind == .eof { return tokens }
        }
    }

    // MARK: - Scanning

    /// The next token; `.eof` forever once the input is consumed.
    package mutating func nextToken() -> Token {
        let token = nextLexed()
        return Token(
            Self.kind(of: token, in: file, end: end), range: SourceRange(file: file, start: token.start, end: token.end)
        )
    }

    /// The next token as a tag and offsets (what the parser reads, LexedToken).
    package mutating func nextLexed() -> LexedToken {
        skipSpaceAndComments()
        let start = position
        guard let byte = peek() else { return LexedToken(.eof, start: end, end: end) }
        switch byte {
        case UInt8(ascii: "\n"):
            position += 1
            return make(.newline, from: start)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            return lexString(quote: byte)
        case UInt8(ascii: "$"):
            return lexVariable()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumberOrAddress()
        case UInt8(ascii: ":") where peek(1) == UInt8(ascii: ":"):
            return lexAddressRun(from: start) ?? punctuation(.colon, length: 1)
        case _ where isIdentifierStart(byte):
            // An address starts with a hex digit: `ingress`, `tcp`, `sg` need not be tried.
            // Only a run of hex digits and dots that reaches a colon can be one (lexAddressRun).
            if isHexDigit(byte), reachesColon(from: start), let address = lexAddressRun(from: start) {
                return address
            }
            return lexWord()
        default:
            return lexPunctuation(byte)
        }
    }

    private mutating func skipSpaceAndComments() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n") where nesting.last == true:
                position += 1
            case UInt8(ascii: "#"):
                while let next = peek(), next != UInt8(ascii: "\n") { position += 1 }
            default:
                return
            }
        }
    }

    private mutating func lexPunctuation(_ byte: UInt8) -> LexedToken {
        let next = peek(1)
        switch byte {
        case UInt8(ascii: "("):
            nesting.append(true)
            return punctuation(.leftParen, length: 1)
        case UInt8(ascii: "["):
            nesting.append(true)
            return punctuation(.leftBracket, length: 1)
        case UInt8(ascii: "{"):
            nesting.append(false)
            return punctuation(.leftBrace, length: 1)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            if !nesting.isEmpty { nesting.removeLast() }
            let tag: TokenTag =
                byte == UInt8(ascii: ")") ? .rightParen : byte == UInt8(ascii: "]") ? .rightBracket : .rightBrace
            return punctuation(tag, length: 1)
        case UInt8(ascii: ","): return punctuation(.comma, length: 1)
        case UInt8(ascii: ";"): return punctuation(.semicolon, length: 1)
        case UInt8(ascii: ":"): return punctuation(.colon, length: 1)
        case UInt8(ascii: "+"): return punctuation(.plus, length: 1)
        case UInt8(ascii: "-"): return punctuation(.minus, length: 1)
        case UInt8(ascii: "="):
            return next == UInt8(ascii: "=") ? punctuation(.equalEqual, length: 2) : punctuation(.assign, length: 1)
        case UInt8(ascii: "!") where next == UInt8(ascii: "="):
            return punctuation(.bangEqual, length: 2)
        case UInt8(ascii: "<"):
            return next == UInt8(ascii: "=") ? punctuation(.lessEqual, length: 2) : punctuation(.less, length: 1)
        case UInt8(ascii: ">"):
            return next == UInt8(ascii: "=") ? punctuation(.greaterEqual, length: 2) : punctuation(.greater, length: 1)
        default:
            let start = position
            position += scalarLength(at: position)
            // A run of non-ASCII text (`日本`, `café`'s `é` and what follows it) is one mistake.
            if byte >= 0x80 {
                while let next = peek(), next >= 0x80 { position += scalarLength(at: position) }
            }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            let range = SourceRange(file: file, start: start, end: position)
            let shown = text.unicodeScalars.map { Character($0).debugDescriptionForMessage }.joined()
            diagnostics.append(
                Diagnostic(.invalidCharacter(shown, count: text.unicodeScalars.count, first: byte), at: range))
            return LexedToken(.invalid, start: range.start, end: range.end)
        }
    }

    private mutating func punctuation(_ tag: TokenTag, length: Int) -> LexedToken {
        let start = position
        position += length
        return make(tag, from: start)
    }

    // MARK: - Words and ids

    private mutating func lexWord() -> LexedToken {
        let start = position
        position = end(of: isIdentifierContinue, from: position)
        // `sg-0abc`, `pl-…`, `vpc-…`: an id prefix followed by `-` and an alphanumeric.
        if peek() == UInt8(ascii: "-"), let prefix = idPrefix(from: start), let next = peek(1), isAlphanumeric(next) {
            position = end(of: isAlphanumeric, from: position + 1)
            switch prefix {
            case .sg: return make(.groupID, from: start)
            case .pl: return make(.prefixListID, from: start)
            case .vpc: return make(.vpcID, from: start)
            }
        }
        // Hyphenated words (`echo-request`, `destination-unreachable`): `-` followed by a letter.
        while peek() == UInt8(ascii: "-"), let next = peek(1), isLetter(next) {
            position = end(of: isIdentifierContinue, from: position + 1)
        }
        let found = meaning(from: start)
        if let keyword = found.keyword { return LexedToken(.keyword, start: start, end: position, keyword: keyword) }
        return LexedToken(.identifier, start: start, end: position, word: found.word)
    }

    private enum IDPrefix { case sg, pl, vpc }

    /// Where the run of bytes from `index` that `belongs` accepts ends. Counted in a local over
    /// the bytes in place: stepping `position` through `peek()` wrote the lexer's state back at
    /// every byte of every word.
    @inline(__always)
    private func end(of belongs: (UInt8) -> Bool, from index: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            var index = index
            while index < end, belongs(buffer[index]) { index += 1 }
            return index
        }
    }

    /// The keyword or contextual word the word from `start` to here spells, if any: one probe
    /// of the seeded table (WordTable.swift), on the bytes. No String is made: a token keeps
    /// offsets only, and the parser reads a name's text where a node keeps it.
    private func meaning(from start: Int) -> (keyword: Keyword?, word: ContextualWord?) {
        let end = position
        guard end - start <= WordTable.longest else { return (nil, nil) }
        return bytes.withUnsafeBufferPointer { buffer in
            seededWords.kind(buffer, start, end, key: WordTable.key(buffer, start, end))
        }
    }

    /// The id prefix the word from `start` to here is, if any.
    private func idPrefix(from start: Int) -> IDPrefix? {
        switch position - start {
        case 2 where bytes[start] == UInt8(ascii: "s") && bytes[start + 1] == UInt8(ascii: "g"): .sg
        case 2 where bytes[start] == UInt8(ascii: "p") && bytes[start + 1] == UInt8(ascii: "l"): .pl
        case 3 where match("vpc", at: start): .vpc
        default: nil
        }
    }

    private mutating func lexVariable() -> LexedToken {
        let start = position
        position += 1
        guard let byte = peek(), isIdentifierStart(byte) else {
            let range = SourceRange(file: file, start: start, end: position)
            diagnostics.append(Diagnostic(.emptyVariable, at: range))
            return LexedToken(.invalid, start: range.start, end: range.end)
        }
        while let next = peek(), isIdentifierContinue(next) { position += 1 }
        // The hyphen rule of lexWord, so `$a-b` reads the name that `let a-b = …` declared.
        while peek() == UInt8(ascii: "-"), let next = peek(1), isLetter(next) {
            position += 1
            while let byte = peek(), isIdentifierContinue(byte) { position += 1 }
        }
        return make(.variable, from: start)
    }

    // MARK: - Numbers and addresses

    private mutating func lexNumberOrAddress() -> LexedToken {
        let start = position
        // An IPv6 run needs a colon: where the digits and dots end at neither a colon nor a hex
        // letter (`443`, `10.0.0.0/8`), lexAddressRun would scan them for nothing.
        let digitsEnd = end(of: { isDigit($0) || $0 == UInt8(ascii: ".") }, from: start)
        if digitsEnd < end, bytes[digitsEnd] == UInt8(ascii: ":") || isHexDigit(bytes[digitsEnd]),
            let address = lexAddressRun(from: start)
        {
            return address
        }
        position = end(of: isDigit, from: start)
        // IPv4 address or CIDR: digits and dots (validated later), the run measured above.
        if peek() == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
            position = digitsEnd
            lexPrefix()
            return make(.cidr, from: start)
        }
        // Another account's group: 123456789012/sg-0abc.
        if peek() == UInt8(ascii: "/"), match("sg-", at: position + 1) {
            position += 4
            while let byte = peek(), isAlphanumeric(byte) { position += 1 }
            return make(.accountGroup, from: start)
        }
        // The value is read again from the bytes where the parser needs it (TokenDecoding.swift).
        // Eighteen digits always fit in an Int: only longer numbers are read to find out.
        guard position - start <= 18 || integerValue(from: start) != nil else { return make(.invalid, from: start) }
        // A port range is written without spaces: 8000-8080.
        if peek() == UInt8(ascii: "-"), let next = peek(1), isDigit(next) {
            position += 1
            let highStart = position
            position = end(of: isDigit, from: position)
            guard position - highStart <= 18 || integerValue(from: highStart) != nil else {
                return make(.invalid, from: start)
            }
            return make(.portRange, from: start)
        }
        return make(.integer, from: start)
    }

    /// An IPv6 address: a run of hex digits, colons and dots with `::` or seven colons.
    private mutating func lexAddressRun(from start: Int) -> LexedToken? {
        var index = start
        var colons = 0
        var doubleColon = false
        var dots = false
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") {
                colons += 1
                if index + 1 < end, bytes[index + 1] == UInt8(ascii: ":") { doubleColon = true }
            } else if byte == UInt8(ascii: ".") {
                dots = true
            } else if !isHexDigit(byte) {
                break
            }
            index += 1
        }
        // Eight groups (seven colons), or six groups and a dotted IPv4 tail (`1:2:3:4:5:6:1.2.3.4`).
        guard doubleColon || colons == 7 || (colons == 6 && dots) else { return nil }
        // A hex word directly followed by letters (`deadbeef::x`) is still lexed as an address
        // only if the run ends at a delimiter, so identifiers like `add:` are not swallowed.
        if index < end, isIdentifierContinue(bytes[index]) { return nil }
        position = index
        lexPrefix()
        return make(.cidr, from: start)
    }

    /// True when the run of hex digits and dots from `start` ends at a colon: an IPv6 address
    /// needs one there, so lexAddressRun would find nothing otherwise (`allow`, `from`).
    private func reachesColon(from start: Int) -> Bool {
        let runEnd = end(of: { isHexDigit($0) || $0 == UInt8(ascii: ".") }, from: start)
        return runEnd < end && bytes[runEnd] == UInt8(ascii: ":")
    }

    /// `/N` after an address belongs to it.
    private mutating func lexPrefix() {
        guard peek() == UInt8(ascii: "/"), let next = peek(1), isDigit(next) else { return }
        position += 1
        while let byte = peek(), isDigit(byte) { position += 1 }
    }

    /// The value of the digits from `start` to here, read from the bytes (no String is made
    /// for a number that fits); too large is a diagnostic and nil.
    private mutating func integerValue(from start: Int) -> Int? {
        var value = 0
        var overflow = false
        for index in start..<position where !overflow {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(bytes[index] &- UInt8(ascii: "0")))
            value = sum
            overflow = o1 || o2
        }
        if !overflow { return value }
        let digits = text(from: start)
        diagnostics.append(
            Diagnostic(.integerTooLarge(digits), at: SourceRange(file: file, start: start, end: position)))
        return nil
    }

    // MARK: - Strings

    private mutating func lexString(quote: UInt8) -> LexedToken {
        scanString(quote: quote, keepParts: false).token
    }

    /// The parts of the string token at the lexer's position (TokenDecoding.swift reads a
    /// string that is not one plain slice this way).
    mutating func stringParts(quote: UInt8) -> [StringTokenPart] {
        scanString(quote: quote, keepParts: true).parts
    }

    /// Lexes a string; its parts are kept only when asked for (`keepParts`) or when the
    /// string is not the usual one plain slice (they are made as it is read).
    private mutating func scanString(quote: UInt8, keepParts: Bool) -> (token: LexedToken, parts: [StringTokenPart]) {
        let start = position
        position += 1
        let raw = quote == UInt8(ascii: "'")
        // The usual string (closed on its line, no escape, no `$`) is one slice of the source:
        // no byte-by-byte copy into a growing buffer.
        var scan = position
        while scan < end, bytes[scan] != quote, bytes[scan] != UInt8(ascii: "\n"),
            raw || (bytes[scan] != UInt8(ascii: "\\") && bytes[scan] != UInt8(ascii: "$"))
        {
            scan += 1
        }
        if scan < end, bytes[scan] == quote {
            let text = keepParts ? String(decoding: bytes[position..<scan], as: UTF8.self) : ""
            position = scan + 1
            return (make(.string, from: start), text.isEmpty ? [] : [.text(text)])
        }
        var parts: [StringTokenPart] = []
        var buffer: [UInt8] = []
        func flush() {
            if !buffer.isEmpty {
                parts.append(.text(String(decoding: buffer, as: UTF8.self)))
                buffer.removeAll()
            }
        }
        var brokenInterpolation = false
        while true {
            guard let byte = peek(), byte != UInt8(ascii: "\n") else {
                let range = SourceRange(file: file, start: start, end: position)
                // An unclosed `${` ran to the end of the line and was reported; the string's
                // missing quote is the same mistake, not a second one.
                if brokenInterpolation {
                    flush()
                    return (LexedToken(.string, start: range.start, end: range.end), parts)
                }
                diagnostics.append(Diagnostic(.unterminatedString(quote: raw ? "'" : "\""), at: range))
                flush()
                return (LexedToken(.string, start: range.start, end: range.end), parts)
            }
            position += 1
            if byte == quote { break }
            if raw { buffer.append(byte); continue }
            if byte == UInt8(ascii: "\\") {
                lexEscape(into: &buffer)
            } else if byte == UInt8(ascii: "$"), peek() == UInt8(ascii: "{") {
                flush()
                if let part = lexInterpolation(dollarAt: position - 1) {
                    parts.append(part)
                } else {
                    brokenInterpolation = true
                }
            } else {
                buffer.append(byte)
            }
        }
        flush()
        return (make(.string, from: start), parts)
    }

    private mutating func lexEscape(into buffer: inout [UInt8]) {
        let escapeStart = position - 1
        guard let byte = peek(), byte != UInt8(ascii: "\n") else { return }
        position += scalarLength(at: position)
        switch byte {
        case UInt8(ascii: "n"): buffer.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): buffer.append(UInt8(ascii: "\t"))
        case UInt8(ascii: "r"): buffer.append(UInt8(ascii: "\r"))
        case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "$"): buffer.append(byte)
        default:
            let range = SourceRange(file: file, start: escapeStart, end: position)
            diagnostics.append(Diagnostic(.invalidEscape(range.text), at: range))
            buffer.append(contentsOf: bytes[escapeStart..<position])
        }
    }

    /// `${expr}`: finds the matching `}` (skipping nested braces and strings) on the same line.
    private mutating func lexInterpolation(dollarAt dollar: Int) -> StringTokenPart? {
        position += 1
        let exprStart = position
        var depth = 0
        while let byte = peek(), byte != UInt8(ascii: "\n") {
            if byte == UInt8(ascii: "}") {
                if depth == 0 {
                    position += 1
                    return .interpolation(start: exprStart, end: position - 1)
                }
                depth -= 1
            } else if byte == UInt8(ascii: "{") {
                depth += 1
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                // A string inside the interpolation: skip to its closing quote, so a '}' in it
                // does not end the interpolation. Never past the end of the line: an unclosed
                // inner string leaves the interpolation unterminated on this line.
                position += 1
                while let inner = peek(), inner != byte, inner != UInt8(ascii: "\n") {
                    let escapes = byte == UInt8(ascii: "\"") && inner == UInt8(ascii: "\\")
                    position += escapes && peek(1) != nil && peek(1) != UInt8(ascii: "\n") ? 2 : 1
                }
                if peek() != byte { continue }
            }
            if position < end { position += 1 }
        }
        diagnostics.append(
            Diagnostic(.unterminatedInterpolation, at: SourceRange(file: file, start: dollar, end: position)))
        return nil
    }

    // MARK: - Helpers

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < end ? bytes[index] : nil
    }

    private func match(_ literal: String, at index: Int) -> Bool {
        var index = index
        for byte in literal.utf8 {
            guard index < end, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private func text(from start: Int) -> String { String(decoding: bytes[start..<position], as: UTF8.self) }

    private func make(_ tag: TokenTag, from start: Int) -> LexedToken {
        LexedToken(tag, start: start, end: position)
    }

    /// The byte length of the UTF-8 scalar starting at `index` (at least 1, never past the end).
    private func scalarLength(at index: Int) -> Int {
        var length = 1
        while index + length < end, bytes[index + length] & 0xC0 == 0x80 { length += 1 }
        return length
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }
    private func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }
    private func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
    private func isIdentifierStart(_ byte: UInt8) -> Bool { isLetter(byte) || byte == UInt8(ascii: "_") }
    private func isIdentifierContinue(_ byte: UInt8) -> Bool { isAlphanumeric(byte) || byte == UInt8(ascii: "_") }
}

extension Character {
    /// The character as it should appear inside quotes in a message.
    var debugDescriptionForMessage: String {
        guard let scalar = unicodeScalars.first else { return "" }
        if scalar.value < 0x20 || scalar.value == 0x7f { return "\\u{\(String(scalar.value, radix: 16))}" }
        return String(self)
    }
}
