// The shape of plans: a rule expands to exactly one Rule per (port entry,
// peer), whatever mix of literals, variables and lists produced them.

import SgshModel
import Testing

@testable import SgshKit

@Suite struct PlanShapeTests {
    func plan(_ source: String) async throws -> Plan {
        try await Interpreter(host: TestHost()).plan(source: source, name: "shape.sgsh")
    }

    @Test(arguments: [0, 1, 2, 7, 40])
    func aForOverNCIDRsPlansNRules(count: Int) async throws {
        let plan = try await plan(
            """
            let cidrs = []
            for i in range(\(count)) { cidrs = cidrs + ["10.\(count).${i}.0/24"] }
            for cidr in cidrs { sg sg-0a1 ingress allow tcp 443 from $cidr }
            """)
        let rules = plan.operations.flatMap { operation -> [Rule] in
            guard case .authorize(_, _, let rules, _) = operation.operation else { return [] }
            return rules
        }
        #expect(rules.count == count)
        #expect(Set(rules.map(\.peer)).count == count)
    }

    @Test(arguments: [(1, 1), (3, 2), (2, 5), (4, 4)])
    func portsTimesPeersIsTheCrossProduct(ports: Int, peers: Int) async throws {
        let plan = try await plan(
            """
            let ports = []
            for p in range(\(ports)) { ports = ports + [8000 + p] }
            let peers = []
            for i in range(\(peers)) { peers = peers + ["192.168.${i}.0/24"] }
            sg sg-0a1 ingress allow tcp $ports from $peers "cross"
            """)
        guard case .authorize(.id("sg-0a1"), .ingress, let rules, tags: [])? = plan.operations.first?.operation else {
            Issue.record("expected one authorize operation, got \(plan.operations)")
            return
        }
        #expect(plan.operations.count == 1)
        #expect(rules.count == ports * peers)
        #expect(Set(rules.map(\.key)).count == ports * peers)
        #expect(rules.allSatisfy { $0.description == "cross" })
    }

    @Test func operationsKeepTheRangeOfTheirStatement() async throws {
        let plan = try await plan(
            """
            sg sg-0a1 ingress {
              allow tcp 22 from 10.0.0.0/8
              revoke tcp 23 from 10.0.0.0/8
            }
            sg sg-0a1 delete
            """)
        #expect(plan.operations.map { $0.origin?.location.line } == [2, 3, 5])
        #expect(
            plan.operations.map { $0.origin?.text } == [
                "allow tcp 22 from 10.0.0.0/8", "revoke tcp 23 from 10.0.0.0/8", "sg sg-0a1 delete",
            ])
    }

    @Test func createdGroupsAreNumberedInOrderAndUsableAsPeers() async throws {
        let plan = try await plan(
            """
            let lb = sg create "lb" vpc vpc-0a "load balancer"
            let app = sg create "app" vpc vpc-0a
            sg $app ingress allow tcp 8080 from $lb
            """)
        let created = plan.operations.compactMap { operation -> CreatedGroup? in
            if case .create(let group, _) = operation.operation { return group }
            return nil
        }
        #expect(created.map(\.placeholder) == [1, 2])
        #expect(created.map(\.description) == ["load balancer", "app"])
        guard case .authorize(.created(let target), _, let rules, _)? = plan.operations.last?.operation else {
            Issue.record("expected an authorize on the created group")
            return
        }
        #expect(target == created[1])
        #expect(rules.map(\.peer) == [.group(created[0].peerReference)])
    }
}
