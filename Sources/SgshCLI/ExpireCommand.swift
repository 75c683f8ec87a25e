import ArgumentParser
import Foundation
import SgshKit

/// `sgsh expire`: revoke every temporary rule (`allow … for 2h`) whose time has come.
struct ExpireCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "expire",
        abstract: "Revoke every temporary rule whose 'sgsh:expires' time has come.",
        discussion: """
            Reads every rule of the account and region (or of the local state file) in one \
            DescribeSecurityGroupRules call and revokes the rules tagged 'sgsh:expires' with a \
            time at or before now: one revoke per group and direction. Then it tags \
            'sgsh:temporary-rules' on the groups that still hold temporary rules and removes it \
            from the others (plans read rule tags only in marked groups). Safe to run from cron: \
            a second run finds nothing to do, and a call that fails is retried by the next run.

            Exit 0 when every due rule was revoked (or none was due) and the marks were set, 1 \
            when the read, a revoke or a mark call failed, 2 on a usage error.

            Examples:
              sgsh expire --dry-run
              sgsh expire --backend aws --region eu-west-1 --output json
              */10 * * * *  sgsh expire --backend aws --quiet
              sgsh expire --dry-run --at 2026-12-31T18:00:00Z
            """
    )

    @Flag(name: .customLong("dry-run"), help: "Send nothing: print what would be revoked.")
    var dryRun = false

    @Option(
        help: ArgumentHelp(
            "Judge expiry at this time instead of now (ISO 8601 UTC, e.g. 2026-12-31T18:00:00Z).",
            valueName: "time"))
    var at: String?

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        if let at, UTCTimestamp.seconds(at) == nil {
            throw ValidationError("--at: '\(at)' is not a time; write it as ISO 8601 UTC, e.g. 2026-12-31T18:00:00Z")
        }
    }

    func run() async throws {
        let now = at.flatMap(UTCTimestamp.seconds) ?? CLIHost(backend: nil).now()
        let (report, target) = try await backendOptions.withBackend { opened in
            do {
                return (try await Expirer(backend: opened.backend).expire(now: now, dryRun: dryRun), opened.target)
            } catch {
                throw CLIError("reading the rules failed; nothing was revoked: \(error)")
            }
        }
        switch outputOptions.output {
        case .json:
            Terminal.write(target.addingTo(ExpiryRenderer.json(report)).rendered() + "\n")
        case .text:
            if !outputOptions.quiet || !report.succeeded || !report.unreadable.isEmpty {
                Terminal.write(target.reportHeader + ExpiryRenderer.text(report))
            }
        }
        if !report.succeeded { throw Outcome.failed }
    }
}
