import ArgumentParser
import Foundation
import SgshKit
import SgshModel

/// `sgsh audit`: live groups judged by policies (docs/POLICY.md), plus hygiene findings.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check live security groups against policies and report violations and hygiene findings.",
        discussion: """
            Reads the groups in one describe call and reports every rule that breaks a
            policy (an expired exemption no longer exempts), every rule a wider rule of
            the same group and direction already covers, and rules that could be one.
            Without --policy, the stdlib module 'cis' (CIS AWS Foundations 5.2-5.4) is used.

            Exit 0 when nothing is found, 1 when something is, 2 on a usage error.

            Examples:
              sgsh audit
              sgsh audit --backend aws --region eu-west-1 web db
              sgsh audit --policy org.sgsh --output sarif > audit.sarif
              sgsh audit --accounts organization --role-name SgshAudit --regions all --output sarif
            """
    )

    enum Format: String, RawValueArgument {
        case text, json, sarif
    }

    @Argument(help: "Groups to audit, by id or name (default: every group).")
    var groups: [String] = []

    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp("Policies to check (repeatable; default: the stdlib module 'cis').", valueName: "file"))
    var policyFiles: [String] = []

    @Flag(
        help:
            "Also report groups no network interface uses (their VPC's default group aside); one more read call.")
    var unused = false

    @Option(help: "Output format: 'text', 'json', or 'sarif' (SARIF 2.1.0 for CI systems).")
    var output: Format = .text

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup(title: "Fleet") var fleet: FleetOptions

    func run() async throws {
        let host = CLIHost(backend: nil, printsTo: .standardError)
        let interpreter = Interpreter(host: host)
        let policies: PolicySet
        if policyFiles.isEmpty {
            policies = try await interpreter.plan(source: "use \"cis\"\n", name: "<audit>").policies
        } else {
            policies = try await PolicyFiles.load(policyFiles, with: interpreter)
        }
        if let unknown = PolicyCheck(policies, now: 0).unknownExemptions.first {
            let at = unknown.origin.map { "\($0.location): " } ?? ""
            throw CLIError(
                usage:
                    "\(at)the exemption names the policy \(SourceWriter.quoted(unknown.policy)), which no policy declares"
            )
        }
        let audit = LiveAudit(groups: groups, policies: policies, now: host.now(), reportsUnused: unused)
        if fleet.isFleet {
            try await FleetRun(
                fleet: fleet, backendOptions: backendOptions, script: nil,
                output: try OutputOptions.parse(output == .json ? ["--output", "json"] : []),
                action: .audit(audit, sarif: output == .sarif)
            ).run()
            return
        }
        let result = try await backendOptions.withBackend { opened in try await audit.run(on: opened.backend) }
        for warning in result.warnings { Terminal.writeError("warning: \(warning)\n") }
        let findings = result.findings
        switch output {
        case .text: Terminal.write(AuditRenderer.text(findings, groupsAudited: result.audited))
        case .json: Terminal.write(AuditRenderer.json(findings))
        case .sarif: Terminal.write(AuditRenderer.sarif(findings, toolVersion: Version.number))
        }
        if !findings.isEmpty { throw Outcome.failed }
    }
}
