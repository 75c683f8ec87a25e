// One source of credentials in the default chain (CredentialChain.swift).
// A provider is chosen from the environment and the shared files alone; it
// only talks to the network (STS, SSO portal, container or instance
// metadata endpoint) when asked to `fetch`, which happens at the first call
// and again whenever the credentials come within five minutes of expiry.

/// Fetches credentials from one source.
public protocol CredentialProvider: Sendable {
    /// What `--debug`, `whoami` and the REPL call it (`assume-role (profile dev)`).
    var name: String { get }
    /// Fetches fresh credentials (with their `expiration` when they are temporary).
    /// - Throws: `CredentialError` saying what went wrong and what to do.
    func fetch() async throws -> AWSCredentials
}

/// Credentials that were known when the chain was resolved: keys in the environment or a file.
public struct StaticCredentialProvider: CredentialProvider {
    public let name: String
    let credentials: AWSCredentials

    /// Creates a provider that always answers the same credentials.
    public init(name: String, credentials: AWSCredentials) {
        self.name = name
        self.credentials = credentials
    }

    public func fetch() async throws -> AWSCredentials { credentials }
}
