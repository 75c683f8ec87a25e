// The `sg` statement: the one-line rule form, rule blocks, `exactly`, and the
// group commands (tag, untag, show, delete). The words here are contextual
// identifiers, so the parser checks them by position and suggests the word
// the user most likely meant.

import SgshModel

extension Parser {
    static let protocolNames = ["tcp", "udp", "icmp", "icmpv6", "all"]
    /// `protocolNames` as IPProtocol(parsing:) reads them.
    static func commonProtocol(_ name: String) -> IPProtocol? {
        switch name {
        case "tcp": .tcp
        case "udp": .udp
        case "icmp": .icmp
        case "icmpv6": .icmpv6
        case "all": .all
        default: nil
        }
    }
    /// The protocol a name token spells, if it is one. Any case (`TCP`), as in a string; IANA
    /// names (`esp`, `gre`) are their numbers. The usual spellings first: IPProtocol(parsing:)
    /// lowercases and looks the name up among the IANA names before its own (550 instructions).
    func namedProtocol(_ token: LexedToken) -> IPProtocol? {
        guard token.tag == .identifier else { return nil }
        if let common = Self.commonProtocol(file.utf8, token.start, token.end) { return common }
        let name = Lexer.identifierText(of: token, in: file)
        return Self.commonProtocol(name) ?? (Int(name) == nil ? IPProtocol(parsing: name) : nil)
    }
    /// `commonProtocol` on the bytes of a name, in the case written (no String made).
    static func commonProtocol(_ bytes: [UInt8], _ start: Int, _ end: Int) -> IPProtocol? {
        func spells(_ name: StaticString) -> Bool {
            guard name.utf8CodeUnitCount == end - start else { return false }
            let pointer = name.utf8Start
            for offset in 0..<(end - start) where bytes[start + offset] != pointer[offset] { return false }
            return true
        }
        switch end - start {
        case 3: return spells("tcp") ? .tcp : spells("udp") ? .udp : spells("all") ? .all : nil
        case 4: return spells("icmp") ? .icmp : nil
        case 6: return spells("icmpv6") ? .icmpv6 : nil
        default: return nil
        }
    }
    /// Service names people write where a protocol goes, and the rule they mean.
    static let serviceRules = [
        "ssh": "tcp 22", "http": "tcp 80", "https": "tcp 443", "dns": "udp 53", "rdp": "tcp 3389",
        "ping": "icmp echo-request",
    ]

