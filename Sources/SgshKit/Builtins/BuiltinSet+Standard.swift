// The standard builtins: print, len, range, env, str, type, now, and the
// CIDR set functions aggregate, subtract, overlaps, contains (whose
// algorithms live in SgshModel's CIDR+Set.swift).

import SgshModel

extension BuiltinSet {
    /// Every standard builtin. `env` is included but fails unless the host grants the environment.
    public static var standard: BuiltinSet {
        BuiltinSet([
            print, len, range, env, str, type, now, aggregate, subtract, overlaps, contains,
        ])
    }

    /// `print(a, b, …)`: one line, values separated by spaces.
    static let print = Builtin("print", arity: 0...Int.max) { args in
        try args.print(args.values.map(\.text).joined(separator: " "))
        return .nil
    }

    /// `len(x)`: elements of a list, characters of a string.
    static let len = Builtin("len", arity: 1...1) { args in
        switch args[0] {
        case .list(let values)?: return .int(values.count)
        case .string(let text)?: return .int(text.count)
        default: throw args.mismatch(0, expected: "a list or a string")
        }
    }

    /// `range(stop)`, `range(start, stop)`, `range(start, stop, step)`: a list of ints.
    static let range = Builtin("range", arity: 1...3) { args in
        let start = args.count == 1 ? 0 : try args.int(0)
        let stop = try args.int(args.count == 1 ? 0 : 1)
        let step = args.count == 3 ? try args.int(2) : 1
        guard step != 0 else { throw ArgumentError(function: "range", "step must not be zero") }
        // Int128 so that no pair of Int bounds can overflow.
        let span = step > 0 ? max(0, Int128(stop) - Int128(start)) : max(0, Int128(start) - Int128(stop))
        let stride = Int128(step.magnitude)
        let exact = (span + stride - 1) / stride
        let count = exact > Int128(Int.max) ? Int.max : Int(exact)
        // Building the list is work: charge it before allocating anything.
        try args.charge(steps: count)
        try args.reserve(bytes: count > Int.max / Value.bytesPerElement ? Int.max : count * Value.bytesPerElement)
        return .list(Swift.stride(from: start, to: stop, by: step).map { .int($0) })
    }

    /// `env(name)` or `env(name, default)`: an environment variable, when the host grants it.
    static let env = Builtin("env", arity: 1...2) { args in
        let name = try args.string(0)
        guard args.host.grantsEnvironment else {
            throw ArgumentError(function: "env", "the host does not allow reading the environment")
        }
        if let value = args.host.environmentVariable(name) { return .string(value) }
        return args[1] ?? .nil
    }

    /// `str(x)`: the text `print` would show.
    static let str = Builtin("str", arity: 1...1) { args in .string(args.values[0].text) }

    /// `type(x)`: the name of the value's type.
    static let type = Builtin("type", arity: 1...1) { args in .string(args.values[0].typeName) }

    /// `now()`: seconds since the Unix epoch, from the host's clock.
    static let now = Builtin("now", arity: 0...0) { args in .int(args.host.now()) }

    /// `aggregate(cidrs)`: the fewest CIDRs covering the same addresses.
    static let aggregate = Builtin("aggregate", arity: 1...1) { args in
        .list(CIDR.aggregate(try args.cidrs(0)).map(Value.cidr))
    }

    /// `subtract(cidrs, removed)`: the addresses of the first not in the second, aggregated.
    static let subtract = Builtin("subtract", arity: 2...2) { args in
        .list(CIDR.subtract(try args.cidrs(1), from: try args.cidrs(0)).map(Value.cidr))
    }

    /// `overlaps(a, b)`: true when some address is in both.
    static let overlaps = Builtin("overlaps", arity: 2...2) { args in
        let left = try args.cidrs(0)
        let right = try args.cidrs(1)
        return .bool(left.contains { block in right.contains { block.overlaps($0) } })
    }

    /// `contains(outer, inner)`: true when every address of `inner` is in `outer`.
    static let contains = Builtin("contains", arity: 2...2) { args in
        let outer = try args.cidrs(0)
        let inner = try args.cidrs(1)
        return .bool(CIDR.subtract(outer, from: inner).isEmpty)
    }
}
