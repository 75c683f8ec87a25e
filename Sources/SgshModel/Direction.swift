/// Which way a rule applies: inbound (`ingress`, peers after `from`) or outbound.
public enum Direction: String, Hashable, Sendable, CaseIterable, Comparable {
    case ingress, egress

    /// The preposition the language expects before peers in this direction.
    public var preposition: String { self == .ingress ? "from" : "to" }

    public static func < (lhs: Direction, rhs: Direction) -> Bool { lhs == .ingress && rhs == .egress }
}
