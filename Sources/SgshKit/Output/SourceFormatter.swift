// `sgsh fmt`: one canonical layout for sgsh source.
//
// It works on the lexer's tokens, each written exactly as the source spells
// it, and on the text between them (spaces, comments, line breaks inside
// brackets): only the whitespace between tokens changes, never a token, so a
// string, an address or a port range cannot be respelled and nothing is
// reordered. The AST would have been the other way, but it keeps neither
// comments nor blank lines and normalizes spellings, so every node would need
// a printer and every comment a place to re-attach to. As a safety net the
// result is parsed again and must give the same syntax tree.
//
// The layout: two spaces per open block, one statement per line (`;` and
// one-line blocks are split), `} elif`/`} else` on the closing line, one space
// between tokens where the source had any (none where it had none: `f(x)`
// and `xs[0]` differ from `f (x)` and `xs [0]`), none inside brackets or
// before `,`, one after `,`, spaces around assignment and binary operators,
// none around a tag's `=`, comments kept (two spaces before a trailing one),
// runs of blank lines as one, line breaks inside brackets kept, and in a
// block the descriptions of consecutive one-line rules in one column.

/// Formats sgsh source in its canonical layout.
public enum SourceFormatter {
    /// Why a source cannot be formatted.
    public enum Failure: Error, Sendable {
        /// The source does not parse: its diagnostics.
        case invalidProgram([Diagnostic])
        /// The formatted text would parse differently (a formatter bug): nothing is changed.
        case changedMeaning
    }

    /// The source in canonical layout.
    public static func format(_ text: String, name: String) -> Result<String, Failure> {
        let file = SourceFile(name: name, text: text)
        // Syntax only: layout does not depend on names (a module's names, the fleet's
        // `account`), so a script that `check` would refuse for an undefined name is formatted.
        let (program, diagnostics) = Parser.parse(file)
        if diagnostics.hasErrors { return .failure(.invalidProgram(diagnostics)) }
        var lexer = Lexer(file: file)
        var layout = Layout(file: file, tokens: lexer.tokenize())
        let formatted = layout.render()
        let (reparsed, again) = Parser.parse(SourceFile(name: name, text: formatted))
        guard !again.hasErrors, ASTPrinter.print(reparsed) == ASTPrinter.print(program) else {
            return .failure(.changedMeaning)
        }
        return .success(formatted)
    }
}

/// One output line while it is built.
private struct Line {
    var indent: Int
    var text = ""
    var comment: String?
    /// The tokens on the line and the offset in `text` where each starts.
    var tokens: [(kind: TokenKind, offset: Int, end: Int)] = []
    /// True when a bracket is still open at its end (a rule that goes on).
    var continues = false
    var isBlank = false

    var isEmpty: Bool { text.isEmpty && comment == nil && !isBlank }

    /// The line without its comment: indent, and the text with the description at `column`.
    func code(descriptionColumn column: Int? = nil) -> String {
        var out = String(repeating: "  ", count: indent)
        if let column, let at = descriptionOffset {
            let index = text.index(text.startIndex, offsetBy: at)
            let prefix = String(text[..<index]).trailingSpacesRemoved
            out += prefix + String(repeating: " ", count: max(1, column - prefix.count)) + text[index...]
        } else {
            out += text
        }
        return out.trailingSpacesRemoved
    }

    /// True for a rule clause in a block: `allow …` or `revoke …`.
    var isRule: Bool {
        guard indent > 0, let first = tokens.first, case .identifier(let word) = first.kind else { return false }
        return word == ContextualWord.allow.rawValue || word == ContextualWord.revoke.rawValue
    }

    /// Where the rule's description starts: after `from`/`to` and its peers (a peer is a
    /// value and the brackets touching it), before any `tag`.
    var descriptionOffset: Int? {
        guard isRule, !continues else { return nil }
        guard var index = tokens.firstIndex(where: { $0.kind == .identifier("from") || $0.kind == .identifier("to") })
        else { return nil }
        func isOpening(_ at: Int) -> Bool { tokens[at].kind == .leftParen || tokens[at].kind == .leftBracket }
        /// One token, or a bracketed span.
        func skipValue() {
            var depth = 0
            repeat {
                if isOpening(index) { depth += 1 }
                if tokens[index].kind == .rightParen || tokens[index].kind == .rightBracket { depth -= 1 }
                index += 1
            } while depth > 0 && index < tokens.count
        }
        func skipPeer() {
            if index < tokens.count, tokens[index].kind == .identifier("group") { index += 1 }
            guard index < tokens.count else { return }
            skipValue()
            // A call or an index: brackets touching the value.
            while index < tokens.count, isOpening(index), tokens[index].offset == tokens[index - 1].end { skipValue() }
        }
        index += 1
        skipPeer()
        while index < tokens.count, tokens[index].kind == .comma {
            index += 1
            skipPeer()
        }
        guard index < tokens.count, tokens[index].kind != .identifier(ContextualWord.tag.rawValue) else { return nil }
        return tokens[index].offset
    }
}

