// Static keys in a profile section of ~/.aws/credentials or ~/.aws/config.

enum SharedFileCredentialProvider {
    /// The section's keys as a provider, or nil when it has none.
    /// - Throws: when the section has an access key id but no secret.
    static func make(profile: String, section: [String: String]?, path: String) throws(EC2ConfigurationError)
        -> StaticCredentialProvider?
    {
        guard let section, let key = section["aws_access_key_id"], !key.isEmpty else { return nil }
        guard let secret = section["aws_secret_access_key"], !secret.isEmpty else {
            throw .incompleteCredentials(
                "profile \(profile) in \(path) has aws_access_key_id but no aws_secret_access_key")
        }
        let token = section["aws_session_token"].flatMap { $0.isEmpty ? nil : $0 }
        return StaticCredentialProvider(
            name: "profile \(profile) (\(path))",
            credentials: AWSCredentials(accessKeyId: key, secretAccessKey: secret, sessionToken: token))
    }
}
