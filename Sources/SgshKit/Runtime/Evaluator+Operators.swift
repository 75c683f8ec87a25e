// Unary and binary operators and indexing (LANGUAGE.md §2): `+` on ints,
// strings and lists; `-` on ints; comparisons; `in` as list membership,
// substring, or CIDR containment (`10.1.0.0/16 in 10.0.0.0/8`, and in a
// list of CIDRs, containment in any of them). `and`/`or`
// short-circuit in Evaluator.evaluate and return the deciding operand.

import SgshModel

extension Evaluator {
    func unary(_ op: UnaryOperator, _ value: Value, at range: SourceRange) throws -> Value {
        switch (op, value) {
        case (.not, _):
            return .bool(!value.isTruthy)
        case (.negate, .int(let number)):
            let (result, overflow) = Int(0).subtractingReportingOverflow(number)
            guard !overflow else { throw error(.arithmetic, "integer overflow in '-'", at: range) }
            return .int(result)
        case (.negate, _):
            throw error(.typeMismatch, "cannot negate \(value.typeName)", at: range)
        }
    }

    func binary(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws -> Value {
        switch op {
        case .equal: return .bool(left == right)
        case .notEqual: return .bool(left != right)
        case .less, .lessEqual, .greater, .greaterEqual: return .bool(try compare(op, left, right, at: range))
        case .in: return .bool(try contains(left, in: right, at: range))
        case .notIn: return .bool(!(try contains(left, in: right, at: range)))
        case .plus: return try plus(left, right, at: range)
        case .minus:
            guard case .int(let a) = left, case .int(let b) = right else {
                throw mismatch("-", left, right, at: range)
            }
            let (result, overflow) = a.subtractingReportingOverflow(b)
            guard !overflow else { throw error(.arithmetic, "integer overflow in '-'", at: range) }
            return .int(result)
        case .and, .or:
            // Short-circuiting forms are evaluated before both operands exist.
            return left.isTruthy == (op == .and) ? right : left
        }
    }

    private func plus(_ left: Value, _ right: Value, at range: SourceRange) throws -> Value {
        switch (left, right) {
        case (.int(let a), .int(let b)):
            let (result, overflow) = a.addingReportingOverflow(b)
            guard !overflow else { throw error(.arithmetic, "integer overflow in '+'", at: range) }
            return .int(result)
        case (.string(let a), .string(let b)):
            try tick(range, steps: (a.utf8.count + b.utf8.count) / Self.bytesPerStep)
            try reserve(bytes: a.utf8.count + b.utf8.count, at: range)
            return .string(a + b)
        case (.list(let a), .list(let b)):
            try tick(range, steps: a.count + b.count)
            return try held(.list(a + b), at: range)
        default:
            throw mismatch("+", left, right, at: range)
        }
    }

    private func compare(_ op: BinaryOperator, _ left: Value, _ right: Value, at range: SourceRange) throws -> Bool {
        func order<T: Comparable>(_ a: T, _ b: T) -> Bool {
            switch op {
            case .less: a < b
            case .lessEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        }
        switch (left, right) {
        case (.int(let a), .int(let b)): return order(a, b)
        case (.string(let a), .string(let b)): return order(a, b)
        case (.cidr(let a), .cidr(let b)): return order(a, b)
        default: throw mismatch(op.rawValue, left, right, at: range)
        }
    }

    private func contains(_ element: Value, in container: Value, at range: SourceRange) throws -> Bool {
        switch (element, container) {
        case (.cidr(let inner), .list(let items)):
            // A block is "in" a list of blocks when one of them holds it (equal blocks included):
            // `10.1.0.0/16 in rfc1918`.
            return items.contains { item in
                if case .cidr(let outer) = item { return outer.contains(inner) }
                return item == element
            }
        case (_, .list(let items)):
            return items.contains(element)
        case (.cidr(let inner), .cidr(let outer)):
            return outer.contains(inner)
        case (.string(let text), .cidr(let outer)):
            guard let inner = CIDR(text) else {
                throw error(.invalidValue, "'\(text)' is not a CIDR, so it cannot be in \(outer)", at: range)
            }
            return outer.contains(inner)
        case (.string(let needle), .string(let haystack)):
            return haystack.contains(needle)
        default:
            throw error(
                .typeMismatch,
                "'in' needs a list, a CIDR or a string on the right, not \(container.typeName)"
                    + (container.typeName == element.typeName ? "" : " (left is \(element.typeName))"),
                at: range)
        }
    }

    private func mismatch(_ op: String, _ left: Value, _ right: Value, at range: SourceRange) -> RuntimeError {
        error(.typeMismatch, "unsupported operands for '\(op)': \(left.typeName) and \(right.typeName)", at: range)
    }

    func index(_ base: Value, _ index: Value, at range: SourceRange) throws -> Value {
        guard case .int(let position) = index else {
            throw error(.typeMismatch, "an index must be an int, not \(index.typeName)", at: range)
        }
        switch base {
        case .list(let items):
            let resolved = position < 0 ? items.count + position : position
            guard items.indices.contains(resolved) else {
                throw error(.arithmetic, "index \(position) out of range for a list of \(items.count)", at: range)
            }
            return items[resolved]
        case .string(let text):
            let characters = Array(text)
            let resolved = position < 0 ? characters.count + position : position
            guard characters.indices.contains(resolved) else {
                throw error(
                    .arithmetic, "index \(position) out of range for a string of \(characters.count)", at: range)
            }
            return .string(String(characters[resolved]))
        default:
            throw error(.typeMismatch, "cannot index \(base.typeName)", at: range)
        }
    }
}
