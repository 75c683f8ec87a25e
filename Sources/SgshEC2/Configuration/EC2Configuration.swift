// Where the EC2 client sends requests and with which credentials, resolved
// the way the AWS CLI does it, as a pure function of an environment
// dictionary and a file reader (so every rule is testable without touching
// the real home directory).
//
// Precedence:
// - profile: `profile:` argument (--profile) > AWS_PROFILE > `default`;
// - credentials: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN),
//   unless a profile was passed explicitly; then the profile in the
//   credentials file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials),
//   then in the config file (AWS_CONFIG_FILE or ~/.aws/config, `[profile x]`);
// - region: `region:` argument > AWS_REGION > AWS_DEFAULT_REGION > the
//   profile's `region` in the config file;
// - endpoint: `endpointURL:` argument > AWS_ENDPOINT_URL_EC2 > AWS_ENDPOINT_URL >
//   the profile's `endpoint_url` > https://ec2.<region>.amazonaws.com.

import Foundation

/// A resolved EC2 client configuration.
public struct EC2Configuration: Sendable, CustomStringConvertible {
    /// The signing credentials.
    public var credentials: AWSCredentials
    /// The signing region.
    public var region: String
    /// The endpoint URL requests go to (`https://ec2.eu-west-1.amazonaws.com/`).
    public var endpoint: String
    /// True when the endpoint was overridden (flag, environment or profile).
    public var isCustomEndpoint: Bool
    /// The profile that was used, if any.
    public var profile: String?
    /// Where the credentials came from, for messages (`environment`, `profile dev (~/.aws/credentials)`).
    public var credentialSource: String
    /// The retry decisions (standard mode; AWS_MAX_ATTEMPTS changes the attempt count).
    public var retryPolicy: RetryPolicy

    /// Creates a configuration directly.
    public init(
        credentials: AWSCredentials, region: String, endpoint: String? = nil, profile: String? = nil,
        credentialSource: String = "explicit", retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.credentials = credentials
        self.region = region
        self.endpoint = endpoint.map(EC2Endpoint.normalized) ?? Self.defaultEndpoint(region: region)
        self.isCustomEndpoint = endpoint != nil
        self.profile = profile
        self.credentialSource = credentialSource
        self.retryPolicy = retryPolicy
    }

    /// The public EC2 endpoint of a region.
    public static func defaultEndpoint(region: String) -> String {
        region.hasPrefix("cn-") ? "https://ec2.\(region).amazonaws.com.cn/" : "https://ec2.\(region).amazonaws.com/"
    }

    /// `aws:eu-west-1` or the custom endpoint; never the credentials.
    public var description: String { isCustomEndpoint ? "\(endpoint) (\(region))" : "aws:\(region)" }

    /// Resolves the configuration as the AWS CLI would.
    /// - Parameters:
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`).
    ///   - profile: `--profile`, which also makes the profile's credentials win over the environment's.
    ///   - region: `--region`.
    ///   - endpointURL: `--endpoint-url`.
    ///   - fileSystem: reads ~/.aws/credentials and ~/.aws/config.
    /// - Throws: `EC2ConfigurationError` naming what to set when something is missing.
    public static func resolve(
        environment: [String: String], profile: String? = nil, region: String? = nil, endpointURL: String? = nil,
        fileSystem: EC2FileReader
    ) throws(EC2ConfigurationError) -> EC2Configuration {
        func env(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingASCIIWhitespace(), !value.isEmpty else { return nil }
            return value
        }
        let explicitProfile = profile.flatMap { $0.isEmpty ? nil : $0 }
        let profileName = explicitProfile ?? env("AWS_PROFILE") ?? "default"
        let home = env("HOME") ?? ""
        let credentialsPath = env("AWS_SHARED_CREDENTIALS_FILE") ?? "\(home)/.aws/credentials"
        let configPath = env("AWS_CONFIG_FILE") ?? "\(home)/.aws/config"
        let credentialsFile = fileSystem.read(credentialsPath).map(INIFile.init)
        let configFile = fileSystem.read(configPath).map(INIFile.init)
        let credentialsSection = credentialsFile?.section(profileName)
        let configSection =
            profileName == "default"
            ? (configFile?.section("default") ?? configFile?.section("profile default"))
            : configFile?.section("profile \(profileName)")
        let profileNamed = explicitProfile != nil || env("AWS_PROFILE") != nil
        if profileNamed, credentialsSection == nil, configSection == nil {
            throw .profileNotFound(profileName, files: [credentialsPath, configPath])
        }

        // Credentials.
        var credentials: AWSCredentials?
        var source = ""
        if explicitProfile == nil, let key = env("AWS_ACCESS_KEY_ID") {
            guard let secret = env("AWS_SECRET_ACCESS_KEY") else {
                throw .incompleteCredentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            credentials = AWSCredentials(
                accessKeyId: key, secretAccessKey: secret, sessionToken: env("AWS_SESSION_TOKEN"))
            source = "environment"
        } else if explicitProfile == nil, env("AWS_SECRET_ACCESS_KEY") != nil {
            throw .incompleteCredentials("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        }
        if credentials == nil {
            for (section, path) in [(credentialsSection, credentialsPath), (configSection, configPath)] {
                guard let section, let key = section["aws_access_key_id"], !key.isEmpty else { continue }
                guard let secret = section["aws_secret_access_key"], !secret.isEmpty else {
                    throw .incompleteCredentials(
                        "profile \(profileName) in \(path) has aws_access_key_id but no aws_secret_access_key")
                }
                let token = section["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
                credentials = AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token)
                source = "profile \(profileName) (\(path))"
                break
            }
        }
        guard let credentials else { throw .missingCredentials(profile: profileName) }

        // Region.
        let regionArgument = region.flatMap { $0.isEmpty ? nil : $0 }
        guard
            let resolvedRegion = regionArgument ?? env("AWS_REGION") ?? env("AWS_DEFAULT_REGION")
                ?? configSection?["region"].flatMap({ $0.isEmpty ? nil : $0 })
        else { throw .missingRegion(profile: profileName) }

        // Endpoint.
        let endpointArgument = endpointURL.flatMap { $0.isEmpty ? nil : $0 }
        let override =
            endpointArgument ?? env("AWS_ENDPOINT_URL_EC2") ?? env("AWS_ENDPOINT_URL")
            ?? configSection?["endpoint_url"].flatMap { $0.isEmpty ? nil : $0 }
        if let override {
            guard override.hasPrefix("http://") || override.hasPrefix("https://"),
                let host = EC2Endpoint.host(of: override), !host.isEmpty
            else { throw .invalidEndpoint(override) }
        }

        // Retries: AWS_MAX_ATTEMPTS or the profile's max_attempts, as the SDKs read them.
        var policy = RetryPolicy()
        if let text = env("AWS_MAX_ATTEMPTS") ?? configSection?["max_attempts"] {
            guard let attempts = Int(text), attempts >= 1 else { throw .invalidSetting("max_attempts", text) }
            policy.maxAttempts = attempts
        }
        return EC2Configuration(
            credentials: credentials, region: resolvedRegion, endpoint: override.map(EC2Endpoint.normalized),
            profile: source == "environment" ? nil : profileName, credentialSource: source, retryPolicy: policy)
    }
}
