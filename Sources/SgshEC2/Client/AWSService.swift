/// What tells one AWS Query-protocol service from another: its signing name, API
/// version and the name used in messages. Everything else is shared.
public struct AWSService: Hashable, Sendable {
    /// The SigV4 signing name and endpoint prefix (`ec2`, `sts`).
    public var signingName: String
    /// The API version every request names.
    public var version: String
    /// How messages and logs name it (`EC2`, `STS`).
    public var displayName: String

    /// EC2.
    public static let ec2 = AWSService(signingName: "ec2", version: EC2API.version, displayName: "EC2")
    /// STS.
    public static let sts = AWSService(signingName: "sts", version: "2011-06-15", displayName: "STS")
}
