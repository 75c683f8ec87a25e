// Saved plans in the library: the file round-trips to the same calls, an
// edited file is refused, and the drift check names what changed in a touched
// group and ignores changes elsewhere.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct SavedPlanTests {
    /// A stand-in for SHA-256 (the CLI's): deterministic, and different for different texts.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// A plan over every kind of change, with the state of its touched groups.
    func savedPlan(on local: LocalBackend) async throws -> (SavedPlan, web: String, other: String) {
        let web = try await makeGroup(
            local, "web", ingress: [tcp(22, "10.0.0.0/8", "ssh"), tcp(80, "0.0.0.0/0")],
            tags: [Tag(key: "env", value: "dev")])
        let other = try await makeGroup(local, "other", ingress: [tcp(443, "0.0.0.0/0")])
        let created = CreatedGroup(placeholder: 1, name: "api", description: "api tier", vpcId: nil)
        let operations: [Operation] = [
            .create(created, tags: [Tag(key: "team", value: "a")]),
            .authorize(.created(created), .ingress, [tcp(8080, fromGroup: web, "")], tags: []),
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0", "https"), tcp(22, "10.0.0.0/8", "ssh")], tags: []),
            .revoke(.id(web), .ingress, [tcp(80, "0.0.0.0/0")]),
            .tag(.id(web), [Tag(key: "env", value: "prod")]),
            .untag(.id(web), [TagSelector(key: "missing")]),
            .show(.id(web)),
        ]
        let changeSet = try await planChanges(operations, on: local)
        let states = try await PlannedGroupState.read(SavedPlan.touchedGroupIds(of: changeSet), from: local)
        let saved = SavedPlan(
            script: "rules.sgsh", target: SavedPlanTarget(kind: "local"), groups: Array(states.values),
            changeSet: changeSet)
        return (saved, web, other)
    }

    @Test func theFileReadsBackToTheSameCallsAndStates() async throws {
        let local = LocalBackend.inMemory()
        let (saved, web, _) = try await savedPlan(on: local)
        #expect(saved.groups.map(\.groupId) == [web])
        #expect(saved.groups.first?.rules.allSatisfy { $0.securityGroupRuleId.hasPrefix("sgr-") } == true)

        let text = saved.jsonText(digest: Self.digest)
        let read = try SavedPlan(jsonText: text, digest: Self.digest)

        #expect(read.changeSet.calls == saved.changeSet.calls)
        #expect(
            read.changeSet.calls.map(\.actionName) == [
                "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupIngress",
                "RevokeSecurityGroupIngress", "CreateTags",
            ])
        #expect(read.groups == saved.groups)
        #expect(read.target == saved.target)
        #expect(read.script == "rules.sgsh")
        #expect(read.changeSet.shows == [.id(web)])
        // What the report shows comes back too: the same plan view.
        #expect(ReportRenderer.text(read.changeSet) == ReportRenderer.text(saved.changeSet))
        // Written again, byte for byte the same: the format is stable.
        #expect(read.jsonText(digest: Self.digest) == text)
    }

    @Test func theReportOfAReadBackPlanKeepsOtherOwnersRulesAndLifetimes() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(80, "0.0.0.0/0")])
        let script = """
            owner "ops"
            sg \(web) ingress exactly {
              allow tcp 22 from 203.0.113.7 for 2h
              allow tcp 443 from 0.0.0.0/0
            }
            """
        try await Stewardship.run(script, on: local)
        try await Stewardship.run("sg \(web) ingress allow tcp 8443 from 0.0.0.0/0", on: local)
        let interpreter = Interpreter(host: ClockHost(time: Stewardship.start + 600))
        let changeSet = try await interpreter.changes(
            for: try await interpreter.plan(source: script, name: "owned.sgsh"), backend: local)
        let saved = SavedPlan(
            script: "owned.sgsh", target: SavedPlanTarget(kind: "local"),
            groups: Array(try await PlannedGroupState.read([web], from: local).values), changeSet: changeSet)
        let read = try SavedPlan(jsonText: saved.jsonText(digest: Self.digest), digest: Self.digest)

        let report = ReportRenderer.text(read.changeSet)
        #expect(report == ReportRenderer.text(changeSet))
        #expect(report.contains("· tcp 80 from 0.0.0.0/0"), "\(report)")
        #expect(report.contains("· tcp 8443 from 0.0.0.0/0"), "\(report)")
        #expect(report.contains("(already present; expires in 1h 50m)"), "\(report)")
    }

    @Test func anEditedCallOrStateIsRefused() async throws {
        let local = LocalBackend.inMemory()
        let (saved, _, _) = try await savedPlan(on: local)
        let text = saved.jsonText(digest: Self.digest)

        // One call edited (the port), its Changes not: the file was edited.
        let calls = try #require(text.range(of: "\"Calls\""))
        var editedCall = text
        editedCall.replaceSubrange(
            calls.upperBound..<text.endIndex,
            with: text[calls.upperBound...].replacing("\"FromPort\": 443", with: "\"FromPort\": 444"))
        #expect(editedCall != text)
        #expect(throws: SavedPlanError.self) { try SavedPlan(jsonText: editedCall, digest: Self.digest) }

        // A rule id in a State edited: its digest no longer matches.
        let editedState = text.replacing("\"SecurityGroupRuleId\": \"sgr-", with: "\"SecurityGroupRuleId\": \"sgr-0")
        #expect(throws: SavedPlanError.self) { try SavedPlan(jsonText: editedState, digest: Self.digest) }

        // Another version, or not a plan at all.
        #expect(throws: SavedPlanError.self) {
            try SavedPlan(jsonText: text.replacing("\"Version\": 1", with: "\"Version\": 2"), digest: Self.digest)
        }
        #expect(throws: SavedPlanError.self) { try SavedPlan(jsonText: "{\"Groups\": []}", digest: Self.digest) }
        #expect(throws: SavedPlanError.self) { try SavedPlan(jsonText: "{", digest: Self.digest) }
    }

    @Test func driftNamesEachChangedTouchedGroupAndIgnoresOthers() async throws {
        let local = LocalBackend.inMemory()
        let (saved, web, other) = try await savedPlan(on: local)
        #expect(try await saved.drift(on: local) == [])

        // A change to a group the plan does not touch: still applies.
        _ = try await local.authorize(
            .ingress, groupId: other, permissions: IPPermission.grouping([tcp(25, "10.0.0.0/8")]), tags: [],
            dryRun: false)
        #expect(try await saved.drift(on: local) == [])

        // A rule added and a tag changed by hand on the touched group, and the name it creates taken.
        let added = try await local.authorize(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(5432, "10.1.0.0/16")]), tags: [],
            dryRun: false)
        try await local.createTags(resourceIds: [web], tags: [Tag(key: "env", value: "staging")], dryRun: false)
        let api = try await makeGroup(local, "api")
        let drift = try await saved.drift(on: local)
        #expect(
            drift == [
                SavedPlanDrift(
                    group: "\(web) (\"web\")",
                    changes: [
                        "rule \(added[0].securityGroupRuleId) added: ingress tcp 5432 from 10.1.0.0/16",
                        "tag \"env\" changed from \"dev\" to \"staging\"",
                    ]),
                SavedPlanDrift(group: "\"api\"", changes: ["the plan creates it, but \(api) has that name now"]),
            ])

        // The group deleted.
        try await local.deleteSecurityGroup(groupId: web, dryRun: false)
        #expect(try await saved.drift(on: local).first?.changes == ["the group no longer exists"])
    }

    @Test func aPlanIsForTheBackendRegionAndAccountItWasMadeOn() {
        let made = SavedPlanTarget(kind: "aws", region: "eu-west-1", account: "111111111111")
        #expect(made.mismatch(with: made) == nil)
        #expect(made.mismatch(with: SavedPlanTarget(kind: "aws", region: "eu-west-1")) == nil)
        #expect(made.mismatch(with: SavedPlanTarget(kind: "local")) == "it was made on the aws backend, not local")
        #expect(
            made.mismatch(with: SavedPlanTarget(kind: "aws", region: "us-east-1", account: "111111111111"))
                == "it was made in region eu-west-1, not us-east-1")
        #expect(
            made.mismatch(with: SavedPlanTarget(kind: "aws", region: "eu-west-1", account: "222222222222"))
                == "it was made in account 111111111111, not 222222222222")
    }
}

