// A revoke EC2 answers with success while listing rules it did not find
// (`UnknownIpPermissions`, EC2's answer in a default VPC where elsewhere it
// says InvalidPermission.NotFound; the local backend does the same). After a
// lost answer the list is the first attempt's own work: settled by reading,
// it counts as applied, so a rollback puts the rules back. On a first attempt
// the rules were not there (the plan was stale): `--strict` fails naming them
// and rolls back what the call did revoke; otherwise they are gone as asked.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct RevokeUnknownPermissionsTests {
    /// Reverted by the lost-answer revoke in the tests below.
    static let telnet = tcp(23, "0.0.0.0/0", "telnet")
    static let ftp = tcp(21, "0.0.0.0/0", "ftp")

    /// The revoke (call 1) lands, its answer is lost, and the retry's answer lists both rules as
    /// unknown (they are gone: the first attempt removed them). With `failingSecond`, call 2 then
    /// fails for good and the rollback must re-add them.
    @Test(arguments: [false, true], [false, true])
    func aRetriedRevokeWhoseRulesAreUnknownLanded(failingSecond: Bool, strict: Bool) async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [Self.telnet, Self.ftp, tcp(22, "10.0.0.0/8")])
        let before = try await snapshot(local)
        var faults: [Int: FaultInjectingBackend.Fault] = [1: .applyTwiceLosingFirstAnswer]
        if failingSecond { faults[2] = .fail(BackendError(code: "InvalidParameterValue", message: "injected")) }
        let changeSet = try await planChanges(
            [
                .revoke(.id(web), .ingress, [Self.telnet, Self.ftp]),
                .tag(.id(web), [Tag(key: "env", value: "prod")]),
            ], on: local)
        let report = await Executor(backend: FaultInjectingBackend(local, faults: faults), strict: strict)
            .apply(changeSet)

        if failingSecond {
            #expect(report.failure?.code == "InvalidParameterValue")
            #expect(report.outcomes.first?.status == .rolledBack, "the revoke landed and was undone")
            #expect(try await snapshot(local) == before, "the rollback re-added both rules")
        } else {
            #expect(report.succeeded, "\(ReportRenderer.text(report))")
            let ingress = try await snapshot(local).first { $0.groupId == web }?.ingress
            #expect(ingress == [tcp(22, "10.0.0.0/8")])
            // Reported as removed, not as already absent: this apply removed them.
            #expect(ReportRenderer.counts(report.sections)[.removed] == 2, "\(ReportRenderer.text(report))")
        }
    }

    /// Another client revoked one of the two rules between plan and apply: EC2 revokes the
    /// other and lists the missing one. Strict, that is an error naming the rule, and what the
    /// call revoked is put back; otherwise the rule is gone as asked, and a later failure's
    /// rollback re-adds only the rule this apply removed.
    @Test(arguments: [false, true])
    func aFirstRevokeWhoseRuleIsUnknownMeansThePlanWasStale(strict: Bool) async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [Self.telnet, Self.ftp])
        let changeSet = try await planChanges([.revoke(.id(web), .ingress, [Self.telnet, Self.ftp])], on: local)
        // The other client.
        _ = try await local.revoke(
            .ingress, groupId: web, permissions: IPPermission.grouping([Self.ftp]), dryRun: false)
        let atApply = try await snapshot(local)

        let report = await Executor(backend: local, strict: strict).apply(changeSet)
        if strict {
            #expect(report.failure?.code == "InvalidPermission.NotFound")
            #expect(
                report.failure?.message.contains("'tcp 21 from 0.0.0.0/0'") == true,
                "\(String(describing: report.failure))")
            #expect(report.failure?.message.contains("tcp 23") == false, "only the missing rule is named")
            #expect(try await snapshot(local) == atApply, "the revoked telnet rule was put back")
        } else {
            #expect(report.succeeded, "\(ReportRenderer.text(report))")
            #expect(try await snapshot(local).first { $0.groupId == web }?.ingress == [])
        }
    }

    /// The same stale revoke, not strict, followed by a failing call: the rollback re-adds the
    /// rule this apply revoked and not the one another client removed.
    @Test func aStaleRevokesRollbackReAddsOnlyWhatItRemoved() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [Self.telnet, Self.ftp])
        let changeSet = try await planChanges(
            [
                .revoke(.id(web), .ingress, [Self.telnet, Self.ftp]),
                .tag(.id(web), [Tag(key: "env", value: "prod")]),
            ], on: local)
        _ = try await local.revoke(
            .ingress, groupId: web, permissions: IPPermission.grouping([Self.ftp]), dryRun: false)
        let atApply = try await snapshot(local)
        let faulty = FaultInjectingBackend(
            local, failingCall: 2, with: BackendError(code: "InvalidParameterValue", message: "injected"))
        let report = await Executor(backend: faulty).apply(changeSet)
        #expect(!report.succeeded)
        #expect(try await snapshot(local) == atApply)
    }
}
