// Issue 16: `sg $old replace with "new" …` on the local store. The new group
// gets every rule (descriptions, rule tags, a self-reference swapped), the
// rules of other groups that name the old group name the new one, the network
// interfaces move, the old group goes last; a re-run sends nothing; a failure
// at any mutating call leaves groups and interfaces exactly as they began.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct ReplacementTests {
    /// web (with a self-reference, a tagged rule and a non-default egress), referenced by lb's
    /// egress and db's ingress; two interfaces use it, one together with another group.
    struct Scenario {
        let local = LocalBackend.inMemory()
        var web = "", lb = "", db = "", other = ""
        var eni1 = "", eni2 = ""

        init() async throws {
            web = try await makeGroup(local, "web")
            db = try await makeGroup(local, "db")
            _ = try await local.authorize(
                .ingress, groupId: db, permissions: IPPermission.grouping([tcp(5432, fromGroup: web, "from web")]),
                tags: [Tag(key: "sgsh:owner", value: "team-db")], dryRun: false)
            lb = try await makeGroup(local, "lb", egress: [tcp(443, fromGroup: web, "to web")])
            other = try await makeGroup(local, "other")
            let https = try Rule(
                ipProtocol: .tcp, ports: .range(PortRange(443)!), peer: .cidr(CIDR("0.0.0.0/0")!), description: "https")
            _ = try await local.authorize(
                .ingress, groupId: web, permissions: IPPermission.grouping([https]),
                tags: [
                    Tag(key: "sgsh:owner", value: "team-web"), Tag(key: "sgsh:expires", value: "2030-01-01T00:00:00Z"),
                ],
                dryRun: false)
            _ = try await local.authorize(
                .ingress, groupId: web, permissions: IPPermission.grouping([tcp(22, fromGroup: web, "self")]), tags: [],
                dryRun: false)
            _ = try await local.revoke(
                .egress, groupId: web, permissions: IPPermission.grouping(Planner.defaultEgressRules), dryRun: false)
            _ = try await local.authorize(
                .egress, groupId: web, permissions: IPPermission.grouping([tcp(5432, fromGroup: db, "to db")]),
                tags: [], dryRun: false)
            eni1 = try await local.createNetworkInterface(groupIds: [web], instanceId: "i-0aaa")
            eni2 = try await local.createNetworkInterface(groupIds: [other, web], description: "two groups")
        }

        static let script = """
            let web2 = sg (sg lookup "web") replace with "web-v2" "web tier, v2"
            sg $web2 ingress allow tcp 80 from 10.0.0.0/8 "http"
            """

        /// Every group, every interface with its groups, and every rule's tags (by group and rule).
        func state() async throws -> ([GroupSnapshot], [String: [String]], Set<String>) {
            let ids = try await local.describeSecurityGroups(.all).map(\.groupId)
            let interfaces = try await local.describeNetworkInterfaces(groupIds: ids)
            var tagged: Set<String> = []
            for id in ids {
                for rule in try await local.describeSecurityGroupRules(groupId: id, ruleIds: [])
                where !rule.tags.isEmpty {
                    let rules = try rule.permission.rules().map { SourceWriter.rule($0, rule.direction) }
                    tagged.insert("\(id) \(rule.direction) \(rules) \(rule.tags.sorted())")
                }
            }
            return (
                try await snapshot(local),
                Dictionary(uniqueKeysWithValues: interfaces.map { ($0.networkInterfaceId, $0.groupIds) }), tagged
            )
        }
    }

    func plan(_ source: String, on backend: any SecurityGroupBackend) async throws -> ChangeSet {
        let plan = try await Interpreter(host: TestHost(backend: backend)).plan(source: source, name: "replace.sgsh")
        return try await Planner(backend: backend).plan(plan)
    }

    @Test func everythingMovesToTheNewGroupAndTheOldGoesLast() async throws {
        let s = try await Scenario()
        let counting = CountingBackend(s.local)
        let changeSet = try await plan(Scenario.script, on: counting)
        #expect(counting.mutatingCalls == 0)
        #expect(
            changeSet.calls.map(\.actionName) == [
                "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupIngress",
                "AuthorizeSecurityGroupEgress", "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                "RevokeSecurityGroupEgress", "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
                // The copy of the temporary rule marks the new group (`sgsh:temporary-rules`).
                "CreateTags", "ModifyNetworkInterfaceAttribute", "ModifyNetworkInterfaceAttribute",
                "DeleteSecurityGroup",
            ])
        let report = await Executor(backend: s.local).apply(changeSet)
        #expect(report.succeeded, "\(String(describing: report.failure))")

        let groups = try await s.local.describeSecurityGroups(.all)
        #expect(!groups.contains { $0.groupId == s.web })
        let new = try #require(groups.first { $0.groupName == "web-v2" })
        #expect(new.description == "web tier, v2" && new.vpcId == groups.first { $0.groupId == s.db }?.vpcId)
        let https = try Rule(
            ipProtocol: .tcp, ports: .range(PortRange(443)!), peer: .cidr(CIDR("0.0.0.0/0")!), description: "https")
        let http = try Rule(
            ipProtocol: .tcp, ports: .range(PortRange(80)!), peer: .cidr(CIDR("10.0.0.0/8")!), description: "http")
        #expect(
            Set(try new.rulesDroppingOwnAccount(.ingress)) == [https, http, tcp(22, fromGroup: new.groupId, "self")])
        #expect(try new.rulesDroppingOwnAccount(.egress) == [tcp(5432, fromGroup: s.db, "to db")])
        // Rule tags go with the copy.
        let tagged = try await s.local.describeSecurityGroupRules(groupId: new.groupId, ruleIds: [])
            .filter { !$0.tags.isEmpty }
        #expect(
            tagged.map { Set($0.tags) } == [
                [Tag(key: "sgsh:owner", value: "team-web"), Tag(key: "sgsh:expires", value: "2030-01-01T00:00:00Z")]
            ])
        // References name the new group, with their descriptions.
        let db = try #require(groups.first { $0.groupId == s.db })
        let lb = try #require(groups.first { $0.groupId == s.lb })
        #expect(try db.rulesDroppingOwnAccount(.ingress) == [tcp(5432, fromGroup: new.groupId, "from web")])
        // A re-pointed rule keeps its rule tags.
        #expect(
            try await s.local.describeSecurityGroupRules(groupId: s.db, ruleIds: []).map(\.tags).filter { !$0.isEmpty }
                == [
                    [Tag(key: "sgsh:owner", value: "team-db")]
                ])
        #expect(try lb.rulesDroppingOwnAccount(.egress).contains(tcp(443, fromGroup: new.groupId, "to web")))
        #expect(
            !(try lb.rulesDroppingOwnAccount(.egress).contains { $0.peer == .group(GroupReference(groupId: s.web)) }))
        // Interfaces moved, the other group kept in its place.
        let interfaces = try await s.local.describeNetworkInterfaces(groupIds: [new.groupId, s.other])
        #expect(interfaces.first { $0.networkInterfaceId == s.eni1 }?.groupIds == [new.groupId])
        #expect(interfaces.first { $0.networkInterfaceId == s.eni2 }?.groupIds == [s.other, new.groupId])

        // A re-run (CI) finds the replacement by its name and sends nothing.
        let again = try await plan(Scenario.script, on: s.local)
        #expect(again.calls.isEmpty, "\(again.calls)")
    }

    @Test func aFailureAtAnyMutatingCallLeavesGroupsAndInterfacesAsTheyBegan() async throws {
        let total = try await plan(Scenario.script, on: try await Scenario().local).calls.count
        #expect(total == 13)
        for k in 1...total {
            let s = try await Scenario()
            let before = try await s.state()
            let faulty = FaultInjectingBackend(
                s.local, failingCall: k, with: BackendError(code: "InternalError", message: "injected at call \(k)"))
            let report = await Executor(backend: faulty).apply(try await plan(Scenario.script, on: faulty))
            #expect(!report.succeeded, "call \(k)")
            #expect(report.failure?.message.contains("injected at call \(k)") == true, "call \(k)")
            let after = try await s.state()
            #expect(after.0 == before.0, "call \(k): groups differ")
            #expect(after.1 == before.1, "call \(k): interfaces differ")
            #expect(after.2 == before.2, "call \(k): rule tags differ")
            // The report says what happened: every applied call rolled back, nothing left.
            #expect(
                !report.outcomes.contains { if case .applied = $0.status { true } else { false } }, "call \(k)")
        }
    }

    @Test func thePlanShowsTheStepsAndWhatMoves() async throws {
        let s = try await Scenario()
        let text = ReportRenderer.text(try await plan(Scenario.script, on: s.local))
        let vpc = try #require(try await s.local.describeSecurityGroups(.all).first?.vpcId)
        #expect(
            text.contains("+ <new web-v2> create \"web-v2\" vpc \(vpc) \"web tier, v2\"  (replaces \(s.web))"),
            "\(text)")
        #expect(text.contains("~ \(s.eni1) (attached to i-0aaa) groups \(s.web) -> <new web-v2>"), "\(text)")
        #expect(
            text.contains(
                "~ \(s.eni2) (available, \"two groups\") groups \(s.other), \(s.web) -> \(s.other), <new web-v2>"),
            "\(text)")
        #expect(text.contains("- \(s.web) delete  (replaced by <new web-v2>)"), "\(text)")
        #expect(text.contains("+ tcp 5432 from <new web-v2> \"from web\""), "\(text)")
    }

    @Test func aNewNameThatIsTakenIsRefusedAtTheStatementWithNothingSent() async throws {
        let s = try await Scenario()
        _ = try await makeGroup(s.local, "web-v2")
        let counting = CountingBackend(s.local)
        await #expect {
            _ = try await plan(Scenario.script, on: counting)
        } throws: { error in
            guard let error = error as? PlanningError, case .replacementNameTaken = error.kind else { return false }
            #expect(error.rendered().hasPrefix("replace.sgsh:1:12: error: cannot replace '\(s.web)' with 'web-v2'"))
            return true
        }
        #expect(counting.mutatingCalls == 0)
    }

    @Test func usingTheOldGroupAfterReplacingItIsAnErrorAtThatStatement() async throws {
        let s = try await Scenario()
        let source = Scenario.script + "\nsg \(s.web) ingress allow tcp 8080 from 10.0.0.0/8\n"
        await #expect {
            _ = try await plan(source, on: s.local)
        } throws: { error in
            guard let error = error as? PlanningError, case .groupDeleted = error.kind else { return false }
            return error.origin?.location.line == 3
        }
    }

    @Test func changingTheOldGroupBeforeReplacingItIsAnError() async throws {
        let s = try await Scenario()
        let source = "sg \(s.web) ingress allow tcp 8080 from 10.0.0.0/8\n" + Scenario.script
        await #expect {
            _ = try await plan(source, on: s.local)
        } throws: { error in
            "\(error)".contains("is changed here and then replaced, which copies its rules as they are before")
        }
    }

    @Test func replacingNothingIsAnErrorNamingBothGroups() async throws {
        let local = LocalBackend.inMemory()
        await #expect {
            _ = try await plan(Scenario.script, on: local)
        } throws: { error in
            "\(error)".contains("there is no group to replace") && "\(error)".contains("'web-v2'")
        }
    }

    @Test func dryRunSendsNothing() async throws {
        let s = try await Scenario()
        let before = try await s.state()
        let counting = CountingBackend(s.local)
        let report = await Executor(backend: counting).apply(
            try await plan("dryrun on\n" + Scenario.script, on: counting))
        #expect(counting.mutatingCalls == 0)
        #expect(report.outcomes.count == 13)
        #expect(try await s.state() == before)
    }
}

