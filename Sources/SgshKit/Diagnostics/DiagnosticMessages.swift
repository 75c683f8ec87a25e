// Every diagnostic's words, in one catalog ordered by id (as swift-syntax keeps
// its parser's messages in one file): the lexer, parser, resolver and rule
// facts say *that* something is wrong and where; what they say is written
// here, once, so wording stays consistent and a reviewer can read it all.
// `DiagnosticID.summary` (below) is the exhaustive switch that makes the
// compiler refuse an id without words.

import SgshModel

/// What a diagnostic says — id, message, hint, notes — without where it is.
package struct DiagnosticMessage: Hashable, Sendable {
    package let id: DiagnosticID
    package let text: String
    package let hint: String?
    package let notes: [DiagnosticNote]

    init(_ id: DiagnosticID, _ text: String, hint: String? = nil, notes: [DiagnosticNote] = []) {
        self.id = id
        self.text = text
        self.hint = hint
        self.notes = notes
    }
}

extension DiagnosticMessage {
    /// The message with notes (at the other places it is about) added.
    package func adding(_ more: DiagnosticNote...) -> Self { adding(more) }

    /// The message with notes added.
    package func adding(_ more: [DiagnosticNote]) -> Self { Self(id, text, hint: hint, notes: notes + more) }
}

extension Diagnostic {
    /// The diagnostic a catalog message makes at `range`.
    package init(_ message: DiagnosticMessage, at range: SourceRange, severity: Severity = .error) {
        self.init(message.id, message.text, at: range, severity: severity, hint: message.hint, notes: message.notes)
    }
}

extension DiagnosticID {
    /// What the id is about, in one line (a message catalog entry for every id).
    package var summary: String {
        switch self {
        case .argumentCount: "a call passes the wrong number of arguments"
        case .assignToUndefined: "an assignment to a name that was never declared"
        case .cidrHostBits: "a CIDR with host bits set, which EC2 would silently widen"
        case .descriptionInvalid: "a description EC2 would refuse (length or characters)"
        case .dryrunNotFirst: "'dryrun' that is not the script's first statement"
        case .duplicateParameter: "a function declares the same parameter twice"
        case .duplicateRuleInBlock: "the same rule twice in one block with different descriptions"
        case .duplicateTagKey: "a tag key given twice in one statement"
        case .durationInvalid: "a rule lifetime ('for 2h') that is malformed, out of range or misplaced"
        case .emptyVariable: "a '$' with no name after it"
        case .expectedDirection: "an sg statement without 'ingress' or 'egress'"
        case .expectedExpression: "a value is missing"
        case .expectedGroupAction: "an sg statement without an action after the group"
        case .expectedPeer: "a rule without a peer"
        case .expectedPreposition: "a rule without 'from' or 'to'"
        case .expectedProtocol: "a rule without a protocol"
        case .expectedStatementEnd: "a statement that does not end where it should"
        case .expectedToken: "a token is missing"
        case .expectedVerb: "a rule without 'allow' or 'revoke'"
        case .groupNameInvalid: "a group name EC2 would refuse"
        case .icmpOutOfRange: "an ICMP type or code outside 0...255"
        case .importCycle: "modules that use each other in a cycle"
        case .integerTooLarge: "an integer literal too large for 64 bits"
        case .invalidCharacter: "a character that is not part of sgsh"
        case .invalidCIDR: "a malformed CIDR or address"
        case .invalidEscape: "an unknown escape in a string"
        case .invalidGroup: "something that is not a security group where a group is expected"
        case .invalidPeer: "something that is not a CIDR, group or prefix list where a peer is expected"
        case .invalidPortRange: "a port range that is reversed or used where an ICMP type belongs"
        case .invalidUTF8: "a byte of the script that is not UTF-8"
        case .keywordAsName: "a keyword used as a name"
        case .moduleRebindsName: "a module that would replace a name already bound"
        case .nestingTooDeep: "expressions or blocks nested too deeply"
        case .notAFunction: "a call of something that is not a function"
        case .ownerInvalid: "an 'owner' statement that is misplaced, repeated or names no valid owner"
        case .policyInvalid: "a policy statement that cannot mean anything (bad date, interpolated name)"
        case .portOutOfRange: "a port outside 0...65535"
        case .portsNotAllowed: "ports on a protocol that covers every port"
        case .portsRequired: "a protocol that needs ports (or an ICMP type) without them"
        case .protocolOutOfRange: "a protocol number outside 0...255"
        case .replacedGroupReused: "a group changed before, or used after, the statement that replaces it"
        case .returnOutsideFunction: "'return' outside a function"
        case .revokeInExactly: "'revoke' inside an 'exactly' block"
        case .ruleBeforeExactly: "a rule that a later 'exactly' block replaces"
        case .tagInvalid: "a tag key or value EC2 would refuse"
        case .undefinedName: "a name that is not defined"
        case .unknownICMPType: "an ICMP type name that does not exist for the protocol"
        case .unknownModule: "a 'use' of a module that does not exist"
        case .unknownProtocol: "a protocol name that does not exist"
        case .unterminatedBlock: "a '{' that is never closed"
        case .unterminatedInterpolation: "a '${' that is never closed"
        case .unterminatedString: "a string that is never closed"
        case .wrongPreposition: "'from' on an egress rule or 'to' on an ingress rule"
        }
    }
}

