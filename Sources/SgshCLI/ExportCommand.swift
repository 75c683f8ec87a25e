import ArgumentParser
import SgshKit
import SgshModel

/// `sgsh export`: the live groups as a script that manages them from now on.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print security groups as an sgsh script.",
        discussion: """
            Each group becomes 'sg create' (which finds the group when it exists) and an
            'exactly' block per direction, so running the script again changes nothing.
            Rules naming an exported group use its variable.

            Examples:
              sgsh export > groups.sgsh && sgsh plan --detailed-exitcode groups.sgsh
              sgsh export --backend aws --region eu-west-1 web sg-0123abcd
              sgsh export --profiles dev,prod --regions eu-west-1,us-east-1 > fleet.sgsh
            """
    )

    @Argument(
        help: "Groups to export, by id or name (default: every group but the VPCs' default groups).",
        completion: .custom(GroupCompletion.candidates))
    var groups: [String] = []

    @Flag(
        name: .customLong("keep-vpc"),
        help: "Name each group's VPC in 'sg create' (else it is a comment, unless the name is in several VPCs).")
    var keepVPC = false

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup(title: "Fleet") var fleet: FleetOptions

    func run() async throws {
        if fleet.isFleet {
            // Each target's script under its heading (a comment); the summary on stderr.
            try await FleetRun(
                fleet: fleet, backendOptions: backendOptions, script: nil, output: try OutputOptions.parse([]),
                action: .export(groups: groups, keepVPC: keepVPC)
            ).run()
            return
        }
        let described = try await backendOptions.withBackend { opened in
            do {
                return try await opened.backend.describeSecurityGroups(.all)
            } catch {
                throw CLIError("describing the security groups failed: \(error)")
            }
        }
        let (selected, missing) = Self.select(groups, from: described)
        if !missing.isEmpty {
            throw CLIError("no security group named or with id: \(missing.joined(separator: ", "))")
        }
        Terminal.write(ScriptExporter.script(for: selected, keepVPC: keepVPC, others: described))
    }

    /// The groups to export, by name and id, sorted (all when `names` is empty), and the names
    /// that match no group.
    static func select(_ names: [String], from described: [SecurityGroup]) -> (
        groups: [SecurityGroup], missing: [String]
    ) {
        let sorted = described.sorted { ($0.groupName, $0.groupId) < ($1.groupName, $1.groupId) }
        guard !names.isEmpty else { return (sorted, []) }
        let missing = names.filter { wanted in
            !described.contains { $0.groupId == wanted || $0.groupName == wanted }
        }
        return (sorted.filter { names.contains($0.groupId) || names.contains($0.groupName) }, missing)
    }
}