@Suite struct ReplacementRulesTests {
    @Test func aReplacedGroupIsDeletedAfterEveryOtherDelete() async throws {
        let s = try await ReplacementTests.Scenario()
        let doomed = try await makeGroup(s.local, "doomed")
        let source = ReplacementTests.Scenario.script + "\nsg \(doomed) delete\n"
        let plan = try await Interpreter(host: TestHost(backend: s.local)).plan(source: source, name: "r.sgsh")
        let calls = try await Planner(backend: s.local).plan(plan).calls
        #expect(calls.suffix(2) == [.delete(.id(doomed)), .delete(.id(s.web))])
    }

    @Test func anotherVPCIsRefusedWhileInterfacesUseTheGroup() async throws {
        let s = try await ReplacementTests.Scenario()
        let source = "sg \(s.web) replace with \"web-v2\" vpc vpc-0123456789abcdef0 \"elsewhere\"\n"
        let counting = CountingBackend(s.local)
        await #expect {
            let plan = try await Interpreter(host: TestHost(backend: counting)).plan(source: source, name: "r.sgsh")
            _ = try await Planner(backend: counting).plan(plan)
        } throws: { error in
            guard let error = error as? PlanningError, case .interfacesStayInTheirVPC = error.kind else { return false }
            #expect(error.message.contains("cannot leave their VPC: \(s.eni1) (attached to i-0aaa)"), "\(error)")
            #expect(error.origin?.location.line == 1)
            return true
        }
        #expect(counting.mutatingCalls == 0)
    }

    @Test func checkPointsAtABadNameAndAMissingWith() async throws {
        let file = SourceFile(
            name: "r.sgsh", text: "let a = sg sg-0123456789abcdef0 replace with \"sg-x\" \"d\"\nsg $a replace \"b\"\n")
        #expect(
            ProgramChecker.check(file).1.map { "\($0.range.location.line):\($0.range.location.column) \($0.message)" }
                == [
                    "1:46 group name 'sg-x' starts with 'sg-', which EC2 keeps for group ids",
                    "2:15 expected 'with' after 'replace', found string",
                ])
    }
}

