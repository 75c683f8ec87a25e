/// Why the configuration could not be resolved; each message says what to set.
public enum EC2ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    case missingCredentials(profile: String)
    case incompleteCredentials(String)
    case missingRegion(profile: String)
    case profileNotFound(String, files: [String])
    case invalidEndpoint(String)
    case invalidSetting(String, String)
    case invalidValue(name: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .missingCredentials(let profile):
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials), or add aws_access_key_id/aws_secret_access_key to profile '\(profile)' in ~/.aws/credentials, or choose a profile with --profile or AWS_PROFILE"
        case .incompleteCredentials(let detail):
            "incomplete AWS credentials: \(detail)"
        case .missingRegion(let profile):
            "no AWS region set: pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), or add 'region = …' to profile '\(profile)' in ~/.aws/config"
        case .profileNotFound(let name, let files):
            "AWS profile '\(name)' not found in \(files.joined(separator: " or ")): check --profile / AWS_PROFILE"
        case .invalidEndpoint(let url):
            "invalid endpoint URL '\(url)': give an http:// or https:// URL (--endpoint-url, AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL)"
        case .invalidSetting(let name, let value):
            "invalid \(name) '\(value)'"
        case .invalidValue(let name, let value, let expected):
            "invalid \(name) '\(value)': give \(expected)"
        }
    }
}
