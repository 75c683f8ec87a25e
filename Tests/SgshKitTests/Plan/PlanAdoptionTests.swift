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
        // Both groups are found by name in one describe, which also reads their rules and tags;
        // neither carries `sgsh:temporary-rules`, so no rule tags are read (6.3).
        #expect(counting.count(.describeSecurityGroups) == 1)
        #expect(counting.readCalls == 1)
        #expect(try await local.describeSecurityGroups(.all).filter { $0.groupName == "lb" }.count == 1)
    }
}

/// What the plan says about adopted groups, and a name it cannot adopt (issue 17).
@Suite struct AdoptionReportTests {
    static func changes(_ script: String, on backend: LocalBackend) async throws -> ChangeSet {
        let interpreter = Interpreter(host: TestHost(backend: backend))
        return try await interpreter.changes(
            for: try await interpreter.plan(source: script, name: "adopt.sgsh"), backend: backend)
    }

    @Test func anAdoptedGroupIsShownAndADifferentDescriptionWarned() async throws {
        let local = LocalBackend.inMemory()
        let id = try await local.createSecurityGroup(
            name: "web", description: "first", vpcId: nil, tags: [], dryRun: false)

        let same = try await Self.changes(#"sg create "web" "first""#, on: local)
        #expect(!same.hasChanges)
        #expect(
            ReportRenderer.text(same)
                == "= \(id) create \"web\" \"first\"  (exists: adopted)\nNo changes (1 already as asked).\n")

        let other = try await Self.changes(#"sg create "web" "second""#, on: local)
        #expect(other.adoptions.map(\.descriptionDiffers) == [true])
        #expect(
            ReportRenderer.text(other).hasPrefix(
                "= \(id) create \"web\" \"second\"  (exists: adopted; warning: its description is \"first\","
                    + " and EC2 cannot change a group's description)\n"))
    }

    @Test func aNameInTwoVPCsIsAnErrorNamingBothUnlessTheVPCIsGiven() async throws {
        let local = LocalBackend.inMemory()
        let first = try await local.createSecurityGroup(
            name: "web", description: "w", vpcId: nil, tags: [], dryRun: false)
        let vpc = try await local.createVPC()
        let second = try await local.createSecurityGroup(
            name: "web", description: "w", vpcId: vpc, tags: [], dryRun: false)
        let groups = try await local.describeSecurityGroups(SecurityGroupQuery())
        let defaultVPC = try #require(groups.first { $0.groupId == first }?.vpcId)

        await #expect {
            _ = try await Self.changes(#"sg create "web" "w""#, on: local)
        } throws: { error in
            guard let error = error as? PlanningError, case .ambiguousGroupName = error.kind else { return false }
            let ids = [first, second].sorted()
            let vpcs = [first: defaultVPC, second: vpc]
            return error.description
                == "adopt.sgsh:1:1: 2 groups are named 'web' (\(ids[0]) in \(vpcs[ids[0]]!) and \(ids[1]) in \(vpcs[ids[1]]!)); write 'sg create \"web\" vpc VPC-ID …' to say which"
        }
        let named = try await Self.changes(#"sg create "web" vpc \#(vpc) "w""#, on: local)
        #expect(named.adoptions.map(\.id) == [second])
    }
}