@Suite struct ReplacementFailureReportTests {
    /// EC2 refuses the final delete while something sgsh cannot read names the group (a rule in
    /// another account's group): the whole replacement is rolled back and the report says why.
    @Test func aRefusedFinalDeleteRollsBackAndNamesWhatSgshCannotSee() async throws {
        let s = try await ReplacementTests.Scenario()
        let before = try await s.state()
        let plan = try await Interpreter(host: TestHost(backend: s.local)).plan(
            source: ReplacementTests.Scenario.script, name: "r.sgsh")
        let changeSet = try await Planner(backend: s.local).plan(plan)
        let faulty = FaultInjectingBackend(
            s.local, failingCall: changeSet.calls.count,
            with: BackendError(code: "DependencyViolation", message: "resource \(s.web) has a dependent object"))
        let report = await Executor(backend: faulty).apply(changeSet)
        #expect(!report.succeeded)
        #expect(try await s.state() == before)
        let text = ReportRenderer.text(report)
        let new = try #require(report.createdGroupIds[1])
        #expect(
            text.contains(
                "! \(s.web) delete  (replaced by \(new); DependencyViolation: resource \(s.web) has a dependent"
                    + " object; something sgsh cannot read still uses it, such as a rule in another account's group"
                    + " (VPC peering) or an interface made since the plan)"), "\(text)")
        #expect(text.contains("↺ \(s.eni1) (attached to i-0aaa) groups"), "\(text)")
    }
}
