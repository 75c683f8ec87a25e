import SgshLocal
import SgshModel
import SgshTestSupport
import Synchronization
import Testing

@testable import SgshKit

/// Applying change sets against LocalBackend: batching, idempotence, rollback, cancellation.
@Suite struct ExecutorTests {
    /// Two groups and a plan whose change set is exactly five calls:
    /// authorize A ingress, authorize B egress, update A ingress descriptions,
    /// revoke A ingress, create tags on B.
    private struct FiveCallScenario {
        let local = LocalBackend.inMemory()
        var a = ""
        var b = ""

        init() async throws {
            a = try await makeGroup(
                local, "a", ingress: [tcp(22, "10.0.0.0/8", "ssh"), tcp(23, "0.0.0.0/0", "telnet")],
                tags: [Tag(key: "env", value: "dev")])
            b = try await makeGroup(
                local, "b", ingress: [tcp(5432, fromGroup: a)], tags: [Tag(key: "env", value: "dev")])
            // The rule the plan revokes has an owner and an expiry: a rollback brings them back.
            try await tagRule(
                local, a, port: 23,
                [
                    Tag(key: SgshRuleTag.owner, value: "ops"),
                    Tag(key: SgshRuleTag.expires, value: "2030-01-01T00:00:00Z"),
                ])
        }

        var operations: [Operation] {
            [
                .authorize(.id(a), .ingress, [tcp(443, "0.0.0.0/0", "https"), tcp(80, "0.0.0.0/0")], tags: []),
                .authorize(.id(a), .ingress, [tcp(22, "10.0.0.0/8", "ssh from the office")], tags: []),
                .revoke(.id(a), .ingress, [tcp(23, "0.0.0.0/0")]),
                .authorize(.id(b), .egress, [tcp(443, "::/0")], tags: []),
                .tag(.id(b), [Tag(key: "env", value: "prod"), Tag(key: "team", value: "db")]),
            ]
        }
    }

