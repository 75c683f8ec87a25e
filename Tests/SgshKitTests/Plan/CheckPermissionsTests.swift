import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct CheckPermissionsTests {
    @Test func everyCallIsSentAsADryRunAndNothingChanges() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(22, "10.0.0.0/8", "old"), tcp(23, "0.0.0.0/0")])
        let before = try await snapshot(local)
        let db = CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: nil)
        let operations: [Operation] = [
            .create(db, tags: []),
            .authorize(.created(db), .ingress, [tcp(5432, "10.0.0.0/16")], tags: []),
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0"), tcp(22, "10.0.0.0/8", "new")], tags: []),
            .revoke(.id(web), .ingress, [tcp(23, "0.0.0.0/0")]),
            .tag(.id(web), [Tag(key: "env", value: "prod")]),
        ]
        let changeSet = try await planChanges(operations, on: local)
        let denied = BackendError(code: "UnauthorizedOperation", message: "You are not authorized")
        // Mutating calls that reach the backend: create, authorize web, revoke web, create tags.
        let faulty = FaultInjectingBackend(local, faults: [3: .fail(denied)])
        let checks = await Executor(backend: faulty).checkPermissions(changeSet)
        #expect(checks.map(\.call) == changeSet.calls)
        #expect(
            checks.map(\.verdict) == [
                .allowed,
                .notCheckable("the group does not exist yet"),
                .allowed,
                .notCheckable("UpdateSecurityGroupRuleDescriptions has no DryRun parameter"),
                .denied(
                    CallFailure(
                        action: "RevokeSecurityGroupIngress", code: "UnauthorizedOperation",
                        message: "You are not authorized", category: .unauthorized)),
                .allowed,
            ])
        #expect(try await snapshot(local) == before)
    }
}