@Suite struct JSONParsingTests {
    @Test func whatTheWriterWritesReadsBack() throws {
        let value = JSONValue.object([
            .init("text", .string("quote \" backslash \\ tab \t newline \n control \u{01} é 日 🙂")),
            .init("numbers", .array([.int(0), .int(-5), .int(65535)])),
            .init("flags", .array([.bool(true), .bool(false), .null])),
            .init("empty", .object([])), .init("list", .array([])),
        ])
        #expect(try JSONValue(parsing: value.rendered()) == value)
        #expect(try JSONValue(parsing: value.rendered(pretty: false)) == value)
        #expect(try JSONValue(parsing: #"["\u00e9\ud83d\ude42\/"]"#) == .array([.string("é🙂/")]))
    }

    @Test func badTextIsRefusedWithItsPosition() {
        #expect(throws: JSONParseError(reason: "expected ':'", line: 2, column: 7)) {
            try JSONValue(parsing: "{\n  \"a\" 1}")
        }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[1,]") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "1.5") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[1] 2") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "\"a\nb\"") }
    }
}

@Suite struct SavedPlanTeardownTests {
    @Test func aDeleteIsRefusedWhenAnInterfaceUsesTheGroupSinceThePlan() async throws {
        let local = LocalBackend.inMemory()
        let doomed = try await makeGroup(local, "doomed")
        let referrer = try await makeGroup(local, "referrer", ingress: [tcp(5432, fromGroup: doomed, "db")])
        let changeSet = try await planChanges([.delete(.id(doomed))], on: local)
        #expect(SavedPlan.touchedGroupIds(of: changeSet) == [doomed, referrer].sorted())
        let states = try await PlannedGroupState.read(SavedPlan.touchedGroupIds(of: changeSet), from: local)
        let saved = SavedPlan(
            script: "teardown.sgsh", target: SavedPlanTarget(kind: "local"), groups: Array(states.values),
            changeSet: changeSet)
        #expect(try await saved.drift(on: local) == [])

        let eni = try await local.createNetworkInterface(groupIds: [doomed], description: "late")
        #expect(
            try await saved.drift(on: local) == [
                SavedPlanDrift(
                    group: "\(doomed) (\"doomed\")",
                    changes: ["the plan deletes it, but \(eni) (available, \"late\") uses it now"])
            ])
    }
}

