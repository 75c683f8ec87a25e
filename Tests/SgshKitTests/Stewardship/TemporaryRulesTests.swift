// Rules that expire (issue 16): `allow … for 2h` adds a rule tagged
// `sgsh:expires` (ISO 8601 UTC, counted from the host's clock), plans say how
// long temporary rules have left, re-runs do not extend them, `exactly` keeps
// one only while the script asks for it, and `sgsh expire` (the Expirer)
// revokes them exactly when due: one describe, one revoke per group and
// direction. The clock is the test's (ClockHost, `now:`), never the wall's.

import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshKit

@Suite struct TemporaryRulesTests {
    static let start = Stewardship.start

    static func expiresTag(_ group: String, on backend: any SecurityGroupBackend) async throws -> [String] {
        try await backend.describeSecurityGroupRules(groupId: group, ruleIds: []).filter { !$0.isEgress }
            .compactMap { $0.tags.first { $0.key == SgshRuleTag.expires }?.value }
    }

    /// The groups tagged `sgsh:temporary-rules`.
    static func marked(on backend: any SecurityGroupBackend) async throws -> [String] {
        try await backend.describeSecurityGroups(.all).filter {
            $0.tags.contains(Tag(key: SgshGroupTag.temporaryRules, value: SgshGroupTag.temporaryRulesValue))
        }.map(\.groupId).sorted()
    }

