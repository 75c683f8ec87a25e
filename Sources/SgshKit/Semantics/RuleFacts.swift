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
    package let id: DiagnosticID
    package let message: String
    package let hint: String?
    /// The error is about a CIDR's prefix length: underline just that part of a literal.
    package let isAboutPrefix: Bool

    package init(_ id: DiagnosticID, _ message: String, hint: String? = nil, isAboutPrefix: Bool = false) {
        self.id = id
        self.message = message
        self.hint = hint
        self.isAboutPrefix = isAboutPrefix
    }
}

/// The validators of rule facts (see the file comment).
package enum RuleFacts {
    // MARK: - Protocols

    /// A protocol number as IPProtocol (-1 is `all`).
    package static func protocolNumber(_ number: Int) throws(RuleFactError) -> IPProtocol {
        guard let proto = IPProtocol(number: number) else {
            throw RuleFactError(
                .protocolOutOfRange, "protocol number \(number) is out of range 0...255",
                hint: "IP protocol numbers are 0-255; write 'all' for every protocol")
        }
        return proto
    }

    /// A protocol spelled as text: a name (any case) or a number.
    package static func protocolName(_ text: String) throws(RuleFactError) -> IPProtocol {
        if let number = Int(text) { return try protocolNumber(number) }
        guard let proto = IPProtocol(parsing: text) else {
            throw RuleFactError(
                .unknownProtocol, "'\(text)' is not a protocol",
                hint: "write tcp, udp, icmp, icmpv6, all, an IANA name such as esp or gre, or a protocol number 0-255")
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
            throw RuleFactError(
                .portsRequired, "protocol '\(proto)' needs a port, a port range or 'all'",
                hint: "write e.g. '\(proto) 443 \(preposition) …' or '\(proto) all \(preposition) …'")
        case .icmp:
            throw RuleFactError(
                .portsRequired, "protocol 'icmp' needs an ICMP type, 'type:code' or 'all'",
                hint: "write e.g. 'icmp echo-request' or 'icmp all'")
        case .icmpv6:
            // EC2 and LANGUAGE.md: ICMPv6 without a type means every type.
            return .icmp(.all)
        default:
            return .none
        }
    }

    /// The error for ports given to a protocol that has none.
    package static func portsNotAllowed(_ proto: IPProtocol) -> RuleFactError {
        let what = proto == .all ? "protocol 'all' covers every port" : "protocol \(proto) covers every port"
        return RuleFactError(.portsNotAllowed, "protocol '\(proto)' takes no ports", hint: "\(what); remove the ports")
    }

    /// One port item for a protocol. `spelling` is how the item reads in
    /// messages (the source text of a literal, or the computed value).
    package static func portSpec(
        _ item: PortItem, for proto: IPProtocol, spelling: String
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
            throw RuleFactError(
                .portsRequired, "'\(spelling)' is an ICMP type, but protocol '\(proto)' takes ports",
                hint: "write 'icmp \(name)' for ICMP, or a port number for \(proto)")
        case .icmpTypeCode:
            throw RuleFactError(
                .portsRequired, "'\(spelling)' is an ICMP type:code, but protocol '\(proto)' takes ports",
                hint: "write a port or port range such as 8000-8080")
        case .expression:
            preconditionFailure("a port expression must be evaluated before it is checked")
        }
    }

    /// A single port.
    package static func port(_ port: Int) throws(RuleFactError) -> PortRange {
        guard let ports = PortRange(port) else {
            throw RuleFactError(.portOutOfRange, "port \(port) is out of range 0...65535")
        }
        return ports
    }

    /// A port range `low-high`.
    package static func portRange(_ low: Int, _ high: Int) throws(RuleFactError) -> PortRange {
        guard PortRange(low) != nil, PortRange(high) != nil else {
            throw RuleFactError(.portOutOfRange, "port range \(low)-\(high) is out of range 0...65535")
        }
        guard let ports = PortRange(from: low, to: high) else {
            throw RuleFactError(
                .invalidPortRange, "port range \(low)-\(high) ends before it starts", hint: "write '\(high)-\(low)'")
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
                throw RuleFactError(.icmpOutOfRange, "ICMP type \(type) is out of range 0...255")
            }
            return spec
        case .icmpTypeCode(let type, let code):
            guard let spec = ICMPSpec(type: type, code: code) else {
                throw RuleFactError(.icmpOutOfRange, "ICMP type:code \(type):\(code) is out of range 0...255")
            }
            return spec
        case .range(let low, let high):
            throw RuleFactError(
                .invalidPortRange, "protocol '\(proto)' takes an ICMP type, not a port range",
                hint:
                    "write 'type:code' such as '\(low):\(high)', a type such as '\(low)', or a name such as 'echo-request'"
            )
        case .icmpName(let name):
            if let spec = ICMPSpec.named(name, for: proto) { return spec }
            let other: IPProtocol = proto == .icmp ? .icmpv6 : .icmp
            throw RuleFactError(
                .unknownICMPType, "'\(name)' is not an \(proto) type name",
                hint: ICMPSpec.named(name, for: other) != nil
                    ? "'\(name)' is an \(other) type; write '\(other) \(name)'"
                    : nil)
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
                throw RuleFactError(
                    .cidrHostBits, "'\(text)' has host bits set; EC2 would widen it to '\(network)'",
                    hint: "write '\(network)'")
            case .prefixOutOfRange(let value, let max):
                throw RuleFactError(
                    .invalidCIDR, "prefix length /\(value) is out of range 0...\(max)", isAboutPrefix: true)
            case .malformedPrefix, .malformedAddress:
                // Leading zeros are refused in every octet and prefix alike (010 reads as octal to some tools).
                if let plain = CIDR.withoutLeadingZeros(text), CIDR(plain) != nil {
                    throw RuleFactError(
                        .invalidCIDR, "'\(text)' has leading zeros, which sgsh and EC2 do not accept",
                        hint: "write '\(plain)'")
                }
                throw RuleFactError(
                    .invalidCIDR, "'\(text)' is not a valid IPv4 or IPv6 address or CIDR",
                    hint: "write e.g. 10.0.0.0/8, 203.0.113.7 or 2001:db8::/32")
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
        let hint =
            mayBeDescription
            ? "if \"\(text)\" is the description, remove the ',' before it"
            : "write e.g. \"10.0.0.0/8\", \"sg-0123abcd\" or \"pl-0123abcd\"; for a group by name write 'group \"\(text)\"'"
        throw RuleFactError(.invalidPeer, "'\(text)' is not a CIDR, security group id or prefix list id", hint: hint)
    }

    /// A security group id in a group position.
    package static func groupID(_ text: String) throws(RuleFactError) -> String {
        guard ResourceID.isGroupID(text) else {
            throw RuleFactError(
                .invalidGroup, "'\(text)' is not a security group id",
                hint: "a group id looks like 'sg-0123abcd'; to find a group by name use 'sg lookup \"\(text)\"'")
        }
        return text
    }

    // MARK: - Group names, tags, blocks

    /// The hint every group name error carries.
    package static let groupNameHint =
        "EC2 allows 1 to 255 characters: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'"

    /// The name of a group `sg create` makes.
    package static func groupName(_ name: String) throws(RuleFactError) -> String {
        if let problem = GroupName.problem(in: name) {
            throw RuleFactError(.groupNameInvalid, problem, hint: groupNameHint)
        }
        return name
    }

    /// The description of a group `sg create` makes: EC2 requires one.
    package static func groupDescription(_ text: String) throws(RuleFactError) -> String {
        if text.isEmpty {
            throw RuleFactError(
                .descriptionInvalid, "a group description cannot be empty",
                hint: "EC2 requires one; leave it out and sgsh uses the group's name")
        }
        return try description(text)
    }

    /// The hint every tag error carries.
    package static let tagHint =
        "tag keys are 1 to 128 characters and may not start with 'aws:'; values are at most 256"

    /// A tag key.
    package static func tagKey(_ key: String) throws(RuleFactError) -> String {
        if let problem = TagRules.problem(inKey: key) { throw RuleFactError(.tagInvalid, problem, hint: tagHint) }
        return key
    }

    /// A tag value (of the tag `key`).
    package static func tagValue(_ value: String, key: String) throws(RuleFactError) -> String {
        if let problem = TagRules.problem(inValue: value, key: key) {
            throw RuleFactError(.tagInvalid, problem, hint: tagHint)
        }
        return value
    }

    /// A tag key written twice in one statement: the later value would silently win.
    package static func duplicateTagKey(_ key: String) -> RuleFactError {
        RuleFactError(
            .duplicateTagKey, "tag '\(key)' is given twice; only one value can be kept",
            hint: "remove one of the two, or give them different keys")
    }

    /// `revoke` inside `exactly`, which lists the rules to keep.
    package static let revokeInExactly = RuleFactError(
        .revokeInExactly, "'revoke' cannot appear in an 'exactly' block, which lists the rules to keep",
        hint: "leave the rule out of the block: 'exactly' removes every rule it does not list")

    /// A rule for a group and direction that an `exactly` block later replaces.
    package static func ruleBeforeExactly(_ direction: Direction) -> RuleFactError {
        RuleFactError(
            .ruleBeforeExactly,
            "this rule is replaced by a later '\(direction.rawValue) exactly' block for the same group",
            hint: "move the rule into the 'exactly' block, or remove it")
    }

    /// Two rules of one block that are the same rule with different descriptions.
    package static let duplicateRuleInBlock = RuleFactError(
        .duplicateRuleInBlock, "this rule is already in the block with another description; only one can be kept",
        hint: "a rule (protocol, ports, peer) has one description: remove one of the two")

    // MARK: - Descriptions

    /// The hint every description error carries.
    package static let descriptionHint =
        "EC2 allows up to 255 characters: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"

    /// A rule or group description.
    package static func description(_ text: String) throws(RuleFactError) -> String {
        if let problem = RuleDescription.problem(in: text) {
            throw RuleFactError(.descriptionInvalid, problem, hint: descriptionHint)
        }
        return text
    }

    /// A rule description for a rule with this peer: `&` is allowed only with a CIDR peer.
    package static func ruleDescription(_ text: String, peer: Peer) throws(RuleFactError) -> String {
        let isCIDR = if case .cidr = peer { true } else { false }
        if let problem = RuleDescription.problem(in: text, allowsAmpersand: isCIDR) {
            throw RuleFactError(
                .descriptionInvalid, problem,
                hint: isCIDR ? descriptionHint : "write 'and' instead of '&'; EC2 takes '&' only for CIDR peers")
        }
        return text
    }
}
