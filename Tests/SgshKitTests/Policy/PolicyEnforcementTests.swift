// Policies refuse a plan before anything is sent: a violating script makes no
// mutating call and its error points at the rule's line and the policy's;
// the same script without the offending line applies. Live rules the plan
// keeps count too, and are named.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct PolicyEnforcementTests {
    static let script = """
        policy deny ingress tcp 22, 3389 from 0.0.0.0/0, ::/0 "no world ssh or rdp"
        let web = sg create "web" "web servers"
        sg $web ingress allow tcp 443 from 0.0.0.0/0 "https"
        sg $web ingress allow tcp 20-30 from ::/0 "maintenance"

        """

    /// The planning error `body` throws, or nil when it succeeds.
    func refusal(_ body: () async throws -> Void) async -> PlanningError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? PlanningError
        }
    }

    func violations(_ error: PlanningError) -> [PolicyViolation] {
        if case .policyViolations(let found) = error.kind { return found }
        return []
    }

    @Test func aViolatingScriptSendsNothingAndPointsAtTheRuleAndThePolicy() async throws {
        let counting = CountingBackend(LocalBackend.inMemory())
        let interpreter = Interpreter(host: ClockHost())
        let plan = try await interpreter.plan(source: Self.script, name: "web.sgsh")
        let error = try #require(await refusal { _ = try await interpreter.apply(plan, to: counting) })
        do {
            #expect(
                violations(error).map { SourceWriter.rule($0.rule.rule, .ingress) } == [
                    #"tcp 20-30 from ::/0 "maintenance""#
                ])
            #expect(error.origin?.location.line == 4)
            let text = error.rendered()
            #expect(text.contains("web.sgsh:4:1: error: rule 'tcp 20-30 from ::/0 \"maintenance\"'"))
            #expect(text.contains("web.sgsh:1:1: note: the policy \"no world ssh or rdp\" is declared here"))
        }
        #expect(counting.mutatingCalls == 0)
        #expect(try await counting.describeSecurityGroups(.all).allSatisfy { $0.groupName != "web" })

        // Without the offending line it applies.
        let fixed = Self.script.replacingOccurrences(
            of: "sg $web ingress allow tcp 20-30 from ::/0 \"maintenance\"\n", with: "")
        let report = try await interpreter.run(source: fixed, name: "web.sgsh", backend: counting).report
        #expect(report.succeeded)
        #expect(counting.mutatingCalls > 0)
    }

    @Test func aLiveRuleThePlanKeepsIsNamedAndThePolicyLineShown() async throws {
        let local = LocalBackend.inMemory()
        let id = try await makeGroup(local, "bastion", ingress: [tcp(22, "0.0.0.0/0", "old ssh")])
        let counting = CountingBackend(local)
        let source = """
            policy deny ingress tcp 22 from 0.0.0.0/0 "no world ssh"
            sg \(id) ingress allow tcp 443 from 10.0.0.0/8 "internal https"
            """
        let error = try #require(
            await refusal {
                _ = try await Interpreter(host: ClockHost()).run(source: source, name: "b.sgsh", backend: counting)
            })
        do {
            let found = violations(error)
            #expect(found.count == 1)
            #expect(found.first?.rule.origin == nil)
            #expect(error.origin?.location.line == 1)
            #expect(
                error.message
                    == "live rule 'tcp 22 from 0.0.0.0/0 \"old ssh\"' in \(id) (bastion) ingress breaks policy \"no world ssh\""
            )
            #expect(
                error.rendered().contains("note: the rule is already live in \(id) (bastion) and the plan keeps it"))
        }
        #expect(counting.mutatingCalls == 0)

        // Revoking it in the same script satisfies the policy: the state *after* the plan counts.
        let revoking = source + "\nsg \(id) ingress revoke tcp 22 from 0.0.0.0/0\n"
        let report = try await Interpreter(host: ClockHost()).run(source: revoking, name: "b.sgsh", backend: counting)
        #expect(report.report.succeeded)
    }

    @Test(arguments: [(1_706_745_540, true), (1_706_745_600, false)])
    func anExemptionUsesTheHostsClock(_ now: Int, _ applies: Bool) async throws {
        let local = LocalBackend.inMemory()
        let id = try await makeGroup(local, "legacy")
        let source = """
            policy deny ingress tcp 22 from 0.0.0.0/0 "no world ssh"
            policy exempt \(id) from "no world ssh" until 2024-01-31 "vendor appliance, ticket NET-142"
            sg \(id) ingress allow tcp 22 from 0.0.0.0/0 "vendor access"
            """
        let interpreter = Interpreter(host: ClockHost(time: now))
        let error = await refusal {
            let result = try await interpreter.run(source: source, name: "legacy.sgsh", backend: local)
            #expect(result.report.succeeded)
        }
        #expect((error == nil) == applies)
        if let error {
            #expect(error.origin?.location.line == 3)
            #expect(
                error.rendered().contains(
                    "legacy.sgsh:2:1: note: the exemption of \(id) from \"no world ssh\" expired after 2024-01-31"))
        }
    }

    @Test func policiesFromOptionsJoinTheScripts() async throws {
        let local = LocalBackend.inMemory()
        let extra = try await policies(#"policy require description "every rule says why""#)
        let options = Planner.Options(policies: extra)
        let source = "let g = sg create \"x\" \"x\"\nsg $g ingress allow tcp 443 from 10.0.0.0/8\n"
        let plan = try await Interpreter(host: ClockHost()).plan(source: source, name: "x.sgsh")
        let error = await refusal {
            _ = try await Interpreter(host: ClockHost()).apply(plan, to: local, options: options)
        }
        // The new rule, and the egress rule EC2 gives every new group, which has no description either.
        #expect(
            error.map(violations)?.map { SourceWriter.rule($0.rule.rule, $0.direction) } == [
                "tcp 443 from 10.0.0.0/8", "all to 0.0.0.0/0",
            ])
        #expect(try await local.describeSecurityGroups(.all).allSatisfy { $0.groupName != "x" })
    }

    @Test func anExemptionOfAnUnknownPolicyIsAnError() async throws {
        let local = LocalBackend.inMemory()
        let id = try await makeGroup(local, "legacy")
        let counting = CountingBackend(local)
        let source = """
            policy deny ingress tcp 22 from 0.0.0.0/0 "no world ssh"
            policy exempt \(id) from "no world SSH" until 2030-01-31 "vendor appliance"
            sg \(id) ingress allow tcp 443 from 10.0.0.0/8 "internal"
            """
        let error = await refusal {
            _ = try await Interpreter(host: ClockHost()).run(source: source, name: "x.sgsh", backend: counting)
        }
        #expect(error?.message == "the exemption of \(id) names the policy \"no world SSH\", which no policy declares")
        #expect(error?.origin?.location.line == 2)
        #expect(counting.mutatingCalls == 0)
    }

    @Test func aREPLSessionKeepsItsPoliciesForLaterEntries() async throws {
        let local = LocalBackend.inMemory()
        let id = try await makeGroup(local, "web")
        let counting = CountingBackend(local)
        let session = Session(interpreter: Interpreter(host: ClockHost()))
        _ = try await session.plan(entry: #"policy deny ingress tcp 22 from 0.0.0.0/0, ::/0 "no world ssh""#)
        let entry = try await session.plan(entry: "sg \(id) ingress allow tcp 22 from ::/0 \"ssh\"")
        #expect(entry.policies.policies.map(\.name) == ["no world ssh"])
        let error = await refusal { _ = try await session.interpreter.apply(entry, to: counting) }
        #expect(error?.origin?.file.name == "<repl>")
        #expect(counting.mutatingCalls == 0)
    }
}

