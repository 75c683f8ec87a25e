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
        case .block(let direction, _, let rules):
            for rule in rules { resolve(rule, direction: direction.value) }
        case .tag(let tags):
            for tag in tags { resolve(tag.value) }
        case .untag, .show, .delete:
            break
        }
    }

    mutating func resolve(_ rule: RuleClause, direction: Direction) {
        if rule.preposition.value != direction.preposition {
            let peersText = rule.peers.map(\.range.text).joined(separator: ", ")
            report(
                .wrongPreposition,
                "\(direction.rawValue) rules take '\(direction.preposition)', not '\(rule.preposition.value)'",
                at: rule.preposition.range, hint: "write '\(direction.preposition) \(peersText)'")
        }
        if case .expression(let expr) = rule.proto.value { resolve(expr) }
        checkPorts(rule)
        for (position, peer) in rule.peers.enumerated() {
            resolve(peer)
            // `from 10.0.0.0/8, "public"`: a last string peer after a comma, with no
            // description, is most likely a description with a stray comma.
            let lastAfterComma = position > 0 && position == rule.peers.count - 1 && rule.description == nil
            checkPeerLiteral(peer, mayBeDescription: lastAfterComma)
        }
        if let description = rule.description {
            resolve(description)
            checkDescription(description)
        }
        for tag in rule.tags { resolve(tag.value) }
    }

    // MARK: - Ports

    mutating func checkPorts(_ rule: RuleClause) {
        guard case .literal(let proto) = rule.proto.value else {
            if case .invalidNumber(let number) = rule.proto.value {
                report(
                    .protocolOutOfRange, "protocol number \(number) is out of range 0...255", at: rule.proto.range,
                    hint: "IP protocol numbers are 0-255; write 'all' for every protocol")
            }
            resolvePortExpressions(rule.ports?.value)
            return
        }
        guard let ports = rule.ports else {
            switch proto {
            case .tcp, .udp:
                report(
                    .portsRequired, "protocol '\(proto)' needs a port, a port range or 'all'", at: rule.proto.range,
                    hint:
                        "write e.g. '\(proto) 443 \(rule.preposition.value) …' or '\(proto) all \(rule.preposition.value) …'"
                )
            case .icmp:
                report(
                    .portsRequired, "protocol 'icmp' needs an ICMP type, 'type:code' or 'all'", at: rule.proto.range,
                    hint: "write e.g. 'icmp echo-request' or 'icmp all'")
            default: break
            }
            return
        }
        switch ports.value {
        case .expression(let expr):
            resolve(expr)
            if !(proto.takesPorts || proto.isICMP) { portsNotAllowed(proto, ports.range) }
        case .items(let items, _):
            if !(proto.takesPorts || proto.isICMP) {
                portsNotAllowed(proto, ports.range)
                return
            }
            if items.isEmpty {
                report(
                    .portsRequired, "the port list is empty", at: ports.range,
                    hint: "list at least one port, e.g. [80, 443], or write 'all'")
            }
            for item in items { checkPortItem(item, proto: proto) }
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

    mutating func portsNotAllowed(_ proto: IPProtocol, _ range: SourceRange) {
        let what = proto == .all ? "protocol 'all' covers every port" : "protocol \(proto) covers every port"
        report(
            .portsNotAllowed, "protocol '\(proto)' takes no ports", at: range,
            hint: "\(what); remove the ports")
    }

    mutating func checkPortItem(_ item: Located<PortItem>, proto: IPProtocol) {
        let range = item.range
        switch (item.value, proto.isICMP) {
        case (.all, _):
            break
        case (.expression(let expr), _):
            resolve(expr)
        case (.number(let port), false):
            if PortRange(port) == nil {
                report(.portOutOfRange, "port \(port) is out of range 0...65535", at: range)
            }
        case (.range(let low, let high), false):
            if PortRange(low) == nil || PortRange(high) == nil {
                report(.portOutOfRange, "port range \(low)-\(high) is out of range 0...65535", at: range)
            } else if low > high {
                report(
                    .invalidPortRange, "port range \(low)-\(high) ends before it starts", at: range,
                    hint: "write '\(high)-\(low)'")
            }
        case (.icmpName(let name), false):
            report(
                .portsRequired, "'\(range.text)' is an ICMP type, but protocol '\(proto)' takes ports",
                at: range, hint: "write 'icmp \(name)' for ICMP, or a port number for \(proto)")
        case (.icmpTypeCode, false):
            report(
                .portsRequired, "'\(range.text)' is an ICMP type:code, but protocol '\(proto)' takes ports",
                at: range, hint: "write a port or port range such as 8000-8080")
        case (.number(let type), true):
            if ICMPSpec(type: type) == nil {
                report(.icmpOutOfRange, "ICMP type \(type) is out of range 0...255", at: range)
            }
        case (.icmpTypeCode(let type, let code), true):
            if ICMPSpec(type: type, code: code) == nil {
                report(.icmpOutOfRange, "ICMP type:code \(type):\(code) is out of range 0...255", at: range)
            }
        case (.range(let low, let high), true):
            report(
                .invalidPortRange, "protocol '\(proto)' takes an ICMP type, not a port range", at: range,
                hint:
                    "write 'type:code' such as '\(low):\(high)', a type such as '\(low)', or a name such as 'echo-request'"
            )
        case (.icmpName(let name), true):
            if ICMPSpec.named(name, for: proto) == nil {
                let other: IPProtocol = proto == .icmp ? .icmpv6 : .icmp
                report(
                    .unknownICMPType, "'\(name)' is not an \(proto) type name", at: range,
                    hint: ICMPSpec.named(name, for: other) != nil
                        ? "'\(name)' is an \(other) type; write '\(other) \(name)'" : nil)
            }
        }
    }

    // MARK: - Groups, peers, descriptions

    mutating func checkGroupLiteral(_ group: Expr) {
        switch group.kind {
        case .string(let parts):
            guard let text = Self.plainText(parts) else { return }
            if !ResourceID.isGroupID(text) {
                report(
                    .invalidGroup, "'\(text)' is not a security group id", at: group.range,
                    hint: "a group id looks like 'sg-0123abcd'; to find a group by name use 'sg lookup \"\(text)\"'")
            }
        case .cidr, .prefixListID, .vpcID, .integer, .bool, .nil, .list, .portRange, .accountGroup:
            report(
                .invalidGroup, "'\(group.range.text)' is not a security group", at: group.range,
                hint: "a group is written sg-0123abcd, \"sg-0123abcd\" or $variable")
        default:
            break
        }
    }

    mutating func checkPeerLiteral(_ peer: Expr, mayBeDescription: Bool = false) {
        switch peer.kind {
        case .string(let parts):
            guard let text = Self.plainText(parts) else { return }
            if ResourceID.isGroupID(text) || ResourceID.isPrefixListID(text) { return }
            // Another account's group: "123456789012/sg-0abc".
            let accountParts = text.split(separator: "/", maxSplits: 1)
            if accountParts.count == 2, ResourceID.isAccountID(accountParts[0]), ResourceID.isGroupID(accountParts[1]) {
                return
            }
            if text.contains(":") || text.first?.isNumber == true {
                // Point inside the quotes when the string is written without escapes, so a bad
                // prefix length is underlined exactly.
                let source = peer.range.text
                let inner =
                    source.utf8.count == text.utf8.count + 2
                    ? SourceRange(file: peer.range.file, start: peer.range.start + 1, end: peer.range.end - 1)
                    : peer.range
                checkCIDR(text, at: inner)
                return
            }
            let hint =
                mayBeDescription
                ? "if \(peer.range.text) is the description, remove the ',' before it"
                : "write e.g. \"10.0.0.0/8\", \"sg-0123abcd\" or \"pl-0123abcd\"; for a group by name write 'group \"\(text)\"'"
            report(
                .invalidPeer, "'\(text)' is not a CIDR, security group id or prefix list id", at: peer.range, hint: hint
            )
        case .list(let elements):
            if elements.isEmpty {
                report(
                    .invalidPeer, "the peer list is empty", at: peer.range,
                    hint: "list at least one CIDR, group or prefix list, e.g. [10.0.0.0/8]")
            }
            elements.forEach { checkPeerLiteral($0) }
        case .integer, .bool, .nil, .portRange, .vpcID:
            report(
                .invalidPeer, "'\(peer.range.text)' is not a peer", at: peer.range,
                hint: "a peer is a CIDR, an address, a group (sg-…), or a prefix list (pl-…)")
        default:
            break
        }
    }

    mutating func checkDescription(_ description: Expr) {
        guard case .string(let parts) = description.kind else { return }
        if let text = Self.plainText(parts) {
            if let problem = RuleDescription.problem(in: text) {
                report(
                    .descriptionInvalid, problem, at: description.range,
                    hint: "EC2 allows up to 255 characters: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")
            }
            return
        }
        // With interpolation, the literal parts can still be checked now.
        for case .text(let text) in parts {
            if let bad = text.first(where: { !RuleDescription.isAllowed($0) }) {
                report(
                    .descriptionInvalid, "description contains '\(bad)', which EC2 does not allow",
                    at: description.range,
                    hint: "EC2 allows letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*")
                return
            }
        }
    }

    /// The text of a string without interpolations, or nil when it has any.
    static func plainText(_ parts: [StringPart]) -> String? {
        var text = ""
        for part in parts {
            guard case .text(let piece) = part else { return nil }
            text += piece
        }
        return text
    }
}
