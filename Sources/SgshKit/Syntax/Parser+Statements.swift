// Statement productions: program, block, let/assign, for, if, def, return,
// use, dryrun, print, expression statements. `sg` statements are in
// Parser+SgStatements.swift.

extension Parser {
    // program = { sep } { statement { sep } }
    mutating func parseProgram() -> [Stmt] {
        parseStatements(closedBy: nil)
    }

    /// Statements up to `}` (in a block) or the end of input, each ended by a separator.
    mutating func parseStatements(closedBy brace: LexedToken?) -> [Stmt] {
        var statements: [Stmt] = []
        while true {
            while current.tag == .newline { skip() }
            while consume(.newline) || consume(.semicolon) {}
            // Between top-level statements nothing looks back further than the last token.
            if brace == nil && depth == 0 { tokens.drop(before: index - 1) }
            if atEnd { return statements }
            if check(.rightBrace) {
                if brace != nil { return statements }
                report(.closeBraceWithoutBlock, at: range(of: current))
                skip()
                continue
            }
            let before = index
            do {
                statements.append(try parseStatement())
                try expectStatementEnd()
            } catch {
                noteRecoveredName(at: before)
                synchronize()
                // Guarantee progress even if recovery stopped on the failing token.
                if index == before && !atEnd && !check(.rightBrace) { skip() }
            }
        }
    }

    /// Remembers the name a failed `let`/`def`/`for` statement at token `start` declared.
    mutating func noteRecoveredName(at start: Int) {
        guard case .identifier(let name) = kind(of: tokens[start + 1]) else { return }
        switch kind(of: tokens[start]) {
        case .keyword(.let), .keyword(.def), .keyword(.for): recoveredNames.insert(name)
        default: break
        }
    }

    mutating func expectStatementEnd() throws(ParseAbort) {
        switch current.tag {
        case .newline, .semicolon, .rightBrace, .eof: return
        default:
            throw fail(.statementEndMissing(found: currentKind.displayName))
        }
    }

    // block = '{' { sep } { statement { sep } } '}'
    mutating func parseBlock(_ context: String) throws(ParseAbort) -> Block {
        let open = try expect(.leftBrace, context)
        try enterNesting()
        defer { depth -= 1 }
        let statements = parseStatements(closedBy: open)
        guard let close = accept(.rightBrace) else {
            throw fail(.blockNotClosed(found: currentKind.displayName, open: range(of: open)))
        }
        return Block(statements, range: range(of: open).through(range(of: close)))
    }

    // statement = let | for | if | def | use | dryrun | sg_stmt
    //           | 'return' [ expr ] | 'print' ( expr { ',' expr } | '(' [ expr { ',' expr } [ ',' ] ] ')' )
    //           | IDENT '=' expr | expr
    mutating func parseStatement() throws(ParseAbort) -> Stmt {
        let start = range(of: current)
        switch currentKind {
        case .keyword(.let): return try parseLetStmt()
        case .keyword(.for): return try parseForStmt()
        case .keyword(.if): return try parseIfStmt()
        case .keyword(.def): return try parseDefStmt()
        case .keyword(.return):
            skip()
            let value = startsStatementEnd ? nil : try parseExpression()
            return Stmt(.returnStmt(value), range: range(from: start))
        case .keyword(.use): return try parseUseStmt()
        case .keyword(.dryrun): return try parseDryrunStmt()
        case .keyword(.print):
            let keyword = advance()
            // `print(a, b)` written as a call (the '(' touching 'print') is read as one, so the
            // habit from other languages works instead of failing at the first ','.
            if check(.leftParen), current.start == keyword.end {
                let open = advance()
                var values: [Expr] = []
                while !check(.rightParen) && !atEnd {
                    values.append(try parseExpression())
                    if !consume(.comma) { break }
                }
                guard consume(.rightParen) else {
                    throw fail(
                        .closingMissing(
                            "')'", "after arguments", found: currentKind.displayName, open: "(", at: range(of: open)))
                }
                return Stmt(.printStmt(values), range: range(from: start))
            }
            var values = [try parseExpression()]
            while consume(.comma) { values.append(try parseExpression()) }
            return Stmt(.printStmt(values), range: range(from: start))
        case .keyword(.sg) where !(peek().isWord(.create) || peek().isWord(.lookup)):
            return try parseSgStmt()
        case .identifier("policy") where ContextualWord.policyForms.contains(where: peek().isWord):
            return try parsePolicyStmt()
        case .identifier("owner") where { if case .string = kind(of: peek()) { true } else { false } }():
            return try parseOwnerStmt()
        case .identifier(let name) where kind(of: peek()) == .assign:
            skip()
            skip()
            let value = try parseExpression()
            return Stmt(.assignStmt(Identifier(name, range: start), value), range: range(from: start))
        default:
            let expr = try parseExpression()
            if check(.assign) {
                // `xs[0] = 1`, `$x = 1`: only a bare name can be assigned to.
                let target: DiagnosticMessage.AssignmentTarget =
                    switch expr.kind {
                    case .variable(let name): .variable(name)
                    case .index(let base, _): .index(base: base.range.text)
                    default: .other
                    }
                throw fail(.assignmentToExpression(expr.range.text, target), at: range(of: current))
            }
            return Stmt(.exprStmt(expr), range: expr.range)
        }
    }

