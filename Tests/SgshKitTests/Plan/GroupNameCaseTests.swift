// Issue 17: `sg create` of a name that differs only in case from an existing
// group fails the plan (EC2 names ignore case: EC2-FACTS §3), with the text
// people read pinned here; an exact name is still adopted.

import SgshLocal
import SgshModel
import Testing

@testable import SgshKit

@Suite struct GroupNameCaseTests {
    func plan(_ source: String, on local: LocalBackend) async throws -> ChangeSet {
        let plan = try await Interpreter(host: TestHost(backend: local)).plan(source: source, name: "web.sgsh")
        return try await Planner(backend: local).plan(plan)
    }

    @Test func aNameDifferingOnlyInCaseFailsThePlanWithBothNamesAndThePosition() async throws {
        let local = LocalBackend.inMemory()
        let id = try await makeGroup(local, "web")
        let source =
            "# the web tier\nlet web = sg create \"Web\" \"web tier\"\nsg $web ingress allow tcp 443 from ::/0\n"
        await #expect {
            _ = try await plan(source, on: local)
        } throws: { error in
            guard let error = error as? PlanningError, case .groupNameTaken(let created, let existing) = error.kind
            else { return false }
            #expect(created.name == "Web" && existing.groupId == id)
            #expect(error.code == "InvalidGroup.Duplicate")
            #expect(
                error.rendered() == """
                    web.sgsh:2:11: error: group name 'Web' differs only in case from the existing group 'web' \
                    (\(id) in \(existing.vpcId!)); EC2 group names ignore case
                       2 | let web = sg create "Web" "web tier"
                         |           ^~~~~~~~~~~~~~~~~~~~~~~~~~
                    hint: write 'web' to adopt the existing group, or choose another name

                    """)
            return true
        }
        // The local backend refuses the same create as EC2 does.
        await #expect {
            _ = try await local.createSecurityGroup(
                name: "WEB", description: "d", vpcId: nil, tags: [], dryRun: false)
        } throws: { ($0 as? BackendError)?.code == "InvalidGroup.Duplicate" }
    }

    @Test func theExactNameIsStillAdoptedAndOtherNamesCreated() async throws {
        let local = LocalBackend.inMemory()
        _ = try await makeGroup(local, "web")
        _ = try await makeGroup(local, "web-two")
        let changes = try await plan(
            "let a = sg create \"web\" \"w\"\nlet b = sg create \"webs\" \"w\"\nlet c = sg create \"WEB-2\" \"w\"\n",
            on: local)
        #expect(changes.creations.map(\.group.name) == ["webs", "WEB-2"])
    }
}
