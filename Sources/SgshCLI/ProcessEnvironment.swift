// The process's environment variables, read once. sgsh sets none of its own,
// and each `ProcessInfo.processInfo.environment` copies them all into a new
// dictionary: five reads were 2 M instructions of a one-rule apply.
//
// Read from the C `environ` list rather than through ProcessInfo: Foundation's
// getter took 0.46 M instructions for ~40 variables, this walk 0.16 M, on the
// path of every aws command before its first request (docs/BENCHMARKS.md,
// fourteenth pass). ProcessEnvironmentTests checks that both give the same
// dictionary.

import Foundation

/// The environment sgsh was started with.
enum ProcessEnvironment {
    /// Every variable, by name.
    static let variables = variables(from: environ)

    /// The `NAME=value` entries of a C environment list (ended by a null pointer), by name. Of a
    /// name set twice, the first (as `getenv` reads it); an entry without `=` is no variable.
    static func variables(from entries: UnsafePointer<UnsafeMutablePointer<CChar>?>) -> [String: String] {
        var variables: [String: String] = [:]
        var entry = entries
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
                let name = String(text[..<equals])
                if variables[name] == nil { variables[name] = String(text[text.utf8.index(after: equals)...]) }
            }
            entry += 1
        }
        return variables
    }
}
