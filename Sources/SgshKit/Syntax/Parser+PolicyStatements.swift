// Policy statements (docs/POLICY.md): `policy deny …`, `policy require
// description …` and `policy exempt …`. `policy` is a statement word only
// when `deny`, `require` or `exempt` follows it, so `policy` stays a name.
// The denied rule is parsed with the rule clause's own pieces, so protocols,
// ports and peers mean in a policy exactly what they mean in a rule.

import SgshModel

extension Parser {
    // policy = 'policy' ( 'deny' direction protocol [ ports ] ( 'from' | 'to' ) peers
    //                       [ 'except' protocol [ ports ] ] [ 'in' postfix ] STRING
    //                   | 'require' 'description' [ 'in' postfix ] STRING
    //                   | 'exempt' postfix 'from' STRING 'until' DATE STRING )
    mutating func parsePolicyStmt() throws(ParseAbort) -> Stmt {
        let start = advanceRange()
        let form = advance()
        let policy: PolicyStmt
        if form.isWord(.deny) {
            policy = try parsePolicyDeny()
        } else if form.isWord(.require) {
            guard consumeWord(.description) else {
                throw fail(.tokenMissing("'description'", "after 'policy require'", found: currentKind.displayName))
            }
            let scope = try parsePolicyScope()
            policy = .requireDescription(scope: scope, name: try parsePlainString("the policy's name"))
        } else {
            let group = try parseGroup()
            guard consumeWord(.from) else {
                throw fail(.tokenMissing("'from'", "after the exempted group", found: currentKind.displayName))
            }
            let name = try parsePlainString("the name of the policy it is exempt from")
            guard consumeWord(.until) else {
                throw fail(.tokenMissing("'until'", "after the policy's name", found: currentKind.displayName))
            }
            let until = try parseDate()
            let reason = try parsePlainString("the reason for the exemption")
            policy = .exempt(group: group, policy: name, until: until, reason: reason.value)
        }
        return Stmt(.policyStmt(policy), range: range(from: start))
    }

    private mutating func parsePolicyDeny() throws(ParseAbort) -> PolicyStmt {
        let word = current
        guard word.isWord(.ingress) || word.isWord(.egress) else {
            throw fail(.tokenMissing("'ingress' or 'egress'", "after 'policy deny'", found: kind(of: word).displayName))
        }
        skip()
        let direction = Located(word.isWord(.ingress) ? Direction.ingress : .egress, range: range(of: word))
        let ruleStart = range(of: current)
        let verb = Located(RuleVerb.allow, range: range(of: word))
        let proto = try parseProtocol()
        var ports: Located<PortsSpec>?
        if !(checkWord(.from) || checkWord(.to)) { ports = try parsePolicyPorts() }
        guard let preposition = acceptWord(.from) ?? acceptWord(.to) else {
            throw fail(.prepositionMissing(found: currentKind.displayName, portsList: nil))
        }
        // `any`: every peer (CIDRs, groups, prefix lists); kept as no peers.
        var peers: [Expr] = []
        if checkWord(.any) {
            skip()
        } else {
            peers = [try parsePeer()]
            while consume(.comma) { peers.append(try parsePeer()) }
        }
        let located = Located(kind(of: preposition).identifierName ?? "", range: range(of: preposition))
        let rule = RuleClause(
            verb: verb, proto: proto, ports: ports, preposition: located, peers: peers, description: nil, tags: [],
            range: range(from: ruleStart))
        var except: RuleClause?
        if let exceptWord = acceptWord(.except) {
            let exceptStart = range(of: current)
            let exceptProto = try parseProtocol()
            var exceptPorts: Located<PortsSpec>?
            if !(check(.keyword(.in)) || startsStatementEnd) {
                if current.tag == .string {} else { exceptPorts = try parsePolicyPorts() }
            }
            // The exception has the deny's peers: it narrows protocols and ports, not peers.
            except = RuleClause(
                verb: Located(.allow, range: range(of: exceptWord)), proto: exceptProto, ports: exceptPorts,
                preposition: located, peers: peers, description: nil, tags: [], range: range(from: exceptStart))
        }
        let scope = try parsePolicyScope()
        return .deny(
            direction, rule: rule, except: except, scope: scope, name: try parsePlainString("the policy's name"))
    }

    /// Ports as in a rule, or several written with commas (`tcp 22, 3389`): a policy names ports, not rules.
    private mutating func parsePolicyPorts() throws(ParseAbort) -> Located<PortsSpec> {
        let start = range(of: current)
        let first = try parsePorts()
        guard check(.comma), case .items(var items, false) = first.value else { return first }
        while consume(.comma) { items.append(try parsePortItem()) }
        return Located(.items(items, isList: true), range: range(from: start))
    }

    /// `in GROUP`, or nil.
    private mutating func parsePolicyScope() throws(ParseAbort) -> Expr? {
        guard consume(.keyword(.in)) else { return nil }
        return try parseGroup()
    }

    /// A string without interpolation (names and reasons are fixed text).
    private mutating func parsePlainString(_ what: String) throws(ParseAbort) -> Located<String> {
        guard case .string(let parts) = currentKind else {
            throw fail(.tokenMissing("a string", "for \(what)", found: currentKind.displayName))
        }
        let token = advance()
        var text = ""
        for part in parts {
            guard case .text(let piece) = part else {
                throw fail(.policyTextInterpolated(what), at: range(of: token))
            }
            text += piece
        }
        return Located(text, range: range(of: token))
    }

    /// `YYYY-MM-DD`, which the lexer reads as a port range, '-' and a number; kept as written.
    private mutating func parseDate() throws(ParseAbort) -> Located<String> {
        let first = current
        guard case .portRange = kind(of: first), kind(of: peek()) == .minus, peek().start == first.end,
            case .integer = kind(of: peek(2)), peek(2).start == peek().end
        else {
            throw fail(.tokenMissing("a date YYYY-MM-DD", "after 'until'", found: currentKind.displayName))
        }
        skip()
        skip()
        skip()
        let whole = range(from: range(of: first))
        return Located(whole.text, range: whole)
    }
}
