// The three retry modes the AWS SDKs and CLI share (AWS_RETRY_MODE, or
// `retry_mode` in the profile), with botocore's meaning:
// - legacy: 5 attempts; connection errors, HTTP 429/500/502/503/504/509,
//   and five throttling codes on HTTP 400 (RetryPolicy); delay
//   `random × 2^(attempt−1)` seconds without a cap; no retry quota;
// - standard (sgsh's default, as in AWS CLI v2): RetryPolicy's table,
//   3 attempts, backoff capped at 20 s, the client-wide retry quota;
// - adaptive: standard, plus a client-side rate limiter that slows every
//   request down after throttling (AdaptiveRateLimiter).

/// How failed requests are retried.
public enum RetryMode: String, CaseIterable, Hashable, Sendable {
    case legacy, standard, adaptive

    /// Attempts in all when `max_attempts` is not set.
    public var defaultMaxAttempts: Int { self == .legacy ? 5 : 3 }

    /// The largest delay before a retry, in seconds (legacy has none).
    public var maxBackoff: Double { self == .legacy ? .infinity : 20 }

    /// True when retries draw on the client-wide RetryQuota (standard and adaptive).
    public var usesRetryQuota: Bool { self != .legacy }

    /// Parses `legacy`, `standard` or `adaptive` (any case), as the SDKs accept them.
    public init?(setting: String) {
        guard let mode = RetryMode(rawValue: setting.lowercased()) else { return nil }
        self = mode
    }
}
