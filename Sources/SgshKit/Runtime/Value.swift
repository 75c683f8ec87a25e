// The values a running script handles.
//
// A closed enum rather than `Any` (STYLE.md anti-patterns: Stencil's
// Any-typed context): every builtin, host function and predeclared value
// speaks this one type, and the evaluator's switches are exhaustive. Values
// are immutable; lists are copied on `+`.

import SgshModel

/// A value in a running sgsh script.
public enum Value: Hashable, Sendable {
    /// Text.
    case string(String)
    /// A 64-bit signed integer.
    case int(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// An IPv4 or IPv6 block (`10.0.0.0/8`; an address is a /32 or /128).
    case cidr(CIDR)
    /// A TCP/UDP port range written `8000-8080`.
    case portRange(PortRange)
    /// A security group: an existing one by id (with the owning account for a
    /// group of another account), or one an earlier `sg create` will make.
    case group(GroupTarget, owner: String?)
    /// A managed prefix list id (`pl-…`).
    case prefixList(String)
    /// A list of values.
    case list([Value])
    /// A function defined with `def`, a builtin, or a host function.
    case function(Function)
    /// The absence of a value.
    case `nil`

    /// An existing group by id (`sg-0abc`).
    public static func groupID(_ id: String) -> Value { .group(.id(id), owner: nil) }

    /// The type's name as messages and `type()` show it.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .int: "int"
        case .bool: "bool"
        case .cidr: "cidr"
        case .portRange: "port range"
        case .group: "group"
        case .prefixList: "prefix list"
        case .list: "list"
        case .function: "function"
        case .nil: "nil"
        }
    }

    /// Truth in `if`, `and`, `or`, `not`: false, nil, 0, "" and [] are false.
    public var isTruthy: Bool {
        switch self {
        case .bool(let value): value
        case .nil: false
        case .int(let value): value != 0
        case .string(let value): !value.isEmpty
        case .list(let values): !values.isEmpty
        case .cidr, .portRange, .group, .prefixList, .function: true
        }
    }

    /// The text `print` and `${}` show: strings bare, everything else as written.
    public var text: String {
        if case .string(let value) = self { return value }
        return description
    }
}

extension Value: CustomStringConvertible {
    /// The value as the language would write it (strings quoted).
    public var description: String {
        switch self {
        case .string(let value): SourceWriter.quoted(value)
        case .int(let value): String(value)
        case .bool(let value): value ? "true" : "false"
        case .cidr(let block): block.description
        case .portRange(let range): range.description
        case .group(.id(let id), let owner): owner.map { "\($0)/\(id)" } ?? id
        case .group(let target, _): target.description
        case .prefixList(let id): id
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .function(let function): "<function \(function.name)>"
        case .nil: "nil"
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    /// A string.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An int.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A bool.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A list.
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
}
