// The syntax tree: what the parser produces and the resolver and evaluator read.
//
// Nodes are small structs with a `kind` enum and a `range` (STYLE.md: no
// visitor, an exhaustive switch instead). Literals keep their source text
// where the evaluator must still validate them (CIDRs, ids) so that the
// resolver can point at exactly the bad characters (a valid plain IPv4 CIDR is
// held parsed: CIDRLiteral). `invalid` nodes stand in
// for what the parser could not read; a program with errors never runs.

import SgshModel

/// A name as written, with its range.
package struct Identifier: Hashable, Sendable {
    package let name: String
    package let range: SourceRange
    package init(_ name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A piece of a double-quoted string: literal text or a `${expr}` interpolation.
package enum StringPart: Hashable, Sendable {
    case text(String)
    case interpolation(Expr)
}

/// An expression.
package struct Expr: Hashable, Sendable {
    /// Leaves are stored in place; only the cases holding another expression are boxed. With
    /// the whole enum indirect every literal, name and string was an allocation of its own:
    /// three per one-line rule.
    package enum Kind: Hashable, Sendable {
        case integer(Int)
        /// A string; a single `.text` part for raw strings and strings without `${}`.
        case string([StringPart])
        case bool(Bool)
        case `nil`
        /// An IPv4/IPv6 CIDR or address (`10.0.0.0/8`, `10.1.2.3`, `::/0`): a plain IPv4 block
        /// parsed once by the parser, anything else as written (CIDRLiteral.swift).
        case cidr(CIDRLiteral)
        /// `8000-8080` written without spaces.
        case portRange(Int, Int)
        /// `sg-0abc`.
        case groupID(String)
        /// `123456789012/sg-0abc`. Boxed: its two Strings would make every expression 16 bytes larger.
        indirect case accountGroup(account: String, groupID: String)
        /// `pl-0abc`.
        case prefixListID(String)
        /// `vpc-0abc`.
        case vpcID(String)
        /// `$name` or a bare name in expression position.
        case variable(String)
        /// `[a, b, c]`.
        case list([Expr])
        indirect case unary(UnaryOperator, Expr)
        indirect case binary(BinaryOperator, Expr, Expr)
        /// `f(a, b)`.
        indirect case call(Expr, [Expr])
        /// `xs[i]`.
        indirect case index(Expr, Expr)
        /// `group "name"` in a peer position: a group looked up by name.
        indirect case groupNamed(Expr)
        /// `sg create NAME [vpc EXPR] [DESCRIPTION]`.
        indirect case sgCreate(name: Expr, vpc: Expr?, description: Expr?)
        /// `sg lookup NAME`.
        indirect case sgLookup(Expr)
        /// `sg GROUP replace with NAME [DESCRIPTION] [vpc EXPR]`: the new group's handle.
        indirect case sgReplace(group: Expr, name: Expr, vpc: Expr?, description: Expr?)
        /// What the parser could not read (a diagnostic was recorded).
        case invalid
    }

    package var kind: Kind
    package var range: SourceRange

    package init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// `-x`, `not x`.
package enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case not
}

/// Binary operators, loosest first: or, and, comparisons and `in`, `+ -`.
package enum BinaryOperator: String, Hashable, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`, notIn = "not in"
    case plus = "+", minus = "-"
}

/// A `{ … }` block of statements.
package struct Block: Hashable, Sendable {
    package var statements: [Stmt]
    package var range: SourceRange
    package init(_ statements: [Stmt], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}

/// One `if`/`elif` arm.
package struct IfBranch: Hashable, Sendable {
    package var condition: Expr
    package var body: Block
    package init(condition: Expr, body: Block) {
        self.condition = condition
        self.body = body
    }
}

/// A statement.
package struct Stmt: Hashable, Sendable {
    /// Every case boxed but `sgStmt`, whose SgStmt is a class: its own box.
    package enum Kind: Hashable, Sendable {
        /// `let NAME = EXPR`.
        indirect case letStmt(Identifier, Expr)
        /// `NAME = EXPR` (the name must exist).
        indirect case assignStmt(Identifier, Expr)
        /// `for NAME in EXPR { … }`.
        indirect case forStmt(Identifier, Expr, Block)
        /// `if … { } elif … { } else { }`.
        indirect case ifStmt([IfBranch], else: Block?)
        /// `def NAME(PARAMS) { … }`.
        indirect case defStmt(Identifier, [Identifier], Block)
        /// `return [EXPR]`.
        indirect case returnStmt(Expr?)
        /// `use "module"`.
        indirect case useStmt(String, SourceRange)
        /// `dryrun on|off`.
        indirect case dryrunStmt(Bool)
        /// `owner "team-web"`: the script's rules are tagged with it; `exactly` manages only its own.
        indirect case ownerStmt(Located<String>)
        /// `print a, b`.
        indirect case printStmt([Expr])
        /// `sg GROUP …`.
        case sgStmt(SgStmt)
        /// `policy deny|require|exempt …` (docs/POLICY.md).
        indirect case policyStmt(PolicyStmt)
        /// An expression evaluated for its effect (a call).
        indirect case exprStmt(Expr)
    }

    package var kind: Kind
    package var range: SourceRange

    package init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A token with its range, for parts of `sg` statements that are keywords.
package struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    package let value: Value
    package let range: SourceRange
    package init(_ value: Value, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// `sg GROUP ACTION`.
///
/// A class of constants, as RuleClause is: the resolver and the evaluator read the statement
/// where the tree holds it (a struct was copied out of the statement's box, group, action and
/// every range, at each `case .sgStmt(let sg)`). It is the statement's box itself: `Stmt.Kind`
/// holds it in place. Equality and hashing are by value.
package final class SgStmt: Hashable, Sendable {
    package let group: Expr
    package let action: SgAction
    package init(group: Expr, action: SgAction) {
        self.group = group
        self.action = action
    }

    package static func == (lhs: SgStmt, rhs: SgStmt) -> Bool {
        lhs === rhs || (lhs.group == rhs.group && lhs.action == rhs.action)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(action)
    }
}

/// What an `sg` statement does to its group.
package enum SgAction: Hashable, Sendable {
    /// `ingress allow tcp 443 from …`.
    case rule(Located<Direction>, RuleClause)
    /// `ingress [exactly] { rule … }`.
    case block(Located<Direction>, exactly: Located<Bool>?, [RuleClause])
    /// `tag K=V …`.
    case tag([TagClause])
    /// `untag K …`.
    case untag([Identifier])
    case show
    case delete
}

/// `allow` or `revoke`.
package enum RuleVerb: String, Hashable, Sendable {
    case allow, revoke
}

/// The protocol of a rule as written.
package enum ProtocolSpec: Hashable, Sendable {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or a number.
    case literal(IPProtocol)
    /// A protocol number outside 0...255 as written (the resolver reports it).
    case invalidNumber(Int)
    /// `$proto`: known only at run time. Boxed: in place, the expression would make every
    /// literal protocol as large as itself (8 MB more at the peak of a 100,000-rule dry run).
    indirect case expression(Expr)
}

/// One entry of a rule's ports.
package enum PortItem: Hashable, Sendable {
    /// `443`.
    case number(Int)
    /// `8000-8080`.
    case range(Int, Int)
    /// `echo-request`.
    case icmpName(String)
    /// `3:4`.
    case icmpTypeCode(Int, Int)
    /// `all`.
    case all
    /// `$https` or a bare name inside a port list: known only at run time. Boxed, as
    /// ProtocolSpec's.
    indirect case expression(Expr)
}

/// A rule's ports as written.
package enum PortsSpec: Hashable, Sendable {
    /// One port item, or a `[ … ]` list of them (one permission per entry).
    case items([Located<PortItem>], isList: Bool)
    /// `$ports`: known only at run time. Boxed, as ProtocolSpec's.
    indirect case expression(Expr)
}

/// `allow|revoke PROTOCOL [PORTS] from|to PEERS [DESCRIPTION] {tag K=V}`.
///
/// A class of constants, not a struct: a clause never changes once parsed, and the resolver
/// and the evaluator read it where the tree holds it. As a struct of a dozen fields (each
/// range retaining its file) every `case .rule(_, let rule)` copied it out of the tree and
/// destroyed the copy: ~200 M instructions for `check` of 100,000 rules. Equality and hashing
/// are by value, as they were.
package final class RuleClause: Hashable, Sendable {
    package let verb: Located<RuleVerb>
    package let proto: Located<ProtocolSpec>
    package let ports: Located<PortsSpec>?
    /// `from` or `to`, as written.
    package let preposition: Located<String>
    package let peers: [Expr]
    package let description: Expr?
    package let tags: [TagClause]
    /// `for 2h`: how long the rule lives once added, in seconds (nil: for good).
    package let lifetime: Located<Int>?
    package let range: SourceRange

    package init(
        verb: Located<RuleVerb>, proto: Located<ProtocolSpec>, ports: Located<PortsSpec>?,
        preposition: Located<String>, peers: [Expr], description: Expr?, tags: [TagClause],
        lifetime: Located<Int>? = nil, range: SourceRange
    ) {
        self.verb = verb
        self.proto = proto
        self.ports = ports
        self.preposition = preposition
        self.peers = peers
        self.description = description
        self.tags = tags
        self.lifetime = lifetime
        self.range = range
    }

    package static func == (lhs: RuleClause, rhs: RuleClause) -> Bool {
        lhs === rhs
            || (lhs.verb == rhs.verb && lhs.proto == rhs.proto && lhs.ports == rhs.ports
                && lhs.preposition == rhs.preposition && lhs.peers == rhs.peers && lhs.description == rhs.description
                && lhs.tags == rhs.tags && lhs.lifetime == rhs.lifetime && lhs.range == rhs.range)
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(verb)
        hasher.combine(proto)
        hasher.combine(ports)
        hasher.combine(preposition)
        hasher.combine(peers)
        hasher.combine(description)
        hasher.combine(tags)
        hasher.combine(lifetime)
        hasher.combine(range)
    }
}

/// `KEY=VALUE` after `tag`.
package struct TagClause: Hashable, Sendable {
    package var key: Identifier
    package var value: Expr
    package init(key: Identifier, value: Expr) {
        self.key = key
        self.value = value
    }
}

/// A policy statement: a rule no plan may break, or an exemption from one.
package enum PolicyStmt: Hashable, Sendable {
    /// `policy deny DIRECTION PROTOCOL [PORTS] from|to PEERS [except PROTOCOL [PORTS]] [in GROUP] "name"`.
    /// The rule is kept as a clause (verb `allow`, no description) so the resolver and the
    /// evaluator read its protocol, ports and peers exactly as they read a rule's.
    case deny(Located<Direction>, rule: RuleClause, except: RuleClause?, scope: Expr?, name: Located<String>)
    /// `policy require description [in GROUP] "name"`.
    case requireDescription(scope: Expr?, name: Located<String>)
    /// `policy exempt GROUP from "name" until YYYY-MM-DD "reason"`; `until` keeps the date as written.
    case exempt(group: Expr, policy: Located<String>, until: Located<String>, reason: String)
}

/// A parsed source file.
package struct Program: Hashable, Sendable {
    package var file: SourceFile
    package var statements: [Stmt]
    /// Names that statements the parser could not read would have defined (`let x = <error>`),
    /// so the resolver does not report them again as undefined.
    package var recoveredNames: Set<String>
    package init(file: SourceFile, statements: [Stmt], recoveredNames: Set<String> = []) {
        self.file = file
        self.statements = statements
        self.recoveredNames = recoveredNames
    }
}
