// Prints the syntax tree as S-expressions, one statement per line, for the
// parser goldens. The form is stable: tests pin it, so change it deliberately.
//
//     sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
//     => (sg (var web) ingress (allow tcp (ports 443) from (peers (cidr 0.0.0.0/0)) (desc (str "https"))))

/// Renders a Program or its nodes as S-expressions.
package enum ASTPrinter {
    /// One line per top-level statement.
    package static func print(_ program: Program) -> String {
        program.statements.map { sexpr($0) + "\n" }.joined()
    }

    package static func sexpr(_ stmt: Stmt) -> String {
        switch stmt.kind {
        case .letStmt(let name, let value): return "(let \(name.name) \(sexpr(value)))"
        case .assignStmt(let name, let value): return "(set \(name.name) \(sexpr(value)))"
        case .forStmt(let name, let sequence, let body):
            return "(for \(name.name) \(sexpr(sequence)) \(sexpr(body)))"
        case .ifStmt(let branches, let elseBody):
            let arms = branches.map { "(\(sexpr($0.condition)) \(sexpr($0.body)))" }.joined(separator: " ")
            return "(if \(arms)\(elseBody.map { " (else \(sexpr($0)))" } ?? ""))"
        case .defStmt(let name, let parameters, let body):
            return "(def \(name.name) (\(parameters.map(\.name).joined(separator: " "))) \(sexpr(body)))"
        case .returnStmt(let value): return value.map { "(return \(sexpr($0)))" } ?? "(return)"
        case .useStmt(let name, _): return "(use \(quote(name)))"
        case .dryrunStmt(let on): return "(dryrun \(on ? "on" : "off"))"
        case .ownerStmt(let name): return "(owner \(quote(name.value)))"
        case .printStmt(let values): return "(print" + values.map { " " + sexpr($0) }.joined() + ")"
        case .exprStmt(let expr): return "(expr \(sexpr(expr)))"
        case .sgStmt(let sg): return "(sg \(sexpr(sg.group)) \(sexpr(sg.action)))"
        case .policyStmt: return "(policy \(quote(stmt.range.text)))"
        }
    }

    static func sexpr(_ block: Block) -> String {
        "(block" + block.statements.map { " " + sexpr($0) }.joined() + ")"
    }

    static func sexpr(_ action: SgAction) -> String {
        switch action {
        case .rule(let direction, let rule): return "\(direction.value.rawValue) \(sexpr(rule))"
        case .block(let direction, let exactly, let rules):
            let head = exactly == nil ? "(rules" : "(exactly"
            return "\(direction.value.rawValue) \(head)" + rules.map { " " + sexpr($0) }.joined() + ")"
        case .tag(let tags): return "(tag" + tags.map { " " + sexpr($0) }.joined() + ")"
        case .untag(let keys): return "(untag" + keys.map { " " + quote($0.name) }.joined() + ")"
        case .show: return "show"
        case .delete: return "delete"
        }
    }

    static func sexpr(_ rule: RuleClause) -> String {
        var parts = [rule.verb.value.rawValue, sexpr(rule.proto.value)]
        if let ports = rule.ports { parts.append(sexpr(ports.value)) }
        parts.append(rule.preposition.value)
        parts.append("(peers " + rule.peers.map(sexpr).joined(separator: " ") + ")")
        if let description = rule.description { parts.append("(desc \(sexpr(description)))") }
        if !rule.tags.isEmpty { parts.append("(tag" + rule.tags.map { " " + sexpr($0) }.joined() + ")") }
        if let lifetime = rule.lifetime { parts.append("(for \(lifetime.value))") }
        return "(" + parts.joined(separator: " ") + ")"
    }

    static func sexpr(_ tag: TagClause) -> String { "(\(quote(tag.key.name)) \(sexpr(tag.value)))" }

    static func sexpr(_ proto: ProtocolSpec) -> String {
        switch proto {
        case .literal(let value): value.description
        case .invalidNumber(let number): "(bad-protocol \(number))"
        case .expression(let expr): sexpr(expr)
        }
    }

    static func sexpr(_ ports: PortsSpec) -> String {
        switch ports {
        case .items(let items, let isList):
            "(\(isList ? "port-list" : "ports")" + items.map { " " + sexpr($0.value) }.joined() + ")"
        case .expression(let expr): "(ports \(sexpr(expr)))"
        }
    }

    static func sexpr(_ item: PortItem) -> String {
        switch item {
        case .number(let port): "\(port)"
        case .range(let low, let high): "\(low)-\(high)"
        case .icmpName(let name): name
        case .icmpTypeCode(let type, let code): "\(type):\(code)"
        case .all: "all"
        case .expression(let expr): sexpr(expr)
        }
    }

    package static func sexpr(_ expr: Expr) -> String {
        switch expr.kind {
        case .integer(let value): return "\(value)"
        case .string(let parts):
            if parts.allSatisfy({ if case .text = $0 { true } else { false } }) {
                return "(str \(quote(parts.map { if case .text(let t) = $0 { t } else { "" } }.joined())))"
            }
            let pieces = parts.map { part -> String in
                switch part {
                case .text(let text): quote(text)
                case .interpolation(let inner): sexpr(inner)
                }
            }
            return "(interp " + pieces.joined(separator: " ") + ")"
        case .bool(let value): return value ? "true" : "false"
        case .nil: return "nil"
        case .cidr(let literal): return "(cidr \(literal.written ?? expr.range.text))"
        case .portRange(let low, let high): return "(range \(low) \(high))"
        case .groupID(let id): return "(group-id \(id))"
        case .accountGroup(let account, let group): return "(account-group \(account) \(group))"
        case .prefixListID(let id): return "(prefix-list \(id))"
        case .vpcID(let id): return "(vpc-id \(id))"
        case .variable(let name): return "(var \(name))"
        case .list(let elements): return "(list" + elements.map { " " + sexpr($0) }.joined() + ")"
        case .unary(let op, let operand): return "(\(op.rawValue) \(sexpr(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(sexpr(left)) \(sexpr(right)))"
        case .call(let callee, let arguments):
            return "(call \(sexpr(callee))" + arguments.map { " " + sexpr($0) }.joined() + ")"
        case .index(let base, let subscriptExpr): return "(index \(sexpr(base)) \(sexpr(subscriptExpr)))"
        case .groupNamed(let name): return "(group-named \(sexpr(name)))"
        case .sgCreate(let name, let vpc, let description):
            var out = "(sg-create \(sexpr(name))"
            if let vpc { out += " (vpc \(sexpr(vpc)))" }
            if let description { out += " (desc \(sexpr(description)))" }
            return out + ")"
        case .sgLookup(let name): return "(sg-lookup \(sexpr(name)))"
        case .sgReplace(let group, let name, let vpc, let description):
            var out = "(sg-replace \(sexpr(group)) \(sexpr(name))"
            if let vpc { out += " (vpc \(sexpr(vpc)))" }
            if let description { out += " (desc \(sexpr(description)))" }
            return out + ")"
        case .invalid: return "(invalid)"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
