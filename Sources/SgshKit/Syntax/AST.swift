// The syntax tree: what the parser produces and the resolver and evaluator read.
//
// Nodes are small structs with a `kind` enum and a `range` (STYLE.md: no
// visitor, an exhaustive switch instead). Literals keep their source text
// where the evaluator must still validate them (CIDRs, ids) so that the
// resolver can point at exactly the bad characters. `invalid` nodes stand in
// for what the parser could not read; a program with errors never runs.

import SgshModel

/// A name as written, with its range.
public struct Identifier: Hashable, Sendable {
    public let name: String
    public let range: SourceRange
    public init(_ name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// A piece of a double-quoted string: literal text or a `${expr}` interpolation.
public enum StringPart: Hashable, Sendable {
    case text(String)
    case interpolation(Expr)
}

/// An expression.
public struct Expr: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case integer(Int)
        /// A string; a single `.text` part for raw strings and strings without `${}`.
        case string([StringPart])
        case bool(Bool)
        case `nil`
        /// An IPv4/IPv6 CIDR or address as written (`10.0.0.0/8`, `10.1.2.3`, `::/0`).
        case cidr(String)
        /// `8000-8080` written without spaces.
        case portRange(Int, Int)
        /// `sg-0abc`.
        case groupID(String)
        /// `123456789012/sg-0abc`.
        case accountGroup(account: String, groupID: String)
        /// `pl-0abc`.
        case prefixListID(String)
        /// `vpc-0abc`.
        case vpcID(String)
        /// `$name` or a bare name in expression position.
        case variable(String)
        /// `[a, b, c]`.
        case list([Expr])
        case unary(UnaryOperator, Expr)
        case binary(BinaryOperator, Expr, Expr)
        /// `f(a, b)`.
        case call(Expr, [Expr])
        /// `xs[i]`.
        case index(Expr, Expr)
        /// `group "name"` in a peer position: a group looked up by name.
        case groupNamed(Expr)
        /// `sg create NAME [vpc EXPR] [DESCRIPTION]`.
        case sgCreate(name: Expr, vpc: Expr?, description: Expr?)
        /// `sg lookup NAME`.
        case sgLookup(Expr)
        /// What the parser could not read (a diagnostic was recorded).
        case invalid
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// `-x`, `not x`.
public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case not
}

/// Binary operators, loosest first: or, and, comparisons and `in`, `+ -`.
public enum BinaryOperator: String, Hashable, Sendable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in`, notIn = "not in"
    case plus = "+", minus = "-"
}

/// A `{ … }` block of statements.
public struct Block: Hashable, Sendable {
    public var statements: [Stmt]
    public var range: SourceRange
    public init(_ statements: [Stmt], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}

/// One `if`/`elif` arm.
public struct IfBranch: Hashable, Sendable {
    public var condition: Expr
    public var body: Block
    public init(condition: Expr, body: Block) {
        self.condition = condition
        self.body = body
    }
}

/// A statement.
public struct Stmt: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        /// `let NAME = EXPR`.
        case letStmt(Identifier, Expr)
        /// `NAME = EXPR` (the name must exist).
        case assignStmt(Identifier, Expr)
        /// `for NAME in EXPR { … }`.
        case forStmt(Identifier, Expr, Block)
        /// `if … { } elif … { } else { }`.
        case ifStmt([IfBranch], else: Block?)
        /// `def NAME(PARAMS) { … }`.
        case defStmt(Identifier, [Identifier], Block)
        /// `return [EXPR]`.
        case returnStmt(Expr?)
        /// `use "module"`.
        case useStmt(String, SourceRange)
        /// `dryrun on|off`.
        case dryrunStmt(Bool)
        /// `print a, b`.
        case printStmt([Expr])
        /// `sg GROUP …`.
        case sgStmt(SgStmt)
        /// An expression evaluated for its effect (a call).
        case exprStmt(Expr)
    }

    public var kind: Kind
    public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A token with its range, for parts of `sg` statements that are keywords.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    public let value: Value
    public let range: SourceRange
    public init(_ value: Value, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// `sg GROUP ACTION`.
public struct SgStmt: Hashable, Sendable {
    public var group: Expr
    public var action: SgAction
    public init(group: Expr, action: SgAction) {
        self.group = group
        self.action = action
    }
}

/// What an `sg` statement does to its group.
public enum SgAction: Hashable, Sendable {
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
public enum RuleVerb: String, Hashable, Sendable {
    case allow, revoke
}

/// The protocol of a rule as written.
public enum ProtocolSpec: Hashable, Sendable {
    /// `tcp`, `udp`, `icmp`, `icmpv6`, `all`, or a number.
    case literal(IPProtocol)
    /// A protocol number outside 0...255 as written (the resolver reports it).
    case invalidNumber(Int)
    /// `$proto`: known only at run time.
    case expression(Expr)
}

/// One entry of a rule's ports.
public enum PortItem: Hashable, Sendable {
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
    /// `$https` or a bare name inside a port list: known only at run time.
    case expression(Expr)
}

/// A rule's ports as written.
public enum PortsSpec: Hashable, Sendable {
    /// One port item, or a `[ … ]` list of them (one permission per entry).
    case items([Located<PortItem>], isList: Bool)
    /// `$ports`: known only at run time.
    case expression(Expr)
}

/// `allow|revoke PROTOCOL [PORTS] from|to PEERS [DESCRIPTION] {tag K=V}`.
public struct RuleClause: Hashable, Sendable {
    public var verb: Located<RuleVerb>
    public var proto: Located<ProtocolSpec>
    public var ports: Located<PortsSpec>?
    /// `from` or `to`, as written.
    public var preposition: Located<String>
    public var peers: [Expr]
    public var description: Expr?
    public var tags: [TagClause]
    public var range: SourceRange

    public init(
        verb: Located<RuleVerb>, proto: Located<ProtocolSpec>, ports: Located<PortsSpec>?,
        preposition: Located<String>, peers: [Expr], description: Expr?, tags: [TagClause], range: SourceRange
    ) {
        self.verb = verb
        self.proto = proto
        self.ports = ports
        self.preposition = preposition
        self.peers = peers
        self.description = description
        self.tags = tags
        self.range = range
    }
}

/// `KEY=VALUE` after `tag`.
public struct TagClause: Hashable, Sendable {
    public var key: Identifier
    public var value: Expr
    public init(key: Identifier, value: Expr) {
        self.key = key
        self.value = value
    }
}

/// A parsed source file.
public struct Program: Hashable, Sendable {
    public var file: SourceFile
    public var statements: [Stmt]
    /// Names that statements the parser could not read would have defined (`let x = <error>`),
    /// so the resolver does not report them again as undefined.
    public var recoveredNames: Set<String>
    public init(file: SourceFile, statements: [Stmt], recoveredNames: Set<String> = []) {
        self.file = file
        self.statements = statements
        self.recoveredNames = recoveredNames
    }
}
