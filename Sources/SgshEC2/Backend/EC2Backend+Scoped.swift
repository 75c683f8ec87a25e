// Scoped use of an EC2Backend: the transport is shut down on every exit path.
//
// async-http-client traps (in debug builds) when a client is released without
// `shutdown()`, so callers such as the CLI should prefer these over pairing
// `init` and `shutdown()` by hand across early returns and thrown errors.

import Logging

extension EC2Backend {
    /// Runs `body` with a backend on its own async-http-client transport, then shuts it down,
    /// whether `body` returns or throws.
    public static func withBackend<T>(
        configuration: EC2Configuration, logger: Logger = Logger(label: "sgsh.ec2"),
        _ body: (EC2Backend) async throws -> T
    ) async throws -> T {
        try await withBackend(EC2Backend(configuration: configuration, logger: logger), body)
    }

    /// Runs `body` with the given backend, then shuts it down, whether `body` returns or throws.
    public static func withBackend<T>(_ backend: EC2Backend, _ body: (EC2Backend) async throws -> T) async throws -> T {
        let result: T
        do {
            result = try await body(backend)
        } catch {
            try? await backend.shutdown()
            throw error
        }
        try await backend.shutdown()
        return result
    }
}
