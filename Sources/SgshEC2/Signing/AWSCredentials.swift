import Foundation

/// An access key pair and optional session token for signing requests.
///
/// `description` never shows the secret or the token, so a credential can be
/// interpolated into a log line or error message without leaking them.
public struct AWSCredentials: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The access key id (`AKIA…` or `ASIA…`); not secret.
    public var accessKeyId: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token of temporary credentials.
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    /// Creates credentials from their parts.
    public init(accessKeyId: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// `AWSCredentials(AKIDEXAMPLE, secret: <redacted>)`.
    public var description: String {
        "AWSCredentials(\(accessKeyId), secret: <redacted>\(sessionToken == nil ? "" : ", token: <redacted>"))"
    }

    /// Same as `description`: the secret never appears in debug output either.
    public var debugDescription: String { description }
}