/// `sg create` of a group that exists adopts it: the policies still judge it (scopes,
/// exemptions and peers that name the created group follow it to its id).
@Suite struct PolicyAdoptionTests {
    @Test func policiesStillJudgeAnAdoptedGroup() async throws {
        let local = LocalBackend.inMemory()
        let source = """
            let db = sg create "db" "database"
            policy deny egress all to 0.0.0.0/0 in $db "the database tier has no general egress"

            """
        let interpreter = Interpreter(host: ClockHost())
        // First run: the new group's default egress rule breaks it.
        let first = await PolicyEnforcementTests().refusal {
            _ = try await interpreter.run(
                source: source + "sg $db egress revoke all to 0.0.0.0/0\n", name: "db.sgsh", backend: local)
        }
        #expect(first == nil)
        // The group now exists; a later script that opens egress again is refused.
        let again = source + "sg $db egress allow all to 0.0.0.0/0 \"oops\"\n"
        let counting = CountingBackend(local)
        let refused = await PolicyEnforcementTests().refusal {
            _ = try await interpreter.run(source: again, name: "db.sgsh", backend: counting)
        }
        #expect(
            refused.map { PolicyEnforcementTests().violations($0).map(\.policy.name) } == [
                "the database tier has no general egress"
            ])
        #expect(counting.mutatingCalls == 0)
    }
}
