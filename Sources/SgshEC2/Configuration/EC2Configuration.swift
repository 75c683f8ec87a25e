// Where the EC2 client sends requests and with which credentials, resolved
// the way the AWS CLI does it, as a pure function of a CredentialContext
// (environment, file reader, clock, transport) so every rule is testable
// without touching the real home directory.
//
// Precedence:
// - profile: `profile:` argument (--profile) > AWS_PROFILE > `default`;
// - credentials: the default chain (Credentials/CredentialChain.swift);
//   environment keys are skipped when a profile was passed explicitly;
// - region: `region:` argument > AWS_REGION > AWS_DEFAULT_REGION > the
//   profile's `region` in the config file;
// - endpoint: `endpointURL:` argument > AWS_ENDPOINT_URL_EC2 > AWS_ENDPOINT_URL >
//   the profile's `endpoint_url` > https://ec2.<region>.amazonaws.com;
// - STS endpoint: AWS_ENDPOINT_URL_STS > AWS_ENDPOINT_URL > the profile's
//   `endpoint_url` > https://sts.<region>.amazonaws.com;
// - retries and timeouts: ClientSettings.

import Foundation
import Logging

/// A resolved EC2 client configuration.
public struct EC2Configuration: Sendable, CustomStringConvertible {
    /// The credentials requests are signed with, refreshed before they expire.
    public var credentials: RefreshingCredentials
    /// The signing region.
    public var region: String
    /// The endpoint URL requests go to (`https://ec2.eu-west-1.amazonaws.com/`).
    public var endpoint: String
    /// True when the endpoint was overridden (flag, environment or profile).
    public var isCustomEndpoint: Bool
    /// The profile that was used, if any.
    public var profile: String?
    /// The credential provider that answers (`environment`, `assume-role (profile dev, …)`).
    public var credentialSource: String { credentials.providerName }
    /// The retry decisions (AWS_MAX_ATTEMPTS changes the attempt count, AWS_RETRY_MODE the mode).
    public var retryPolicy: RetryPolicy
    /// How long one attempt waits for a connection and for an answer.
    public var timeouts: TransportTimeouts = .defaults
    /// Where STS calls (GetCallerIdentity) go.
    public var stsEndpoint: String
    /// False when EC2 goes to a custom endpoint (a mock, a private endpoint) but STS would go to
    /// AWS's public one: then sgsh does not send the credentials there to ask who they belong to.
    public var stsEndpointMatchesEC2: Bool
    /// The outside world the credentials and STS calls use.
    public var context: CredentialContext

    /// Creates a configuration with fixed credentials.
    public init(
        credentials: AWSCredentials, region: String, endpoint: String? = nil, profile: String? = nil,
        credentialSource: String = "explicit", retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.init(
            credentials: .fixed(credentials, name: credentialSource), region: region, endpoint: endpoint,
            profile: profile, retryPolicy: retryPolicy,
            stsEndpoint: endpoint.map(EC2Endpoint.normalized) ?? STSEndpoint.regional(region),
            context: CredentialContext(environment: [:], files: .files([:])))
    }

    /// Creates a configuration from its parts.
    public init(
        credentials: RefreshingCredentials, region: String, endpoint: String?, profile: String?,
        retryPolicy: RetryPolicy, stsEndpoint: String, context: CredentialContext
    ) {
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint.map(EC2Endpoint.normalized) ?? Self.defaultEndpoint(region: region)
        self.isCustomEndpoint = endpoint != nil
        self.profile = profile
        self.retryPolicy = retryPolicy
        self.stsEndpoint = stsEndpoint
        self.context = context
        stsEndpointMatchesEC2 = endpoint == nil || !stsEndpoint.contains(".amazonaws.com")
    }

    /// The public EC2 endpoint of a region.
    public static func defaultEndpoint(region: String) -> String {
        region.hasPrefix("cn-") ? "https://ec2.\(region).amazonaws.com.cn/" : "https://ec2.\(region).amazonaws.com/"
    }

