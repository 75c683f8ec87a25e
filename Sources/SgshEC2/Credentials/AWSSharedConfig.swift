// ~/.aws/credentials and ~/.aws/config as the chain reads them: a profile's
// settings are the config file's `[profile NAME]` (`[default]`) section
// overlaid by the credentials file's `[NAME]` section, as botocore merges
// them; static keys also remember which file they came from.

/// The two shared files, parsed once.
struct AWSSharedConfig: Sendable {
    let credentialsPath: String
    let configPath: String
    private let credentialsFile: INIFile?
    private let configFile: INIFile?

    init(context: CredentialContext) {
        let home = context.env("HOME") ?? ""
        credentialsPath = context.env("AWS_SHARED_CREDENTIALS_FILE") ?? "\(home)/.aws/credentials"
        configPath = context.env("AWS_CONFIG_FILE") ?? "\(home)/.aws/config"
        credentialsFile = context.files.read(credentialsPath).map(INIFile.init)
        configFile = context.files.read(configPath).map(INIFile.init)
    }

    /// The profile's section in the credentials file.
    func credentialsSection(_ profile: String) -> [String: String]? { credentialsFile?.section(profile) }

    /// The profile's section in the config file.
    func configSection(_ profile: String) -> [String: String]? {
        profile == "default"
            ? (configFile?.section("default") ?? configFile?.section("profile default"))
            : configFile?.section("profile \(profile)")
    }

    /// A `[sso-session NAME]` section.
    func ssoSession(_ name: String) -> [String: String]? { configFile?.section("sso-session \(name)") }

    /// Both sections merged (credentials file wins); nil when the profile is in neither file.
    func profile(_ name: String) -> Profile? {
        let config = configSection(name)
        let credentials = credentialsSection(name)
        guard config != nil || credentials != nil else { return nil }
        return Profile(
            name: name, settings: (config ?? [:]).merging(credentials ?? [:]) { _, new in new })
    }

    /// One profile's merged settings.
    struct Profile: Sendable {
        let name: String
        let settings: [String: String]

        /// A non-empty setting.
        subscript(_ key: String) -> String? {
            guard let value = settings[key], !value.isEmpty else { return nil }
            return value
        }
    }
}
