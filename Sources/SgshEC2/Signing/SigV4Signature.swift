/// The intermediate and final values of one signature, for tests and `--debug`.
public struct SigV4Signature: Hashable, Sendable {
    /// The canonical request text.
    public var canonicalRequest: String
    /// The string to sign.
    public var stringToSign: String
    /// The hex signature.
    public var signature: String
    /// `content-type;host;x-amz-date`.
    public var signedHeaders: String
    /// The `Authorization` header value.
    public var authorization: String
}
