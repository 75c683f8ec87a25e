// Expression productions, loosest first: or, and, not, comparisons and `in`,
// `+ -`, unary `-`, postfix calls and indexing, primaries.

extension Parser {
    // expr = or
    mutating func parseExpression() throws(ParseAbort) -> Expr {
        try enterNesting()
        defer { depth -= 1 }
        return try parseOr()
    }

    // or = and { 'or' and }
    mutating func parseOr() throws(ParseAbort) -> Expr {
        var left = try parseAnd()
        while consume(.keyword(.or)) {
            let right = try parseAnd()
            left = Expr(.binary(.or, left, right), range: left.range.through(right.range))
        }
        return left
    }

    // and = not { 'and' not }
    mutating func parseAnd() throws(ParseAbort) -> Expr {
        var left = try parseNot()
        while consume(.keyword(.and)) {
            let right = try parseNot()
            left = Expr(.binary(.and, left, right), range: left.range.through(right.range))
        }
        return left
    }

    // not = 'not' not | compare
    mutating func parseNot() throws(ParseAbort) -> Expr {
        if let token = accept(.keyword(.not)) {
            try enterNesting()
            defer { depth -= 1 }
            let operand = try parseNot()
            return Expr(.unary(.not, operand), range: range(of: token).through(operand.range))
        }
        return try parseCompare()
    }

    // compare = sum [ ( '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not' 'in' ) sum ]
    mutating func parseCompare() throws(ParseAbort) -> Expr {
        let left = try parseSum()
        let op: BinaryOperator
        switch current.tag {
        case .equalEqual: op = .equal
        case .bangEqual: op = .notEqual
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        case .keyword where current.keyword == .in: op = .in
        case .keyword where current.keyword == .not && peek().matches(.keyword(.in)):
            skip()
            op = .notIn
        default: return left
        }
        skip()
        let right = try parseSum()
        return Expr(.binary(op, left, right), range: left.range.through(right.range))
    }

    // sum = unary { ( '+' | '-' ) unary }
    mutating func parseSum() throws(ParseAbort) -> Expr {
        var left = try parseUnary()
        while true {
            let op: BinaryOperator
            switch current.tag {
            case .plus: op = .plus
            case .minus: op = .minus
            default: return left
            }
            skip()
            let right = try parseUnary()
            left = Expr(.binary(op, left, right), range: left.range.through(right.range))
        }
    }

    // unary = '-' unary | postfix
    mutating func parseUnary() throws(ParseAbort) -> Expr {
        if current.tag == .minus {
            let token = advance()
            try enterNesting()
            defer { depth -= 1 }
            let operand = try parseUnary()
            return Expr(.unary(.negate, operand), range: range(of: token).through(operand.range))
        }
        return try parsePostfix()
    }

    // postfix = primary { '(' [ expr { ',' expr } [ ',' ] ] ')' | '[' expr ']' }
    // (an index '[' must touch the value before it: 'xs[0]', not 'xs [0]')
    mutating func parsePostfix() throws(ParseAbort) -> Expr {
        var expr = try parsePrimary()
        while true {
            // The usual value has neither: matched as cases, not compared with `==` (Parser.skip).
            if current.tag == .leftParen {
                let open = advance()
                var arguments: [Expr] = []
                while !check(.rightParen) && !atEnd {
                    arguments.append(try parseExpression())
                    if !consume(.comma) { break }
                }
                guard let close = accept(.rightParen) else {
                    throw fail(
                        .closingMissing(
                            "')'", "after arguments", found: currentKind.displayName, open: "(", at: range(of: open)))
                }
                expr = Expr(.call(expr, arguments), range: expr.range.through(range(of: close)))
            } else if current.tag == .leftBracket, current.start == expr.range.end {
                // Indexing needs the '[' right after the value, so `tcp [80, 443]`-style
                // lists after a name are never read as an index.
                let open = advance()
                let subscriptExpr = try parseExpression()
                guard let close = accept(.rightBracket) else {
                    throw fail(
                        .closingMissing(
                            "']'", "after index", found: currentKind.displayName, open: "[", at: range(of: open)))
                }
                expr = Expr(.index(expr, subscriptExpr), range: expr.range.through(range(of: close)))
            } else {
                return expr
            }
        }
    }

