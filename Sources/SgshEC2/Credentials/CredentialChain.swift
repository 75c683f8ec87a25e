// The default credential chain in the AWS CLI v2 / botocore order. The
// provider is chosen from the environment and the shared files alone (no
// network), so configuration errors show before anything is sent:
//
//  1. environment keys (skipped when --profile names a profile explicitly);
//  2. a profile with role_arn: AssumeRole from source_profile (chains of any
//     length, cycles refused) or credential_source;
//  3. web identity: the profile's web_identity_token_file + role_arn, or
//     AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (+ AWS_ROLE_SESSION_NAME);
//  4. IAM Identity Center: sso_session or sso_start_url profiles;
//  5. static keys in ~/.aws/credentials;
//  6. credential_process;
//  7. static keys in ~/.aws/config;
//  8. container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI);
//  9. instance metadata (IMDSv2), unless AWS_EC2_METADATA_DISABLED=true.
// Nothing found: the one-line "no AWS credentials found" naming what to set.

/// Chooses the credential provider for a profile.
struct CredentialChain {
    let context: CredentialContext
    let files: AWSSharedConfig
    /// The region STS calls sign for.
    let region: String

    /// The provider the chain picks.
    func provider(profile name: String, explicitProfile: Bool) throws(EC2ConfigurationError)
        -> any CredentialProvider
    {
        if !explicitProfile, let environment = try EnvironmentCredentialProvider.make(context) { return environment }
        let profile = files.profile(name)
        if let profile, profile["role_arn"] != nil, profile["web_identity_token_file"] == nil {
            return try assumeRole(profile, visited: [])
        }
        if let webIdentity = try webIdentity(profile) { return webIdentity }
        if let profile, let sso = try sso(profile) { return sso }
        if let keys = try SharedFileCredentialProvider.make(
            profile: name, section: files.credentialsSection(name), path: files.credentialsPath)
        {
            return keys
        }
        if let profile, let command = profile["credential_process"] {
            return ProcessCredentialProvider(
                name: "credential_process (profile \(name))", profile: name, command: command, context: context)
        }
        if let keys = try SharedFileCredentialProvider.make(
            profile: name, section: files.configSection(name), path: files.configPath)
        {
            return keys
        }
        if let url = try ContainerCredentialProvider.url(context: context) {
            return ContainerCredentialProvider(url: url, context: context)
        }
        guard !InstanceMetadataCredentialProvider.isDisabled(context) else {
            throw .missingCredentials(profile: name)
        }
        return InstanceMetadataCredentialProvider(profile: name, explicit: false, context: context)
    }

    /// AssumeRole for a profile with role_arn, its source resolved recursively.
    private func assumeRole(_ profile: AWSSharedConfig.Profile, visited: [String]) throws(EC2ConfigurationError)
        -> any CredentialProvider
    {
        guard let roleArn = profile["role_arn"] else { return try source(profile, visited: visited) }
        let chain = visited + [profile.name]
        let source: any CredentialProvider
        if let sourceName = profile["source_profile"] {
            if sourceName == profile.name,
                let keys = try SharedFileCredentialProvider.make(
                    profile: profile.name, section: profile.settings, path: files.credentialsPath)
            {
                // A profile may name itself as source when it also holds static keys (botocore allows it).
                source = keys
            } else if chain.contains(sourceName) {
                throw .invalidSetting(
                    "source_profile",
                    "cycle \((chain + [sourceName]).joined(separator: " -> ")): a role chain must end in credentials")
            } else {
                guard let next = files.profile(sourceName) else {
                    throw .profileNotFound(sourceName, files: [files.credentialsPath, files.configPath])
                }
                source = try assumeRole(next, visited: chain)
            }
        } else if let credentialSource = profile["credential_source"] {
            source = try self.credentialSource(credentialSource, profile: profile.name)
        } else {
            throw .invalidSetting(
                "profile \(profile.name)", "role_arn without source_profile or credential_source")
        }
        var duration: Int?
        if let text = profile["duration_seconds"] {
            guard let seconds = Int(text), seconds >= 900 else { throw .invalidSetting("duration_seconds", text) }
            duration = seconds
        }
        return AssumeRoleCredentialProvider(
            name: "assume-role (profile \(profile.name), role \(roleArn), from \(source.name))", profile: profile.name,
            source: source, roleArn: roleArn, sessionName: profile["role_session_name"],
            externalId: profile["external_id"], durationSeconds: duration, mfaSerial: profile["mfa_serial"],
            region: region, endpoint: STSEndpoint.resolve(context: context, profile: profile, region: region),
            context: context)
    }

