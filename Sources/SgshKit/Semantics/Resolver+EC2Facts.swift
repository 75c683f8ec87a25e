// Checks that make `check` agree with what EC2 accepts and with what the
// script says: group names and descriptions of `sg create`, tags, `&` in the
// descriptions of group and prefix-list rules, `revoke` in `exactly` (in
// Resolver+Rules), and nothing silently dropped — a rule that a later
// `exactly` block replaces, two rules of a block that differ only in their
// descriptions, a tag key given twice, a `dryrun` that is not the header.
//
// Each check runs on what is written literally; the evaluator applies the same
// RuleFacts to computed values, so both report the same message.

import SgshModel

extension Resolver {
    // MARK: - sg create, tags, descriptions

    mutating func checkCreate(name: Expr, description: Expr?) {
        if case .string(let parts) = name.kind, let text = Self.plainText(parts) {
            do { _ = try RuleFacts.groupName(text) } catch { report(error, at: name.range) }
        }
        if let description, case .string(let parts) = description.kind, let text = Self.plainText(parts) {
            do { _ = try RuleFacts.groupDescription(text) } catch { report(error, at: description.range) }
        }
    }

    /// Tag keys and literal values against EC2's rules; a key given twice in one statement.
    mutating func checkTags(_ tags: [TagClause]) {
        var seen: [String: SourceRange] = [:]
        for tag in tags {
            do { _ = try RuleFacts.tagKey(tag.key.name) } catch { report(error, at: tag.key.range) }
            if case .string(let parts) = tag.value.kind, let text = Self.plainText(parts) {
                do { _ = try RuleFacts.tagValue(text, key: tag.key.name) } catch { report(error, at: tag.value.range) }
            }
            if let first = seen[tag.key.name] {
                report(
                    RuleFacts.duplicateTagKey(tag.key.name).message.adding(
                        DiagnosticMessage.tagFirstGiven(tag.key.name, at: first)),
                    at: tag.key.range)
            } else {
                seen[tag.key.name] = tag.key.range
            }
        }
    }

