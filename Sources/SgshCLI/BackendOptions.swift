import ArgumentParser
import Foundation
import Logging
import SgshEC2
import SgshKit
import SgshLocal
import SgshModel

/// Which backend a command talks to, and how to reach it.
struct BackendOptions: ParsableArguments {
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case local, aws
    }

    @Option(help: "Where security groups live: 'local' (a state file, no AWS account) or 'aws'.")
    var backend: Kind = .local

    @Option(help: ArgumentHelp("The local backend's state file.", valueName: "path"))
    var state: String?

    @Option(help: "AWS profile from ~/.aws/credentials and ~/.aws/config (aws backend).")
    var profile: String?

    @Option(help: "AWS region (aws backend; else AWS_REGION, AWS_DEFAULT_REGION or the profile's).")
    var region: String?

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp("EC2 endpoint to use instead of AWS's (aws backend).", valueName: "url"))
    var endpointURL: String?

    @Option(
        name: .customLong("rules-per-group"),
        help: ArgumentHelp(
            "The account's quota of inbound (and of outbound) rules per group, checked before anything is sent. EC2's default is 60; AWS raises it on request.",
            valueName: "n"))
    var rulesPerGroup: Int = RuleQuota.ec2Default.ingress

    @Flag(
        help:
            "Log each AWS request and response, and the credential provider that answered, to stderr (secrets redacted)."
    )
    var debug = false

    @Option(
        name: .customLong("expect-account"),
        help: ArgumentHelp(
            "Refuse to plan or run unless the aws backend's credentials belong to this account (else SGSH_EXPECT_ACCOUNT).",
            valueName: "id"))
    var expectAccount: String?

    /// The rule quota the planner checks.
    var ruleQuota: RuleQuota { RuleQuota(ingress: rulesPerGroup, egress: rulesPerGroup) }

    func validate() throws {
        guard rulesPerGroup >= 1 else { throw ValidationError("--rules-per-group must be at least 1") }
    }

    /// Opens the backend. The caller must `close` it when done.
    func open() throws -> OpenBackend {
        let environment = ProcessInfo.processInfo.environment
        switch backend {
        case .local:
            let path = state ?? LocalBackend.defaultStatePath(environment: environment)
            do {
                let limits = LocalBackend.Limits(rulesPerDirection: rulesPerGroup)
                return OpenBackend(backend: try LocalBackend(path: path, limits: limits), close: {})
            } catch {
                throw CLIError("cannot open the local state file '\(path)': \(error)")
            }
        case .aws:
            let client = EC2Backend(configuration: try awsConfiguration(environment: environment), logger: awsLogger)
            return OpenBackend(
                backend: client, close: { try? await client.shutdown() },
                identity: { try await AWSIdentityCheck.verify(client, expected: expectedAccount(environment)) })
        }
    }

    /// The aws backend's configuration: flags, environment, profile files, the credential chain.
    func awsConfiguration(environment: [String: String]) throws -> EC2Configuration {
        do {
            return try EC2Configuration.resolve(
                context: CredentialContext(
                    environment: environment, files: .local, prompt: CredentialPrompt.terminal, logger: awsLogger),
                profile: profile, region: region, endpointURL: endpointURL)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Requests, responses and the credential provider at `.debug` under --debug.
    var awsLogger: Logger {
        var logger = Logger(label: "sgsh.aws") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = debug ? .debug : .warning
        return logger
    }

    /// --expect-account, else SGSH_EXPECT_ACCOUNT.
    func expectedAccount(_ environment: [String: String]) -> String? {
        (expectAccount ?? environment["SGSH_EXPECT_ACCOUNT"]).flatMap { $0.isEmpty ? nil : $0 }
    }
}

/// A backend and how to release it.
struct OpenBackend {
    let backend: any SecurityGroupBackend
    let close: () async -> Void
    /// The aws backend's account and region line for reports (checked against --expect-account); nil for local.
    var identity: (() async throws -> String?)? = nil
}

/// A failure the CLI reports in one line (`sgsh: error: …`): exit 1, or 2 for a usage error.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    let exitCode: ExitCode
    init(_ description: String) {
        self.description = description
        self.exitCode = .scriptFailed
    }
    init(usage description: String) {
        self.description = description
        self.exitCode = .invalidProgram
    }
}
