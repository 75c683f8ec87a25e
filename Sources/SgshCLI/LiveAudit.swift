// One audit of one backend's live groups: one describe for every group, one
// read of the prefix lists their rules name (when any do, so CIDR policies see
// a list's blocks), then the pure judgement of SgshKit's Audit. `sgsh audit`
// runs it once; a fleet audit runs it in every target.

import SgshKit
import SgshModel

struct LiveAudit: Sendable {
    /// The groups to audit, by id or name (empty: every group).
    let groups: [String]
    let policies: PolicySet
    /// The time exemptions are judged at (seconds since the epoch).
    let now: Int
    /// Also report groups no network interface uses (one DescribeNetworkInterfaces call).
    var reportsUnused = false

    struct Result: Sendable {
        var audited: Int
        var findings: [AuditFinding]
        /// What the audit could not do and how that limits it (printed as warnings).
        var warnings: [String]
    }

    /// Audits `backend`; `target` labels the findings in a fleet audit.
    func run(on backend: any SecurityGroupBackend, target: String? = nil) async throws(CLIError) -> Result {
        let described: [SecurityGroup]
        do {
            described = try await backend.describeSecurityGroups(.all)
        } catch {
            throw CLIError("describing the security groups failed: \(error)")
        }
        let (selected, missing) = ExportCommand.select(groups, from: described)
        if !missing.isEmpty {
            throw CLIError(usage: "no security group named or with id: \(missing.joined(separator: ", "))")
        }
        var warnings: [String] = []
        var prefixLists: PrefixListCatalog = [:]
        do {
            prefixLists = try await backend.prefixListCatalog(ids: Audit.prefixListIds(in: selected))
        } catch {
            warnings.append("the prefix lists could not be read (\(error)): CIDR policies judge their rules by id only")
        }
        var usedGroupIds: Set<String>?
        if reportsUnused, !selected.isEmpty {
            do {
                let interfaces = try await backend.describeNetworkInterfaces(groupIds: selected.map(\.groupId))
                usedGroupIds = Set(interfaces.flatMap(\.groupIds))
            } catch {
                warnings.append("the network interfaces could not be read (\(error)): unused groups are not reported")
            }
        }
        var findings: [AuditFinding]
        do {
            findings = try Audit.findings(
                in: selected, policies: policies, now: now, prefixLists: prefixLists,
                existingGroupIds: Set(described.map(\.groupId)), usedGroupIds: usedGroupIds)
        } catch {
            throw CLIError("a group holds a rule sgsh cannot read: \(error)")
        }
        if let target { for index in findings.indices { findings[index].target = target } }
        return Result(audited: selected.count, findings: findings, warnings: warnings)
    }
}
