// Reports after a failure say what happened (issue 17): "nothing was applied"
// when nothing was, one copy of a batch call's error, a note column that long
// descriptions do not push away, and a summary without doubled punctuation.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct FailureReportTests {
    static let quota = BackendError(
        code: "RulesPerSecurityGroupLimitExceeded",
        message: "The maximum number of rules per security group has been reached.")

    @Test func aFirstCallThatFailsAppliedNothingAndSaysSo() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let faulty = FaultInjectingBackend(local, failingCall: 1, with: Self.quota)
        let rules = [tcp(22, "10.0.0.0/8"), tcp(80, "10.0.0.0/8"), tcp(443, "10.0.0.0/8")]
        let report = try await apply([.authorize(.id(web), .ingress, rules, tags: [])], on: faulty)
        #expect(
            ReportRenderer.text(report) == """
                ~ \(web) ingress
                  ! tcp 22 from 10.0.0.0/8   (RulesPerSecurityGroupLimitExceeded: The maximum number of rules per security group has been reached.)
                  ! tcp 80 from 10.0.0.0/8   (as above)
                  ! tcp 443 from 10.0.0.0/8  (as above)
                Failed: AuthorizeSecurityGroupIngress: RulesPerSecurityGroupLimitExceeded: The maximum number of rules per \
                security group has been reached; nothing was applied (1 call).

                """)
    }

    @Test func aLongDescriptionDoesNotPushTheNoteColumn() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(443, "10.0.0.0/8")])
        let long = String(repeating: "a", count: 200)
        let report = try await apply(
            [.authorize(.id(web), .ingress, [tcp(22, "10.0.0.0/8", long), tcp(443, "10.0.0.0/8")], tags: [])],
            on: local)
        let lines = ReportRenderer.text(report).split(separator: "\n")
        #expect(lines[1] == "  + tcp 22 from 10.0.0.0/8 \"\(long)\"")
        #expect(lines[2] == "  = tcp 443 from 10.0.0.0/8  (already present)")
    }

    @Test func aCancelledApplySaysCancelled() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let canceller = TaskCanceller()
        let faulty = FaultInjectingBackend(local, faults: [1: .cancelAfter(canceller)])
        let changeSet = try await planChanges(
            [
                .authorize(.id(web), .ingress, [tcp(22, "10.0.0.0/8")], tags: []),
                .authorize(.id(web), .egress, [tcp(443, "10.0.0.0/8")], tags: []),
            ], on: local)
        let report = await canceller.run { await Executor(backend: faulty).apply(changeSet) }
        let summary = ReportRenderer.text(report).split(separator: "\n").last
        #expect(
            summary
                == "Cancelled before AuthorizeSecurityGroupEgress finished; every applied change was rolled back (2 calls)."
        )
        #expect(report.failure?.category == .cancelled)
    }
}
