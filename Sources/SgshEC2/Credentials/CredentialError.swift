/// Why credentials could not be fetched; each message says what to do, and none
/// ever includes a key, token or process output.
public struct CredentialError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The whole message.
    public let description: String

    /// Creates an error from its message.
    public init(_ description: String) { self.description = description }

    /// No provider had credentials (the chain fell through to instance metadata, which did not answer).
    static func none(profile: String) -> CredentialError {
        CredentialError(EC2ConfigurationError.missingCredentials(profile: profile).description)
    }
}
