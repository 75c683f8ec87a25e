import SgshModel
import Testing

@testable import SgshKit

/// The planner's fold, diff, checks and batching, on live state given directly (no backend).
@Suite struct PlanFolderTests {
    @Test func strictModeRejectsAllowOfPresentRule() {
        let live = [liveGroup("sg-1", ingress: [tcp(22, "10.0.0.0/8")])]
        let operations: [Operation] = [.authorize(.id("sg-1"), .ingress, [tcp(22, "10.0.0.0/8")], tags: [])]
        #expect(throws: PlanningError(.duplicateRule(.id("sg-1"), .ingress, tcp(22, "10.0.0.0/8")))) {
            try fold(operations, live: live, strict: true)
        }
        #expect(throws: Never.self) { try fold(operations, live: live, strict: false) }
    }

    @Test func strictErrorCarriesEC2CodeAndMessage() throws {
        let live = [liveGroup("sg-1", ingress: [tcp(22, "10.0.0.0/8")])]
        do {
            _ = try fold(
                [.authorize(.id("sg-1"), .ingress, [tcp(22, "10.0.0.0/8")], tags: [])], live: live, strict: true)
            Issue.record("expected a duplicate error")
        } catch {
            #expect(error.code == "InvalidPermission.Duplicate")
            #expect(
                error.message
                    == "rule 'tcp 22 from 10.0.0.0/8' already exists in sg-1 ingress (InvalidPermission.Duplicate; --strict)"
            )
        }
    }

    @Test func unknownGroupIsAPlanningErrorNamingIt() {
        #expect(throws: PlanningError(.groupNotFound("sg-9"))) {
            try fold([.tag(.id("sg-9"), [Tag(key: "a", value: "b")])], live: [])
        }
    }

    @Test func quotaExcessIsAnErrorListingTheCounts() {
        let live = [liveGroup("sg-1", ingress: (0..<55).map { tcp(443, host($0)) })]
        let adding = (100..<110).map { tcp(443, host($0)) }
        let expected = PlanningError.QuotaExcess(
            group: .id("sg-1"), direction: .ingress, family: .ipv4, present: 55, adding: 10, removing: 0, limit: 60)
        do {
            _ = try fold([.authorize(.id("sg-1"), .ingress, adding, tags: [])], live: live)
            Issue.record("expected a quota error")
        } catch {
            #expect(error.kind == .quotaExceeded(expected))
            #expect(
                error.message
                    == "sg-1 ingress would hold 65 IPv4 rules, over the quota of 60 (55 present, 10 to add, 0 to remove)"
            )
        }
    }

    @Test func quotaCountsIPv4AndIPv6Apart() throws {
        let live = [liveGroup("sg-1", ingress: (0..<60).map { tcp(443, host($0)) })]
        let ipv6 = (0..<60).map { tcp(443, "2001:db8::\(String($0, radix: 16))/128") }
        let changeSet = try fold([.authorize(.id("sg-1"), .ingress, ipv6, tags: [])], live: live)
        #expect(changeSet.ruleChanges.first?.added.count == 60)
        #expect(throws: PlanningError.self) {
            try fold([.authorize(.id("sg-1"), .ingress, [tcp(22, "10.255.0.0/16")], tags: [])], live: live)
        }
    }

    @Test func quotaIsPerDirectionAndConfigurable() throws {
        let live = [liveGroup("sg-1")]
        let rules = (0..<5).map { tcp(443, host($0)) }
        let quota = RuleQuota(ingress: 4, egress: 10)
        #expect(throws: PlanningError.self) {
            try fold([.authorize(.id("sg-1"), .ingress, rules, tags: [])], live: live, quota: quota)
        }
        // Egress holds the default rule too: 1 + 5 <= 10.
        _ = try fold([.authorize(.id("sg-1"), .egress, rules, tags: [])], live: live, quota: quota)
    }

    @Test func exactlyThatWouldPassTheQuotaOnTheWayRemovesFirst() throws {
        let live = [liveGroup("sg-1", ingress: (0..<60).map { tcp(443, host($0)) })]
        let wanted = (1000..<1060).map { tcp(443, host($0)) }
        let changeSet = try fold([.exactly(.id("sg-1"), .ingress, wanted, tags: [])], live: live)
        let change = try #require(changeSet.ruleChanges.first)
        #expect(change.removesFirst)
        guard case .revoke = changeSet.calls.first else {
            Issue.record("expected the revoke first, got \(changeSet.calls)")
            return
        }
    }

    @Test func callsAreBatchedOnePerGroupAndDirectionInOrder() throws {
        let live = [
            liveGroup("sg-1", ingress: [tcp(22, "10.0.0.0/8"), tcp(23, "0.0.0.0/0", "telnet")]),
            liveGroup("sg-2", tags: [Tag(key: "env", value: "dev")]),
        ]
        let changeSet = try fold(
            [
                .authorize(.id("sg-1"), .ingress, [tcp(443, "0.0.0.0/0")], tags: []),
                .tag(.id("sg-2"), [Tag(key: "env", value: "prod")]),
                .revoke(.id("sg-1"), .ingress, [tcp(23, "0.0.0.0/0")]),
                .authorize(.id("sg-2"), .egress, [tcp(443, "0.0.0.0/0")], tags: []),
                .authorize(.id("sg-1"), .ingress, [tcp(80, "0.0.0.0/0"), tcp(22, "10.0.0.0/8", "ssh")], tags: []),
                .delete(.id("sg-9")),
            ],
            live: live + [liveGroup("sg-9")])
        #expect(
            changeSet.calls == [
                .authorize(.id("sg-1"), .ingress, [tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0")], tags: []),
                .authorize(.id("sg-2"), .egress, [tcp(443, "0.0.0.0/0")], tags: []),
                .updateDescriptions(
                    .id("sg-1"), .ingress, [DescriptionUpdate(rule: tcp(22, "10.0.0.0/8", "ssh"), previous: nil)]),
                .revoke(.id("sg-1"), .ingress, [tcp(23, "0.0.0.0/0", "telnet")]),
                .createTags(.id("sg-2"), [TagUpdate(tag: Tag(key: "env", value: "prod"), previous: "dev")]),
                .delete(.id("sg-9")),
            ])
    }

    @Test func createdGroupStartsWithTheDefaultEgressRule() throws {
        let db = newGroup(1, "db")
        let changeSet = try fold(
            [
                .create(db, tags: [Tag(key: "Name", value: "db")]),
                .authorize(.created(db), .ingress, [tcp(5432, "10.0.0.0/16")], tags: []),
                .exactly(.created(db), .egress, [tcp(443, "0.0.0.0/0")], tags: []),
            ],
            live: [])
        #expect(
            changeSet.calls == [
                .create(db, tags: [Tag(key: "Name", value: "db")]),
                .authorize(.created(db), .ingress, [tcp(5432, "10.0.0.0/16")], tags: []),
                .authorize(.created(db), .egress, [tcp(443, "0.0.0.0/0")], tags: []),
                .revoke(.created(db), .egress, [allowAll]),
            ])
    }

    @Test func groupUsedBeforeItsCreateIsAnError() {
        let db = newGroup(1, "db")
        #expect(throws: PlanningError(.groupNotCreated(db))) {
            try fold([.authorize(.created(db), .ingress, [tcp(1, "10.0.0.0/8")], tags: [])], live: [])
        }
    }

    @Test func groupUsedAfterItsDeleteIsAnError() {
        #expect(throws: PlanningError(.groupDeleted(.id("sg-1")))) {
            try fold([.delete(.id("sg-1")), .tag(.id("sg-1"), [Tag(key: "a", value: "b")])], live: [liveGroup("sg-1")])
        }
    }

    @Test func ruleChangesOnADeletedGroupAreDroppedAndDeleteComesLast() throws {
        let changeSet = try fold(
            [
                .authorize(.id("sg-1"), .ingress, [tcp(1, "10.0.0.0/8")], tags: []),
                .delete(.id("sg-1")),
                .authorize(.id("sg-2"), .ingress, [tcp(2, "10.0.0.0/8")], tags: []),
            ],
            live: [liveGroup("sg-1"), liveGroup("sg-2")])
        #expect(
            changeSet.calls == [
                .authorize(.id("sg-2"), .ingress, [tcp(2, "10.0.0.0/8")], tags: []), .delete(.id("sg-1")),
            ])
    }

    @Test func alreadyAppliedPlanHasNoCalls() throws {
        let live = [
            liveGroup("sg-1", ingress: [tcp(443, "0.0.0.0/0", "https")], tags: [Tag(key: "env", value: "prod")])
        ]
        let changeSet = try fold(
            [
                .authorize(.id("sg-1"), .ingress, [tcp(443, "0.0.0.0/0", "https")], tags: []),
                .revoke(.id("sg-1"), .ingress, [tcp(23, "0.0.0.0/0")]),
                .tag(.id("sg-1"), [Tag(key: "env", value: "prod")]),
            ],
            live: live)
        #expect(!changeSet.hasChanges)
        #expect(changeSet.calls.isEmpty)
        #expect(
            changeSet.sections.allSatisfy { $0.mark == .unchanged && $0.lines.allSatisfy { $0.mark == .unchanged } })
    }
}
