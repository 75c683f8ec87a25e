// Rule tags are part of the desired state (issue 17): a present rule written
// with `tag` gets the tags it lacks (CreateTags on its sgr- id), shown as `~`;
// a failure later in the apply puts the old values back.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct RuleTagsTests {
    struct QuietHost: SgshKit.Host {
        func print(_ text: String) {}
    }

    /// A group `web` with `tcp 22 from 10.0.0.0/8` tagged owner=ops, env=dev.
    static func tagged() async throws -> (LocalBackend, String) {
        let local = LocalBackend.inMemory()
        let web = try await local.createSecurityGroup(
            name: "web", description: "w", vpcId: nil, tags: [], dryRun: false)
        _ = try await local.authorize(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(22, "10.0.0.0/8")]),
            tags: [SgshModel.Tag(key: "owner", value: "ops"), SgshModel.Tag(key: "env", value: "dev")], dryRun: false)
        return (local, web)
    }

    static func liveTags(_ backend: any SecurityGroupBackend, _ group: String) async throws -> [SgshModel.Tag] {
        try await backend.describeSecurityGroupRules(groupId: group, ruleIds: []).first { !$0.isEgress }?.tags ?? []
    }

    static func changes(_ script: String, on backend: any SecurityGroupBackend) async throws -> ChangeSet {
        let interpreter = Interpreter(host: QuietHost())
        return try await interpreter.changes(
            for: try await interpreter.plan(source: script, name: "tags.sgsh"), backend: backend)
    }

    @Test func aChangedTagIsPlannedAsAnUpdateAndApplied() async throws {
        let (local, web) = try await Self.tagged()
        let script = #"sg \#(web) ingress allow tcp 22 from 10.0.0.0/8 tag env="prod" owner="ops""#
        let changeSet = try await Self.changes(script, on: local)
        #expect(changeSet.calls.map(\.actionName) == ["CreateTags"])
        #expect(
            ReportRenderer.text(changeSet) == """
                ~ \(web) ingress
                  ~ tcp 22 from 10.0.0.0/8  (tags env=prod; was env=dev)
                Plan: 0 to add, 1 to change, 0 to remove, 0 unchanged.

                """)
        let report = await Executor(backend: local).apply(changeSet)
        #expect(report.succeeded)
        #expect(
            Set(try await Self.liveTags(local, web)) == [
                SgshModel.Tag(key: "owner", value: "ops"), SgshModel.Tag(key: "env", value: "prod"),
            ])
        // Run again: nothing to do.
        #expect(!(try await Self.changes(script, on: local)).hasChanges)
    }

    @Test func tagsTheScriptDoesNotWriteAreLeftAlone() async throws {
        let (local, web) = try await Self.tagged()
        let changeSet = try await Self.changes(#"sg \#(web) ingress allow tcp 22 from 10.0.0.0/8"#, on: local)
        #expect(!changeSet.hasChanges)
    }

    @Test func aFailureLaterPutsTheOldValuesBack() async throws {
        let (local, web) = try await Self.tagged()
        let script = """
            sg \(web) ingress allow tcp 22 from 10.0.0.0/8 tag env="prod" team="web"
            sg \(web) tag stage="one"
            """
        let changeSet = try await Self.changes(script, on: local)
        #expect(changeSet.calls.map(\.actionName) == ["CreateTags", "CreateTags"])
        let faulty = FaultInjectingBackend(
            local, failingCall: 2, with: BackendError(code: "TagLimitExceeded", message: "too many tags"))
        let report = await Executor(backend: faulty).apply(changeSet)
        #expect(!report.succeeded)
        #expect(report.outcomes.first?.status == .rolledBack)
        #expect(
            Set(try await Self.liveTags(local, web)) == [
                SgshModel.Tag(key: "owner", value: "ops"), SgshModel.Tag(key: "env", value: "dev"),
            ])
    }

    @Test func aNewRulesTagsAreShownAndKeptInJSON() async throws {
        let local = LocalBackend.inMemory()
        let web = try await local.createSecurityGroup(
            name: "web", description: "w", vpcId: nil, tags: [], dryRun: false)
        let changeSet = try await Self.changes(
            #"sg \#(web) ingress allow tcp 443 from 10.0.0.0/8 tag env="prod""#, on: local)
        #expect(ReportRenderer.text(changeSet).contains("+ tcp 443 from 10.0.0.0/8  (tags env=prod)"))
        try #require(
            ReportRenderer.jsonText(changeSet, pretty: false).contains(
                #""AddedRuleTags":[{"Rule":"tcp 443 from 10.0.0.0/8","Tags":[{"Key":"env","Value":"prod"}]}]"#))
    }
}
