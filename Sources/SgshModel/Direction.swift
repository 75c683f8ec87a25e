/// Which way a rule applies: inbound (`ingress`, peers after `from`) or outbound.
public enum Direction: String, Hashable, Sendable, CaseIterable, Comparable {
    case ingress, egress

    public static func < (lhs: Direction, rhs: Direction) -> Bool { lhs == .ingress && rhs == .egress }
}
