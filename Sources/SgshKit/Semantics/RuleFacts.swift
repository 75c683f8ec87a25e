// One check per rule fact: ports, protocol numbers, ICMP types and codes,
// CIDRs, peers, group ids and descriptions.
//
// The resolver calls these on literals and the evaluator on computed values,
// so the same bad value gets the same message (and diagnostic id) whether it
// was written in the script or computed while it ran. Each check returns the
// model value it validated, so callers never re-derive it.

import SgshModel

/// A rule part EC2 would refuse: the diagnostic it is reported as, in words.
package struct RuleFactError: Error, Hashable, Sendable {
    /// What to say, from the catalog (DiagnosticMessages.swift).
    package let message: DiagnosticMessage
    /// The error is about a CIDR's prefix length: underline just that part of a literal.
    package let isAboutPrefix: Bool

    init(_ message: DiagnosticMessage, isAboutPrefix: Bool = false) {
        self.message = message
        self.isAboutPrefix = isAboutPrefix
    }
}

/// The validators of rule facts (see the file comment).
package enum RuleFacts {
    // MARK: - Protocols

    /// A protocol number as IPProtocol (-1 is `all`).
    package static func protocolNumber(_ number: Int) throws(RuleFactError) -> IPProtocol {
        guard let proto = IPProtocol(number: number) else {
            throw RuleFactError(.protocolOutOfRange(number))
        }
        return proto
    }

    /// A protocol spelled as text: a name (any case) or a number.
    package static func protocolName(_ text: String) throws(RuleFactError) -> IPProtocol {
        if let number = Int(text) { return try protocolNumber(number) }
        guard let proto = IPProtocol(parsing: text) else {
            throw RuleFactError(.notAProtocol(text))
        }
        return proto
    }

    // MARK: - Ports and ICMP

    /// The ports a rule has when none are written: every ICMPv6 type, none for
    /// protocols without ports. TCP, UDP and ICMP must say which.
    /// `preposition` is the rule's `from`/`to`, for the hint.
    package static func omittedPorts(for proto: IPProtocol, preposition: String) throws(RuleFactError) -> PortSpec {
        switch proto {
        case .tcp, .udp:
            throw RuleFactError(.portsOmitted(proto, preposition: preposition))
        case .icmp:
            throw RuleFactError(.icmpTypeOmitted)
        case .icmpv6:
            // EC2 and LANGUAGE.md: ICMPv6 without a type means every type.
            return .icmp(.all)
        default:
            return .none
        }
    }

    /// The error for ports given to a protocol that has none.
    package static func portsNotAllowed(_ proto: IPProtocol) -> RuleFactError {
        RuleFactError(.portsNotAllowed(proto))
    }

    /// One port item for a protocol. `spelling` is how the item reads in
    /// messages (the source text of a literal, or the computed value); made only for one.
    package static func portSpec(
        _ item: PortItem, for proto: IPProtocol, spelling: @autoclosure () -> String
    ) throws(RuleFactError) -> PortSpec {
        if proto.isICMP { return .icmp(try icmpSpec(item, for: proto)) }
        guard proto.takesPorts else { throw portsNotAllowed(proto) }
        switch item {
        case .all:
            return .range(.all)
        case .number(let port):
            return .range(try self.port(port))
        case .range(let low, let high):
            return .range(try portRange(low, high))
        case .icmpName(let name):
            throw RuleFactError(.icmpNameForPorts(spelling(), name: name, proto))
        case .icmpTypeCode:
            throw RuleFactError(.icmpTypeCodeForPorts(spelling(), proto))
        case .expression:
            preconditionFailure("a port expression must be evaluated before it is checked")
        }
    }

    /// A single port.
    package static func port(_ port: Int) throws(RuleFactError) -> PortRange {
        guard let ports = PortRange(port) else {
            throw RuleFactError(.portOutOfRange(port))
        }
        return ports
    }

    /// A port range `low-high`.
    package static func portRange(_ low: Int, _ high: Int) throws(RuleFactError) -> PortRange {
        guard PortRange(low) != nil, PortRange(high) != nil else {
            throw RuleFactError(.portRangeOutOfRange(low, high))
        }
        guard let ports = PortRange(from: low, to: high) else {
            throw RuleFactError(.reversedPortRange(low, high))
        }
        return ports
    }

    /// An ICMP type, type:code, name or `all` for icmp or icmpv6.
    package static func icmpSpec(_ item: PortItem, for proto: IPProtocol) throws(RuleFactError) -> ICMPSpec {
        switch item {
        case .all:
            return .all
        case .number(let type):
            guard let spec = ICMPSpec(type: type) else {
                throw RuleFactError(.icmpTypeOutOfRange(type))
            }
            return spec
        case .icmpTypeCode(let type, let code):
            guard let spec = ICMPSpec(type: type, code: code) else {
                throw RuleFactError(.icmpTypeCodeOutOfRange(type, code))
            }
            return spec
        case .range(let low, let high):
            throw RuleFactError(.portRangeForICMP(proto, low, high))
        case .icmpName(let name):
            if let spec = ICMPSpec.named(name, for: proto) { return spec }
            let other: IPProtocol = proto == .icmp ? .icmpv6 : .icmp
            throw RuleFactError(
                .unknownICMPType(name, proto, isTypeOf: ICMPSpec.named(name, for: other) != nil ? other : nil))
        case .expression:
            preconditionFailure("an ICMP expression must be evaluated before it is checked")
        }
    }

    /// A port item spelled as a string at run time (`"443"`, `"8000-8080"`, `"3:4"`, `"echo-request"`, `"all"`).
    package static func portItem(spelled text: String) -> PortItem? {
        if text == "all" { return .all }
        if let number = Int(text) { return .number(number) }
        let range = text.split(separator: "-", omittingEmptySubsequences: false)
        if range.count == 2, let low = Int(range[0]), let high = Int(range[1]) { return .range(low, high) }
        let pair = text.split(separator: ":", omittingEmptySubsequences: false)
        if pair.count == 2, let type = Int(pair[0]), let code = Int(pair[1]) { return .icmpTypeCode(type, code) }
        if ICMPSpec.allNames.contains(text) { return .icmpName(text) }
        return nil
    }

    // MARK: - CIDRs, peers, groups

    /// A CIDR block or bare address; host bits are an error, as EC2 would widen the block.
    package static func cidr(_ text: String) throws(RuleFactError) -> CIDR {
        do {
            return try CIDR(parsing: text)
        } catch {
            switch error {
            case .hostBitsSet(let network):
                throw RuleFactError(.cidrHostBits(text, network: "\(network)"))
            case .prefixOutOfRange(let value, let max):
                throw RuleFactError(.prefixOutOfRange(value, max: max), isAboutPrefix: true)
            case .malformedPrefix, .malformedAddress:
                // Leading zeros are refused in every octet and prefix alike (010 reads as octal to some tools).
                if let plain = CIDR.withoutLeadingZeros(text), CIDR(plain) != nil {
                    throw RuleFactError(.cidrLeadingZeros(text, plain: plain))
                }
                throw RuleFactError(.malformedCIDR(text))
            }
        }
    }

    /// True when a string in a peer position should be read as an address.
    package static func looksLikeAddress(_ text: String) -> Bool {
        text.contains(":") || text.first?.isNumber == true
    }

    /// A peer spelled as a string: a group id, `account/sg-…`, a prefix list id, or a CIDR.
    /// `mayBeDescription`: the string followed a comma at the end of the peers, so it may
    /// be a description with a stray comma.
    package static func peer(spelled text: String, mayBeDescription: Bool = false) throws(RuleFactError) -> Peer {
        if ResourceID.isGroupID(text) { return .group(GroupReference(groupId: text)) }
        if ResourceID.isPrefixListID(text) { return .prefixList(text) }
        let parts = text.split(separator: "/", maxSplits: 1)
        if parts.count == 2, ResourceID.isAccountID(parts[0]), ResourceID.isGroupID(parts[1]) {
            return .group(GroupReference(groupId: String(parts[1]), userId: String(parts[0])))
        }
        if looksLikeAddress(text) { return .cidr(try cidr(text)) }
        throw RuleFactError(.notAPeerString(text, mayBeDescription: mayBeDescription))
    }

    /// A security group id in a group position.
    package static func groupID(_ text: String) throws(RuleFactError) -> String {
        guard ResourceID.isGroupID(text) else {
            throw RuleFactError(.notAGroupID(text))
        }
        return text
    }

    // MARK: - Group names, tags, blocks

    /// The name of a group `sg create` makes.
    package static func groupName(_ name: String) throws(RuleFactError) -> String {
        if let problem = GroupName.problem(in: name) { throw RuleFactError(.groupNameInvalid(problem)) }
        return name
    }

    /// The description of a group `sg create` makes: EC2 requires one.
    package static func groupDescription(_ text: String) throws(RuleFactError) -> String {
        if text.isEmpty { throw RuleFactError(.emptyGroupDescription) }
        return try description(text)
    }

    /// A tag key.
    package static func tagKey(_ key: String) throws(RuleFactError) -> String {
        if let problem = TagRules.problem(inKey: key) { throw RuleFactError(.tagInvalid(problem)) }
        return key
    }

    /// A tag value (of the tag `key`).
    package static func tagValue(_ value: String, key: String) throws(RuleFactError) -> String {
        if let problem = TagRules.problem(inValue: value, key: key) { throw RuleFactError(.tagInvalid(problem)) }
        return value
    }

    /// A tag key written twice in one statement: the later value would silently win.
    package static func duplicateTagKey(_ key: String) -> RuleFactError { RuleFactError(.duplicateTagKey(key)) }

    /// `revoke` inside `exactly`, which lists the rules to keep.
    package static let revokeInExactly = RuleFactError(.revokeInExactly)

    /// A rule for a group and direction that an `exactly` block later replaces.
    package static func ruleBeforeExactly(_ direction: Direction) -> RuleFactError {
        RuleFactError(.ruleBeforeExactly(direction))
    }

    /// A group changed before (or used after) the statement that replaces it.
    package static func replacedGroupReused(_ group: String, before: Bool, replacedAt replace: SourceRange)
        -> RuleFactError
    {
        RuleFactError(.replacedGroupReused(group, before: before, replacedAt: replace))
    }

    /// Two rules of one block that are the same rule with different descriptions.
    package static let duplicateRuleInBlock = RuleFactError(.duplicateRuleInBlock)

    // MARK: - Descriptions

    /// A rule or group description.
    package static func description(_ text: String) throws(RuleFactError) -> String {
        if let problem = RuleDescription.problem(in: text) {
            throw RuleFactError(.descriptionInvalid(problem))
        }
        return text
    }

    /// A rule description for a rule with this peer: `&` is allowed only with a CIDR peer.
    package static func ruleDescription(_ text: String, peer: Peer) throws(RuleFactError) -> String {
        let isCIDR = if case .cidr = peer { true } else { false }
        if let problem = RuleDescription.problem(in: text, allowsAmpersand: isCIDR) {
            throw RuleFactError(isCIDR ? .descriptionInvalid(problem) : .ampersandForNonCIDRPeer(problem))
        }
        return text
    }
}
