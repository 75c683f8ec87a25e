// Checks of `sg` statements: group and peer literals, the preposition against
// the direction, ports against the protocol, ICMP types, descriptions.

import SgshModel

extension Resolver {
    mutating func resolve(_ sg: SgStmt) {
        resolve(sg.group)
        checkGroupLiteral(sg.group)
        switch sg.action {
        case .rule(let direction, let rule):
            resolve(rule, direction: direction.value)
        case .block(let direction, let exactly, let rules):
            for rule in rules {
                resolve(rule, direction: direction.value)
                if exactly?.value == true, rule.verb.value == .revoke {
                    report(RuleFacts.revokeInExactly, at: rule.verb.range)
                }
            }
            checkDuplicateRules(rules)
        case .tag(let tags):
            for tag in tags { resolve(tag.value) }
            checkTags(tags)
        case .untag, .show, .delete:
            break
        }
    }

    mutating func resolve(_ rule: RuleClause, direction: Direction) {
        if rule.preposition.value != SourceWriter.preposition(direction) {
            let peersText = rule.peers.map(\.range.text).joined(separator: ", ")
            report(
                .wrongPreposition(direction, written: rule.preposition.value, peers: peersText),
                at: rule.preposition.range)
        }
        if let expr = rule.proto.value.expression { resolve(expr) }
        checkPorts(rule)
        // By index and in place: a copy of each peer and of the description cost a switch over
        // every kind of expression and a retain per part.
        let peers = rule.peers
        for position in peers.indices {
            resolve(peers[position])
            // `from 10.0.0.0/8, "public"`: a last string peer after a comma, with no
            // description, is most likely a description with a stray comma.
            let lastAfterComma = position > 0 && position == peers.count - 1 && rule.description == nil
            checkPeerLiteral(peers[position], mayBeDescription: lastAfterComma)
        }
        // Bound once: each `rule.description!` was a copy of the expression (its kind and range).
        if let description = rule.description {
            resolve(description)
            checkDescription(description)
            checkAmpersand(description, peers: peers)
        }
        for tag in rule.tags { resolve(tag.value) }
        checkTags(rule.tags)
        if rule.verb.value == .revoke, let lifetime = rule.lifetime {
            report(RuleFacts.lifetimeOnRevoke, at: lifetime.range)
        }
    }

    // MARK: - Ports

    mutating func checkPorts(_ rule: RuleClause) {
        // Parts are read where the clause holds them (the accessors of AST+Parts.swift, array
        // indices): binding a spec or an item out of the clause copied the expression it may hold.
        guard let proto = rule.proto.value.literal else {
            if let number = rule.proto.value.invalidNumber {
                do { _ = try RuleFacts.protocolNumber(number) } catch { report(error, at: rule.proto.range) }
            }
            resolvePortExpressions(rule.ports?.value)
            return
        }
        guard let portsRange = rule.ports?.range else {
            do { _ = try RuleFacts.omittedPorts(for: proto, preposition: rule.preposition.value) } catch {
                report(error, at: rule.proto.range)
            }
            return
        }
        guard let items = rule.ports?.value.items else {
            if let expr = rule.ports?.value.expression { resolve(expr) }
            if !(proto.takesPorts || proto.isICMP) { report(.portsNotAllowed(proto), at: portsRange) }
            return
        }
        if !items.isEmpty, !(proto.takesPorts || proto.isICMP) {
            report(.portsNotAllowed(proto), at: portsRange)
            return
        }
        if items.isEmpty {
            report(.emptyPortList, at: portsRange)
        }
        for index in items.indices {
            if let expr = items[index].value.expression {
                resolve(expr)
                continue
            }
            do {
                _ = try RuleFacts.portSpec(items[index].value, for: proto, spelling: items[index].range.text)
            } catch {
                report(error, at: items[index].range)
            }
        }
    }

    mutating func resolvePortExpressions(_ ports: PortsSpec?) {
        switch ports {
        case .expression(let expr): resolve(expr)
        case .items(let items, _):
            for case .expression(let expr) in items.map(\.value) { resolve(expr) }
        case nil: break
        }
    }

    // MARK: - Groups, peers, descriptions

    mutating func checkGroupLiteral(_ group: Expr) {
        switch group.kind {
        case .string(let parts):
            guard let text = Self.plainText(parts) else { return }
            do { _ = try RuleFacts.groupID(text) } catch { report(error, at: group.range) }
        case .cidr, .prefixListID, .vpcID, .integer, .bool, .nil, .list, .portRange, .accountGroup:
            report(.notAGroup(group.range.text), at: group.range)
        default:
            break
        }
    }

    mutating func checkPeerLiteral(_ peer: Expr, mayBeDescription: Bool = false) {
        switch peer.kind {
        case .string(let parts):
            guard let text = Self.plainText(parts) else { return }
            do {
                _ = try RuleFacts.peer(spelled: text, mayBeDescription: mayBeDescription)
            } catch {
                // Point inside the quotes when the string is written without escapes, so a bad
                // prefix length is underlined exactly.
                let source = peer.range.text
                let inner =
                    source.utf8.count == text.utf8.count + 2
                    ? SourceRange(file: peer.range.file, start: peer.range.start + 1, end: peer.range.end - 1)
                    : peer.range
                let cidrRange = error.isAboutPrefix ? prefixRange(text, inner) : inner
                report(error, at: error.message.id == .invalidPeer ? peer.range : cidrRange)
            }
        case .list(let elements):
            if elements.isEmpty {
                report(.emptyPeerList, at: peer.range)
            }
            elements.forEach { checkPeerLiteral($0) }
        case .integer, .bool, .nil, .portRange, .vpcID:
            report(.notAPeer(peer.range.text), at: peer.range)
        default:
            break
        }
    }

    mutating func checkDescription(_ description: Expr) {
        guard case .string(let parts) = description.kind else { return }
        if let text = Self.plainText(parts) {
            do { _ = try RuleFacts.description(text) } catch { report(error, at: description.range) }
            return
        }
        // With interpolation, the literal parts can still be checked now.
        for case .text(let text) in parts {
            if let bad = text.first(where: { !RuleDescription.isAllowed($0) }) {
                report(.descriptionCharacter(bad), at: description.range)
                return
            }
        }
    }

    /// The text of a string without interpolations, or nil when it has any.
    static func plainText(_ parts: [StringPart]) -> String? {
        // The usual description is one piece: no new String to build.
        if parts.count == 1, case .text(let piece) = parts[0] { return piece }
        var text = ""
        for part in parts {
            guard case .text(let piece) = part else { return nil }
            text += piece
        }
        return text
    }
}