// MARK: - The messages, by id

extension DiagnosticMessage {
    /// `; did you mean 'x'?`, or nothing.
    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean '\($0)'?" } ?? ""
    }

    private static let protocolList = "tcp, udp, icmp, icmpv6, all or a number 0-255"

    // MARK: argument-count

    static func argumentCount(_ name: String, takes expected: ClosedRange<Int>, got count: Int) -> Self {
        let takes =
            expected.lowerBound == expected.upperBound
            ? "\(expected.lowerBound) argument\(expected.lowerBound == 1 ? "" : "s")"
            : "\(expected.lowerBound) to \(expected.upperBound) arguments"
        return Self(.argumentCount, "'\(name)' takes \(takes), got \(count)")
    }

    // MARK: assign-to-undefined

    static func assignToUndefined(_ name: String) -> Self {
        Self(
            .assignToUndefined, "cannot assign to '\(name)', which is not defined",
            hint: "declare it first with 'let \(name) = …'")
    }

    // MARK: cidr-host-bits

    static func cidrHostBits(_ text: String, network: String) -> Self {
        Self(
            .cidrHostBits, "'\(text)' has host bits set; EC2 would widen it to '\(network)'", hint: "write '\(network)'"
        )
    }

    // MARK: description-invalid

    static let descriptionHint = "EC2 allows up to 255 characters: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*"

    /// `problem` is RuleDescription's account of what EC2 refuses.
    static func descriptionInvalid(_ problem: String) -> Self {
        Self(.descriptionInvalid, problem, hint: descriptionHint)
    }

    static let emptyGroupDescription = Self(
        .descriptionInvalid, "a group description cannot be empty",
        hint: "EC2 requires one; leave it out and sgsh uses the group's name")

    /// A rule description with `&` for a peer that is not a CIDR (`problem` says so).
    static func ampersandForNonCIDRPeer(_ problem: String) -> Self {
        Self(.descriptionInvalid, problem, hint: "write 'and' instead of '&'; EC2 takes '&' only for CIDR peers")
    }

    static func descriptionCharacter(_ character: Character) -> Self {
        Self(
            .descriptionInvalid, "description contains '\(character)', which EC2 does not allow", hint: descriptionHint)
    }

    // MARK: dryrun-not-first

    static let dryrunHint =
        "write one 'dryrun on' or 'dryrun off' as the script's first line (only comments may precede it)"

    /// `first` is where the script's first statement is (nil: the `dryrun` is nested).
    static func dryrunNotFirst(first: SourceRange?) -> Self {
        guard let first else {
            return Self(
                .dryrunNotFirst, "'dryrun' cannot be inside a block or function; it sets the mode of the whole script",
                hint: dryrunHint)
        }
        return Self(
            .dryrunNotFirst, "'dryrun' must be the first statement of the script", hint: dryrunHint,
            notes: [DiagnosticNote("the script's first statement is here", range: first)])
    }

    static let dryrunInModule = Self(
        .dryrunNotFirst, "'dryrun' cannot be in a module; it sets the mode of the script that uses it",
        hint: "write 'dryrun on' or 'dryrun off' as the first line of the script")

    // MARK: duplicate-parameter

    static func duplicateParameter(_ parameter: String, in function: String, first: SourceRange) -> Self {
        Self(
            .duplicateParameter, "duplicate parameter '\(parameter)' in '\(function)'",
            notes: [DiagnosticNote("first declared here", range: first)])
    }

    // MARK: duplicate-rule-in-block

    static let duplicateRuleInBlock = Self(
        .duplicateRuleInBlock, "this rule is already in the block with another description; only one can be kept",
        hint: "a rule (protocol, ports, peer) has one description: remove one of the two")

    static func sameRuleFirstWritten(at range: SourceRange) -> DiagnosticNote {
        DiagnosticNote("the same rule is first written here", range: range)
    }

    // MARK: duplicate-tag-key

    static func duplicateTagKey(_ key: String) -> Self {
        Self(
            .duplicateTagKey, "tag '\(key)' is given twice; only one value can be kept",
            hint: "remove one of the two, or give them different keys")
    }

    static func tagFirstGiven(_ key: String, at range: SourceRange) -> DiagnosticNote {
        DiagnosticNote("'\(key)' is first given here", range: range)
    }

    // MARK: duration-invalid

    static let lifetimeHint = "write whole days, hours and minutes, largest first: 'for 2h', 'for 1h30m', 'for 7d'"

    static func lifetimeMissing(found: String) -> Self {
        Self(.durationInvalid, "expected a duration after 'for', found \(found)", hint: lifetimeHint)
    }

    static func lifetimeUnknownUnit(_ unit: String, in text: String) -> Self {
        Self(
            .durationInvalid, "'\(unit)' is not a unit of time in '\(text)'",
            hint: "the units are m (minutes), h (hours) and d (days), each after its number, e.g. 'for 90m'")
    }

    static func lifetimeUnitMissing(_ text: String) -> Self {
        Self(
            .durationInvalid, "the duration '\(text)' has no unit",
            hint: "put m (minutes), h (hours) or d (days) right after each number, e.g. '2h' or '1h30m'")
    }

    static func lifetimeUnitOrder(_ text: String) -> Self {
        Self(.durationInvalid, "the units of '\(text)' are repeated or out of order", hint: lifetimeHint)
    }

    static func lifetimeTooLong(_ text: String) -> Self {
        Self(
            .durationInvalid, "a rule cannot be temporary for '\(text)', longer than 365 days",
            hint: "leave out 'for …' for a rule that stays")
    }

    static func lifetimeZero(_ text: String) -> Self {
        Self(
            .durationInvalid, "a rule cannot live for '\(text)'",
            hint: "give at least one minute ('for 1m'), or leave out 'for …' for a rule that stays")
    }

    static func lifetimeTwice(first: SourceRange) -> Self {
        Self(
            .durationInvalid, "the rule's lifetime is given twice", hint: "keep one 'for …'",
            notes: [DiagnosticNote("first given here", range: first)])
    }

    static let lifetimeOnRevoke = Self(
        .durationInvalid, "'for' applies to rules being allowed, not revoked",
        hint: "remove 'for …': a revoke takes effect at once")

    // MARK: empty-variable

    static let emptyVariable = Self(
        .emptyVariable, "expected a name after '$'", hint: "write '$name' to read a variable")

    // MARK: expected-direction

    static func directionMissing(before verb: String) -> Self {
        Self(
            .expectedDirection, "expected 'ingress' or 'egress' before '\(verb)'",
            hint: "write 'ingress \(verb) … from PEER' or 'egress \(verb) … to PEER'")
    }

    static func directionMisspelled(found: String, write direction: String) -> Self {
        Self(
            .expectedDirection, "expected 'ingress' or 'egress' after the group, found \(found)",
            hint: "write '\(direction)'")
    }

    // MARK: expected-expression

    static func expressionMissing(found: String) -> Self {
        Self(.expectedExpression, "expected an expression, found \(found)")
    }

    static let emptyInterpolation = Self(.expectedExpression, "expected an expression inside '${}'")

    // MARK: expected-group-action

    static func groupActionMissing(found: String, suggestion: String?) -> Self {
        Self(
            .expectedGroupAction,
            "expected 'ingress', 'egress', 'tag', 'untag', 'show' or 'delete' after the group, found \(found)"
                + didYouMean(suggestion))
    }

    // MARK: expected-peer

    static func peerMissing(found: String) -> Self {
        Self(
            .expectedPeer, "expected a peer (CIDR, group or prefix list), found \(found)",
            hint: "write e.g. 10.0.0.0/8, ::/0, sg-0123abcd, pl-0123abcd or $peers")
    }

    // MARK: expected-preposition

    /// `portsList` is the ports as written when a ',' follows them (`tcp 80, 443 from …`).
    static func prepositionMissing(found: String, portsList: String?) -> Self {
        Self(
            .expectedPreposition, "expected 'from' or 'to' before the peers, found \(found)",
            hint: portsList.map { "to give several ports write a list: [\($0), …]" }
                ?? "ingress rules take 'from PEER', egress rules take 'to PEER'")
    }

    // MARK: expected-protocol

    static func protocolMissing(before preposition: String) -> Self {
        Self(
            .expectedProtocol, "expected a protocol before '\(preposition)'", hint: "write a protocol: \(protocolList)")
    }

    static let protocolMinusOne = Self(
        .expectedProtocol, "expected a protocol, found '-1'", hint: "write 'all' for every protocol (EC2's -1)")

    static func protocolMissing(found: String) -> Self {
        Self(.expectedProtocol, "expected a protocol, found \(found)", hint: "write a protocol: \(protocolList)")
    }

    // MARK: expected-statement-end

    static let closeBraceWithoutBlock = Self(.expectedStatementEnd, "unexpected '}' with no open block")

    static func statementEndMissing(found: String) -> Self {
        Self(.expectedStatementEnd, "expected newline or ';' after statement, found \(found)")
    }

    static let secondDescription = Self(
        .expectedStatementEnd, "expected newline or ';' after the rule's description, found a second string",
        hint: "a rule has one description; join the text into one string")

    enum AssignmentTarget { case variable(String), index(base: String), other }

    static func assignmentToExpression(_ text: String, _ target: AssignmentTarget) -> Self {
        let hint: String? =
            switch target {
            case .variable(let name): "names are assigned without '$': write '\(name) = …'"
            case .index(let base): "lists are values: build a new one and assign it, '\(base) = …'"
            case .other: nil
            }
        return Self(.expectedStatementEnd, "cannot assign to '\(text)'; only a name can be assigned to", hint: hint)
    }

    // MARK: expected-token

    /// `expected ')' after arguments, found X` with a note at the opening bracket.
    static func closingMissing(_ close: String, _ context: String, found: String, open: String, at opening: SourceRange)
        -> Self
    {
        Self(
            .expectedToken, "expected \(close) \(context), found \(found)",
            notes: [DiagnosticNote("to match this '\(open)'", range: opening)])
    }

    static func tokenMissing(_ kind: String, _ context: String, found: String) -> Self {
        Self(.expectedToken, "expected \(kind) \(context), found \(found)")
    }

    static func sgExpressionMissing(found: String) -> Self {
        Self(.expectedToken, "expected 'create' or 'lookup' after 'sg' in an expression, found \(found)")
    }

    static func interpolationNotClosed(found: String) -> Self {
        Self(.expectedToken, "expected '}' after the interpolated expression, found \(found)")
    }

    static func portMissing(found: String) -> Self {
        Self(
            .expectedToken, "expected a port, port range or ICMP type, found \(found)",
            hint: "write e.g. 443, 8000-8080, [80, 443], all, or for icmp echo-request or 3:4")
    }

    static func tagKeyMissing(_ context: String, found: String) -> Self {
        Self(.expectedToken, "expected a tag key \(context), found \(found)")
    }

    /// `dollarName` is the name when it was written as `$name`.
    static func nameMissing(_ context: String, found: String, dollarName: String? = nil) -> Self {
        Self(
            .expectedToken, "expected a name \(context), found \(found)",
            hint: dollarName.map { "names are declared without '$': write '\($0)'" })
    }

    static let elseIf = Self(
        .expectedToken, "expected '{' after 'else', found 'if'", hint: "write 'elif' for another condition")

    static func moduleNameMissing(found: String) -> Self {
        Self(
            .expectedToken, "expected a module name string after 'use', found \(found)",
            hint: "write 'use \"networks\"'")
    }

    static let interpolatedModuleName = Self(.expectedToken, "a module name cannot contain '${…}'")

    static func dryRunModeMissing(found: String) -> Self {
        Self(.expectedToken, "expected 'on' or 'off' after 'dryrun', found \(found)")
    }

    // MARK: expected-verb

    static func verbMissing(found: String, word: String?, suggestion: String?) -> Self {
        let hint: String? =
            switch word {
            case "deny", "drop", "reject", "block":
                "security groups only allow traffic; write 'revoke' to remove a rule"
            case "add", "authorize", "permit", "accept": "write 'allow'"
            case "remove", "delete": "write 'revoke'"
            default: nil
            }
        return Self(.expectedVerb, "expected 'allow' or 'revoke', found \(found)" + didYouMean(suggestion), hint: hint)
    }

    // MARK: group-name-invalid

    /// `problem` is GroupName's account of what EC2 refuses.
    static func groupNameInvalid(_ problem: String) -> Self {
        Self(
            .groupNameInvalid, problem,
            hint:
                "EC2 allows 1 to 255 characters: letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with 'sg-'"
        )
    }

    // MARK: icmp-out-of-range

    static func icmpTypeOutOfRange(_ type: Int) -> Self {
        Self(.icmpOutOfRange, "ICMP type \(type) is out of range 0...255")
    }

    static func icmpTypeCodeOutOfRange(_ type: Int, _ code: Int) -> Self {
        Self(.icmpOutOfRange, "ICMP type:code \(type):\(code) is out of range 0...255")
    }

    // MARK: import-cycle

    static func importCycle(_ chain: String) -> Self {
        Self(
            .importCycle, "import cycle: \(chain)",
            hint: "move what the files of the cycle share into a module that uses none of them")
    }

    static func cycleGoesThrough(_ range: SourceRange) -> DiagnosticNote {
        DiagnosticNote("the cycle goes through here", range: range)
    }

    // MARK: integer-too-large

    static func integerTooLarge(_ digits: String) -> Self {
        Self(.integerTooLarge, "integer '\(digits)' is too large")
    }

    // MARK: invalid-character

    /// `shown` is the text as the message shows it; `first` its first byte.
    static func invalidCharacter(_ shown: String, count: Int, first: UInt8) -> Self {
        let hint: String? =
            if first == UInt8(ascii: "!") {
                "write 'not' for negation, '!=' for inequality"
            } else if first >= 0x80 {
                "outside strings and comments sgsh is ASCII: names are letters, digits and '_'"
            } else {
                nil
            }
        return Self(.invalidCharacter, "unexpected \(count > 1 ? "characters" : "character") '\(shown)'", hint: hint)
    }

    // MARK: invalid-cidr

    static func prefixOutOfRange(_ value: Int, max: Int) -> Self {
        Self(.invalidCIDR, "prefix length /\(value) is out of range 0...\(max)")
    }

    static func cidrLeadingZeros(_ text: String, plain: String) -> Self {
        Self(.invalidCIDR, "'\(text)' has leading zeros, which sgsh and EC2 do not accept", hint: "write '\(plain)'")
    }

    static func malformedCIDR(_ text: String) -> Self {
        Self(
            .invalidCIDR, "'\(text)' is not a valid IPv4 or IPv6 address or CIDR",
            hint: "write e.g. 10.0.0.0/8, 203.0.113.7 or 2001:db8::/32")
    }

    // MARK: invalid-escape

    static func invalidEscape(_ escape: String) -> Self {
        Self(
            .invalidEscape, "unknown escape '\(escape)' in string",
            hint: "write '\\\\' for a backslash; escapes are \\n \\t \\r \\\\ \\\" \\' \\$")
    }

    // MARK: invalid-group

    static func groupMissing(before action: String) -> Self {
        Self(
            .invalidGroup, "expected a group after 'sg', found '\(action)'",
            hint: "name the group first, e.g. 'sg sg-0123abcd \(action) …' or 'sg $web \(action) …'")
    }

    static func groupMissing(found: String) -> Self {
        Self(
            .invalidGroup, "expected a group after 'sg', found \(found)",
            hint: "name a group as sg-0123abcd, \"sg-0123abcd\", $variable or (expression)")
    }

    static func notAGroup(_ text: String) -> Self {
        Self(
            .invalidGroup, "'\(text)' is not a security group",
            hint: "a group is written sg-0123abcd, \"sg-0123abcd\" or $variable")
    }

    /// A string that should be a group id (`"web"` where `sg-…` belongs).
    static func notAGroupID(_ text: String) -> Self {
        Self(
            .invalidGroup, "'\(text)' is not a security group id",
            hint: "a group id looks like 'sg-0123abcd'; to find a group by name use 'sg lookup \"\(text)\"'")
    }

    /// A bare word lexed as `sg-…` that is not a valid id.
    static func malformedGroupID(_ id: String) -> Self {
        let lowered = id.lowercased()
        return Self(
            .invalidGroup, "'\(id)' is not a valid security group id",
            hint: ResourceID.isGroupID(lowered)
                ? "group ids are lowercase: write '\(lowered)'"
                : "a group id is 'sg-' followed by hex digits, e.g. sg-0123abcd; to find a group by name use 'sg lookup \"name\"'"
        )
    }

    // MARK: invalid-peer

    static let emptyPeerList = Self(
        .invalidPeer, "the peer list is empty", hint: "list at least one CIDR, group or prefix list, e.g. [10.0.0.0/8]")

    static func notAPeer(_ text: String) -> Self {
        Self(
            .invalidPeer, "'\(text)' is not a peer",
            hint: "a peer is a CIDR, an address, a group (sg-…), or a prefix list (pl-…)")
    }

    /// A string that is none of the peer shapes; `mayBeDescription` when it may be a
    /// description written after a ','.
    static func notAPeerString(_ text: String, mayBeDescription: Bool) -> Self {
        Self(
            .invalidPeer, "'\(text)' is not a CIDR, security group id or prefix list id",
            hint: mayBeDescription
                ? "if \"\(text)\" is the description, remove the ',' before it"
                : "write e.g. \"10.0.0.0/8\", \"sg-0123abcd\" or \"pl-0123abcd\"; for a group by name write 'group \"\(text)\"'"
        )
    }

    static func invalidAccountID(_ account: String) -> Self {
        Self(
            .invalidPeer, "'\(account)' is not an AWS account id",
            hint: "an account id has 12 digits, as in 123456789012/sg-0123abcd")
    }

    static func invalidPrefixListID(_ id: String) -> Self {
        Self(
            .invalidPeer, "'\(id)' is not a valid prefix list id",
            hint: "a prefix list id is 'pl-' followed by lowercase hex digits, e.g. pl-0123abcd")
    }

    // MARK: invalid-port-range

    static func reversedPortRange(_ low: Int, _ high: Int) -> Self {
        Self(.invalidPortRange, "port range \(low)-\(high) ends before it starts", hint: "write '\(high)-\(low)'")
    }

    static func portRangeForICMP(_ proto: IPProtocol, _ low: Int, _ high: Int) -> Self {
        Self(
            .invalidPortRange, "protocol '\(proto)' takes an ICMP type, not a port range",
            hint:
                "write 'type:code' such as '\(low):\(high)', a type such as '\(low)', or a name such as 'echo-request'")
    }

    // MARK: invalid-utf8

    static func invalidUTF8(byte: UInt8) -> Self {
        let hex = String(byte, radix: 16, uppercase: true)
        return Self(
            .invalidUTF8, "byte 0x\(hex.count == 1 ? "0" + hex : hex) is not UTF-8; sgsh scripts are UTF-8 text",
            hint:
                "save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8); sgsh does not guess, since a replaced byte would change a description"
        )
    }

    // MARK: keyword-as-name

    static func keywordAsName(_ keyword: String) -> Self {
        Self(
            .keywordAsName, "'\(keyword)' is a keyword and cannot be used as a name",
            hint: "choose another name, e.g. '\(keyword)_'")
    }

    // MARK: module-rebinds-name

    /// `clashes` sorted; `source` says who bound the first (`this script`, `module 'x'`).
    static func moduleRebindsName(_ module: String, clashes: [String], source: String, boundAt: SourceRange?) -> Self {
        let listed = clashes.map { "'\($0)'" }.joined(separator: ", ")
        let first = clashes.first ?? ""
        return Self(
            .moduleRebindsName,
            "module '\(module)' defines \(listed), which \(clashes.count == 1 ? "is" : "are") already bound",
            hint: "rename the binding, or 'use' the module before binding the name (\(source) bound '\(first)')",
            notes: boundAt.map { [DiagnosticNote("'\(first)' is bound here", range: $0)] } ?? [])
    }

    // MARK: nesting-too-deep

    static func nestingTooDeep(_ limit: Int) -> Self {
        Self(
            .nestingTooDeep, "expressions and blocks are nested more than \(limit) levels deep",
            hint: "split the expression with 'let' or move the inner blocks into a function")
    }

    // MARK: not-a-function

    static func notAFunction(_ text: String) -> Self {
        Self(
            .notAFunction, "'\(text)' is not a function and cannot be called",
            hint: "only functions (defined with 'def' or built in) can be called; put a ',' or newline between values")
    }

    // MARK: owner-invalid

    static let ownerHint = "write 'owner \"NAME\"' once, as the script's first statement (after 'dryrun', if any)"

    static let ownerNameInterpolated = Self(
        .ownerInvalid, "the owner is a plain string, without '${…}'",
        hint: "write the name itself, e.g. 'owner \"team-web\"', or give it on the command line with --owner")

    static let ownerNameEmpty = Self(
        .ownerInvalid, "the owner's name is empty", hint: "name the team or tool whose rules these are")

    /// `problem` is TagRules' account of what EC2 refuses in the `sgsh:owner` tag value.
    static func ownerNameInvalid(_ problem: String) -> Self {
        Self(.ownerInvalid, problem, hint: "the owner is a rule tag's value: at most 256 characters")
    }

    /// `first` is the script's first statement (nil: the `owner` is nested).
    static func ownerNotFirst(first: SourceRange?) -> Self {
        guard let first else {
            return Self(
                .ownerInvalid, "'owner' cannot be inside a block or function; it names the owner of the whole script",
                hint: ownerHint)
        }
        return Self(
            .ownerInvalid, "'owner' must come before the script's other statements", hint: ownerHint,
            notes: [DiagnosticNote("the script's first statement is here", range: first)])
    }

    static func ownerTwice(first: SourceRange) -> Self {
        Self(
            .ownerInvalid, "the script names its owner twice", hint: "keep one 'owner' statement",
            notes: [DiagnosticNote("first named here", range: first)])
    }

    static let ownerInModule = Self(
        .ownerInvalid, "'owner' cannot be in a module; it names the owner of the script that uses it",
        hint: "write 'owner \"NAME\"' at the top of the script")

    // MARK: policy-invalid

    static func policyTextInterpolated(_ what: String) -> Self {
        Self(
            .policyInvalid, "\(what) cannot be interpolated",
            hint: "policies are matched by name, so the name is fixed text: remove the '${…}'")
    }

    static func policyDateInvalid(_ text: String) -> Self {
        Self(
            .policyInvalid, "'\(text)' is not a calendar date",
            hint: "write the last day of the exemption as YYYY-MM-DD, e.g. 2027-03-31")
    }

    // MARK: port-out-of-range

    static func portOutOfRange(_ port: Int) -> Self {
        Self(.portOutOfRange, "port \(port) is out of range 0...65535")
    }

    static func portRangeOutOfRange(_ low: Int, _ high: Int) -> Self {
        Self(.portOutOfRange, "port range \(low)-\(high) is out of range 0...65535")
    }

    // MARK: ports-not-allowed

    static func portsNotAllowed(_ proto: IPProtocol) -> Self {
        let what = proto == .all ? "protocol 'all' covers every port" : "protocol \(proto) covers every port"
        return Self(.portsNotAllowed, "protocol '\(proto)' takes no ports", hint: "\(what); remove the ports")
    }

    // MARK: ports-required

    static func portsOmitted(_ proto: IPProtocol, preposition: String) -> Self {
        Self(
            .portsRequired, "protocol '\(proto)' needs a port, a port range or 'all'",
            hint: "write e.g. '\(proto) 443 \(preposition) …' or '\(proto) all \(preposition) …'")
    }

    static let icmpTypeOmitted = Self(
        .portsRequired, "protocol 'icmp' needs an ICMP type, 'type:code' or 'all'",
        hint: "write e.g. 'icmp echo-request' or 'icmp all'")

    static func icmpNameForPorts(_ spelling: String, name: String, _ proto: IPProtocol) -> Self {
        Self(
            .portsRequired, "'\(spelling)' is an ICMP type, but protocol '\(proto)' takes ports",
            hint: "write 'icmp \(name)' for ICMP, or a port number for \(proto)")
    }

    static func icmpTypeCodeForPorts(_ spelling: String, _ proto: IPProtocol) -> Self {
        Self(
            .portsRequired, "'\(spelling)' is an ICMP type:code, but protocol '\(proto)' takes ports",
            hint: "write a port or port range such as 8000-8080")
    }

    static let emptyPortList = Self(
        .portsRequired, "the port list is empty", hint: "list at least one port, e.g. [80, 443], or write 'all'")

    // MARK: protocol-out-of-range

    static func protocolOutOfRange(_ number: Int) -> Self {
        Self(
            .protocolOutOfRange, "protocol number \(number) is out of range 0...255",
            hint: "IP protocol numbers are 0-255; write 'all' for every protocol")
    }

    // MARK: replaced-group-reused

    /// `sg $web ingress allow …` before `sg $web replace with …` (`before`), or `sg $web …` after it.
    static func replacedGroupReused(_ group: String, before: Bool, replacedAt replace: SourceRange) -> Self {
        before
            ? Self(
                .replacedGroupReused,
                "'\(group)' is changed here and then replaced, which copies its rules as they are before this change",
                hint: "make the change on the new group: the value of the replace",
                notes: [DiagnosticNote("replaced here", range: replace)])
            : Self(
                .replacedGroupReused, "'\(group)' is used after the statement that replaces it, which deletes it",
                hint: "use the new group: the value of the replace",
                notes: [DiagnosticNote("replaced here", range: replace)])
    }

    // MARK: return-outside-function

    static let returnOutsideFunction = Self(.returnOutsideFunction, "'return' outside a function")

    // MARK: revoke-in-exactly

    static let revokeInExactly = Self(
        .revokeInExactly, "'revoke' cannot appear in an 'exactly' block, which lists the rules to keep",
        hint: "leave the rule out of the block: 'exactly' removes every rule it does not list")

    // MARK: rule-before-exactly

    static func ruleBeforeExactly(_ direction: Direction) -> Self {
        Self(
            .ruleBeforeExactly,
            "this rule is replaced by a later '\(direction.rawValue) exactly' block for the same group",
            hint: "move the rule into the 'exactly' block, or remove it")
    }

    static func exactlyBlockHere(_ range: SourceRange) -> DiagnosticNote {
        DiagnosticNote("the 'exactly' block is here", range: range)
    }

    // MARK: tag-invalid

    /// `problem` is TagRules' account of what EC2 refuses.
    static func tagInvalid(_ problem: String) -> Self {
        Self(
            .tagInvalid, problem,
            hint: "tag keys are 1 to 128 characters and may not start with 'aws:'; values are at most 256")
    }

    // MARK: undefined-name

    /// `definedLater` when the name is defined further down the file.
    static func undefinedName(_ name: String, suggestion: String?, definedLater: Bool) -> Self {
        Self(
            .undefinedName, "undefined name '\(name)'" + didYouMean(suggestion),
            hint: definedLater ? "'\(name)' is defined later in the file; move its definition above this line" : nil)
    }

    // MARK: unknown-icmp-type

    static func unknownICMPType(_ name: String, _ proto: IPProtocol, isTypeOf other: IPProtocol?) -> Self {
        Self(
            .unknownICMPType, "'\(name)' is not an \(proto) type name",
            hint: other.map { "'\(name)' is an \($0) type; write '\($0) \(name)'" })
    }

    // MARK: unknown-module

    static func unknownModule(_ module: String) -> Self {
        Self(
            .unknownModule, "no module named '\(module)'",
            hint: "stdlib modules are ports, networks and presets; other names are paths relative to the script")
    }

    /// A module that exists but cannot be loaded; `reason` is the host's account.
    static func unreadableModule(_ module: String, _ reason: String) -> Self {
        Self(.unknownModule, "cannot load module '\(module)': \(reason)")
    }

    // MARK: unknown-protocol

    /// `service` is the rule to write when the word is a service name (`ssh` → `tcp 22`).
    static func unknownProtocol(_ name: String, suggestion: String?, service: String?) -> Self {
        Self(
            .unknownProtocol, "unknown protocol '\(name)'" + didYouMean(suggestion),
            hint: service.map { "'\(name)' is a service, not a protocol; write '\($0) from …'" }
                ?? "protocols are tcp, udp, icmp, icmpv6, all, or a number 0-255")
    }

    /// A string computed where a protocol belongs.
    static func notAProtocol(_ text: String) -> Self {
        Self(
            .unknownProtocol, "'\(text)' is not a protocol",
            hint: "write tcp, udp, icmp, icmpv6, all, an IANA name such as esp or gre, or a protocol number 0-255")
    }

    // MARK: unterminated-block

    static func blockNotClosed(found: String, open: SourceRange) -> Self {
        Self(
            .unterminatedBlock, "expected '}' to close the block, found \(found)",
            notes: [DiagnosticNote("the block starts here", range: open)])
    }

    static func ruleBlockNotClosed(open: SourceRange) -> Self {
        Self(
            .unterminatedBlock, "expected '}' to close the rule block, found end of file",
            notes: [DiagnosticNote("the block starts here", range: open)])
    }

    // MARK: unterminated-interpolation

    static let unterminatedInterpolation = Self(
        .unterminatedInterpolation, "unterminated '${' in string", hint: "close the interpolation with '}'")

    // MARK: unterminated-string

    static func unterminatedString(quote: Character) -> Self {
        Self(
            .unterminatedString, "unterminated string",
            hint: "close the string with \(quote) before the end of the line")
    }

    // MARK: wrong-preposition

    static func wrongPreposition(_ direction: Direction, written: String, peers: String) -> Self {
        let right = SourceWriter.preposition(direction)
        return Self(
            .wrongPreposition, "\(direction.rawValue) rules take '\(right)', not '\(written)'",
            hint: "write '\(right) \(peers)'")
    }
}
