// A seeded random number generator for tests that draw random inputs: small,
// fast and the same on every platform, so a failing case reproduces from its seed.

/// SplitMix64 (Steele, Lea and Flood), the generator the robustness, word-table, formatter and
/// malformed-script tests draw from.
public struct SplitMix64: RandomNumberGenerator {
    /// The state; the seed at the start.
    public var state: UInt64

    /// A generator that starts at `state`.
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