    @Test func forTwoHoursTagsTheRuleWithItsExpiryInUTC() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let script = #"sg \#(web) ingress allow tcp 22 from 203.0.113.7 "debug" for 2h"#
        #expect(
            try await Stewardship.planText(script, on: local) == """
                ~ \(web) ingress
                  + tcp 22 from 203.0.113.7/32 "debug"  (expires in 2h)
                ~ \(web) tags
                  + sgsh:temporary-rules=yes
                Plan: 2 to add, 0 to change, 0 to remove, 0 unchanged.

                """)
        try await Stewardship.run(script, on: local)
        #expect(UTCTimestamp.text(Self.start) == "2027-01-15T08:00:00Z")
        #expect(try await Self.expiresTag(web, on: local) == ["2027-01-15T10:00:00Z"])
        // The group is marked as holding temporary rules: re-runs read rule tags only there.
        #expect(try await Self.marked(on: local) == [web])
    }

    @Test func rulesExpireExactlyWhenDue() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        try await Stewardship.run(
            "sg \(web) ingress {\n  allow tcp 22 from 203.0.113.7 for 90m\n  allow tcp 443 from 0.0.0.0/0\n}",
            on: local)
        let due = Self.start + 90 * 60
        let early = try await Expirer(backend: local).expire(now: due - 1, dryRun: false)
        #expect(early.batches.isEmpty)
        #expect(early.pending.map(\.expires) == [due])
        #expect(try await Stewardship.ingress(web, on: local).count == 2)
        #expect(early.marks == GroupMarks())
        let onTime = try await Expirer(backend: local).expire(now: due, dryRun: false)
        #expect(onTime.succeeded)
        #expect(onTime.batches.map(\.rules.count) == [1])
        #expect(try await Stewardship.ingress(web, on: local) == ["tcp 443 from 0.0.0.0/0"])
        // No temporary rule is left in the group: its mark goes (describe, revoke, marked
        // groups, DeleteTags).
        #expect(onTime.marks == GroupMarks(unmarked: [web]) && onTime.callCount == 4)
        #expect(try await Self.marked(on: local).isEmpty)
        // Run again: nothing left to do (the rules and the marked groups read).
        let again = try await Expirer(backend: local).expire(now: due + 60, dryRun: false)
        #expect(again.batches.isEmpty && again.callCount == 2)
    }

    @Test func aDryRunSendsNothing() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        try await Stewardship.run("sg \(web) ingress allow tcp 22 from 203.0.113.7 for 1m", on: local)
        let counting = CountingBackend(local)
        let report = try await Expirer(backend: counting).expire(now: Self.start + 60, dryRun: true)
        #expect(report.batches.map(\.rules.count) == [1])
        #expect(counting.mutatingCalls == 0)
        #expect(
            ExpiryRenderer.text(report).hasSuffix("Would revoke 1 expired rule in 1 group; nothing sent (1 call).\n"))
        #expect(try await Stewardship.ingress(web, on: local).count == 1)
    }

    @Test func aRerunBeforeTheRuleIsDueSendsNothingAndShowsWhatIsLeft() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let script = #"sg \#(web) ingress allow tcp 22 from 203.0.113.7 "debug" for 2h"#
        try await Stewardship.run(script, on: local)
        let counting = CountingBackend(local)
        let later = Self.start + 61 * 60
        let result = try await Stewardship.run(script, on: counting, at: later)
        #expect(counting.mutatingCalls == 0)
        #expect(
            ReportRenderer.text(result.report.changeSet) == """
                = \(web) ingress
                  = tcp 22 from 203.0.113.7/32 "debug"  (already present; expires in 59m)
                No changes (1 already as asked).

                """)
        // Not extended: it still expires two hours after it was first added.
        #expect(try await Self.expiresTag(web, on: local) == ["2027-01-15T10:00:00Z"])
    }

    @Test func aRuleThatIsPastDueButStillPresentIsRenewedByARun() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let script = #"sg \#(web) ingress allow tcp 22 from 203.0.113.7 "debug" for 2h"#
        try await Stewardship.run(script, on: local)
        let result = try await Stewardship.run(script, on: local, at: Self.start + 3 * 3600)
        #expect(result.report.changeSet.calls.map(\.actionName) == ["CreateTags"])
        #expect(try await Self.expiresTag(web, on: local) == ["2027-01-15T13:00:00Z"])
    }

    @Test func aTemporaryRuleAskedForWithoutForBecomesPermanent() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        try await Stewardship.run(#"sg \#(web) ingress allow tcp 22 from 203.0.113.7 "debug" for 2h"#, on: local)
        // No owner and no `for` left in the script: the plan still reads the present rule's tags.
        let permanent = #"sg \#(web) ingress allow tcp 22 from 203.0.113.7 "debug""#
        let later = Self.start + 600
        #expect(
            try await Stewardship.planText(permanent, on: local, at: later) == """
                ~ \(web) ingress
                  ~ tcp 22 from 203.0.113.7/32 "debug"  (permanent now: sgsh:expires removed (it expires in 1h 50m))
                Plan: 0 to add, 1 to change, 0 to remove, 0 unchanged.

                """)
        let result = try await Stewardship.run(permanent, on: local, at: later)
        #expect(result.report.changeSet.calls.map(\.actionName) == ["DeleteTags"])
        #expect(try await Self.expiresTag(web, on: local).isEmpty)
        // `sgsh expire` long after the old expiry leaves it; a re-run sends nothing.
        let expired = try await Expirer(backend: local).expire(now: Self.start + 86_400, dryRun: false)
        #expect(expired.batches.isEmpty)
        let counting = CountingBackend(local)
        try await Stewardship.run(permanent, on: counting, at: later + 60)
        #expect(counting.mutatingCalls == 0)
        #expect(try await Stewardship.ingress(web, on: local) == [#"tcp 22 from 203.0.113.7/32 "debug""#])
    }

    @Test func aReRunReadsRuleTagsOnlyInGroupsMarkedAsHoldingTemporaryRules() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let db = try await Stewardship.group("db", on: local)
        try await Stewardship.run(
            "sg \(web) ingress allow tcp 22 from 203.0.113.7 for 2h\nsg \(db) ingress allow tcp 5432 from 10.0.0.0/8",
            on: local)
        #expect(try await Self.marked(on: local) == [web])
        let permanent =
            "sg \(web) ingress allow tcp 22 from 203.0.113.7\nsg \(db) ingress allow tcp 5432 from 10.0.0.0/8"
        // The marked group's rule tags are read (one call, filtered to temporary rules); the
        // other group's are not.
        let counting = CountingBackend(local)
        _ = try await Stewardship.planText(permanent, on: counting, at: Self.start + 60)
        #expect(counting.count(.describeSecurityGroups) == 1 && counting.count(.describeSecurityGroupRules) == 1)
        #expect(counting.readCalls == 2)
        // A group that holds a temporary rule without the mark (added before sgsh marked
        // groups, or the mark removed by hand) is not read: `sgsh expire` marks it again.
        try await local.deleteTags(
            resourceIds: [web], tags: [TagSelector(key: SgshGroupTag.temporaryRules)], dryRun: false)
        let unread = CountingBackend(local)
        #expect(
            try await Stewardship.planText(permanent, on: unread, at: Self.start + 60).contains("No changes")
                && unread.readCalls == 1)
        let expiry = try await Expirer(backend: local).expire(now: Self.start + 120, dryRun: false)
        #expect(expiry.marks == GroupMarks(marked: [web]) && expiry.callCount == 3)
        #expect(
            ExpiryRenderer.text(expiry).contains(
                "~ \(web) tag sgsh:temporary-rules=yes  (it holds temporary rules)\n"))
        #expect(
            try await Stewardship.planText(permanent, on: local, at: Self.start + 180).contains(
                "(permanent now: sgsh:expires removed (it expires in 1h 57m))"))
    }

    @Test func aFailedMarkIsReportedAndTheExpiryStillHappens() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        try await Stewardship.run("sg \(web) ingress allow tcp 22 from 203.0.113.7 for 1m", on: local)
        // Mutating calls: the revoke (1), the DeleteTags of the group's mark (2).
        let failing = FaultInjectingBackend(
            local, failingCall: 2, with: BackendError(code: "RequestLimitExceeded", message: "slow down"))
        let report = try await Expirer(backend: failing).expire(now: Self.start + 60, dryRun: false)
        #expect(report.batches.map(\.status) == [.applied])
        #expect(!report.succeeded && report.marks.failure?.action == "DeleteTags")
        #expect(
            ExpiryRenderer.text(report).contains(
                "! DeleteTags of the sgsh:temporary-rules marks failed: RequestLimitExceeded: slow down;"
                    + " the next run tries again\n"))
        #expect(try await Self.marked(on: local) == [web])
        let again = try await Expirer(backend: local).expire(now: Self.start + 120, dryRun: false)
        #expect(again.succeeded && again.marks == GroupMarks(unmarked: [web]))
    }

    @Test func aFailedApplyPutsTheExpiryBack() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        try await Stewardship.run("sg \(web) ingress allow tcp 22 from 203.0.113.7 for 2h", on: local)
        // The rule's tag goes (call 2, after the authorize of port 80), then the group's tag
        // (call 3) fails: everything is undone.
        let script = """
            sg \(web) ingress allow tcp 22 from 203.0.113.7
            sg \(web) ingress allow tcp 80 from 0.0.0.0/0
            sg \(web) tag env="prod"
            """
        let failing = FaultInjectingBackend(
            local, failingCall: 3, with: BackendError(code: "InternalError", message: "injected"))
        let result = try await Stewardship.run(script, on: failing, at: Self.start + 600)
        #expect(!result.report.succeeded)
        #expect(Array(failing.log.prefix(3)) == [.authorize, .deleteTags, .createTags])
        #expect(try await Self.expiresTag(web, on: local) == ["2027-01-15T10:00:00Z"])
        #expect(try await Stewardship.ingress(web, on: local) == ["tcp 22 from 203.0.113.7/32"])
    }

    @Test func exactlyKeepsATemporaryRuleOnlyWhileTheScriptAsksForIt() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        let both = """
            sg \(web) ingress exactly {
              allow tcp 22 from 203.0.113.7 "debug" for 2h
              allow tcp 443 from 0.0.0.0/0
            }
            """
        // Under an owner, so that the plan reads the rules' tags and shows their lifetimes.
        try await Stewardship.run(both, on: local, owner: "ops")
        // Still asked for, still unexpired: kept, nothing sent.
        let counting = CountingBackend(local)
        try await Stewardship.run(both, on: counting, at: Self.start + 600, owner: "ops")
        #expect(counting.mutatingCalls == 0)
        // No longer asked for: removed although it has an hour and more to live.
        let onlyHTTPS = "sg \(web) ingress exactly {\n  allow tcp 443 from 0.0.0.0/0\n}"
        let planned = try await Stewardship.planText(onlyHTTPS, on: local, at: Self.start + 600, owner: "ops")
        #expect(
            planned == """
                ~ \(web) ingress
                  = tcp 443 from 0.0.0.0/0              (already present)
                  - tcp 22 from 203.0.113.7/32 "debug"  (expires in 1h 50m)
                Plan: 0 to add, 0 to change, 1 to remove, 1 unchanged.

                """)
        try await Stewardship.run(onlyHTTPS, on: local, at: Self.start + 600, owner: "ops")
        #expect(try await Stewardship.ingress(web, on: local) == ["tcp 443 from 0.0.0.0/0 [owner=ops]"])
    }

    @Test func aRevokeRefusedBecauseAnotherRunGotThereFirstIsRetriedWithWhatIsLeft() async throws {
        let local = LocalBackend.inMemory()
        let web = try await Stewardship.group("web", on: local)
        try await Stewardship.run("sg \(web) ingress allow tcp [22, 23] from 203.0.113.7 for 1m", on: local)
        // What EC2 answers when one of the ids is gone: the whole call fails, nothing revoked.
        let racing = FaultInjectingBackend(
            local, failingCall: 1,
            with: BackendError(code: "InvalidSecurityGroupRuleId.NotFound", message: "The rule ID does not exist"))
        let counting = CountingBackend(racing)
        let report = try await Expirer(backend: counting).expire(now: Self.start + 60, dryRun: false)
        #expect(report.succeeded)
        // describe, refused revoke, the group read again, revoke, marked groups, DeleteTags
        #expect(report.callCount == 6)
        #expect(counting.count(.describeSecurityGroupRules) == 2)
        #expect(try await Stewardship.ingress(web, on: local).isEmpty)
    }

    @Test func expiringFiveHundredRulesInTenGroupsTakesOneDescribeAndTenRevokes() async throws {
        let local = LocalBackend.inMemory()
        var groups: [String] = []
        for index in 0..<10 {
            let group = try await Stewardship.group("g\(index)", on: local)
            groups.append(group)
            // 50 rules each, in one statement, for an hour.
            try await Stewardship.run(
                "sg \(group) ingress allow tcp [\((1000..<1050).map(String.init).joined(separator: ", "))] from 10.0.0.0/8 for 1h",
                on: local)
        }
        let counting = CountingBackend(local)
        let report = try await Expirer(backend: counting).expire(now: Self.start + 3600, dryRun: false)
        #expect(report.succeeded)
        #expect(report.batches.reduce(0) { $0 + $1.rules.count } == 500)
        #expect(counting.count(.describeSecurityGroupRules) == 1)
        #expect(counting.readCalls == 2)  // and the marked groups
        #expect(counting.count(.revokeByRuleIds) == 10)
        #expect(counting.mutatingCalls == 11)  // and one DeleteTags of the ten marks
        #expect(report.marks.unmarked == groups.sorted())
        for group in groups { #expect(try await Stewardship.ingress(group, on: local).isEmpty) }
    }

    // MARK: - Durations

    @Test func durationsAreDaysHoursAndMinutesLargestFirst() throws {
        #expect(try RuleLifetime.seconds("2h") == 7200)
        #expect(try RuleLifetime.seconds("90m") == 5400)
        #expect(try RuleLifetime.seconds("1h30m") == 5400)
        #expect(try RuleLifetime.seconds("7d") == 7 * 86_400)
        #expect(try RuleLifetime.seconds("365d") == RuleLifetime.maximum)
        for bad in ["2", "2s", "0h", "30m1h", "1h1h", "366d", "h"] {
            #expect(throws: RuleFactError.self, "\(bad)") { try RuleLifetime.seconds(bad) }
        }
        #expect(RuleLifetime.text(7200) == "2h")
        #expect(RuleLifetime.text(3599) == "59m")
        #expect(RuleLifetime.text(90_061) == "1d 1h")
        #expect(RuleLifetime.remaining(until: 100, now: 400) == "expired 5m ago")
    }

    @Test func aBadDurationIsAPositionedDiagnostic() {
        let source = "sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8 \"debug\" for 2s\n"
        let diagnostics = Interpreter(host: ClockHost(time: 0)).check(source: source, name: "d.sgsh")
        #expect(diagnostics.map(\.id) == [.durationInvalid])
        #expect(diagnostics.first?.range.text == "2s")
        #expect(diagnostics.first?.range.location.column == 61)
        let ids = { (source: String) in
            Interpreter(host: ClockHost(time: 0)).check(source: source, name: "d.sgsh").map(\.id.rawValue)
        }
        #expect(ids("sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8 for") == ["duration-invalid"])
        #expect(ids("sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8 for 2h for 3h") == ["duration-invalid"])
        #expect(ids("sg sg-0abc ingress revoke tcp 22 from 10.0.0.0/8 for 2h") == ["duration-invalid"])
        #expect(ids("sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8 tag a=1 for 2h") == [])
        #expect(ids("sg sg-0abc ingress allow tcp 22 from 10.0.0.0/8 for 1h30m tag for=1") == [])
    }

    @Test func utcTimestampsRoundTrip() {
        for seconds in [0, 951_782_400, Self.start, 4_102_444_799] {
            #expect(UTCTimestamp.seconds(UTCTimestamp.text(seconds)) == seconds)
        }
        #expect(UTCTimestamp.text(951_782_400) == "2000-02-29T00:00:00Z")
        #expect(UTCTimestamp.text(951_782_400, milliseconds: 7) == "2000-02-29T00:00:00.007Z")
        #expect(UTCTimestamp.text(Self.start, milliseconds: 661) == "2027-01-15T08:00:00.661Z")
        #expect(UTCTimestamp.seconds(UTCTimestamp.text(Self.start, milliseconds: 999)) == Self.start)
        #expect(UTCTimestamp.seconds("2027-01-15T08:00:00.123+00:00") == Self.start)
        #expect(UTCTimestamp.seconds("2027-01-15 08:00:00") == nil)
        #expect(UTCTimestamp.seconds("tomorrow") == nil)
    }
}
