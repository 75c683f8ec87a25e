// Keys in the environment: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY
// (+ AWS_SESSION_TOKEN). Read once when the chain is resolved.

enum EnvironmentCredentialProvider {
    /// The environment's keys as a provider, or nil when none are set.
    /// - Throws: when only one half of the key pair is set.
    static func make(_ context: CredentialContext) throws(EC2ConfigurationError) -> StaticCredentialProvider? {
        if let key = context.env("AWS_ACCESS_KEY_ID") {
            guard let secret = context.env("AWS_SECRET_ACCESS_KEY") else {
                throw .incompleteCredentials("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
            }
            return StaticCredentialProvider(
                name: "environment",
                credentials: AWSCredentials(
                    accessKeyId: key, secretAccessKey: secret, sessionToken: context.env("AWS_SESSION_TOKEN")))
        }
        if context.env("AWS_SECRET_ACCESS_KEY") != nil {
            throw .incompleteCredentials("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        }
        return nil
    }
}