    /// `aws:eu-west-1` or the custom endpoint; never the credentials.
    public var description: String { isCustomEndpoint ? "\(endpoint) (\(region))" : "aws:\(region)" }

    /// An STS client with the same credentials, transport and retries.
    public func sts() -> STSClient {
        STSClient(
            client: AWSQueryClient(
                service: .sts, region: region, endpoint: stsEndpoint, credentials: credentials,
                transport: context.transport, executor: RetryingExecutor(policy: retryPolicy),
                logger: context.logger, now: context.now))
    }

    /// Resolves the configuration as the AWS CLI would, reading the real files.
    public static func resolve(
        environment: [String: String], profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
        fileSystem: EC2FileReader
    ) throws(EC2ConfigurationError) -> EC2Configuration {
        try resolve(
            context: CredentialContext(environment: environment, files: fileSystem), profile: profile, region: region,
            endpointURL: endpointURL)
    }

    /// Resolves the configuration as the AWS CLI would.
    /// - Parameters:
    ///   - context: the environment, files, clock and transport credential providers use.
    ///   - profile: `--profile`, which also makes the profile's credentials win over the environment's.
    ///   - region: `--region`.
    ///   - endpointURL: `--endpoint-url`.
    ///   - connectTimeout: `--connect-timeout`, in seconds as typed.
    ///   - readTimeout: `--read-timeout`, in seconds as typed.
    /// - Throws: `EC2ConfigurationError` naming what to set when something is missing.
    public static func resolve(
        context: CredentialContext, profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
        connectTimeout: String? = nil, readTimeout: String? = nil
    ) throws(EC2ConfigurationError) -> EC2Configuration {
        let explicitProfile = profile.flatMap { $0.isEmpty ? nil : $0 }
        let profileName = explicitProfile ?? context.env("AWS_PROFILE") ?? "default"
        let files = AWSSharedConfig(context: context)
        let configSection = files.configSection(profileName)
        let profileNamed = explicitProfile != nil || context.env("AWS_PROFILE") != nil
        if profileNamed, files.profile(profileName) == nil {
            throw .profileNotFound(profileName, files: [files.credentialsPath, files.configPath])
        }

        let regionArgument = region.flatMap { $0.isEmpty ? nil : $0 }
        let resolvedRegion =
            regionArgument ?? context.env("AWS_REGION") ?? context.env("AWS_DEFAULT_REGION")
            ?? configSection?["region"].flatMap({ $0.isEmpty ? nil : $0 })

        // Credentials: chosen now, fetched at the first call.
        let chain = CredentialChain(context: context, files: files, region: resolvedRegion ?? "us-east-1")
        let provider = try chain.provider(profile: profileName, explicitProfile: explicitProfile != nil)
        guard let resolvedRegion else { throw .missingRegion(profile: profileName) }

        // Endpoint.
        let endpointArgument = endpointURL.flatMap { $0.isEmpty ? nil : $0 }
        let override =
            endpointArgument ?? context.env("AWS_ENDPOINT_URL_EC2") ?? context.env("AWS_ENDPOINT_URL")
            ?? configSection?["endpoint_url"].flatMap { $0.isEmpty ? nil : $0 }
        if let override {
            guard override.hasPrefix("http://") || override.hasPrefix("https://"),
                let host = EC2Endpoint.host(of: override), !host.isEmpty
            else { throw .invalidEndpoint(override) }
        }

        let policy = try ClientSettings.retryPolicy(context: context, profile: configSection)
        let timeouts = try ClientSettings.timeouts(connect: connectTimeout, read: readTimeout, profile: configSection)
        let usedProfile = provider.name == "environment" ? nil : profileName
        var configuration = EC2Configuration(
            credentials: RefreshingCredentials(provider, now: context.now, logger: context.logger),
            region: resolvedRegion, endpoint: override.map(EC2Endpoint.normalized), profile: usedProfile,
            retryPolicy: policy,
            stsEndpoint: STSEndpoint.resolve(
                context: context, profile: files.profile(profileName), region: resolvedRegion),
            context: context)
        configuration.timeouts = timeouts
        return configuration
    }
}
