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
            """
    )

    @Argument(help: "Groups to export, by id or name (default: every group but the VPCs' default groups).")
    var groups: [String] = []

    @Flag(
        name: .customLong("keep-vpc"),
        help: "Name each group's VPC in 'sg create' (else it is a comment, unless the name is in several VPCs).")
    var keepVPC = false

    @OptionGroup var backendOptions: BackendOptions

    func run() async throws {
        let described = try await backendOptions.withBackend { opened in
            do {
                return try await opened.backend.describeSecurityGroups(.all)
            } catch {
                throw CLIError("describing the security groups failed: \(error)")
            }
        }
        var selected = described.sorted { ($0.groupName, $0.groupId) < ($1.groupName, $1.groupId) }
        if !groups.isEmpty {
            let missing = groups.filter { wanted in
                !described.contains { $0.groupId == wanted || $0.groupName == wanted }
            }
            if !missing.isEmpty {
                throw CLIError("no security group named or with id: \(missing.joined(separator: ", "))")
            }
            selected = selected.filter { groups.contains($0.groupId) || groups.contains($0.groupName) }
        }
        Terminal.write(ScriptExporter.script(for: selected, keepVPC: keepVPC, others: described))
    }
}
