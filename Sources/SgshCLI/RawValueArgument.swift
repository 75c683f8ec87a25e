// An option whose values are an enum's raw strings (`--output text|json`).
// ArgumentParser lists such values through a generic key path, whose first
// use at every start cost 0.8 M instructions; a closure says the same.

import ArgumentParser

/// An enum option spelled by its raw values.
protocol RawValueArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension RawValueArgument {
    /// The raw values, in case order (what help and completion list).
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}
