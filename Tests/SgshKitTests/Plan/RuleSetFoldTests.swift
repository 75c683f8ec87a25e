import SgshModel
import Testing

@testable import SgshKit

@Suite struct RuleSetFoldTests {
    private let group = GroupTarget.id("sg-0abc")

    @Test func allowOfAbsentRuleIsAnAddition() {
        var fold = RuleSetFold(live: [tcp(22, "203.0.113.0/24")])
        fold.allow([tcp(443, "0.0.0.0/0", "https")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.added == [tcp(443, "0.0.0.0/0", "https")])
        #expect(change.removed.isEmpty)
        #expect(change.unchanged.isEmpty)  // untouched live rules are not reported
    }

    @Test func allowOfPresentRuleIsUnchangedAndReportsTheDuplicate() {
        var fold = RuleSetFold(live: [tcp(22, "203.0.113.0/24", "ssh")])
        let duplicate = fold.allow([tcp(22, "203.0.113.0/24")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(duplicate == tcp(22, "203.0.113.0/24"))
        #expect(change.unchanged == [tcp(22, "203.0.113.0/24", "ssh")])
        #expect(!change.hasChanges)
    }

    @Test func differentDescriptionIsAnUpdateNotARevokeAndAdd() {
        var fold = RuleSetFold(live: [tcp(22, "203.0.113.0/24", "old")])
        fold.allow([tcp(22, "203.0.113.0/24", "new")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.added.isEmpty)
        #expect(change.removed.isEmpty)
        #expect(
            change.descriptionUpdates == [DescriptionUpdate(rule: tcp(22, "203.0.113.0/24", "new"), previous: "old")])
    }

    @Test func ruleWithoutDescriptionKeepsThePresentOne() {
        var fold = RuleSetFold(live: [tcp(22, "203.0.113.0/24", "kept")])
        fold.exactly([tcp(22, "203.0.113.0/24")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.descriptionUpdates.isEmpty)
        #expect(change.unchanged == [tcp(22, "203.0.113.0/24", "kept")])
    }

    @Test func revokeRemovesPresentRuleAndReportsAbsentOne() {
        var fold = RuleSetFold(live: [tcp(23, "0.0.0.0/0", "telnet")])
        fold.revoke([tcp(23, "0.0.0.0/0"), tcp(21, "0.0.0.0/0")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.removed == [tcp(23, "0.0.0.0/0", "telnet")])  // with its live description, for rollback
        #expect(change.alreadyAbsent == [tcp(21, "0.0.0.0/0")])
    }

    @Test func exactlyRemovesUnlistedRules() {
        var fold = RuleSetFold(live: [tcp(22, "10.0.0.0/8"), tcp(80, "0.0.0.0/0"), tcp(443, "0.0.0.0/0")])
        fold.exactly([tcp(443, "0.0.0.0/0"), tcp(8443, "0.0.0.0/0")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.added == [tcp(8443, "0.0.0.0/0")])
        #expect(change.removed == [tcp(22, "10.0.0.0/8"), tcp(80, "0.0.0.0/0")])
        #expect(change.unchanged == [tcp(443, "0.0.0.0/0")])
    }

    @Test func operationsFoldInOrder() {
        var fold = RuleSetFold(live: [])
        fold.allow([tcp(80, "0.0.0.0/0")])
        fold.revoke([tcp(80, "0.0.0.0/0")])
        fold.allow([tcp(443, "0.0.0.0/0")])
        fold.exactly([tcp(443, "0.0.0.0/0"), tcp(22, "10.0.0.0/8")])
        fold.revoke([tcp(22, "10.0.0.0/8")])
        #expect(fold.desired == [tcp(443, "0.0.0.0/0")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.added == [tcp(443, "0.0.0.0/0")])
        #expect(change.alreadyAbsent.isEmpty)  // revoked after being added in the same plan: no net change
    }

    @Test func revokeThenAllowOfPresentRuleIsUnchanged() {
        var fold = RuleSetFold(live: [tcp(22, "10.0.0.0/8", "ssh")])
        fold.revoke([tcp(22, "10.0.0.0/8")])
        fold.allow([tcp(22, "10.0.0.0/8", "ssh")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(!change.hasChanges)
        #expect(change.unchanged == [tcp(22, "10.0.0.0/8", "ssh")])
    }

    @Test func additionsWithDifferentRuleTagsGoInSeparateBatches() {
        var fold = RuleSetFold(live: [])
        fold.allow([tcp(80, "0.0.0.0/0")])
        fold.allow([tcp(443, "0.0.0.0/0")], tags: [Tag(key: "team", value: "web")])
        fold.allow([tcp(8080, "0.0.0.0/0")])
        let change = fold.diff(group: group, direction: .ingress)
        #expect(
            change.additions == [
                RuleBatch(tags: [], rules: [tcp(80, "0.0.0.0/0"), tcp(8080, "0.0.0.0/0")]),
                RuleBatch(tags: [Tag(key: "team", value: "web")], rules: [tcp(443, "0.0.0.0/0")]),
            ])
    }

    @Test func sameKeyDifferentProtocolIsADifferentRule() {
        var fold = RuleSetFold(live: [tcp(53, "10.0.0.0/8")])
        fold.exactly([udp(53, "10.0.0.0/8")])
        let change = fold.diff(group: group, direction: .egress)
        #expect(change.added == [udp(53, "10.0.0.0/8")])
        #expect(change.removed == [tcp(53, "10.0.0.0/8")])
    }

    /// Each desired rule keeps the statement that last wrote it (policy violations and
    /// planning errors point there); a revoked and re-allowed rule takes the new one.
    @Test func desiredRulesKeepTheStatementThatLastWroteThem() {
        let file = SourceFile(name: "t.sgsh", text: "a\nb\nc\nd\n")
        let (a, b, c, d) = (
            SourceRange(file: file, start: 0, end: 1), SourceRange(file: file, start: 2, end: 3),
            SourceRange(file: file, start: 4, end: 5), SourceRange(file: file, start: 6, end: 7)
        )
        var fold = RuleSetFold(live: [tcp(22, "10.0.0.0/8")])
        fold.allow([tcp(443, "0.0.0.0/0"), tcp(80, "0.0.0.0/0")], origin: a)
        fold.allow([tcp(80, "0.0.0.0/0")], origin: b)
        fold.allow([tcp(80, "0.0.0.0/0")])
        fold.revoke([tcp(443, "0.0.0.0/0")])
        fold.allow([tcp(443, "0.0.0.0/0")], origin: c)
        #expect(fold.origin(of: tcp(443, "0.0.0.0/0").key) == c)
        #expect(fold.origin(of: tcp(80, "0.0.0.0/0").key) == b)
        #expect(fold.origin(of: tcp(22, "10.0.0.0/8").key) == nil)
        fold.exactly([tcp(80, "0.0.0.0/0"), tcp(22, "10.0.0.0/8")], origin: d)
        #expect(fold.desiredWithOrigins.map(\.rule) == [tcp(80, "0.0.0.0/0"), tcp(22, "10.0.0.0/8")])
        #expect(fold.desiredWithOrigins.map(\.origin) == [d, d])
        #expect(fold.origin(of: tcp(443, "0.0.0.0/0").key) == nil)
    }

    @Test func hundredThousandRulesFoldAndDiffByKey() {
        let live = (0..<50_000).map { tcp(443, host($0)) }
        let wanted = (25_000..<100_000).map { tcp(443, host($0)) }
        var fold = RuleSetFold(live: live)
        fold.exactly(wanted)
        let change = fold.diff(group: group, direction: .ingress)
        #expect(change.added.count == 50_000)
        #expect(change.removed.count == 25_000)
        #expect(change.unchanged.count == 25_000)
        #expect(change.added.first == tcp(443, host(50_000)))
        #expect(change.removed.last == tcp(443, host(24_999)))
    }
}
