// The process's environment variables, read once. sgsh sets none of its own,
// and each `ProcessInfo.processInfo.environment` copies them all into a new
// dictionary: five reads were 2 M instructions of a one-rule apply.

import Foundation

/// The environment sgsh was started with.
enum ProcessEnvironment {
    /// Every variable, by name.
    static let variables = ProcessInfo.processInfo.environment
}