    /// The credentials a source profile without role_arn holds.
    private func source(_ profile: AWSSharedConfig.Profile, visited: [String]) throws(EC2ConfigurationError)
        -> any CredentialProvider
    {
        if let webIdentity = try webIdentity(profile, fromEnvironment: false) { return webIdentity }
        if let sso = try sso(profile) { return sso }
        if let keys = try SharedFileCredentialProvider.make(
            profile: profile.name, section: profile.settings, path: files.credentialsPath)
        {
            return keys
        }
        if let command = profile["credential_process"] {
            return ProcessCredentialProvider(
                name: "credential_process (profile \(profile.name))", profile: profile.name, command: command,
                context: context)
        }
        throw .invalidSetting("source_profile \(profile.name)", "has no credentials")
    }

    private func credentialSource(_ value: String, profile: String) throws(EC2ConfigurationError)
        -> any CredentialProvider
    {
        switch value {
        case "Environment":
            guard let environment = try EnvironmentCredentialProvider.make(context) else {
                throw .incompleteCredentials(
                    "profile \(profile) has credential_source = Environment but AWS_ACCESS_KEY_ID is not set")
            }
            return environment
        case "Ec2InstanceMetadata":
            return InstanceMetadataCredentialProvider(profile: profile, explicit: true, context: context)
        case "EcsContainer":
            guard let url = try ContainerCredentialProvider.url(context: context) else {
                throw .incompleteCredentials(
                    "profile \(profile) has credential_source = EcsContainer but AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/FULL_URI is not set"
                )
            }
            return ContainerCredentialProvider(url: url, context: context)
        default:
            throw .invalidSetting(
                "credential_source", "\(value) (use Environment, Ec2InstanceMetadata or EcsContainer)")
        }
    }

    private func webIdentity(_ profile: AWSSharedConfig.Profile?, fromEnvironment: Bool = true)
        throws(EC2ConfigurationError) -> (any CredentialProvider)?
    {
        let file =
            profile?["web_identity_token_file"]
            ?? (fromEnvironment ? context.env("AWS_WEB_IDENTITY_TOKEN_FILE") : nil)
        guard let file else { return nil }
        let fromProfile = profile?["web_identity_token_file"] != nil
        guard let roleArn = fromProfile ? profile?["role_arn"] : (context.env("AWS_ROLE_ARN") ?? profile?["role_arn"])
        else {
            throw .incompleteCredentials(
                fromProfile
                    ? "profile \(profile?.name ?? "") has web_identity_token_file but no role_arn"
                    : "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        let sessionName =
            fromProfile
            ? profile?["role_session_name"] : (context.env("AWS_ROLE_SESSION_NAME") ?? profile?["role_session_name"])
        var duration: Int?
        if let text = profile?["duration_seconds"] {
            guard let seconds = Int(text), seconds >= 900 else { throw .invalidSetting("duration_seconds", text) }
            duration = seconds
        }
        return WebIdentityCredentialProvider(
            name: "web identity (role \(roleArn))", tokenFile: context.expandingHome(file), roleArn: roleArn,
            sessionName: sessionName, durationSeconds: duration, region: region,
            endpoint: STSEndpoint.resolve(context: context, profile: profile, region: region), context: context)
    }

    private func sso(_ profile: AWSSharedConfig.Profile) throws(EC2ConfigurationError) -> (any CredentialProvider)? {
        let sessionName = profile["sso_session"]
        guard sessionName != nil || profile["sso_start_url"] != nil else { return nil }
        var settings = profile.settings
        if let sessionName {
            guard let session = files.ssoSession(sessionName) else {
                throw .invalidSetting(
                    "sso_session", "\(sessionName) (no [sso-session \(sessionName)] section in \(files.configPath))")
            }
            settings.merge(session) { profileValue, _ in profileValue }
        }
        func required(_ key: String) throws(EC2ConfigurationError) -> String {
            guard let value = settings[key], !value.isEmpty else {
                throw .incompleteCredentials("SSO profile \(profile.name) has no \(key)")
            }
            return value
        }
        return SSOCredentialProvider(
            name: "IAM Identity Center (profile \(profile.name))", profile: profile.name, sessionName: sessionName,
            startURL: try required("sso_start_url"), ssoRegion: try required("sso_region"),
            accountId: try required("sso_account_id"), roleName: try required("sso_role_name"), context: context)
    }
}
