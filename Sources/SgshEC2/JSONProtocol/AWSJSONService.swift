/// What tells one AWS JSON 1.1 service from another: its signing name, the prefix of
/// its `X-Amz-Target` header and the name used in messages.
public struct AWSJSONService: Hashable, Sendable {
    /// The SigV4 signing name (`organizations`).
    public var signingName: String
    /// The target prefix (`AWSOrganizationsV20161128`); the header is `PREFIX.Operation`.
    public var targetPrefix: String
    /// How messages and logs name it.
    public var displayName: String

    /// AWS Organizations.
    public static let organizations = AWSJSONService(
        signingName: "organizations", targetPrefix: "AWSOrganizationsV20161128", displayName: "Organizations")
}
