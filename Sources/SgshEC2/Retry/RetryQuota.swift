// The client-wide retry budget of standard mode: 500 tokens; a retry costs 5
// (10 after a timeout); a success refunds the last retry's cost, or 1 when it
// needed no retry. When the budget cannot pay for a retry the error is
// returned as is, which stops a failing client from multiplying its load.

import Synchronization

/// A token bucket shared by every request of one client.
public final class RetryQuota: Sendable {
    /// Tokens at start and the most the bucket holds.
    public static let initialCapacity = 500
    /// The cost of a retry.
    public static let retryCost = 5
    /// The cost of a retry after a timeout.
    public static let timeoutRetryCost = 10
    /// The refund of a success that needed no retry.
    public static let noRetryIncrement = 1

    private let tokens: Mutex<Int>
    private let maxCapacity: Int

    /// Creates a full bucket.
    public init(capacity: Int = RetryQuota.initialCapacity) {
        tokens = Mutex(capacity)
        maxCapacity = capacity
    }

    /// Tokens left.
    public var available: Int { tokens.withLock { $0 } }

    /// Takes the cost of a retry after this failure; nil when the quota cannot pay it.
    public func acquire(after failure: RetryableFailure) -> Int? {
        let cost = failure == .connection(isTimeout: true) ? Self.timeoutRetryCost : Self.retryCost
        return tokens.withLock { value in
            guard value >= cost else { return nil }
            value -= cost
            return cost
        }
    }

    /// Refunds after a success: the last retry's cost, or `noRetryIncrement` without retries.
    public func release(lastRetryCost: Int?) {
        let refund = lastRetryCost ?? Self.noRetryIncrement
        tokens.withLock { $0 = min(maxCapacity, $0 + refund) }
    }
}
