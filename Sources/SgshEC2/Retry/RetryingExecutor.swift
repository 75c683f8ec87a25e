// Runs one logical request with retries in the policy's mode: the quota in
// standard and adaptive mode, and in adaptive mode a token from the shared
// rate limiter before every attempt, and each answer reported to it.
//
// Randomness, sleeping and the limiter's clock are injected so tests can
// drive the loop without waiting; production uses the system generator,
// Task.sleep and the monotonic clock.

import Foundation

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
    /// Adaptive mode's limiter, shared by every request of the client; nil in other modes.
    public let rateLimiter: AdaptiveRateLimiter?

    /// Creates an executor; by default real randomness and real sleeping.
    public init(
        policy: RetryPolicy = RetryPolicy(), quota: RetryQuota = RetryQuota(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        sleep: @escaping @Sendable (Double) async throws -> Void = { seconds in
            try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded())))
        },
        rateLimiter: AdaptiveRateLimiter? = nil
    ) {
        self.policy = policy
        self.quota = quota
        self.random = random
        self.sleep = sleep
        self.rateLimiter =
            rateLimiter ?? (policy.mode == .adaptive ? AdaptiveRateLimiter(now: Self.monotonicSeconds) : nil)
    }

    private static let clockOrigin = ContinuousClock.now

    /// Seconds on a clock that only moves forward.
    @Sendable static func monotonicSeconds() -> Double {
        let (seconds, attoseconds) = clockOrigin.duration(to: .now).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Calls `operation` (with the 1-based attempt number) until it succeeds, fails with a
    /// non-retryable error, runs out of attempts, or the quota refuses a retry.
    /// `classify` says which failures are retry candidates; others are thrown at once.
    /// `note` hears each wait, in words, for `--debug`.
    public func run<T: Sendable>(
        classify: (any Error) -> RetryableFailure?, note: (String) -> Void = { _ in },
        _ operation: (Int) async throws -> T
    ) async throws -> T {
        var attempt = 1
        var lastRetryCost: Int?
        while true {
            do {
                if let rateLimiter {
                    var waited = 0.0
                    try await rateLimiter.waitForToken { seconds in
                        waited += seconds
                        try await sleep(seconds)
                    }
                    if waited > 0 {
                        note(
                            "adaptive retry mode waited \(Self.seconds(waited)) for a send token (allowed rate \(Self.rate(rateLimiter.allowedRate)) requests/s)"
                        )
                    }
                }
                let value = try await operation(attempt)
                rateLimiter?.record(throttled: false)
                if policy.mode.usesRetryQuota { quota.release(lastRetryCost: lastRetryCost) }
                return value
            } catch {
                let failure = classify(error)
                // Every answer, and every attempt that got none, moves the allowed rate.
                if let failure, let rateLimiter {
                    let wasOn = rateLimiter.isEnabled
                    rateLimiter.record(throttled: failure.isThrottling)
                    if !wasOn && rateLimiter.isEnabled {
                        note(
                            "adaptive retry mode: throttled, so requests now wait for a send token (allowed rate \(Self.rate(rateLimiter.allowedRate)) requests/s)"
                        )
                    }
                }
                guard let failure, policy.shouldRetry(failure, attempt: attempt) else { throw error }
                if policy.mode.usesRetryQuota {
                    guard let cost = quota.acquire(after: failure) else { throw error }
                    lastRetryCost = cost
                }
                let delay = policy.delay(afterAttempt: attempt, random: random())
                note(
                    "attempt \(attempt) of \(policy.maxAttempts) failed (\(failure)); retrying in \(Self.seconds(delay))"
                )
                try await sleep(delay)
                attempt += 1
            }
        }
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
    static func rate(_ value: Double) -> String { String(format: "%.2f", value) }
}