    // sg_stmt = 'sg' group ( direction rule
    //                      | direction [ 'exactly' ] '{' { sep } [ rule { sep { sep } rule } ] { sep } '}'
    //                      | 'tag' tag { tag } | 'untag' key { key } | 'show' | 'delete'
    //                      | 'replace' 'with' replacement )
    mutating func parseSgStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        let group = try parseGroup()
        let action: SgAction
        // The word's kind is not copied: only the error paths below read it, before any skip.
        let word = current.word
        switch word {
        case .ingress, .egress:
            let direction = Located(word == .ingress ? Direction.ingress : .egress, range: advanceRange())
            if checkWord(.exactly) || check(.leftBrace) {
                var exactly: Located<Bool>?
                if let exactlyRange = acceptWordRange(.exactly) { exactly = Located(true, range: exactlyRange) }
                action = .block(direction, exactly: exactly, try parseRuleBlock())
            } else {
                // The one-line rule, built in one expression: through `action` the rule clause
                // was copied (retaining every range's file) and the original dropped.
                let rule = try parseRuleClause()
                return Stmt(
                    .sgStmt(SgStmt(group: consume group, action: .rule(direction, consume rule))),
                    range: range(from: start))
            }
        case .tag:
            skip()
            action = .tag(try parseTags(context: "after 'tag'"))
        case .untag:
            skip()
            var keys = [try parseTagKey("after 'untag'")]
            while !startsStatementEnd { keys.append(try parseTagKey("after 'untag'")) }
            action = .untag(keys)
        case .show:
            skip()
            action = .show
        case .delete:
            skip()
            action = .delete
        case .replace:
            // A statement of its own, and an expression (`let web2 = sg $web replace with …`).
            let replace = try parseReplaceRest(group: group, start: start)
            return Stmt(.exprStmt(replace), range: replace.range)
        case .allow, .revoke:
            throw fail(.directionMissing(before: range(of: current).text))
        case _ where ["inbound", "outbound", "out"].contains(currentKind.identifierName):
            let direction = currentKind.identifierName == "inbound" ? "ingress" : "egress"
            throw fail(.directionMisspelled(found: currentKind.displayName, write: direction))
        default:
            let suggestion = currentKind.identifierName.flatMap {
                Spelling.closest(to: $0, in: ContextualWord.groupActions.spellings)
            }
            throw fail(.groupActionMissing(found: currentKind.displayName, suggestion: suggestion))
        }
        return Stmt(.sgStmt(SgStmt(group: group, action: action)), range: range(from: start))
    }

    // replacement = postfix [ STRING | VAR ] [ 'vpc' postfix ]   (the description and vpc in either order)
    /// The rest of `sg GROUP replace with NAME [DESCRIPTION] [vpc EXPR]`, from `replace`.
    mutating func parseReplaceRest(group: Expr, start: SourceRange) throws(ParseAbort) -> Expr {
        skip()
        guard consumeWord(.with) else {
            throw fail(.tokenMissing("'with'", "after 'replace'", found: currentKind.displayName))
        }
        let name = try parsePostfix()
        var vpc: Expr?
        var description: Expr?
        while true {
            if vpc == nil, consumeWord(.vpc) {
                vpc = try parsePostfix()
            } else if description == nil, current.startsDescription {
                description = try parsePostfix()
            } else {
                break
            }
        }
        return Expr(
            .sgReplace(group: group, name: name, vpc: vpc, description: description), range: range(from: start))
    }

    // group = STRING | SG_ID | VAR | IDENT | '(' expr ')'
    mutating func parseGroup() throws(ParseAbort) -> Expr {
        // `sg ingress allow …`: the group is missing, and `ingress` would otherwise be read as
        // a variable named ingress, with a confusing error one word later. An action word is
        // still a group name when another action follows it (`sg show show`).
        let actions = ContextualWord.groupActions
        if let word = current.word, actions.contains(word), !(peek().word.map(actions.contains) ?? false) {
            throw fail(.groupMissing(before: word.rawValue))
        }
        switch current.tag {
        case .string, .groupID, .variable, .identifier, .leftParen:
            return try parsePrimary()
        default:
            throw fail(.groupMissing(found: currentKind.displayName))
        }
    }

    // rule_block = '{' { sep } [ rule { sep { sep } rule } ] { sep } '}'
    mutating func parseRuleBlock() throws(ParseAbort) -> [RuleClause] {
        let open = try expect(.leftBrace, "to start the rule block")
        var rules: [RuleClause] = []
        while true {
            while consume(.newline) || consume(.semicolon) {}
            if let _ = accept(.rightBrace) { return rules }
            if atEnd {
                throw fail(.ruleBlockNotClosed(open: range(of: open)))
            }
            let before = index
            do {
                rules.append(try parseRuleClause())
                try expectStatementEnd()
            } catch {
                synchronize()
                if index == before && !atEnd && !check(.rightBrace) { skip() }
            }
        }
    }

    // rule = ( 'allow' | 'revoke' ) protocol [ ports ] ( 'from' | 'to' ) peers [ description ]
    //        { 'tag' tag { tag } | 'for' DURATION }
    // description = ( STRING | VAR ) sum-rest     (a string expression: "…", $why, "${x} y", $a + "b")
    mutating func parseRuleClause() throws(ParseAbort) -> RuleClause {
        let start = range(of: current)
        let verb = try parseVerb()
        let proto = try parseProtocol()
        var ports: Located<PortsSpec>?
        if !(checkWord(.from) || checkWord(.to)) { ports = try parsePorts() }
        guard let preposition = current.word, preposition == .from || preposition == .to else {
            // `tcp 80, 443 from …`: several ports are written as a list.
            let portsList = check(.comma) ? ports?.range.text : nil
            throw fail(.prepositionMissing(found: currentKind.displayName, portsList: portsList))
        }
        let prepositionRange = advanceRange()
        var peers = [try parsePeer()]
        while current.tag == .comma {
            skip()
            peers.append(try parsePeer())
        }
        var description: Expr?
        switch current.tag {
        case .string, .variable: description = try parseSum()
        default: break
        }
        if current.tag == .string {
            throw fail(.secondDescription)
        }
        var tags: [TagClause] = []
        var lifetime: Located<Int>?
        while true {
            if consumeWord(.tag) {
                tags += try parseTags(context: "after 'tag'")
            } else if check(.keyword(.for)) {
                let written = try parseLifetime()
                if let first = lifetime {
                    report(.lifetimeTwice(first: first.range), at: written.range)
                }
                lifetime = lifetime ?? written
            } else {
                break
            }
        }
        // Moved, not copied, into the clause (each copy retains every range's file).
        return RuleClause(
            verb: consume verb, proto: consume proto, ports: consume ports,
            preposition: Located(preposition.rawValue, range: prepositionRange),
            peers: consume peers, description: consume description, tags: consume tags,
            lifetime: consume lifetime, range: range(from: start))
    }

    // verb = 'allow' | 'revoke'
    mutating func parseVerb() throws(ParseAbort) -> Located<RuleVerb> {
        if let range = acceptWordRange(.allow) { return Located(.allow, range: range) }
        if let range = acceptWordRange(.revoke) { return Located(.revoke, range: range) }
        let word = currentKind.identifierName
        let suggestion = word.flatMap { Spelling.closest(to: $0, in: ContextualWord.verbs.spellings) }
        throw fail(.verbMissing(found: currentKind.displayName, word: word, suggestion: suggestion))
    }

    // protocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | INTEGER | VAR
    mutating func parseProtocol() throws(ParseAbort) -> Located<ProtocolSpec> {
        // The token's range, not the token: a copy of its kind is a switch and a retain.
        let tokenRange = range(of: current)
        // Read while the token is lent, then moved past (see parsePrimary).
        if let proto = namedProtocol(current) {
            skip()
            return Located(.literal(proto), range: tokenRange)
        }
        switch currentKind {
        case .identifier(let name):
            // Any case (`TCP`), as in a string; IANA names (`esp`, `gre`) are their numbers.
            // The usual spellings first: IPProtocol(parsing:) lowercases and looks the name
            // up among the IANA names before its own (550 instructions a rule).
            if let proto = Self.commonProtocol(name) ?? (Int(name) == nil ? IPProtocol(parsing: name) : nil) {
                skip()
                return Located(.literal(proto), range: tokenRange)
            }
            if ContextualWord.prepositions.spellings.contains(name) {
                throw fail(.protocolMissing(before: name))
            }
            let lowered = name.lowercased()
            let suggestion = Spelling.closest(to: lowered, in: Self.protocolNames)
            throw fail(.unknownProtocol(name, suggestion: suggestion, service: Self.serviceRules[lowered]))
        case .integer(let number):
            skip()
            if let proto = IPProtocol(number: number), number >= 0 {
                return Located(.literal(proto), range: tokenRange)
            }
            return Located(.invalidNumber(number), range: tokenRange)
        case .variable:
            let expr = try parsePrimary()
            return Located(.expression(expr), range: expr.range)
        case .minus where kind(of: peek()) == .integer(1):
            throw fail(.protocolMinusOne, at: tokenRange.through(range(of: peek())))
        default:
            throw fail(.protocolMissing(found: currentKind.displayName))
        }
    }

    // ports = port | '[' port { ( ',' | NEWLINE ) port } [ ',' ] ']' | VAR
    mutating func parsePorts() throws(ParseAbort) -> Located<PortsSpec> {
        let start = range(of: current)
        if current.tag == .variable {
            let expr = try parsePrimary()
            return Located(.expression(expr), range: expr.range)
        }
        guard current.tag == .leftBracket else {
            let item = try parsePortItem()
            return Located(.items([item], isList: false), range: item.range)
        }
        let open = advance()
        var items: [Located<PortItem>] = []
        while !check(.rightBracket) && !atEnd {
            items.append(try parsePortItem())
            if !consume(.comma) && !(followsLineBreak && startsExpression) { break }
        }
        guard consume(.rightBracket) else {
            throw fail(
                .closingMissing(
                    "']' or ','", "in the port list", found: currentKind.displayName, open: "[", at: range(of: open))
            )
        }
        return Located(.items(items, isList: true), range: range(from: start))
    }

    // port = INTEGER | PORT_RANGE | ICMP_NAME | INTEGER ':' INTEGER | 'all' | VAR | IDENT
    mutating func parsePortItem() throws(ParseAbort) -> Located<PortItem> {
        let tokenRange = range(of: current)
        // A port number is read while the token is lent, then moved past (see parsePrimary).
        if let value = integerValue(current) {
            skip()
            if check(.colon), case .integer(let code) = kind(of: peek()) {
                skip()
                skip()
                return Located(.icmpTypeCode(value, code), range: range(from: tokenRange))
            }
            return Located(.number(value), range: tokenRange)
        }
        switch currentKind {
        case .portRange(let low, let high):
            skip()
            return Located(.range(low, high), range: tokenRange)
        case .identifier("all"):
            skip()
            return Located(.all, range: tokenRange)
        case .identifier(let name) where ICMPSpec.allNames.contains(name):
            skip()
            return Located(.icmpName(name), range: tokenRange)
        case .identifier, .variable:
            let expr = try parsePrimary()
            return Located(.expression(expr), range: expr.range)
        default:
            throw fail(.portMissing(found: currentKind.displayName))
        }
    }

    // peer = 'group' postfix | postfix
    mutating func parsePeer() throws(ParseAbort) -> Expr {
        if let word = acceptWord(.group) {
            let name = try parsePostfix()
            return Expr(.groupNamed(name), range: range(of: word).through(name.range))
        }
        switch current.tag {
        case .newline, .eof, .semicolon, .rightBrace, .comma:
            throw fail(.peerMissing(found: currentKind.displayName))
        default:
            return try parsePostfix()
        }
    }

    // tags = tag { tag }          (another tag starts where a key is followed by '=')
    // tag  = key '=' postfix
    mutating func parseTags(context: String) throws(ParseAbort) -> [TagClause] {
        var tags: [TagClause] = []
        repeat {
            let key = try parseTagKey(context)
            try expect(.assign, "after the tag key '\(key.name)'")
            tags.append(TagClause(key: key, value: try parsePostfix()))
        } while peek().tag == .assign && startsTagKey(current)
        return tags
    }

    /// True for a token parseTagKey accepts: a name, a string, or a keyword (`for=1`).
    func startsTagKey(_ token: LexedToken) -> Bool {
        switch token.tag {
        case .identifier, .string, .keyword: true
        default: false
        }
    }

    // key = IDENT | KEYWORD | STRING
    mutating func parseTagKey(_ context: String) throws(ParseAbort) -> Identifier {
        let token = current
        switch kind(of: token) {
        case .identifier(let name):
            skip()
            return Identifier(name, range: range(of: token))
        case .string(let parts):
            skip()
            let text = parts.compactMap { if case .text(let t) = $0 { t } else { nil } }.joined()
            return Identifier(text, range: range(of: token))
        case .keyword(let keyword):
            skip()
            return Identifier(keyword.rawValue, range: range(of: token))
        default:
            throw fail(.tagKeyMissing(context, found: kind(of: token).displayName))
        }
    }

}
