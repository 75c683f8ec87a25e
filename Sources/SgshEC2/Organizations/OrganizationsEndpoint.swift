// Where Organizations requests go, as the AWS CLI v2 resolves it:
// AWS_ENDPOINT_URL_ORGANIZATIONS > AWS_ENDPOINT_URL > the profile's
// endpoint_url > the partition's global endpoint. Organizations is a global
// service: requests are signed for us-east-1 (cn-northwest-1 in China).

/// The Organizations endpoint and the region requests are signed for.
public struct OrganizationsEndpoint: Hashable, Sendable {
    /// The URL.
    public var url: String
    /// The SigV4 region.
    public var signingRegion: String

    /// Creates an endpoint value.
    public init(url: String, signingRegion: String) {
        self.url = url
        self.signingRegion = signingRegion
    }

    /// The endpoint for a configuration (its environment, profile and region).
    public static func resolve(_ configuration: EC2Configuration) -> OrganizationsEndpoint {
        let context = configuration.context
        let china = configuration.region.hasPrefix("cn-")
        let signingRegion = china ? "cn-northwest-1" : "us-east-1"
        let profile = AWSSharedConfig(context: context).profile(
            configuration.profile ?? context.env("AWS_PROFILE") ?? "default")
        if let url = context.env("AWS_ENDPOINT_URL_ORGANIZATIONS") ?? context.env("AWS_ENDPOINT_URL")
            ?? profile?["endpoint_url"]
        {
            return OrganizationsEndpoint(url: EC2Endpoint.normalized(url), signingRegion: signingRegion)
        }
        let url =
            china
            ? "https://organizations.cn-northwest-1.amazonaws.com.cn/"
            : "https://organizations.us-east-1.amazonaws.com/"
        return OrganizationsEndpoint(url: url, signingRegion: signingRegion)
    }
}