    @Test func fiveCallScenarioPlansFiveBatchedCalls() async throws {
        let scenario = try await FiveCallScenario()
        let changeSet = try await planChanges(scenario.operations, on: scenario.local)
        #expect(
            changeSet.calls.map(\.actionName) == [
                "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                "UpdateSecurityGroupRuleDescriptionsIngress", "RevokeSecurityGroupIngress", "CreateTags",
            ])
        let report = await Executor(backend: scenario.local).apply(changeSet)
        #expect(report.succeeded)
        #expect(report.callCount == 5)
    }

    @Test(arguments: 1...5)
    func failedCallLeavesTheGroupsExactlyAsTheyBegan(failing: Int) async throws {
        let scenario = try await FiveCallScenario()
        let before = try await snapshot(scenario.local)
        let error = BackendError(code: "InvalidParameterValue", message: "injected failure")
        let faulty = FaultInjectingBackend(scenario.local, failingCall: failing, with: error)
        let report = try await apply(scenario.operations, on: faulty)

        #expect(try await snapshot(scenario.local) == before)
        #expect(!report.succeeded)
        #expect(!report.isPartiallyApplied)
        #expect(report.failure?.code == "InvalidParameterValue")
        let statuses = report.outcomes.map(\.status)
        let expected: [CallStatus] = (1...5).map { n in
            n < failing ? .rolledBack : n == failing ? .failed(report.failure!) : .notApplied
        }
        #expect(statuses == expected)
        // Each applied call is undone by one call, except CreateTags (restore values + delete new keys).
        #expect(report.callCount == failing + (failing - 1))
    }

    @Test func thirdOfFiveCallsFailingIsReportedAsAppliedFailedAndRolledBack() async throws {
        let scenario = try await FiveCallScenario()
        let error = BackendError(code: "InvalidPermission.NotFound", message: "the rule does not exist")
        let report = try await apply(
            scenario.operations, on: FaultInjectingBackend(scenario.local, failingCall: 3, with: error))
        let text = ReportRenderer.text(report)
        #expect(
            text == """
                ~ \(scenario.a) ingress
                  ↺ tcp 443 from 0.0.0.0/0 "https"                (added, rolled back)
                  ↺ tcp 80 from 0.0.0.0/0                         (added, rolled back)
                  ! tcp 22 from 10.0.0.0/8 "ssh from the office"  (InvalidPermission.NotFound: the rule does not exist)
                  · tcp 23 from 0.0.0.0/0 "telnet"                (not applied)
                ~ \(scenario.b) egress
                  ↺ tcp 443 to ::/0  (added, rolled back)
                ~ \(scenario.b) tags
                  · env=prod  (not applied)
                  · team=db   (not applied)
                Failed: UpdateSecurityGroupRuleDescriptionsIngress: InvalidPermission.NotFound: the rule does not exist; \
                every applied change was rolled back (5 calls).

                """)
    }

    @Test func reportJSONSaysWhatWasAppliedFailedAndRolledBack() async throws {
        let scenario = try await FiveCallScenario()
        let error = BackendError(code: "InvalidParameterValue", message: "injected")
        let report = try await apply(
            scenario.operations, on: FaultInjectingBackend(scenario.local, failingCall: 2, with: error))
        let json = ReportRenderer.json(report).rendered(pretty: false)
        #expect(
            json.hasPrefix(
                #"{"Succeeded":false,"DryRun":false,"CallCount":3,"Failure":{"Action":"AuthorizeSecurityGroupEgress","Code":"InvalidParameterValue","Message":"injected"},"Groups":["#
            ))
        #expect(
            json.contains(
                #""Aspect":"ingress","Status":"Updated","RolledBack":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[{"CidrIp":"0.0.0.0/0","Description":"https"}]"#
            ))
        #expect(
            json.contains(
                #""Aspect":"egress","Status":"Updated","Failed":[{"IpProtocol":"tcp","FromPort":443,"ToPort":443,"IpRanges":[],"Ipv6Ranges":[{"CidrIpv6":"::/0"}]"#
            ))
        #expect(json.contains(#""FailedNote":"InvalidParameterValue: injected""#))
    }

    @Test func rerunningAnAppliedPlanMakesNoMutatingCallAndReportsOnlyUnchanged() async throws {
        let scenario = try await FiveCallScenario()
        let first = try await apply(scenario.operations, on: scenario.local)
        #expect(first.succeeded)
        let counting = CountingBackend(scenario.local)
        let second = try await apply(scenario.operations, on: counting)
        #expect(counting.mutatingCalls == 0)
        #expect(second.callCount == 0)
        #expect(!second.changeSet.hasChanges)
        let marks = Set(second.sections.flatMap { [$0.mark] + $0.lines.map(\.mark) })
        #expect(marks == [.unchanged])
        #expect(
            ReportRenderer.text(second).split(separator: "\n").allSatisfy {
                $0.hasPrefix("=") || $0.hasPrefix("  =") || $0.hasPrefix("Applied")
            })
    }

    @Test func exactlyRemovesUnlistedRules() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(
            local, "web", ingress: [tcp(22, "0.0.0.0/0"), tcp(80, "0.0.0.0/0"), tcp(443, "0.0.0.0/0", "https")])
        let counting = CountingBackend(local)
        let report = try await apply(
            [.exactly(.id(web), .ingress, [tcp(443, "0.0.0.0/0"), tcp(8443, "0.0.0.0/0")], tags: [])], on: counting)
        #expect(report.succeeded)
        #expect(counting.count(.authorize) == 1)
        #expect(counting.count(.revoke) == 1)
        let group = try #require(try await snapshot(local).first { $0.groupId == web })
        #expect(group.ingress == [tcp(443, "0.0.0.0/0", "https"), tcp(8443, "0.0.0.0/0")])
    }

    @Test func changedDescriptionIsOneUpdateCallNotARevokeAndAdd() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(
            local, "web", ingress: [tcp(443, "0.0.0.0/0", "old"), tcp(80, "0.0.0.0/0", "http")])
        let counting = CountingBackend(local)
        let report = try await apply(
            [.authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0", "new"), tcp(80, "0.0.0.0/0")], tags: [])],
            on: counting)
        #expect(report.succeeded)
        #expect(counting.mutatingCalls == 1)
        #expect(counting.count(.updateRuleDescriptions) == 1)
        let group = try #require(try await snapshot(local).first { $0.groupId == web })
        #expect(group.ingress == [tcp(443, "0.0.0.0/0", "new"), tcp(80, "0.0.0.0/0", "http")])
        #expect(ReportRenderer.text(report).contains(#"~ tcp 443 from 0.0.0.0/0 "new"  (was "old")"#))
    }

    @Test func createThenAuthorizeOnTheCreatedGroup() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let db = newGroup(1, "db")
        let counting = CountingBackend(local)
        let report = try await apply(
            [
                .authorize(.id(web), .egress, [tcp(5432, "10.0.0.0/16")], tags: []),
                .create(
                    CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: nil),
                    tags: [Tag(key: "Name", value: "db")]),
                .authorize(
                    .created(CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: nil)),
                    .ingress, [tcp(5432, fromGroup: web, "from web")], tags: []),
            ], on: counting)
        _ = db
        #expect(report.succeeded)
        #expect(report.outcomes.first.map { if case .create = $0.call { true } else { false } } == true)
        let dbId = try #require(report.createdGroupIds[1])
        let created = try #require(try await snapshot(local).first { $0.groupId == dbId })
        #expect(created.name == "db")
        #expect(created.tags == [Tag(key: "Name", value: "db")])
        let fromWeb = try Rule(
            ipProtocol: .tcp, ports: .range(PortRange(5432)!),
            peer: .group(GroupReference(groupId: web, userId: local.ownerId)), description: "from web")
        #expect(created.ingress == [fromWeb])
        #expect(created.egress == [allowAll])
        #expect(counting.mutatingCalls == 3)
        #expect(ReportRenderer.text(report).hasPrefix("+ \(dbId) create \"db\" \"database tier\"\n  + Name=db\n"))
    }

    @Test func egressOfAGroupCreatedInAnIPv6VPCIsReconciledWithItsRealDefaults() async throws {
        let local = LocalBackend.inMemory()
        let vpc = try await local.createVPC(ipv6: true)
        let created = CreatedGroup(placeholder: 1, name: "locked", description: "locked egress", vpcId: vpc)
        let allowAllIPv6 = try Rule(ipProtocol: .all, ports: .none, peer: .cidr(CIDR("::/0")!))
        let counting = CountingBackend(local)
        let report = try await apply(
            [.create(created, tags: []), .exactly(.created(created), .egress, [tcp(443, "0.0.0.0/0")], tags: [])],
            on: counting)
        #expect(report.succeeded, "\(ReportRenderer.text(report))")
        let id = try #require(report.createdGroupIds[1])
        let group = try #require(try await snapshot(local).first { $0.groupId == id })
        #expect(group.egress == [tcp(443, "0.0.0.0/0")])
        // The planner's look-up of the name (adoption), and the new group once it exists.
        #expect(counting.count(.describeSecurityGroups) == 2)
        #expect(counting.mutatingCalls == 3)
        let egress = try #require(report.sections.first { $0.direction == .egress })
        #expect(
            egress.lines == [
                ReportLine(.added, .rule(tcp(443, "0.0.0.0/0"))),
                ReportLine(.removed, .rule(allowAll)),
                ReportLine(.removed, .rule(allowAllIPv6)),
            ])
    }

    @Test func revokeOfIPv6DefaultOnANewGroupIsNotTakenForAbsent() async throws {
        let local = LocalBackend.inMemory()
        let vpc = try await local.createVPC(ipv6: true)
        let created = CreatedGroup(placeholder: 1, name: "v4only", description: "no ipv6 egress", vpcId: vpc)
        let allowAllIPv6 = try Rule(ipProtocol: .all, ports: .none, peer: .cidr(CIDR("::/0")!))
        let report = try await apply(
            [.create(created, tags: []), .revoke(.created(created), .egress, [allowAllIPv6])], on: local)
        #expect(report.succeeded)
        let id = try #require(report.createdGroupIds[1])
        #expect(
            try await snapshot(local).first { $0.groupId == id }?.egress == [allowAll], "\(ReportRenderer.text(report))"
        )
    }

    @Test func ruleFromACreatedGroupUsesItsRealIdOnceCreated() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let lb = CreatedGroup(placeholder: 1, name: "lb", description: "load balancer", vpcId: nil)
        let fromLB = try Rule(
            ipProtocol: .tcp, ports: .range(PortRange(8080)!), peer: .group(lb.peerReference), description: "from lb")
        let operations: [Operation] = [
            .create(lb, tags: []),
            .authorize(.id(web), .ingress, [fromLB], tags: []),
            .authorize(.created(lb), .ingress, [tcp(443, "0.0.0.0/0")], tags: []),
        ]
        let changeSet = try await planChanges(operations, on: local)
        #expect(ReportRenderer.text(changeSet).contains(#"+ tcp 8080 from <new lb> "from lb""#))

        let report = await Executor(backend: local).apply(changeSet)
        #expect(report.succeeded, "\(ReportRenderer.text(report))")
        let lbId = try #require(report.createdGroupIds[1])
        #expect(ReportRenderer.text(report).contains(#"+ tcp 8080 from \#(lbId) "from lb""#))
        let group = try #require(try await snapshot(local).first { $0.groupId == web })
        let expected = try Rule(
            ipProtocol: .tcp, ports: .range(PortRange(8080)!),
            peer: .group(GroupReference(groupId: lbId, userId: local.ownerId)), description: "from lb")
        #expect(group.ingress == [expected])
    }

    @Test func rollbackRevokesTheRuleFromACreatedGroupBeforeDeletingIt() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let before = try await snapshot(local)
        let lb = CreatedGroup(placeholder: 1, name: "lb", description: "load balancer", vpcId: nil)
        let fromLB = try Rule(ipProtocol: .tcp, ports: .range(PortRange(8080)!), peer: .group(lb.peerReference))
        let faulty = FaultInjectingBackend(
            local, failingCall: 3, with: BackendError(code: "InvalidParameterValue", message: "injected"))
        let report = try await apply(
            [
                .create(lb, tags: []),
                .authorize(.id(web), .ingress, [fromLB], tags: []),
                .tag(.id(web), [Tag(key: "env", value: "prod")]),
            ], on: faulty)
        #expect(report.outcomes.map(\.status).prefix(2) == [.rolledBack, .rolledBack])
        #expect(try await snapshot(local) == before)
    }

    @Test func failureAfterCreateDeletesTheCreatedGroup() async throws {
        let local = LocalBackend.inMemory()
        let before = try await snapshot(local)
        let created = CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: nil)
        let faulty = FaultInjectingBackend(
            local, failingCall: 2, with: BackendError(code: "RulesPerSecurityGroupLimitExceeded", message: "too many"))
        let report = try await apply(
            [.create(created, tags: []), .authorize(.created(created), .ingress, [tcp(1, "10.0.0.0/8")], tags: [])],
            on: faulty)
        #expect(!report.succeeded)
        #expect(report.outcomes.map(\.status).first == .rolledBack)
        #expect(try await snapshot(local) == before)
    }

    /// A call whose answer was lost after EC2 applied it, and whose retry met its own echo, is
    /// settled by reading the group: it counts as applied (no duplicate-rule error), and a later
    /// failure undoes it, in strict mode too. Calls 1–3 (create, authorize, revoke) each land and
    /// lose their answer; with `failingFourth` the 4th call fails for good.
    @Test(arguments: [false, true], [false, true])
    func callAppliedDespiteALostAnswerIsJournaledAndRolledBack(strict: Bool, failingFourth: Bool) async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(23, "0.0.0.0/0")])
        let before = try await snapshot(local)
        let db = CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: nil)
        let operations: [Operation] = [
            .create(db, tags: []),
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0", "https")], tags: []),
            .revoke(.id(web), .ingress, [tcp(23, "0.0.0.0/0")]),
            .tag(.id(web), [Tag(key: "env", value: "prod")]),
        ]
        var faults: [Int: FaultInjectingBackend.Fault] = [
            1: .applyThenLoseAnswer(BackendError(code: "InvalidGroup.Duplicate", message: "exists")),
            2: .applyThenLoseAnswer(BackendError(code: "InvalidPermission.Duplicate", message: "exists")),
            3: .applyThenLoseAnswer(BackendError(code: "InvalidPermission.NotFound", message: "gone")),
        ]
        if failingFourth { faults[4] = .fail(BackendError(code: "InvalidParameterValue", message: "injected")) }
        let changeSet = try await planChanges(operations, on: local)
        let report = await Executor(backend: FaultInjectingBackend(local, faults: faults), strict: strict)
            .apply(changeSet)

        if failingFourth {
            #expect(!report.succeeded)
            #expect(report.outcomes.map(\.status).prefix(3) == [.rolledBack, .rolledBack, .rolledBack])
            #expect(try await snapshot(local) == before)
        } else {
            #expect(report.succeeded, "\(ReportRenderer.text(report))")
            let after = try await snapshot(local)
            #expect(after.map(\.name).sorted() == ["db", "default", "web"])
            #expect(after.first { $0.name == "web" }?.ingress == [tcp(443, "0.0.0.0/0", "https")])
            #expect(after.first { $0.name == "web" }?.tags == [Tag(key: "env", value: "prod")])
        }
    }

    @Test func deleteGoesLastAfterTheRevokeThatFreesTheGroup() async throws {
        let local = LocalBackend.inMemory()
        let old = try await makeGroup(local, "old")
        let web = try await makeGroup(local, "web", ingress: [tcp(22, fromGroup: old)])
        // Written delete-first: applied in that order, EC2 would refuse (DependencyViolation).
        let report = try await apply(
            [.delete(.id(old)), .revoke(.id(web), .ingress, [tcp(22, fromGroup: old)])], on: local)
        #expect(report.succeeded, "\(ReportRenderer.text(report))")
        #expect(report.outcomes.last?.call == .delete(.id(old)))
        let groups = try await snapshot(local)
        #expect(!groups.contains { $0.groupId == old })
        #expect(groups.first { $0.groupId == web }?.ingress == [])
    }

    @Test func rollbackDoesNotReAddARuleSomeoneElseRevokedMeanwhile() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(21, "0.0.0.0/0"), tcp(23, "0.0.0.0/0")])
        let operations: [Operation] = [
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0")], tags: []),
            .revoke(.id(web), .ingress, [tcp(21, "0.0.0.0/0"), tcp(23, "0.0.0.0/0")]),
            .tag(.id(web), [Tag(key: "env", value: "prod")]),
        ]
        let changeSet = try await planChanges(operations, on: local)
        // Another client revokes tcp 21 between planning and applying.
        _ = try await local.revoke(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(21, "0.0.0.0/0")]), dryRun: false)
        let before = try await snapshot(local)
        let faulty = FaultInjectingBackend(
            local, failingCall: 3, with: BackendError(code: "TagLimitExceeded", message: "too many tags"))
        let report = await Executor(backend: faulty).apply(changeSet)
        #expect(report.outcomes.map(\.status).prefix(2) == [.rolledBack, .rolledBack])
        #expect(try await snapshot(local) == before)
    }

    @Test func ruleAnotherClientAddedSincePlanningIsNotAnError() async throws {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web")
        let operations: [Operation] = [
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0")], tags: [])
        ]
        let changeSet = try await planChanges(operations, on: local)
        // Another run of the same script got there first with one of the rules.
        _ = try await local.authorize(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(443, "0.0.0.0/0")]), tags: [],
            dryRun: false)

        let report = await Executor(backend: local).apply(changeSet)
        #expect(report.succeeded, "\(ReportRenderer.text(report))")
        #expect(report.callCount == 2)  // the duplicate, then the rest
        #expect(
            try await snapshot(local).first { $0.groupId == web }?.ingress == [
                tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0"),
            ])

        let strict = await Executor(backend: local, strict: true).apply(changeSet)
        #expect(strict.failure?.code == "InvalidPermission.Duplicate")
    }

    @Test func ruleAnotherClientRevokedSincePlanningIsNotReAddedOnRollback() async throws {
        let local = LocalBackend.inMemory()
        let vpc = try await local.createVPC(ipv6: false)
        let web = try await local.createSecurityGroup(
            name: "web", description: "web", vpcId: vpc, tags: [], dryRun: false)
        _ = try await local.authorize(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(21, "0.0.0.0/0"), tcp(23, "0.0.0.0/0")]),
            tags: [], dryRun: false)
        let operations: [Operation] = [
            .revoke(.id(web), .ingress, [tcp(21, "0.0.0.0/0"), tcp(23, "0.0.0.0/0")]),
            .tag(.id(web), [Tag(key: "env", value: "prod")]),
        ]
        let changeSet = try await planChanges(operations, on: local)
        _ = try await local.revoke(
            .ingress, groupId: web, permissions: IPPermission.grouping([tcp(21, "0.0.0.0/0")]), dryRun: false)
        let before = try await snapshot(local)

        // In a non-default VPC the stale revoke fails with InvalidPermission.NotFound (call 1); the
        // executor re-reads and revokes what is left (call 2); the tags call (3) then fails.
        let faulty = FaultInjectingBackend(
            local, failingCall: 3, with: BackendError(code: "TagLimitExceeded", message: "too many tags"))
        let report = await Executor(backend: faulty).apply(changeSet)
        #expect(report.failure?.code == "TagLimitExceeded")
        #expect(report.outcomes.first?.status == .rolledBack)
        #expect(try await snapshot(local) == before)
    }

    @Test func cancellationStopsAndRollsBack() async throws {
        let scenario = try await FiveCallScenario()
        let before = try await snapshot(scenario.local)
        let canceller = TaskCanceller()
        let faulty = FaultInjectingBackend(scenario.local, faults: [2: .cancelAfter(canceller)])
        let changeSet = try await planChanges(scenario.operations, on: scenario.local)
        let report = await canceller.run { await Executor(backend: faulty).apply(changeSet) }
        #expect(report.failure?.code == "Cancelled")
        #expect(report.outcomes.map(\.status) == [.rolledBack, .rolledBack, .notApplied, .notApplied, .notApplied])
        #expect(try await snapshot(scenario.local) == before)
    }

    @Test func failedRollbackIsReportedAsStillInEffect() async throws {
        let scenario = try await FiveCallScenario()
        let rollbackError = BackendError(code: "UnauthorizedOperation", message: "no revoke permission")
        let faulty = FaultInjectingBackend(
            scenario.local,
            faults: [2: .fail(BackendError(code: "InternalError", message: "boom")), 3: .fail(rollbackError)])
        let report = try await apply(scenario.operations, on: faulty)
        #expect(report.isPartiallyApplied)
        #expect(
            report.outcomes.first?.status
                == .rollbackFailed(
                    CallFailure(
                        action: "AuthorizeSecurityGroupIngress", code: "UnauthorizedOperation",
                        message: "no revoke permission", category: .unauthorized)))
        #expect(ReportRenderer.text(report).contains("some changes are still in effect"))
    }

    @Test func progressIsReportedAfterEachCall() async throws {
        let scenario = try await FiveCallScenario()
        let changeSet = try await planChanges(scenario.operations, on: scenario.local)
        let seen = Mutex<[String]>([])
        let executor = Executor(backend: scenario.local) { done, total in
            seen.withLock { $0.append("\(done)/\(total)") }
        }
        let report = await executor.apply(changeSet)
        #expect(report.succeeded)
        #expect(seen.withLock { $0 } == ["1/5", "2/5", "3/5", "4/5", "5/5"])
    }

    @Test func dryRunSendsNothing() async throws {
        let scenario = try await FiveCallScenario()
        let counting = CountingBackend(scenario.local)
        let changeSet = try await Planner(backend: counting).plan(
            Plan(operations: scenario.operations.map { PlannedOperation($0) }, dryRun: true))
        let report = await Executor(backend: counting).apply(changeSet)
        #expect(counting.mutatingCalls == 0)
        #expect(report.succeeded)
        #expect(report.outcomes.allSatisfy { $0.status == .planned })
        #expect(ReportRenderer.text(report) == ReportRenderer.text(changeSet))
    }
}
