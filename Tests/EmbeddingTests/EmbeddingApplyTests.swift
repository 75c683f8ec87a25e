// The boundary between SgshKit's interpreter and the planner/executor, seen
// from an embedding program: `Interpreter.plan` yields a Plan, the Planner
// diffs it against a backend (here the in-memory local backend, also
// serving `sg lookup`), and the Executor applies it.

import SgshKit
import SgshLocal
import SgshModel
import Testing

/// A host whose reads go to a backend.
struct BackendHost: Host {
    let backend: (any SecurityGroupBackend)?
    func print(_ text: String) {}
}

@Suite struct EmbeddingApplyTests {
    static let script = """
        let web = sg lookup "web"
        if web == nil { web = sg create "web" "web servers" }
        sg $web ingress allow tcp [80, 443] from 0.0.0.0/0 "public web"
        """

    func run(_ backend: LocalBackend) async throws -> ApplyReport {
        let interpreter = Interpreter(host: BackendHost(backend: backend))
        let plan = try await interpreter.plan(source: Self.script, name: "web.sgsh")
        let changes = try await Planner(backend: backend).plan(plan)
        return await Executor(backend: backend).apply(changes)
    }

    @Test func aPlanAppliesAndARunAgainFindsTheGroupByName() async throws {
        let backend = LocalBackend.inMemory()
        let first = try await run(backend)
        #expect(first.succeeded)
        let groups = try await backend.describeSecurityGroups(SecurityGroupQuery(groupNames: ["web"]))
        #expect(groups.count == 1)
        let rules = try groups.first.map { try $0.rules(.ingress) } ?? []
        #expect(Set(rules.map(\.ports)) == [.range(PortRange(80)!), .range(PortRange(443)!)])

        // The second run looks the group up instead of creating it, and changes nothing.
        let second = try await run(backend)
        #expect(second.succeeded)
        #expect(try await backend.describeSecurityGroups(SecurityGroupQuery(groupNames: ["web"])).count == 1)
        #expect(!second.changeSet.hasChanges)
        #expect(second.callCount == 0)
    }
}