    // primary = INTEGER | STRING | 'true' | 'false' | 'nil' | CIDR | ADDRESS | PORT_RANGE
    //         | SG_ID | PL_ID | VPC_ID | ACCOUNT_GROUP | VAR | IDENT | list | '(' expr ')'
    //         | 'sg' 'create' expr [ 'vpc' expr ] [ STRING ] | 'sg' 'lookup' expr
    mutating func parsePrimary() throws(ParseAbort) -> Expr {
        // The token's range, not the token: a copy of its kind is a switch and a retain.
        let tokenRange = range(of: current)
        // A literal or a name is read while the token is lent, and only then passed: a case that
        // moved on (a mutation) while a value bound from the token was alive copied the token.
        if let leaf = leaf(current) {
            skip()
            return Expr(leaf, range: tokenRange)
        }
        switch currentKind {
        case .integer(let value):
            skip()
            return Expr(.integer(value), range: tokenRange)
        case .string(let parts):
            skip()
            return Expr(.string(parseInterpolations(parts)), range: tokenRange)
        case .keyword(.true):
            skip()
            return Expr(.bool(true), range: tokenRange)
        case .keyword(.false):
            skip()
            return Expr(.bool(false), range: tokenRange)
        case .keyword(.nil):
            skip()
            return Expr(.nil, range: tokenRange)
        case .cidr(let text):
            skip()
            return Expr(.cidr(.written(text)), range: tokenRange)
        case .portRange(let low, let high):
            skip()
            return Expr(.portRange(low, high), range: tokenRange)
        case .groupID(let id):
            skip()
            return Expr(.groupID(id), range: tokenRange)
        case .prefixListID(let id):
            skip()
            return Expr(.prefixListID(id), range: tokenRange)
        case .vpcID(let id):
            skip()
            return Expr(.vpcID(id), range: tokenRange)
        case .accountGroup(let account, let group):
            skip()
            return Expr(.accountGroup(account: account, groupID: group), range: tokenRange)
        case .variable(let name), .identifier(let name):
            skip()
            return Expr(.variable(name), range: tokenRange)
        case .leftBracket:
            return try parseList()
        case .leftParen:
            skip()
            let inner = try parseExpression()
            if !consume(.rightParen) {
                throw fail(
                    .closingMissing(
                        "')'", "after expression", found: currentKind.displayName, open: "(", at: tokenRange))
            }
            return Expr(inner.kind, range: range(from: tokenRange))
        case .keyword(.sg):
            return try parseSgExpression()
        case .invalid:
            skip()
            throw ParseAbort()
        default:
            throw fail(.expressionMissing(found: currentKind.displayName))
        }
    }

    /// The value of an integer token.
    func integerValue(_ token: LexedToken) -> Int? {
        token.tag == .integer ? Lexer.integerValue(of: token, in: file) : nil
    }

    /// The expression a literal or name token is by itself, if it is one (a string only when it
    /// is one piece of text: interpolations are parsed). Its value is read from the bytes here,
    /// once, for the node (TokenDecoding.swift).
    mutating func leaf(_ token: LexedToken) -> Expr.Kind? {
        switch token.tag {
        case .string:
            guard let text = Lexer.plainStringText(of: token, in: file) else { return nil }
            return .string(text.isEmpty ? [] : [.text(text)])
        case .groupID: return .groupID(text(of: token))
        case .cidr:
            let plain = file.utf8.withUnsafeBufferPointer { CIDRLiteral.plainIPv4($0, token.start, token.end) }
            return .cidr(plain ?? .written(Self.decode(file, token.start, token.end)))
        case .variable, .identifier: return .variable(text(of: token))
        case .integer, .portRange, .prefixListID, .vpcID, .accountGroup:
            switch kind(of: token) {
            case .integer(let value): return .integer(value)
            case .portRange(let low, let high): return .portRange(low, high)
            case .groupID(let id): return .groupID(id)
            case .prefixListID(let id): return .prefixListID(id)
            case .vpcID(let id): return .vpcID(id)
            case .accountGroup(let account, let group): return .accountGroup(account: account, groupID: group)
            case .variable(let name), .identifier(let name): return .variable(name)
            default: return nil
            }
        default: return nil
        }
    }