@Suite struct SavedPlanReplacementTests {
    /// A saved replacement reads back with its interface moves and applies; an interface whose
    /// groups changed since the plan (a move would overwrite the change) refuses it.
    @Test func aSavedReplacementRoundTripsAndRefusesAnInterfaceChangedSince() async throws {
        let s = try await ReplacementTests.Scenario()
        let plan = try await Interpreter(host: TestHost(backend: s.local)).plan(
            source: ReplacementTests.Scenario.script, name: "replace.sgsh")
        let changeSet = try await Planner(backend: s.local).plan(plan)
        let states = try await PlannedGroupState.read(SavedPlan.touchedGroupIds(of: changeSet), from: s.local)
        let saved = SavedPlan(
            script: "replace.sgsh", target: SavedPlanTarget(kind: "local"), groups: Array(states.values),
            changeSet: changeSet)
        let text = saved.jsonText(digest: SavedPlanTests.digest)
        let read = try SavedPlan(jsonText: text, digest: SavedPlanTests.digest)
        #expect(read.changeSet.calls == changeSet.calls)
        #expect(read.changeSet.replacements.map(\.old) == [s.web])
        #expect(ReportRenderer.text(read.changeSet) == ReportRenderer.text(changeSet))
        #expect(read.jsonText(digest: SavedPlanTests.digest) == text)
        #expect(try await read.drift(on: s.local) == [])

        try await s.local.modifyNetworkInterfaceGroups(networkInterfaceId: s.eni2, groupIds: [s.web])
        #expect(
            try await read.drift(on: s.local) == [
                SavedPlanDrift(
                    group: "\(s.web) (\"web\")",
                    changes: ["\(s.eni2) uses \(s.web) now, not \(s.other), \(s.web) as planned"])
            ])
        try await s.local.modifyNetworkInterfaceGroups(networkInterfaceId: s.eni2, groupIds: [s.other, s.web])
        let report = await Executor(backend: s.local).apply(read.changeSet)
        #expect(report.succeeded, "\(String(describing: report.failure))")
        #expect(try await s.local.describeNetworkInterfaces(groupIds: [s.web]).isEmpty)
    }
}
