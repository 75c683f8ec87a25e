// Small builders for planner and executor tests: rules, live groups and plans
// written in one line each, so a test reads like the script it stands for.

import SgshModel

@testable import SgshKit

/// A tcp rule on one port from (or to) one CIDR.
func tcp(_ port: Int, _ cidr: String, _ description: String? = nil) -> Rule {
    try! Rule(
        ipProtocol: .tcp, ports: .range(PortRange(port)!), peer: .cidr(CIDR(cidr)!), description: description)
}

/// A udp rule on one port from (or to) one CIDR.
func udp(_ port: Int, _ cidr: String, _ description: String? = nil) -> Rule {
    try! Rule(
        ipProtocol: .udp, ports: .range(PortRange(port)!), peer: .cidr(CIDR(cidr)!), description: description)
}

/// The allow-all rule (`all to 0.0.0.0/0`), as EC2 puts on a new group's egress.
let allowAll = try! Rule(ipProtocol: .all, ports: .none, peer: .cidr(CIDR("0.0.0.0/0")!))

/// The `n`th distinct IPv4 host CIDR in 10.0.0.0/8.
func host(_ n: Int) -> String { "10.\(n / 65536 % 256).\(n / 256 % 256).\(n % 256)/32" }

/// A live group as a describe would return it.
func liveGroup(
    _ id: String, ingress: [Rule] = [], egress: [Rule] = [allowAll], tags: [Tag] = []
) -> SecurityGroup {
    SecurityGroup(
        groupId: id, groupName: "name-\(id)", description: "group \(id)", vpcId: "vpc-0aaa",
        ipPermissions: IPPermission.grouping(ingress), ipPermissionsEgress: IPPermission.grouping(egress), tags: tags)
}

/// Folds operations over live groups without a backend.
func fold(_ operations: [Operation], live: [SecurityGroup], strict: Bool = false, quota: RuleQuota = .ec2Default)
    throws(PlanningError) -> ChangeSet
{
    var folder = PlanFolder(
        liveGroups: Dictionary(uniqueKeysWithValues: live.map { ($0.groupId, $0) }), strict: strict)
    for operation in operations { try folder.fold(PlannedOperation(operation)) }
    return try folder.changeSet(quota: quota)
}

/// A group a plan creates.
func newGroup(_ placeholder: Int, _ name: String) -> CreatedGroup {
    CreatedGroup(placeholder: placeholder, name: name, description: "\(name) tier", vpcId: "vpc-0aaa")
}
