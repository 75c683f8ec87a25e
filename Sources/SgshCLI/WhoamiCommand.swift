import ArgumentParser
import Foundation
import SgshEC2

/// `sgsh whoami`: which account, identity, region, endpoint and credential provider the aws backend would use.
struct WhoamiCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whoami",
        abstract: "Show the AWS account, caller ARN, region, endpoint and credential provider sgsh would use.",
        discussion: """
            Calls STS GetCallerIdentity with the credentials the aws backend resolves \
            (the same flags, environment and profile files as plan and run). Changes nothing.

            Examples:
              sgsh whoami
              sgsh whoami --profile prod-admin --region eu-west-1
            """
    )

    @OptionGroup var aws: AWSOptions

    func run() async throws {
        let configuration = try aws.configuration(environment: ProcessEnvironment.variables)
        guard configuration.stsEndpointMatchesEC2 else {
            throw CLIError(
                "EC2 goes to \(configuration.endpoint) but STS has no endpoint there: set AWS_ENDPOINT_URL_STS (or AWS_ENDPOINT_URL) so whoami does not send the credentials to AWS's public STS"
            )
        }
        let backend = EC2Backend(configuration: configuration, logger: aws.logger)
        let identity: CallerIdentity
        do {
            identity = try await backend.callerIdentity()
            try? await backend.shutdown()
        } catch {
            try? await backend.shutdown()
            throw CLIError(error.code == "CredentialsUnavailable" ? error.message : "\(error)")
        }
        Terminal.write(
            """
            account      \(identity.account)
            arn          \(identity.arn)
            region       \(configuration.region)
            endpoint     \(configuration.endpoint)
            sts endpoint \(configuration.stsEndpoint)
            credentials  \(configuration.credentialSource)
            retries      \(configuration.retryPolicy.mode.rawValue), \(configuration.retryPolicy.maxAttempts) attempts
            timeouts     \(configuration.timeouts)

            """)
        // With --expect-account (or SGSH_EXPECT_ACCOUNT), whoami answers the question a script
        // in CI asks before it runs: are these the right credentials?
        if let expected = aws.expectedAccount(ProcessEnvironment.variables), expected != identity.account {
            throw CLIError("these credentials act on account \(identity.account), not the expected \(expected)")
        }
    }
}