    var startsStatementEnd: Bool {
        switch current.tag {
        case .newline, .semicolon, .rightBrace, .eof: true
        default: false
        }
    }

    // let = 'let' IDENT '=' expr
    mutating func parseLetStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        let name = try parseName("after 'let'")
        try expect(.assign, "after 'let \(name.name)'")
        let value = try parseExpression()
        return Stmt(.letStmt(name, value), range: range(from: start))
    }

    // name = IDENT
    /// An identifier in a binding position; a keyword there gets its own message.
    mutating func parseName(_ context: String) throws(ParseAbort) -> Identifier {
        switch currentKind {
        case .identifier(let name):
            return Identifier(name, range: advanceRange())
        case .keyword(let keyword):
            throw fail(.keywordAsName(keyword.rawValue))
        case .variable(let name):
            throw fail(.nameMissing(context, found: currentKind.displayName, dollarName: name))
        default:
            throw fail(.nameMissing(context, found: currentKind.displayName))
        }
    }

    // for = 'for' IDENT 'in' expr block
    mutating func parseForStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        let variable = try parseName("after 'for'")
        try expect(.keyword(.in), "after 'for \(variable.name)'")
        let sequence = try parseExpression()
        let body = try parseBlock("after the 'for' sequence")
        return Stmt(.forStmt(variable, sequence, body), range: range(from: start))
    }

    // if = 'if' expr block { 'elif' expr block } [ 'else' block ]
    mutating func parseIfStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        var branches = [IfBranch(condition: try parseExpression(), body: try parseBlock("after the 'if' condition"))]
        var elseBody: Block?
        while true {
            // `elif`/`else` may follow `}` on the next line.
            let save = index
            while consume(.newline) {}
            if consume(.keyword(.elif)) {
                branches.append(
                    IfBranch(condition: try parseExpression(), body: try parseBlock("after the 'elif' condition")))
            } else if consume(.keyword(.else)) {
                if check(.keyword(.if)) {
                    throw fail(.elseIf)
                }
                elseBody = try parseBlock("after 'else'")
                break
            } else {
                index = save
                break
            }
        }
        return Stmt(.ifStmt(branches, else: elseBody), range: range(from: start))
    }

    // def = 'def' IDENT '(' [ IDENT { ',' IDENT } [ ',' ] ] ')' block
    mutating func parseDefStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        let name = try parseName("after 'def'")
        let open = try expect(.leftParen, "after the function name")
        var parameters: [Identifier] = []
        if !check(.rightParen) {
            repeat {
                if check(.rightParen) { break }
                parameters.append(try parseName("in the parameter list"))
            } while consume(.comma)
        }
        if !consume(.rightParen) {
            throw fail(
                .closingMissing(
                    "')'", "after parameters", found: currentKind.displayName, open: "(", at: range(of: open)))
        }
        let body = try parseBlock("after the parameters of '\(name.name)'")
        return Stmt(.defStmt(name, parameters, body), range: range(from: start))
    }

    // use = 'use' STRING
    mutating func parseUseStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        guard case .string(let parts) = currentKind else {
            throw fail(.moduleNameMissing(found: currentKind.displayName))
        }
        let token = advance()
        var name = ""
        for part in parts {
            guard case .text(let text) = part else {
                throw fail(.interpolatedModuleName, at: range(of: token))
            }
            name += text
        }
        return Stmt(.useStmt(name, range(of: token)), range: range(from: start))
    }

    // dryrun = 'dryrun' ( 'on' | 'off' )
    mutating func parseDryrunStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        if consumeWord(.on) { return Stmt(.dryrunStmt(true), range: range(from: start)) }
        if consumeWord(.off) { return Stmt(.dryrunStmt(false), range: range(from: start)) }
        throw fail(.dryRunModeMissing(found: currentKind.displayName))
    }
}