/// The layout pass: walks the tokens and the gaps between them, and writes lines.
private struct Layout {
    let file: SourceFile
    let tokens: [Token]
    var lines: [Line] = []
    var current = Line(indent: 0)
    var braces = 0
    /// Open `(` and `[`, with the index of the line each was opened on.
    var brackets: [Int] = []
    /// A line ends before the next token (after `{`, `}` or `;`).
    var breakPending = false
    /// A blank line was seen since the last line with content.
    var blankPending = false
    /// The last line ended at a newline (a newline now is a blank line).
    var endedAtNewline = true
    /// After a `}` that an `elif` or `else` follows: the newlines between them are dropped.
    var joiningElse = false
    /// The tokens of the statement so far (for telling `x = 1` from a tag's `k=v`).
    var statement: [TokenKind] = []

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
    }

    mutating func render() -> String {
        var previousEnd = file.hasByteOrderMark ? 3 : 0
        for (index, token) in tokens.enumerated() {
            gap(from: previousEnd, to: token.range.start, before: index)
            previousEnd = token.range.end
            place(index)
        }
        flush()
        while lines.last?.isBlank == true { lines.removeLast() }
        return Self.aligned(lines).map { $0 + "\n" }.joined()
    }

    // MARK: - Lines

    mutating func flush() {
        guard !current.isEmpty else { return }
        current.continues = !brackets.isEmpty
        emit(current)
        current = Line(indent: indent())
        endedAtNewline = false
    }

    mutating func emit(_ line: Line) {
        // No blank line first in a block or brackets, nor last.
        let opens = lines.last.map { $0.comment == nil && ["{", "[", "("].contains($0.text.last) } ?? true
        let closes = ["}", "]", ")"].contains(line.text.first)
        if blankPending, !lines.isEmpty, lines.last?.isBlank == false, !opens, !closes {
            lines.append(Line(indent: 0, isBlank: true))
        }
        blankPending = false
        lines.append(line)
    }

    /// The indent of a line starting now: the blocks, and the lines with open brackets.
    func indent(closing: Int = 0) -> Int {
        braces + Set(brackets.dropLast(closing)).count
    }

    mutating func newline() {
        if !current.isEmpty {
            flush()
        } else if endedAtNewline {
            blankPending = true
        }
        endedAtNewline = true
        breakPending = false
    }

    // MARK: - Gaps: spaces, comments, line breaks inside brackets

    mutating func gap(from start: Int, to end: Int, before index: Int) {
        var position = start
        var newlines = 0
        let bytes = file.utf8
        while position < end {
            switch bytes[position] {
            case UInt8(ascii: "#"):
                var stop = position
                while stop < end, bytes[stop] != UInt8(ascii: "\n") { stop += 1 }
                let comment = String(decoding: bytes[position..<stop], as: UTF8.self).trailingSpacesRemoved
                if newlines == 0, !current.text.isEmpty, current.comment == nil {
                    current.comment = comment
                } else {
                    flush()
                    if newlines > 1 { blankPending = true }
                    current = Line(indent: indent(), comment: comment)
                    flush()
                }
                newlines = 0
                position = stop
            case UInt8(ascii: "\n"):
                newlines += 1
                if newlines == 2 { blankPending = true }
                flush()
                position += 1
            default:
                position += 1
            }
        }
        if newlines > 0 || current.comment != nil {
            flush()
            current.indent = indent(closing: leadingClosers(from: index))
        }
    }

    /// How many closing brackets start at `index` (they close before the line is indented).
    func leadingClosers(from index: Int) -> Int {
        var count = 0
        while index + count < tokens.count, [.rightParen, .rightBracket].contains(tokens[index + count].kind) {
            count += 1
        }
        return count
    }

    // MARK: - Tokens

    mutating func place(_ index: Int) {
        let token = tokens[index]
        switch token.kind {
        case .eof:
            return
        case .newline:
            // `}` then `elif`/`else` on a later line: joined to `} else`.
            if joiningElse { return }
            statement = []
            newline()
            return
        case .semicolon:
            statement = []
            breakPending = true
            return
        case .rightBrace:
            braces -= 1
            flush()
            current.indent = indent()
        default:
            if breakPending {
                flush()
                current.indent = indent()
            }
        }
        breakPending = false
        joiningElse = false
        if let previous = current.tokens.last?.kind, spaced(previous, token, index) { current.text += " " }
        let offset = current.text.count
        current.text += String(decoding: file.utf8[token.range.start..<token.range.end], as: UTF8.self)
        current.tokens.append((token.kind, offset, current.text.count))
        statement.append(token.kind)
        switch token.kind {
        case .leftBrace:
            braces += 1
            statement = []
            breakPending = true
        case .rightBrace:
            statement = []
            joiningElse = joinsAfterBrace(index + 1)
            breakPending = !joiningElse
        case .leftParen, .leftBracket: brackets.append(lines.count)
        case .rightParen, .rightBracket: if !brackets.isEmpty { brackets.removeLast() }
        default: break
        }
    }

    /// True when the tokens from `index` are newlines and then `elif` or `else`.
    func joinsAfterBrace(_ index: Int) -> Bool {
        var at = index
        while at < tokens.count, tokens[at].kind == .newline {
            // A comment between them stays where it is.
            if hasComment(before: at + 1) { return false }
            at += 1
        }
        guard at < tokens.count else { return false }
        return tokens[at].kind == .keyword(.elif) || tokens[at].kind == .keyword(.else)
    }

    func hasComment(before index: Int) -> Bool {
        guard index < tokens.count, index > 0 else { return false }
        return file.utf8[tokens[index - 1].range.end..<tokens[index].range.start].contains(UInt8(ascii: "#"))
    }

    /// Whether a space goes between `previous` and the token at `index` on one line.
    func spaced(_ previous: TokenKind, _ token: Token, _ index: Int) -> Bool {
        let hadSpace = tokens[index - 1].range.end < token.range.start
        switch (previous, token.kind) {
        case (_, .comma), (_, .rightParen), (_, .rightBracket), (.leftParen, _), (.leftBracket, _): return false
        case (.comma, _), (_, .leftBrace), (.rightBrace, _): return true
        case (_, .assign), (.assign, _): return isAssignment
        case (_, .equalEqual), (_, .bangEqual), (_, .less), (_, .lessEqual), (_, .greater), (_, .greaterEqual),
            (_, .plus), (.equalEqual, _), (.bangEqual, _), (.less, _), (.lessEqual, _), (.greater, _),
            (.greaterEqual, _), (.plus, _):
            return true
        // Binary minus is spaced; a unary one touches its operand.
        case (_, .minus): return true
        case (.minus, _): return statement.count >= 2 && isOperand(statement[statement.count - 2])
        default: return hadSpace
        }
    }

    /// `let x =` or `x =` at the start of a statement (not a tag's `k=v`).
    var isAssignment: Bool {
        let words = statement.filter { $0 != .assign }
        switch words.count {
        case 1: if case .identifier = words[0] { return true }
        case 2: if words[0] == .keyword(.let) { return true }
        default: break
        }
        return false
    }

    /// True when a `-` after this token is binary: it ends a value.
    func isOperand(_ kind: TokenKind) -> Bool {
        switch kind {
        case .identifier, .variable, .integer, .string, .cidr, .portRange, .groupID, .prefixListID, .vpcID,
            .accountGroup, .rightParen, .rightBracket, .keyword(.true), .keyword(.false), .keyword(.nil):
            true
        default: false
        }
    }

    // MARK: - Description columns

    /// The lines as text: the descriptions of consecutive one-line rules of a block in one
    /// column, and the trailing comments of consecutive lines in one column.
    static func aligned(_ lines: [Line]) -> [String] {
        var codes: [String] = []
        var index = 0
        while index < lines.count {
            guard lines[index].isRule else {
                codes.append(lines[index].code())
                index += 1
                continue
            }
            var end = index
            while end < lines.count, lines[end].isRule, lines[end].indent == lines[index].indent { end += 1 }
            let run = lines[index..<end]
            let column = run.compactMap { line in
                line.descriptionOffset.map { String(line.text.prefix($0)).trailingSpacesRemoved.count + 1 }
            }.max()
            codes += run.map { $0.code(descriptionColumn: column) }
            index = end
        }
        var out: [String] = []
        index = 0
        while index < lines.count {
            guard lines[index].comment != nil, !lines[index].text.isEmpty else {
                // A line of code without a comment, a blank line, or a comment on its own line.
                let line = lines[index]
                out.append(line.comment.map { String(repeating: "  ", count: line.indent) + $0 } ?? codes[index])
                index += 1
                continue
            }
            var end = index
            while end < lines.count, lines[end].comment != nil, !lines[end].text.isEmpty { end += 1 }
            let column = codes[index..<end].map(\.count).max()! + 2
            for at in index..<end {
                out.append(
                    codes[at] + String(repeating: " ", count: column - codes[at].count) + lines[at].comment!)
            }
            index = end
        }
        return out
    }
}

extension String {
    fileprivate var trailingSpacesRemoved: String {
        var text = self
        while let last = text.last, last == " " || last == "\t" || last == "\r" { text.removeLast() }
        return text
    }
}
