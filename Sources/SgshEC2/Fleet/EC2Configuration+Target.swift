// The configuration of one fleet target: the same settings as the run's
// (endpoint override, STS endpoint, retries, environment), another region,
// and the credentials of the target's account.

extension EC2Configuration {
    /// This configuration for `region`, signing with `credentials`. A custom endpoint (a
    /// mock, a private endpoint) is kept; otherwise each region gets its public endpoint.
    public func target(region: String, credentials: RefreshingCredentials) -> EC2Configuration {
        EC2Configuration(
            credentials: credentials, region: region, endpoint: isCustomEndpoint ? endpoint : nil, profile: profile,
            retryPolicy: retryPolicy, stsEndpoint: stsEndpoint,
            context: context)
    }
}
