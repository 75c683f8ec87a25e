// The rate curve of adaptive retry mode (botocore retries/throttling.py, the
// CUBIC congestion window applied to requests per second): a throttling
// answer cuts the rate to 70 % of the rate it happened at and remembers that
// rate as the ceiling; afterwards the allowed rate grows back along a cubic
// curve that flattens near the ceiling and then probes above it.

import Foundation

/// The allowed send rate as a function of time since the last throttling.
struct CubicSendRate: Sendable {
    static let scale = 0.4
    static let beta = 0.7

    /// The rate when the last throttling came (the curve's plateau).
    private(set) var ceiling: Double
    /// Seconds after a throttling when the curve is back at the ceiling.
    private(set) var plateauTime: Double
    /// When the last throttling came.
    private(set) var lastThrottle: Double

    /// A curve with a ceiling of `ceiling`, as if throttled at `start`.
    init(ceiling: Double, start: Double) {
        self.ceiling = ceiling
        plateauTime = Self.plateauTime(ceiling: ceiling)
        lastThrottle = start
    }

    /// The rate allowed after a success at `now`.
    func rateAfterSuccess(now: Double) -> Double {
        let t = now - lastThrottle - plateauTime
        return Self.scale * t * t * t + ceiling
    }

    /// Records a throttling at `now` while sending at `rate`; returns the reduced rate.
    mutating func rateAfterThrottle(at rate: Double, now: Double) -> Double {
        ceiling = rate
        plateauTime = Self.plateauTime(ceiling: rate)
        lastThrottle = now
        return rate * Self.beta
    }

    private static func plateauTime(ceiling: Double) -> Double {
        cbrt(ceiling * (1 - beta) / scale)
    }
}
