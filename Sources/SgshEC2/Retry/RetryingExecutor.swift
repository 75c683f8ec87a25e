// Runs one logical request with standard-mode retries.
//
// Randomness and sleeping are injected so tests can drive the loop without
// waiting; production uses the system generator and Task.sleep.

/// Runs operations with retries according to a policy and a shared quota.
public struct RetryingExecutor: Sendable {
    /// The decisions.
    public var policy: RetryPolicy
    /// The shared budget.
    public let quota: RetryQuota
    /// A uniform random number in [0, 1].
    public var random: @Sendable () -> Double
    /// Waits the given number of seconds.
    public var sleep: @Sendable (Double) async throws -> Void

    /// Creates an executor; by default real randomness and real sleeping.
    public init(
        policy: RetryPolicy = RetryPolicy(), quota: RetryQuota = RetryQuota(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
        }
    ) {
        self.policy = policy
        self.quota = quota
        self.random = random
        self.sleep = sleep
    }

    /// Calls `operation` (with the 1-based attempt number) until it succeeds, fails with a
    /// non-retryable error, runs out of attempts, or the quota refuses a retry.
    /// `classify` says which failures are retry candidates; others are thrown at once.
    public func run<T: Sendable>(
        classify: (any Error) -> RetryableFailure?,
        _ operation: (Int) async throws -> T
    ) async throws -> T {
        var attempt = 1
        var lastRetryCost: Int?
        while true {
            do {
                let value = try await operation(attempt)
                quota.release(lastRetryCost: lastRetryCost)
                return value
            } catch {
                guard let failure = classify(error), policy.shouldRetry(failure, attempt: attempt),
                    let cost = quota.acquire(after: failure)
                else { throw error }
                lastRetryCost = cost
                try await sleep(policy.delay(afterAttempt: attempt, random: random()))
                attempt += 1
            }
        }
    }
}
