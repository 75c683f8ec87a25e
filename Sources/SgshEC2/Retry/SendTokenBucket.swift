// The token bucket of adaptive retry mode (botocore retries/bucket.py): one
// token per request, refilled at the current allowed send rate, holding at
// most max(rate, 1) tokens. It starts empty, so the first request after the
// limiter switches on waits for a token. A value type: the limiter owns it
// under a lock and does the waiting outside.

/// Tokens refilled at a rate; a request takes one.
struct SendTokenBucket: Sendable {
    /// The slowest refill the bucket allows, requests per second.
    static let minimumRate = 0.5

    /// Tokens per second.
    private(set) var fillRate: Double
    /// The most tokens it holds.
    private(set) var maxCapacity: Double
    /// Tokens now.
    private(set) var capacity: Double = 0
    private var lastRefill: Double

    /// A bucket refilled at `rate`, starting at time `now`.
    init(rate: Double, now: Double) {
        fillRate = max(rate, Self.minimumRate)
        maxCapacity = max(rate, 1)
        lastRefill = now
    }

    /// The allowed send rate (the refill rate).
    var rate: Double { fillRate }

    /// Changes the rate, after crediting the tokens earned at the old one.
    mutating func setRate(_ rate: Double, now: Double) {
        refill(now: now)
        fillRate = max(rate, Self.minimumRate)
        maxCapacity = max(rate, 1)
        capacity = min(capacity, maxCapacity)
    }

    /// The shortest wait it asks for: a capacity of 0.9999999999999999 would otherwise ask
    /// for 5e-17 s, which a clock at a few seconds cannot even add.
    static let minimumWait = 1e-6

    /// Takes a token: nil when one was taken, else the seconds until one will be there.
    mutating func take(now: Double) -> Double? {
        refill(now: now)
        if capacity >= 1 {
            capacity -= 1
            return nil
        }
        return max((1 - capacity) / fillRate, Self.minimumWait)
    }

    private mutating func refill(now: Double) {
        capacity = min(maxCapacity, capacity + (now - lastRefill) * fillRate)
        lastRefill = now
    }
}
