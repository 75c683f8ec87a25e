// Issue 17: ICMPv6 (and protocol 58, which is ICMPv6) without a type means every
// type, as in EC2 and LANGUAGE.md §6; `check`, `plan` and apply agree on it.

import SgshLocal
import SgshModel
import Testing

@testable import SgshKit

@Suite struct ICMPv6WithoutTypeTests {
    @Test(arguments: ["icmpv6", "58", "ICMPv6", "ipv6-icmp"])
    func checkPlanAndApplyAgreeThatNoTypeIsEveryType(_ proto: String) async throws {
        let local = LocalBackend.inMemory()
        let id = try await makeGroup(local, "v6")
        let source = "sg \(id) ingress allow \(proto) from ::/0 \"all of icmpv6\"\n"
        let interpreter = Interpreter(host: TestHost(backend: local))
        #expect(interpreter.check(source: source, name: "v6.sgsh").isEmpty)

        let plan = try await interpreter.plan(source: source, name: "v6.sgsh")
        let everyType = try Rule(
            ipProtocol: .icmpv6, ports: .icmp(.all), peer: .cidr(CIDR("::/0")!), description: "all of icmpv6")
        let changes = try await Planner(backend: local).plan(plan)
        #expect(changes.ruleChanges.flatMap(\.additions).flatMap(\.rules) == [everyType])

        let report = await Executor(backend: local).apply(changes)
        #expect(report.succeeded)
        let group = try #require(try await local.describeSecurityGroups(SecurityGroupQuery(groupIds: [id])).first)
        #expect(try group.rulesDroppingOwnAccount(.ingress).map(\.key) == [everyType.key])
    }
}
