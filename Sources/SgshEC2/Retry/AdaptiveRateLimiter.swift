// The client-side rate limiter of adaptive retry mode (botocore
// retries/adaptive.py). It is off until the first throttling answer; from
// then on every request first takes a token from a bucket refilled at the
// allowed rate. After each answer the allowed rate moves along the CUBIC
// curve (down on throttling, back up on success), never above twice the
// measured send rate. One limiter is shared by every request of a client.
//
// The clock is injected: tests drive it by hand; the executor does the
// waiting with its own (injected) sleep.

import Synchronization

/// Slows a client's requests down after throttling.
public final class AdaptiveRateLimiter: Sendable {
    /// The most the allowed rate may exceed the measured send rate by.
    static let maxRateAdjustScale = 2.0

    private struct State: Sendable {
        var enabled = false
        var bucket: SendTokenBucket
        var meter: SendRateMeter
        var curve: CubicSendRate
    }

    private let state: Mutex<State>
    private let now: @Sendable () -> Double

    /// Creates a limiter reading time (in seconds) from `now`.
    public init(now: @escaping @Sendable () -> Double) {
        let start = now()
        self.now = now
        state = Mutex(
            State(
                bucket: SendTokenBucket(rate: 1, now: start), meter: SendRateMeter(now: start),
                curve: CubicSendRate(ceiling: 0, start: start)))
    }

    /// True once a throttling answer switched the limiter on.
    public var isEnabled: Bool { state.withLock { $0.enabled } }

    /// The allowed send rate, requests per second (meaningful once enabled).
    public var allowedRate: Double { state.withLock { $0.bucket.rate } }

    /// The measured send rate, requests per second.
    public var measuredRate: Double { state.withLock { $0.meter.rate } }

    /// Takes a token for one request: nil when it may go now, else the seconds to wait
    /// before asking again.
    public func requestToken() -> Double? {
        let time = now()
        return state.withLock { state in
            guard state.enabled else { return nil }
            return state.bucket.take(now: time)
        }
    }

    /// Waits (with `sleep`) until a request may be sent.
    public func waitForToken(sleep: (Double) async throws -> Void) async throws {
        while let wait = requestToken() { try await sleep(wait) }
    }

    /// Records an answer (or a failure without one); `throttled` when it was a throttling answer.
    public func record(throttled: Bool) {
        let time = now()
        state.withLock { state in
            let measured = state.meter.record(now: time)
            let newRate: Double
            if throttled {
                let rate = state.enabled ? min(measured, state.bucket.rate) : measured
                newRate = state.curve.rateAfterThrottle(at: rate, now: time)
                state.enabled = true
            } else {
                newRate = state.curve.rateAfterSuccess(now: time)
            }
            state.bucket.setRate(min(newRate, Self.maxRateAdjustScale * measured), now: time)
        }
    }
}
