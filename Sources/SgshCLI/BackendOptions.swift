import ArgumentParser
import Foundation
import Logging
import SgshEC2
import SgshKit
import SgshLocal
import SgshModel

/// Which backend a command talks to, and how to reach it.
struct BackendOptions: ParsableArguments {
    enum Kind: String, RawValueArgument {
        case local, aws
    }

    @Option(
        help: ArgumentHelp(
            "Where security groups live: 'local' (a state file, no AWS account) or 'aws' (the default with any aws option: --profile, --region, --endpoint-url, --expect-account, the timeouts).",
            valueName: "backend"))
    var backend: Kind?

    @Option(help: ArgumentHelp("The local backend's state file.", valueName: "path"))
    var state: String?

    @Option(
        name: .customLong("rules-per-group"), parsing: .unconditional,
        help: ArgumentHelp(
            "The account's quota of inbound (and of outbound) rules per group, checked before anything is sent (default: 60, EC2's; AWS raises it on request).",
            valueName: "n"))
    var rulesPerGroupOption: Int?

    /// --rules-per-group, else EC2's default (the option is optional for the reason
    /// OutputOptions.format is).
    var rulesPerGroup: Int { rulesPerGroupOption ?? RuleQuota.ec2Default.ingress }

    /// How to reach AWS: profile, region, endpoint, account guard, timeouts, --debug.
    @OptionGroup var aws: AWSOptions

    /// The options that take a value, for reading them out of a command line (group completion).
    static let valueOptions = ["--backend", "--state", "--rules-per-group"] + AWSOptions.names

    /// The backend the command acts on. An AWS option names an AWS target, so it selects the
    /// aws backend: acting on the local state file instead would change something the user
    /// did not name (issue 17).
    var kind: Kind { backend ?? (aws.given.isEmpty ? .local : .aws) }

    /// Whether a command line, not yet parsed, looks like it selects the aws backend, as `kind`
    /// would: `--backend aws` or an AWS option. For the start-up warm-up only, which a wrong guess
    /// costs nothing but speed.
    static func mayNameAWS(_ arguments: [String]) -> Bool {
        zip(arguments, arguments.dropFirst()).contains { $0 == "--backend" && $1 == Kind.aws.rawValue }
            || arguments.contains("--backend=" + Kind.aws.rawValue)
            || UnparsedArguments.give(anyOf: AWSOptions.names, in: arguments)
    }

    /// The rule quota the planner checks.
    var ruleQuota: RuleQuota { RuleQuota(ingress: rulesPerGroup, egress: rulesPerGroup) }

    func validate() throws {
        guard rulesPerGroup >= 1 else {
            throw ValidationError(
                "--rules-per-group is the account's quota of rules per group and direction, so it must be at least 1, not \(rulesPerGroup) (EC2's default is 60)"
            )
        }
        // A state file in a folder that does not exist is most likely a typo: not created silently.
        if let state {
            let folder = URL(fileURLWithPath: state).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                throw ValidationError("--state: the folder '\(folder)' does not exist; create it first")
            }
        }
        // Options of one backend given with the other are a contradiction, not a choice.
        if backend == .local, let option = aws.given.first {
            throw ValidationError("\(option) is for the aws backend; drop it, or use --backend aws")
        }
        if kind == .aws, state != nil {
            let why = backend == .aws ? "" : " (\(aws.given.joined(separator: ", ")) selected aws)"
            throw ValidationError("--state is for the local backend\(why); drop it, or use --backend local")
        }
    }

    /// Opens the backend, runs `body` with it, and closes it once, whether `body` returns or throws.
    /// On aws, all of it runs on the thread the backend's connections use (NetworkThread), unless
    /// `interactive`: a shell blocks reading the terminal, which must not hold up that thread.
    func withBackend<T>(interactive: Bool = false, _ body: (OpenBackend) async throws -> T) async throws -> T {
        guard kind == .aws, !interactive else { return try await withOpenBackend(body) }
        return try await NetworkThread.run { try await withOpenBackend(body) }
    }

    private func withOpenBackend<T>(_ body: (OpenBackend) async throws -> T) async throws -> T {
        let opened = try await open()
        do {
            let result = try await body(opened)
            await opened.close()
            return result
        } catch {
            await opened.close()
            throw error
        }
    }

    /// Opens the backend (on aws: checks whose credentials they are); only `withBackend`
    /// calls it, so each open has one close.
    private func open() async throws -> OpenBackend {
        let environment = ProcessEnvironment.variables
        switch kind {
        case .local:
            let path = state ?? LocalBackend.defaultStatePath(environment: environment)
            do {
                let limits = LocalBackend.Limits(rulesPerDirection: rulesPerGroup)
                return OpenBackend(
                    backend: try LocalBackend(path: path, limits: limits), target: .local(stateFile: path), close: {})
            } catch {
                throw CLIError("cannot open the local state file '\(path)': \(error)")
            }
        case .aws:
            let configuration = try aws.configuration(environment: environment)
            let client = EC2Backend(configuration: configuration, logger: aws.logger)
            let identity: CallerIdentity?
            do {
                identity = try await AWSIdentityCheck.verify(client, expected: aws.expectedAccount(environment))
            } catch {
                try? await client.shutdown()
                throw error
            }
            return OpenBackend(
                backend: client,
                target: .aws(region: configuration.region, endpoint: configuration.endpoint, identity: identity),
                close: { try? await client.shutdown() })
        }
    }
}

/// A backend, what it acts on, and how to release it.
struct OpenBackend {
    let backend: any SecurityGroupBackend
    let target: BackendTarget
    let close: () async -> Void
}

/// A failure the CLI reports in one line (`sgsh: error: …`): a failure, or a usage error.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    let outcome: Outcome
    init(_ description: String) {
        self.description = description
        self.outcome = .failed
    }
    init(usage description: String) {
        self.description = description
        self.outcome = .usage
    }
    /// A file sgsh reads that is not what it must be (a saved plan), like an invalid program.
    init(invalid description: String) {
        self.description = description
        self.outcome = .invalidProgram
    }
}
