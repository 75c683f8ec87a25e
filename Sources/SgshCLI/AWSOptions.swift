// How to reach AWS, for every command that may: the aws backend of run, plan,
// export and the REPL, fleets, and `whoami` (which takes only these). Any of
// them on the command line names an AWS target, so it selects the aws backend
// (BackendOptions.kind).

import ArgumentParser
import Logging
import SgshEC2

struct AWSOptions: ParsableArguments {
    @Option(
        help: "AWS profile from ~/.aws/credentials and ~/.aws/config (aws backend).",
        completion: .custom { _, _, _ in CompletionCandidates.profiles() })
    var profile: String?

    @Option(
        help: "AWS region (aws backend; else AWS_REGION, AWS_DEFAULT_REGION or the profile's).",
        completion: .list(CompletionCandidates.regions))
    var region: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp("EC2 endpoint to use instead of AWS's (aws backend).", valueName: "url"))
    var endpointURL: String?

    @Flag(
        help:
            "Log each AWS request and response, and the credential provider that answered, to stderr (secrets redacted)."
    )
    var debug = false

    @Option(
        name: .customLong("expect-account"),
        help: ArgumentHelp(
            "Refuse to act unless the aws backend's credentials belong to this account (else SGSH_EXPECT_ACCOUNT).",
            valueName: "id"))
    var expectAccount: String?

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp(
            "Seconds to wait for a connection to AWS, 0 for no limit (else the profile's cli_connect_timeout; default 10).",
            valueName: "seconds"))
    var connectTimeout: String?

    @Option(
        name: .customLong("read-timeout"),
        help: ArgumentHelp(
            "Seconds to wait for AWS to answer, 0 for no limit (else the profile's cli_read_timeout; default 60).",
            valueName: "seconds"))
    var readTimeout: String?

    /// The AWS-only options, as spelled on the command line.
    static let names = [
        "--profile", "--region", "--endpoint-url", "--expect-account", "--connect-timeout", "--read-timeout",
    ]

    /// The AWS-only options given, as spelled on the command line.
    var given: [String] {
        zip(Self.names, [profile, region, endpointURL, expectAccount, connectTimeout, readTimeout])
            .compactMap { $0.1 == nil ? nil : $0.0 }
    }

    /// The aws backend's configuration: flags, environment, profile files, the credential chain.
    func configuration(environment: [String: String]) throws -> EC2Configuration {
        do {
            return try EC2Configuration.resolve(
                context: CredentialContext(
                    environment: environment, files: .local, prompt: CredentialPrompt.terminal, logger: logger),
                profile: profile, region: region, endpointURL: endpointURL, connectTimeout: connectTimeout,
                readTimeout: readTimeout)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Requests, responses and the credential provider at `.debug` under --debug.
    var logger: Logger {
        var logger = Logger(label: "sgsh.aws") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = debug ? .debug : .warning
        return logger
    }

    /// --expect-account, else SGSH_EXPECT_ACCOUNT.
    func expectedAccount(_ environment: [String: String]) -> String? {
        (expectAccount ?? environment["SGSH_EXPECT_ACCOUNT"]).flatMap { $0.isEmpty ? nil : $0 }
    }
}
