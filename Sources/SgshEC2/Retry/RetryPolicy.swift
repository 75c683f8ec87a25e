// The AWS SDKs' retry decisions (EC2-FACTS §5, botocore retries/standard.py
// and quota.py; data/_retry.json for legacy). Standard and adaptive: at most
// 3 attempts; retry throttling codes, transient statuses/codes and
// connection errors, never other client errors; full-jitter exponential
// backoff capped at 20 s; a client-wide retry quota. Legacy: see RetryMode.
// The decision is a pure function of the failure and attempt number so it
// can be checked against the golden table; randomness is injected.

/// Retry decisions of one mode.
public struct RetryPolicy: Hashable, Sendable {
    /// The mode (`AWS_RETRY_MODE`, `retry_mode`).
    public var mode: RetryMode
    /// Attempts in all, including the first.
    public var maxAttempts: Int
    /// The largest delay before a retry, in seconds.
    public var maxBackoff: Double

    /// Standard mode's defaults: 3 attempts, 20 s cap.
    public init(maxAttempts: Int = 3, maxBackoff: Double = 20) {
        self.mode = .standard
        self.maxAttempts = max(1, maxAttempts)
        self.maxBackoff = maxBackoff
    }

    /// A mode's defaults, with `maxAttempts` when given.
    public init(mode: RetryMode, maxAttempts: Int? = nil) {
        self.mode = mode
        self.maxAttempts = max(1, maxAttempts ?? mode.defaultMaxAttempts)
        self.maxBackoff = mode.maxBackoff
    }

    /// Error codes that mean "slow down".
    public static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
    ]
    /// Error codes of transient failures.
    public static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
    ]
    /// HTTP statuses of transient failures.
    public static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// True when the code is a throttling code.
    public static func isThrottling(code: String?) -> Bool { code.map(throttlingCodes.contains) ?? false }

    /// True when the failure is worth retrying at all (ignoring attempts and quota).
    public static func isRetryable(_ failure: RetryableFailure) -> Bool {
        switch failure {
        case .connection: return true
        case .service(let status, let code):
            if transientStatuses.contains(status) { return true }
            guard let code else { return false }
            return transientCodes.contains(code) || throttlingCodes.contains(code)
        }
    }

    /// HTTP statuses legacy mode retries whatever the code.
    public static let legacyRetryStatuses: Set<Int> = [429, 500, 502, 503, 504, 509]
    /// Codes legacy mode retries on HTTP 400.
    public static let legacyThrottlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "ProvisionedThroughputExceededException",
    ]

    /// True when legacy mode retries the failure (botocore data/_retry.json, default and ec2:
    /// EC2's `RequestLimitExceeded` comes with HTTP 503).
    public static func isRetryableInLegacyMode(_ failure: RetryableFailure) -> Bool {
        switch failure {
        case .connection: return true
        case .service(let status, let code):
            if legacyRetryStatuses.contains(status) { return true }
            return status == 400 && code.map(legacyThrottlingCodes.contains) == true
        }
    }

    /// Whether to retry after `attempt` (1-based) failed this way, ignoring the quota.
    public func shouldRetry(_ failure: RetryableFailure, attempt: Int) -> Bool {
        guard attempt < maxAttempts else { return false }
        return mode == .legacy ? Self.isRetryableInLegacyMode(failure) : Self.isRetryable(failure)
    }

    /// The delay before the retry that follows failed attempt `attempt` (1-based):
    /// `random × min(2^(attempt−1), maxBackoff)` with `random` in [0, 1] (legacy: no cap).
    public func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let exponent = min(max(attempt - 1, 0), 62)
        let cap = min(Double(1 << exponent), maxBackoff)
        return min(max(random, 0), 1) * cap
    }
}