    // list = '[' [ expr { ( ',' | NEWLINE ) expr } [ ',' ] ] ']'
    // (a line break between elements stands in for the comma; other newlines are ignored)
    mutating func parseList() throws(ParseAbort) -> Expr {
        let open = advance()
        var elements: [Expr] = []
        while !check(.rightBracket) && !atEnd {
            elements.append(try parseExpression())
            if !consume(.comma) && !(followsLineBreak && startsExpression) { break }
        }
        guard let close = accept(.rightBracket) else {
            throw fail(
                .closingMissing(
                    "']' or ','", "in list", found: currentKind.displayName, open: "[", at: range(of: open)))
        }
        return Expr(.list(elements), range: range(of: open).through(range(of: close)))
    }

    // sg_expr = 'sg' 'create' postfix [ 'vpc' postfix ] [ STRING | VAR ] | 'sg' 'lookup' postfix
    //         | 'sg' group 'replace' 'with' replacement
    mutating func parseSgExpression() throws(ParseAbort) -> Expr {
        let start = advanceRange()
        if consumeWord(.lookup) {
            let name = try parsePostfix()
            return Expr(.sgLookup(name), range: range(from: start))
        }
        if !checkWord(.create), peek().isWord(.replace) || check(.leftParen) {
            let group = try parseGroup()
            guard checkWord(.replace) else {
                throw fail(.tokenMissing("'replace'", "after the group", found: currentKind.displayName))
            }
            return try parseReplaceRest(group: group, start: start)
        }
        guard consumeWord(.create) else {
            throw fail(.sgExpressionMissing(found: currentKind.displayName))
        }
        let name = try parsePostfix()
        var vpc: Expr?
        if consumeWord(.vpc) { vpc = try parsePostfix() }
        var description: Expr?
        if current.startsDescription { description = try parsePostfix() }
        return Expr(.sgCreate(name: name, vpc: vpc, description: description), range: range(from: start))
    }

    /// True when the current token can begin an expression. A line break inside a list
    /// separates elements only before such a token, so an unclosed `[` followed by a new
    /// statement reports the missing `]` rather than a puzzling "expected an expression".
    var startsExpression: Bool {
        switch currentKind {
        case .integer, .string, .cidr, .portRange, .groupID, .prefixListID, .vpcID, .accountGroup, .variable,
            .identifier, .leftBracket, .leftParen, .minus, .keyword(.true), .keyword(.false), .keyword(.nil),
            .keyword(.not), .keyword(.sg):
            true
        default:
            false
        }
    }

    /// Parses the `${…}` parts of a string token with a parser over just that range.
    mutating func parseInterpolations(_ parts: [StringTokenPart]) -> [StringPart] {
        // The usual string is one piece of text: made directly, without mapping the token's parts.
        if parts.count == 1, case .text(let text) = parts[0] { return [.text(text)] }
        return parts.map { part -> StringPart in
            switch part {
            case .text(let text):
                return .text(text)
            case .interpolation(let start, let end):
                var inner = Parser(file: file, start: start, end: end)
                inner.depth = depth
                var expr = Expr(.invalid, range: SourceRange(file: file, start: start, end: end))
                if inner.atEnd {
                    inner.report(.emptyInterpolation, at: .point(file, start))
                } else if let parsed = try? inner.parseExpression() {
                    expr = parsed
                    if !inner.atEnd {
                        inner.report(
                            .interpolationNotClosed(found: inner.currentKind.displayName),
                            at: inner.range(of: inner.current))
                    }
                }
                // The inner parser's end of input is the '}' that closes the interpolation.
                diagnostics += inner.allDiagnostics().map { diagnostic in
                    guard diagnostic.message.hasSuffix(", found end of file") else { return diagnostic }
                    let message = diagnostic.message.dropLast("end of file".count) + "'}' that ends the interpolation"
                    return Diagnostic(
                        diagnostic.id, String(message), at: diagnostic.range, severity: diagnostic.severity,
                        hint: diagnostic.hint, notes: diagnostic.notes)
                }
                return .interpolation(expr)
            }
        }
    }
}
