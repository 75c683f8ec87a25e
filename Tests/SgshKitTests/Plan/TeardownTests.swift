// `sg $x delete` plans away what blocks it: rules in other groups that
// reference the group are revoked first (cycles broken), and a group a
// network interface uses is refused with the interface named, nothing sent.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct TeardownTests {
    /// x is referenced by y (which x references back: a cycle) and by z's egress; x also names itself.
    struct Referenced {
        let local = LocalBackend.inMemory()
        var x = ""
        var y = ""
        var z = ""

        init() async throws {
            x = try await makeGroup(local, "x")
            y = try await makeGroup(local, "y", ingress: [tcp(80, fromGroup: x, "from x")])
            z = try await makeGroup(local, "z", egress: [tcp(5432, fromGroup: x, "to x")])
            _ = try await local.authorize(
                .ingress, groupId: x,
                permissions: IPPermission.grouping([tcp(5432, fromGroup: y), tcp(22, fromGroup: x)]),
                tags: [], dryRun: false)
        }
    }

    @Test func referencesAreRevokedFirstAndTheDeleteSucceedsInOneApply() async throws {
        let scenario = try await Referenced()
        let counting = CountingBackend(scenario.local)
        let changeSet = try await planChanges([.delete(.id(scenario.x))], on: counting)
        #expect(
            changeSet.calls == [
                .revoke(.id(scenario.y), .ingress, [tcp(80, fromGroup: scenario.x, "from x")]),
                .revoke(.id(scenario.z), .egress, [tcp(5432, fromGroup: scenario.x, "to x")]),
                .delete(.id(scenario.x)),
            ])
        // One interface read, two reference reads (ingress, egress), beside the plan's own describe.
        #expect(counting.count(.describeNetworkInterfaces) == 1)
        #expect(counting.mutatingCalls == 0)

        let report = await Executor(backend: scenario.local).apply(changeSet)
        #expect(report.succeeded)
        let left = try await scenario.local.describeSecurityGroups(.all).map(\.groupId)
        #expect(!left.contains(scenario.x) && left.contains(scenario.y) && left.contains(scenario.z))
        let y = try #require(
            try await scenario.local.describeSecurityGroups(SecurityGroupQuery(groupIds: [scenario.y])).first)
        #expect(try y.rules(.ingress).isEmpty)
    }

    @Test func aCycleOfDeletedGroupsIsBrokenBeforeEitherDelete() async throws {
        let scenario = try await Referenced()
        let changeSet = try await planChanges([.delete(.id(scenario.x)), .delete(.id(scenario.y))], on: scenario.local)
        #expect(changeSet.calls.map(\.actionName).suffix(2) == ["DeleteSecurityGroup", "DeleteSecurityGroup"])
        #expect(changeSet.calls.filter { $0.actionName.hasPrefix("Revoke") }.count == 3)
        let report = await Executor(backend: scenario.local).apply(changeSet)
        #expect(report.succeeded, "\(String(describing: report.failure))")
        let left = try await scenario.local.describeSecurityGroups(.all).map(\.groupId)
        #expect(!left.contains(scenario.x) && !left.contains(scenario.y))
    }

    @Test func aGroupAnInterfaceUsesIsRefusedWithTheInterfaceNamedAndNothingSent() async throws {
        let scenario = try await Referenced()
        let eni = try await scenario.local.createNetworkInterface(
            groupIds: [scenario.z, scenario.x], description: "web server", instanceId: "i-0123456789abcdef0")
        let before = try await snapshot(scenario.local)
        let counting = CountingBackend(scenario.local)
        do {
            _ = try await planChanges([.delete(.id(scenario.x))], on: counting)
            Issue.record("the delete was planned")
        } catch let error as PlanningError {
            #expect(error.code == "DependencyViolation")
            #expect(
                error.message
                    == "security group '\(scenario.x)' cannot be deleted: a network interface uses it: \(eni) (attached to i-0123456789abcdef0, \"web server\")"
            )
        }
        #expect(counting.mutatingCalls == 0)
        #expect(try await snapshot(scenario.local) == before)
        // The local store refuses the delete itself too, as EC2 does.
        await #expect(throws: BackendError.self) {
            try await scenario.local.deleteSecurityGroup(groupId: scenario.x, dryRun: false)
        }
        try await scenario.local.deleteNetworkInterface(id: eni)
        #expect(try await scenario.local.describeNetworkInterfaces(groupIds: [scenario.x]).isEmpty)
    }
}

/// Moving an interface between groups (ModifyNetworkInterfaceAttribute) on the local store.
@Suite struct LocalNetworkInterfaceTests {
    @Test func anInterfaceMovesToAnotherGroupAndItsOldGroupCanThenBeDeleted() async throws {
        let local = LocalBackend.inMemory()
        let old = try await makeGroup(local, "old")
        let new = try await makeGroup(local, "new")
        let other = try await makeGroup(local, "other")
        let eni = try await local.createNetworkInterface(groupIds: [other, old], instanceId: "i-0abc")
        try await local.modifyNetworkInterfaceGroups(networkInterfaceId: eni, groupIds: [other, new])
        #expect(try await local.describeNetworkInterfaces(groupIds: [old]).isEmpty)
        #expect(try await local.describeNetworkInterfaces(groupIds: [new]).map(\.groupIds) == [[other, new]])
        let plan = try await planChanges([.delete(.id(old))], on: local)
        #expect(await Executor(backend: local).apply(plan).succeeded)

        // All or nothing: an unknown group changes nothing.
        await #expect(throws: BackendError.self) {
            try await local.modifyNetworkInterfaceGroups(
                networkInterfaceId: eni, groupIds: [new, "sg-0123456789abcdef0"])
        }
        #expect(try await local.describeNetworkInterfaces(groupIds: [new]).map(\.groupIds) == [[other, new]])
        await #expect(throws: BackendError.self) {
            try await local.modifyNetworkInterfaceGroups(networkInterfaceId: "eni-0123456789abcdef0", groupIds: [new])
        }
    }
}
