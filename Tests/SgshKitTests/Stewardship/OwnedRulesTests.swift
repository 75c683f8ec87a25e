// Shared groups, owned rules (issue 16): two scripts with different owners,
// each `exactly` on the same group, converge without undoing each other; a
// rule added by hand (no owner) stays; re-runs send nothing. On the local
// backend here; the same on moto in SgshCLITests (OwnedRulesMotoTests).

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct OwnedRulesTests {
    static func scripts(_ web: String) -> (a: String, b: String) {
        (
            """
            owner "a"
            sg \(web) ingress exactly {
              allow tcp 443 from 0.0.0.0/0 "a: public https"
              allow tcp 80 from 10.0.0.0/8 "a: internal http"
            }
            """,
            """
            owner "b"
            sg \(web) ingress exactly {
              allow tcp 22 from 10.1.0.0/16 "b: ssh"
            }
            """
        )
    }

    @Test func twoOwnersConvergeWithoutUndoingEachOther() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        // A rule added by hand, outside any script: no owner.
        _ = try await local.authorize(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(8443, "192.0.2.0/24")]), tags: [],
            dryRun: false)
        let (a, b) = Self.scripts(web)
        let counting = CountingBackend(local)
        for round in 1...3 {
            counting.reset()
            #expect(try await Stewardship.run(a, on: counting).report.succeeded)
            #expect(try await Stewardship.run(b, on: counting).report.succeeded)
            #expect(
                try await Stewardship.ingress(web, on: local) == [
                    #"tcp 22 from 10.1.0.0/16 "b: ssh" [owner=b]"#,
                    #"tcp 443 from 0.0.0.0/0 "a: public https" [owner=a]"#,
                    "tcp 80 from 10.0.0.0/8 \"a: internal http\" [owner=a]",
                    "tcp 8443 from 192.0.2.0/24",
                ], "round \(round)")
            // The first round adds each owner's rules (one authorize each); later rounds send nothing.
            #expect(counting.mutatingCalls == (round == 1 ? 2 : 0), "round \(round)")
        }
    }

    @Test func thePlanShowsOtherOwnersRulesAsNotManagedHere() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        _ = try await local.authorize(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(8443, "192.0.2.0/24")]), tags: [],
            dryRun: false)
        let (a, b) = Self.scripts(web)
        try await Stewardship.run(b, on: local)
        let planned = try await Stewardship.planText(a, on: local)
        #expect(
            planned == """
                ~ \(web) ingress
                  + tcp 443 from 0.0.0.0/0 "a: public https"
                  + tcp 80 from 10.0.0.0/8 "a: internal http"
                  · tcp 8443 from 192.0.2.0/24                 (not managed here: no owner)
                  · tcp 22 from 10.1.0.0/16 "b: ssh"           (not managed here: owner b)
                Plan: 2 to add, 0 to change, 0 to remove, 0 unchanged, 2 not managed here.

                """)
        // JSON lists them apart, beside the IpPermissions to add; the added rules carry the owner tag.
        let interpreter = Interpreter(host: ClockHost(time: Stewardship.start))
        let changeSet = try await interpreter.changes(
            for: try await interpreter.plan(source: a, name: "a.sgsh"), backend: local)
        let json = ReportRenderer.jsonText(changeSet, pretty: false)
        #expect(json.contains(#""NotManaged":[{"IpProtocol":"tcp","FromPort":8443"#), "\(json)")
        #expect(json.contains(#"{"Key":"sgsh:owner","Value":"a"}"#), "\(json)")
    }

    @Test func exactlyUnderAnOwnerRemovesOnlyItsOwnRules() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let (a, b) = Self.scripts(web)
        try await Stewardship.run(a, on: local)
        try await Stewardship.run(b, on: local)
        // Owner a drops its http rule: only that one goes.
        let smaller = """
            owner "a"
            sg \(web) ingress exactly {
              allow tcp 443 from 0.0.0.0/0 "a: public https"
            }
            """
        let result = try await Stewardship.run(smaller, on: local)
        #expect(result.report.succeeded)
        #expect(
            try await Stewardship.ingress(web, on: local) == [
                #"tcp 22 from 10.1.0.0/16 "b: ssh" [owner=b]"#,
                #"tcp 443 from 0.0.0.0/0 "a: public https" [owner=a]"#,
            ])
    }

    @Test func ownerOnTheCommandLineIsTheSameAsTheStatement() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let (_, b) = Self.scripts(web)
        try await Stewardship.run(b, on: local)
        let withoutStatement = "sg \(web) ingress exactly {\n  allow tcp 443 from 0.0.0.0/0\n}"
        try await Stewardship.run(withoutStatement, on: local, owner: "a")
        #expect(
            try await Stewardship.ingress(web, on: local) == [
                #"tcp 22 from 10.1.0.0/16 "b: ssh" [owner=b]"#, "tcp 443 from 0.0.0.0/0 [owner=a]",
            ])
    }

    @Test func aGroupTheScriptCreatesIsItsOwnEgressDefaultIncluded() async throws {
        let local = LocalBackend.inMemory()
        let script = """
            owner "a"
            let app = sg create "app" "application"
            sg $app egress exactly {
              allow tcp 443 to 0.0.0.0/0 "https out"
            }
            """
        let result = try await Stewardship.run(script, on: local)
        #expect(result.report.succeeded)
        let app = try #require(result.report.createdGroupIds[1])
        let egress = try await local.describeSecurityGroupRules(groupId: app, ruleIds: []).filter(\.isEgress)
        #expect(
            egress.map { "\($0.ipProtocol) \($0.fromPort ?? -1) \($0.tags.map(\.description))" } == [
                #"tcp 443 ["sgsh:owner=a"]"#
            ])
    }

    @Test func withoutAnOwnerExactlyStillManagesEveryRule() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let (_, b) = Self.scripts(web)
        try await Stewardship.run(b, on: local)
        try await Stewardship.run("sg \(web) ingress exactly {\n  allow tcp 443 from 0.0.0.0/0\n}", on: local)
        #expect(try await Stewardship.ingress(web, on: local) == ["tcp 443 from 0.0.0.0/0"])
    }

    @Test func aScriptThatOnlyAllowsUnderAnOwnerReadsNoMoreThanOneRuleListPerGroup() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let counting = CountingBackend(local)
        try await Stewardship.run("owner \"a\"\nsg \(web) ingress allow tcp 443 from 0.0.0.0/0", on: counting)
        #expect(counting.count(.describeSecurityGroupRules) == 1)
        #expect(try await Stewardship.ingress(web, on: local) == ["tcp 443 from 0.0.0.0/0 [owner=a]"])
    }

    // MARK: - Where `owner` may stand

    static func ids(_ source: String) -> [String] {
        Interpreter(host: ClockHost(time: 0)).check(source: source, name: "o.sgsh").map(\.id.rawValue)
    }

    @Test func ownerIsTheScriptsHeader() {
        #expect(Self.ids("owner \"a\"\nprint 1") == [])
        #expect(Self.ids("dryrun on\nowner \"a\"\nprint 1") == [])
        #expect(Self.ids("print 1\nowner \"a\"") == ["owner-invalid"])
        #expect(Self.ids("owner \"a\"\nowner \"b\"") == ["owner-invalid"])
        #expect(Self.ids("if true {\n  owner \"a\"\n}") == ["owner-invalid"])
        #expect(Self.ids("owner \"\"") == ["owner-invalid"])
        #expect(Self.ids("let t = \"a\"\nowner \"${t}\"") == ["owner-invalid"])
        // `owner` is still a name.
        #expect(Self.ids("let owner = 1\nprint owner") == [])
    }
}
