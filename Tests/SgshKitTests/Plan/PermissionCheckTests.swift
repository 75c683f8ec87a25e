import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

/// `--check-permissions`: every call sent with DryRun, verdicts per call, nothing changed.
@Suite struct PermissionCheckTests {
    @Test func allowedCallsChangeNothing() async throws {
        let local = LocalBackend.inMemory()
        let group = try await makeGroup(local, "web", ingress: [tcp(22, "10.0.0.0/8", "ssh")])
        var plan = Plan()
        plan.append(.authorize(.id(group), .ingress, [tcp(443, "0.0.0.0/0", "https")], tags: []))
        plan.append(.revoke(.id(group), .ingress, [tcp(22, "10.0.0.0/8")]))
        let changeSet = try await Planner(backend: local).plan(plan)
        let before = try await local.describeSecurityGroups(SecurityGroupQuery(groupIds: [group]))

        let results = await Executor(backend: local).checkPermissions(changeSet)

        #expect(results.map(\.action) == ["AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress"])
        #expect(results.allSatisfy { $0.verdict == .allowed })
        let after = try await local.describeSecurityGroups(SecurityGroupQuery(groupIds: [group]))
        #expect(after == before)
    }

    @Test func unauthorizedIsReportedAsDeniedAndOtherErrorsAsFailed() async throws {
        let local = LocalBackend.inMemory()
        let group = try await makeGroup(local, "web", ingress: [])
        let denied = BackendError(
            code: "UnauthorizedOperation", message: "You are not authorized to perform this operation.")
        let backend = FaultInjectingBackend(
            local,
            faults: [
                1: .fail(denied),
                2: .fail(BackendError(code: "InvalidGroup.NotFound", message: "gone")),
            ])
        var plan = Plan()
        plan.append(.authorize(.id(group), .ingress, [tcp(443, "0.0.0.0/0")], tags: []))
        plan.append(.tag(.id(group), [Tag(key: "env", value: "prod")]))
        let changeSet = try await Planner(backend: local).plan(plan)

        let results = await Executor(backend: backend).checkPermissions(changeSet)

        #expect(results.count == 2)
        #expect(results[0].verdict == .denied(denied))
        #expect(results[0].text.hasPrefix("denied   AuthorizeSecurityGroupIngress \(group)"))
        guard case .failed(let error) = results[1].verdict else {
            Issue.record("expected the tag call to fail, got \(results[1].verdict)")
            return
        }
        #expect(error.code == "InvalidGroup.NotFound")
    }

    @Test func callsOnGroupsThePlanCreatesAreSkipped() async throws {
        let local = LocalBackend.inMemory()
        let created = CreatedGroup(placeholder: 0, name: "new-web", description: "web", vpcId: nil)
        var plan = Plan()
        plan.append(.create(created, tags: []))
        plan.append(.authorize(.created(created), .ingress, [tcp(443, "0.0.0.0/0")], tags: []))
        let changeSet = try await Planner(backend: local).plan(plan)

        let results = await Executor(backend: local).checkPermissions(changeSet)

        #expect(results.first?.verdict == .allowed)
        #expect(
            results.dropFirst().allSatisfy {
                if case .notChecked = $0.verdict { true } else { false }
            })
        #expect(try await local.describeSecurityGroups(.all).allSatisfy { $0.groupName != "new-web" })
    }

    @Test func descriptionUpdatesAreNotSentBecauseTheyHaveNoDryRun() async throws {
        let local = LocalBackend.inMemory()
        let group = try await makeGroup(local, "web", ingress: [tcp(22, "10.0.0.0/8", "old")])
        var plan = Plan()
        plan.append(.authorize(.id(group), .ingress, [tcp(22, "10.0.0.0/8", "new")], tags: []))
        let changeSet = try await Planner(backend: local).plan(plan)
        let before = try await snapshot(local)
        let counting = CountingBackend(local)

        let results = await Executor(backend: counting).checkPermissions(changeSet)

        #expect(results.map(\.action) == ["UpdateSecurityGroupRuleDescriptionsIngress"])
        #expect(results.first?.verdict == .notChecked("UpdateSecurityGroupRuleDescriptions has no DryRun parameter"))
        #expect(counting.mutatingCalls == 0)
        #expect(try await snapshot(local) == before)
    }
}
