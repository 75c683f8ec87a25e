import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

/// `sg create` of a group that already exists adopts it, so scripts can run again and again.
@Suite struct PlanAdoptionTests {
    let lb = CreatedGroup(placeholder: 0, name: "lb", description: "load balancer", vpcId: nil)
    let app = CreatedGroup(placeholder: 1, name: "app", description: "app servers", vpcId: nil)

    func operations() -> [Operation] {
        [
            .create(lb, tags: [Tag(key: "tier", value: "public")]),
            .create(app, tags: []),
            .authorize(.created(lb), .ingress, [tcp(443, "0.0.0.0/0", "https")], tags: []),
            .authorize(.created(app), .ingress, [tcp(8080, fromGroup: lb.peerReference.groupId, "from lb")], tags: []),
        ]
    }

    @Test func existingGroupsAreAdoptedAndNothingIsCreated() async throws {
        let local = LocalBackend.inMemory()
        let lbId = try await makeGroup(local, "lb", ingress: [tcp(443, "0.0.0.0/0", "https")])
        let counting = CountingBackend(local)

        let changeSet = try await planChanges(operations(), on: counting)

        // "app" does not exist yet: it is created; "lb" exists: it is adopted.
        #expect(changeSet.creations.map(\.group.name) == ["app"])
        let lbRules = try #require(changeSet.ruleChanges.first { $0.group == .id(lbId) })
        #expect(lbRules.additions.isEmpty)
        #expect(lbRules.unchanged.map(\.key) == [tcp(443, "0.0.0.0/0").key])
        // The rule naming the adopted group as a peer now names its id.
        let appRules = try #require(changeSet.ruleChanges.first { $0.group == .created(app) })
        #expect(appRules.additions.flatMap(\.rules).map(\.peer) == [.group(GroupReference(groupId: lbId))])
        // The create's tags become a tag change on the adopted group.
        #expect(
            changeSet.tagChanges.first { $0.group == .id(lbId) }?.set.map(\.tag) == [Tag(key: "tier", value: "public")])
    }

    @Test func aSecondApplyOfTheSamePlanSendsNothing() async throws {
        let local = LocalBackend.inMemory()
        let first = try await apply(operations(), on: local)
        #expect(first.succeeded)
        #expect(first.callCount > 0)

        let counting = CountingBackend(local)
        let second = try await apply(operations(), on: counting)

        #expect(second.succeeded)
        #expect(second.callCount == 0)
        #expect(counting.mutatingCalls == 0)
        // Both groups are found by name in one describe, which also reads their rules.
        #expect(counting.readCalls == 1)
        #expect(try await local.describeSecurityGroups(.all).filter { $0.groupName == "lb" }.count == 1)
    }
}
