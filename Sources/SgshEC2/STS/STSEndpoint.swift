// Where STS requests go, as the AWS CLI v2 resolves it: AWS_ENDPOINT_URL_STS >
// AWS_ENDPOINT_URL > the profile's endpoint_url > the regional endpoint
// https://sts.<region>.amazonaws.com (sts.us-east-1 when no region is known).

enum STSEndpoint {
    static func resolve(context: CredentialContext, profile: AWSSharedConfig.Profile?, region: String?) -> String {
        if let url = context.env("AWS_ENDPOINT_URL_STS") ?? context.env("AWS_ENDPOINT_URL") ?? profile?["endpoint_url"]
        {
            return EC2Endpoint.normalized(url)
        }
        return regional(region ?? "us-east-1")
    }

    /// The public regional endpoint.
    static func regional(_ region: String) -> String {
        region.hasPrefix("cn-") ? "https://sts.\(region).amazonaws.com.cn/" : "https://sts.\(region).amazonaws.com/"
    }
}
