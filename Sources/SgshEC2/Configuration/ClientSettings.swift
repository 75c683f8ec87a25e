// The retry and network settings of a client, read as the AWS CLI reads them:
// - retry mode: AWS_RETRY_MODE > the profile's `retry_mode` > standard;
// - attempts: AWS_MAX_ATTEMPTS > the profile's `max_attempts` > the mode's default;
// - timeouts: --connect-timeout / --read-timeout > the profile's
//   `cli_connect_timeout` / `cli_read_timeout` > TransportTimeouts.defaults
//   (seconds; 0 waits without limit).

/// Reads retry and timeout settings.
enum ClientSettings {
    /// The retry policy from the environment and the profile's config section.
    static func retryPolicy(context: CredentialContext, profile: [String: String]?) throws(EC2ConfigurationError)
        -> RetryPolicy
    {
        var mode = RetryMode.standard
        if let text = context.env("AWS_RETRY_MODE") ?? nonEmpty(profile?["retry_mode"]) {
            guard let parsed = RetryMode(setting: text) else {
                throw .invalidValue(name: "retry_mode", value: text, expected: "legacy, standard or adaptive")
            }
            mode = parsed
        }
        var attempts: Int?
        if let text = context.env("AWS_MAX_ATTEMPTS") ?? nonEmpty(profile?["max_attempts"]) {
            guard let parsed = Int(text), parsed >= 1 else {
                throw .invalidValue(name: "max_attempts", value: text, expected: "a whole number of at least 1")
            }
            attempts = parsed
        }
        return RetryPolicy(mode: mode, maxAttempts: attempts)
    }

    /// The timeouts from the flags (`--connect-timeout`, `--read-timeout`) and the profile.
    static func timeouts(connect: String?, read: String?, profile: [String: String]?) throws(EC2ConfigurationError)
        -> TransportTimeouts
    {
        var timeouts = TransportTimeouts.defaults
        if let (name, text) = setting(flag: connect, "--connect-timeout", profile: profile, "cli_connect_timeout") {
            guard let value = TransportTimeouts.parseSeconds(text) else { throw secondsError(name, text) }
            timeouts.connect = value
        }
        if let (name, text) = setting(flag: read, "--read-timeout", profile: profile, "cli_read_timeout") {
            guard let value = TransportTimeouts.parseSeconds(text) else { throw secondsError(name, text) }
            timeouts.read = value
        }
        return timeouts
    }

    private static func setting(flag: String?, _ flagName: String, profile: [String: String]?, _ key: String)
        -> (String, String)?
    {
        if let flag { return (flagName, flag) }
        return nonEmpty(profile?[key]).map { (key, $0) }
    }

    private static func secondsError(_ name: String, _ text: String) -> EC2ConfigurationError {
        .invalidValue(name: name, value: text, expected: "a number of seconds, 0 for no limit")
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingASCIIWhitespace(), !text.isEmpty else { return nil }
        return text
    }
}
