// An option whose values are an enum's raw strings (`--output text|json`).
// ArgumentParser lists such values through a generic key path, whose first
// use at every start cost 0.8 M instructions; a closure says the same. It also
// builds each value's description for help, at every start, by folding over the
// cases (a generic `reduce`, whose first use scans the binary's conformance
// records: 0.46 M instructions) to find none: a raw value is its own description.

import ArgumentParser

/// An enum option spelled by its raw values.
protocol RawValueArgument: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension RawValueArgument {
    /// The raw values, in case order (what help and completion list).
    static var allValueStrings: [String] { allCases.map { $0.rawValue } }

    /// No value has a description other than itself (what help would list beside it).
    static var allValueDescriptions: [String: String] { [:] }
}
