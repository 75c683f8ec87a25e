// The moto_server the EC2 tests talk to. scripts/test starts it on 127.0.0.1
// on a free port and exports SGSH_MOTO_ENDPOINT; without it the tests FAIL
// (never skip), saying how to run them. Only loopback is ever accepted.

import Foundation

/// Where moto_server listens for this test run.
public enum MotoEndpoint {
    /// SGSH_MOTO_ENDPOINT is unset.
    public struct NotConfigured: Error, CustomStringConvertible {
        public var description: String {
            "SGSH_MOTO_ENDPOINT is not set: run the tests with scripts/test, which starts moto_server on 127.0.0.1 and exports it (or: source scripts/moto.sh; moto_start; export SGSH_MOTO_ENDPOINT=$MOTO_ENDPOINT)"
        }
    }

    /// SGSH_MOTO_ENDPOINT names something other than loopback.
    public struct NotLoopback: Error, CustomStringConvertible {
        public let endpoint: String
        public var description: String {
            "SGSH_MOTO_ENDPOINT must be a loopback URL (http://127.0.0.1:PORT), got \(endpoint)"
        }
    }

    /// The endpoint, or an error explaining how to provide it.
    public static func required() throws -> String {
        guard let value = ProcessInfo.processInfo.environment["SGSH_MOTO_ENDPOINT"], !value.isEmpty else {
            throw NotConfigured()
        }
        guard
            value.hasPrefix("http://127.0.0.1:") || value.hasPrefix("http://localhost:")
                || value.hasPrefix("http://[::1]:")
        else { throw NotLoopback(endpoint: value) }
        return value
    }
}