    /// True when `text` has an `&`, read from its bytes in place (iterating the UTF-8 view
    /// decoded a small string byte by byte: 220 instructions for a six-letter description).
    static func containsAmpersand(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "&")) }
            ?? text.utf8.contains(UInt8(ascii: "&"))
    }

    /// `&` is allowed in a rule description only when the peer is a CIDR.
    mutating func checkAmpersand(_ description: Expr, peers: [Expr]) {
        // Without an `&` no peer can make the description invalid: nothing to read.
        guard case .string(let parts) = description.kind, let text = Self.plainText(parts),
            Self.containsAmpersand(text), RuleDescription.problem(in: text) == nil
        else { return }
        // `group "name"` is a group peer whatever it finds.
        let named = peers.contains { if case .groupNamed = $0.kind { true } else { false } }
        let literal = peers.compactMap(Self.literalPeers).joined()
        for peer in (named ? [.group(GroupReference(groupId: "sg-0"))] : []) + literal {
            do { _ = try RuleFacts.ruleDescription(text, peer: peer) } catch {
                report(error, at: description.range)
                return
            }
        }
    }

    // MARK: - Nothing dropped silently

    /// Two `allow` rules of one block that are the same rule (protocol, ports, peer) with
    /// different descriptions: only one description can be kept.
    mutating func checkDuplicateRules(_ rules: [RuleClause]) {
        var seen: [RuleKey: (description: String, range: SourceRange)] = [:]
        for clause in rules where clause.verb.value == .allow {
            guard let describedBy = clause.description, case .string(let parts) = describedBy.kind,
                let description = Self.plainText(parts), let keys = Self.literalKeys(of: clause)
            else { continue }
            for key in keys {
                guard let first = seen[key] else {
                    seen[key] = (description, clause.range)
                    continue
                }
                guard first.description != description else { continue }
                report(
                    RuleFacts.duplicateRuleInBlock.message.adding(
                        DiagnosticMessage.sameRuleFirstWritten(at: first.range)),
                    at: clause.range)
                break
            }
        }
    }

    /// A rule (or block) for a group and direction followed, in the same statement list,
    /// by an `exactly` block for the same group and direction, which replaces it.
    mutating func checkStatementSequence(_ statements: [Stmt]) {
        for (index, statement) in statements.enumerated() {
            guard case .sgStmt(let sg) = statement.kind, case .block(let direction, let exactly?, _) = sg.action,
                exactly.value, let group = Self.groupKey(sg.group)
            else { continue }
            for earlier in statements[..<index].reversed() {
                if Self.rebinds(earlier, group) { break }
                guard case .sgStmt(let before) = earlier.kind, Self.groupKey(before.group) == group else { continue }
                let sameDirection: Bool =
                    switch before.action {
                    case .rule(let other, _), .block(let other, _, _): other.value == direction.value
                    default: false
                    }
                guard sameDirection else { continue }
                report(
                    RuleFacts.ruleBeforeExactly(direction.value).message.adding(
                        DiagnosticMessage.exactlyBlockHere(exactly.range)),
                    at: earlier.range)
            }
        }
    }

    /// `dryrun on|off` is the script's header: the first statement, at most once, never in a block.
    mutating func checkDryrunHeader(_ statements: [Stmt], nested: Bool = false) {
        for (index, statement) in statements.enumerated() {
            guard case .dryrunStmt = statement.kind, nested || index > 0 else { continue }
            report(.dryrunNotFirst(first: nested ? nil : statements[0].range), at: statement.range)
        }
    }

    // MARK: - Literal rule parts

    /// What a group expression names when it is written the same way twice ($web, sg-0abc, "sg-0abc").
    static func groupKey(_ group: Expr) -> String? {
        switch group.kind {
        case .variable(let name): "$" + name
        case .groupID(let id): id
        case .string(let parts): plainText(parts)
        default: nil
        }
    }

    /// True when the statement binds the variable a group key names (so later uses differ).
    static func rebinds(_ statement: Stmt, _ group: String) -> Bool {
        switch statement.kind {
        case .letStmt(let name, _), .assignStmt(let name, _), .forStmt(let name, _, _): "$" + name.name == group
        default: false
        }
    }

    /// The peers a literal peer expression names, or nil when any is computed.
    static func literalPeers(_ expr: Expr) -> [Peer]? {
        switch expr.kind {
        case .cidr(let literal):
            (literal.block ?? literal.written.flatMap { try? RuleFacts.cidr($0) }).map { [.cidr($0)] }
        case .groupID(let id): [.group(GroupReference(groupId: id))]
        case .accountGroup(let account, let id): [.group(GroupReference(groupId: id, userId: account))]
        case .prefixListID(let id): [.prefixList(id)]
        case .string(let parts): plainText(parts).flatMap { try? RuleFacts.peer(spelled: $0) }.map { [$0] }
        case .list(let elements):
            elements.reduce([Peer]?([])) { sum, element in
                guard let sum, let more = literalPeers(element) else { return nil }
                return sum + more
            }
        default: nil
        }
    }

    /// The identities of the rules a clause written entirely in literals makes, else nil.
    static func literalKeys(of clause: RuleClause) -> [RuleKey]? {
        guard case .literal(let proto) = clause.proto.value else { return nil }
        var specs: [PortSpec] = []
        switch clause.ports?.value {
        case nil:
            guard let spec = try? RuleFacts.omittedPorts(for: proto, preposition: clause.preposition.value) else {
                return nil
            }
            specs = [spec]
        case .items(let items, _)?:
            for item in items {
                if case .expression = item.value { return nil }
                guard let spec = try? RuleFacts.portSpec(item.value, for: proto, spelling: item.range.text) else {
                    return nil
                }
                specs.append(spec)
            }
        case .expression?:
            return nil
        }
        var peers: [Peer] = []
        for expr in clause.peers {
            guard let more = literalPeers(expr) else { return nil }
            peers += more
        }
        return specs.flatMap { spec in
            peers.compactMap { try? Rule(ipProtocol: proto, ports: spec, peer: $0).key }
        }
    }
}
