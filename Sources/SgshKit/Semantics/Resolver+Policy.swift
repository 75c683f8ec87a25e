// Checks of `policy` statements: the denied rule as a rule is checked (the
// preposition against the direction, ports against the protocol, peers), the
// `except` ports against their protocol, the exemption's group and date.

import SgshModel

extension Resolver {
    mutating func resolve(_ policy: PolicyStmt) {
        switch policy {
        case .deny(let direction, let rule, let except, let scope, _):
            resolve(rule, direction: direction.value)
            if let except {
                if case .expression(let expr) = except.proto.value { resolve(expr) }
                checkPorts(except)
            }
            if let scope { resolvePolicyScope(scope) }
        case .requireDescription(let scope, _):
            if let scope { resolvePolicyScope(scope) }
        case .exempt(let group, _, let until, _):
            resolve(group)
            checkGroupLiteral(group)
            if PolicyDate.day(until.value) == nil { report(.policyDateInvalid(until.value), at: until.range) }
        }
    }

    /// `in $group`, `in sg-…`, or `in "name"` (every group of that name).
    private mutating func resolvePolicyScope(_ scope: Expr) {
        if case .string = scope.kind { return }
        resolve(scope)
        checkGroupLiteral(scope)
    }
}
