// The measured send rate of adaptive retry mode (botocore's RateClocker):
// responses are counted in half-second buckets, and each time a new bucket
// starts the rate of the finished span is blended into an exponentially
// smoothed average (80 % new, 20 % old).

/// Requests per second, smoothed.
struct SendRateMeter: Sendable {
    static let smoothing = 0.8
    static let bucketSeconds = 0.5

    /// The smoothed rate.
    private(set) var rate: Double = 0
    private var count = 0.0
    private var lastBucket: Double

    /// A meter that starts counting at `now`.
    init(now: Double) {
        lastBucket = now.rounded(.down)
    }

    /// Counts one response at `now` and returns the smoothed rate.
    mutating func record(now: Double) -> Double {
        let bucket = (now / Self.bucketSeconds).rounded(.down) * Self.bucketSeconds
        count += 1
        if bucket > lastBucket {
            let current = count / (bucket - lastBucket)
            rate = current * Self.smoothing + rate * (1 - Self.smoothing)
            count = 0
            lastBucket = bucket
        }
        return rate
    }
}
