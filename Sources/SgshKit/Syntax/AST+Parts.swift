// Accessors for the parts of a rule's specs. A `switch` inside the enum's own
// member reads `self` where it is; binding a case's payload at the call site
// (`if case .literal(let p) = rule.proto.value`) copied the whole spec first,
// with the expression it may hold (the resolver's checkPorts did it three
// times a rule).

import SgshModel

extension ProtocolSpec {
    /// The protocol written literally, if it is.
    package var literal: IPProtocol? {
        if case .literal(let proto) = self { proto } else { nil }
    }

    /// The out-of-range protocol number written, if it is one.
    package var invalidNumber: Int? {
        if case .invalidNumber(let number) = self { number } else { nil }
    }

    /// The `$proto` expression, if the protocol is one.
    package var expression: Expr? {
        if case .expression(let expr) = self { expr } else { nil }
    }
}

extension PortsSpec {
    /// The port items written, if the ports are items.
    package var items: [Located<PortItem>]? {
        if case .items(let items, _) = self { items } else { nil }
    }

    /// The `$ports` expression, if the ports are one.
    package var expression: Expr? {
        if case .expression(let expr) = self { expr } else { nil }
    }
}

extension PortItem {
    /// The expression, if the item is one (`$https`).
    package var expression: Expr? {
        if case .expression(let expr) = self { expr } else { nil }
    }
}
