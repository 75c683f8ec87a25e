// The write-ahead journal and Recovery, below the binary: an apply "crashes"
// at every call of a five-call plan (the call not sent, or sent and its
// answer lost), after which nothing more reaches the backend and the journal
// gets nothing more — as when the process dies. The journal's records, through
// JSON and back, are all Recovery gets: undo leaves the groups exactly as
// they began, complete leaves nothing left to plan. And in a live apply, a
// call whose answer was lost is settled by reading the group.

import Foundation
import SgshLocal
import SgshModel
import SgshTestSupport
import Synchronization
import Testing

@testable import SgshKit

@Suite struct JournalRecoveryTests {
    /// Two groups and a plan of five calls: authorize, authorize, descriptions, revoke, tags.
    private struct Scenario {
        let local = LocalBackend.inMemory()
        var a = ""
        var b = ""

        init() async throws {
            a = try await makeGroup(
                local, "a", ingress: [tcp(22, "10.0.0.0/8", "ssh"), tcp(23, "0.0.0.0/0", "telnet")],
                tags: [SgshModel.Tag(key: "env", value: "dev")])
            b = try await makeGroup(local, "b", tags: [SgshModel.Tag(key: "env", value: "dev")])
            // The rule the plan revokes has an owner: undoing the revoke must bring the owner back.
            try await tagRule(local, a, port: 23, [SgshModel.Tag(key: SgshRuleTag.owner, value: "ops")])
        }

        var operations: [SgshKit.Operation] {
            [
                .authorize(.id(a), .ingress, [tcp(443, "0.0.0.0/0", "https"), tcp(80, "0.0.0.0/0")], tags: []),
                .authorize(.id(a), .ingress, [tcp(22, "10.0.0.0/8", "ssh from the office")], tags: []),
                .revoke(.id(a), .ingress, [tcp(23, "0.0.0.0/0")]),
                .authorize(.id(b), .egress, [tcp(443, "::/0")], tags: []),
                .tag(.id(b), [SgshModel.Tag(key: "env", value: "prod"), SgshModel.Tag(key: "team", value: "db")]),
            ]
        }
    }

    @Test(arguments: 1...5, [false, true])
    func everyCrashIsUndoneExactly(crashingAt call: Int, landed: Bool) async throws {
        let scenario = try await Scenario()
        let before = try await snapshot(scenario.local)
        let apply = try await crash(scenario, at: call, landed: landed)
        #expect(apply.unanswered == [call - 1])
        #expect(apply.sent.count == call - 1)

        let report = await Recovery(backend: scenario.local).undo(apply)
        #expect(report.succeeded, "\(report)")
        #expect(try await snapshot(scenario.local) == before)
        let taken = report.steps.filter { if case .changed = $0.outcome { true } else { false } }.count
        #expect(taken == call - 1 + (landed ? 1 : 0), "only what landed is taken back")
    }

    @Test(arguments: 1...5, [false, true])
    func everyCrashIsCompletedExactly(crashingAt call: Int, landed: Bool) async throws {
        let scenario = try await Scenario()
        let before = try await snapshot(scenario.local)
        let apply = try await crash(scenario, at: call, landed: landed)

        let report = await Recovery(backend: scenario.local).complete(apply)
        #expect(report.succeeded, "\(report)")
        #expect(try await snapshot(scenario.local) != before)
        let again = try await planChanges(scenario.operations, on: scenario.local)
        #expect(again.calls.isEmpty, "complete left something to do: \(again.calls)")
        let sent = report.steps.filter { if case .changed = $0.outcome { true } else { false } }.count
        #expect(sent == 5 - call + (landed ? 0 : 1), "only what was missing is sent")
    }

    @Test func aLiveCallWhoseAnswerWasLostIsSettledByReading() async throws {
        for call in 1...5 {
            let scenario = try await Scenario()
            let before = try await snapshot(scenario.local)
            let losing = CrashingBackend(scenario.local, crashAt: call, landed: true, dies: false)
            let report = await Executor(backend: losing).apply(
                try await planChanges(scenario.operations, on: scenario.local))
            #expect(report.failure?.code == "RequestTimeout")
            #expect(try await snapshot(scenario.local) == before, "call \(call)")
            // The call landed, so it was taken back: reported as rolled back, not as failed.
            #expect(report.outcomes[call - 1].status == .rolledBack, "call \(call): \(report.outcomes[call - 1])")
        }
    }

    /// A create, an authorize on an existing group, tags; call `lost` lands, its answer is lost
    /// (the retry met its echo), and then `failingReads` reads time out.
    private func applyLosingAnswer(at lost: Int, failingReads: Int) async throws
        -> (local: LocalBackend, before: [GroupSnapshot], report: ApplyReport, journal: RecordingJournal)
    {
        let local = LocalBackend.inMemory()
        let web = try await makeGroup(local, "web", ingress: [tcp(22, "10.0.0.0/8", "ssh")])
        let before = try await snapshot(local)
        let db = CreatedGroup(placeholder: 1, name: "db", description: "database tier", vpcId: nil)
        let operations: [SgshKit.Operation] = [
            .create(db, tags: []),
            .authorize(.id(web), .ingress, [tcp(443, "0.0.0.0/0", "https")], tags: []),
            .tag(.id(web), [SgshModel.Tag(key: "env", value: "prod")]),
        ]
        let echo =
            lost == 1
            ? BackendError(code: "InvalidGroup.Duplicate", message: "exists")
            : BackendError(code: "InvalidPermission.Duplicate", message: "exists")
        let faulty = FaultInjectingBackend(
            local, faults: [lost: .applyThenLoseAnswerAndReads(echo, failingReads: failingReads)])
        let journal = RecordingJournal()
        let report = await Executor(backend: faulty, journal: journal)
            .apply(try await planChanges(operations, on: local))
        return (local, before, report, journal)
    }

    /// When even the reads that would settle a lost answer time out, the live apply does not
    /// guess: the call's outcome is reported unknown (never "rolled back"), the journal is kept
    /// unsettled, and `Recovery` from that journal later leaves the groups as they began. Before,
    /// the create's echo (`InvalidGroup.Duplicate`) was taken as "nothing landed" and the group
    /// it had made was left behind with the journal removed.
    @Test(arguments: [1, 2])
    func aLostAnswerWhoseSettlingReadsFailIsLeftToRecovery(lostCall: Int) async throws {
        let (local, before, report, journal) = try await applyLosingAnswer(at: lostCall, failingReads: 1_000)
        guard case .outcomeUnknown = report.outcomes[lostCall - 1].status else {
            Issue.record("call \(lostCall): \(report.outcomes[lostCall - 1].status)")
            return
        }
        #expect(report.isUnsettled && !report.succeeded)
        #expect(journal.settled == false, "the journal must be kept")
        let text = ReportRenderer.text(report)
        #expect(text.contains("Interrupted: ") && text.contains("took effect is unknown"), "\(text)")
        #expect(!text.contains("every applied change was rolled back"), "\(text)")
        #expect(ReportRenderer.jsonText(report, pretty: false).contains(#""Unsettled":true"#))
        #expect(try await snapshot(local) != before, "the call landed and is still there")

        let interrupted = try InterruptedApply(records: journal.records)
        #expect(interrupted.unanswered == [lostCall - 1])
        let recovered = await Recovery(backend: local).undo(interrupted)
        #expect(recovered.succeeded, "\(recovered)")
        #expect(try await snapshot(local) == before)
    }

    /// A settling read that times out is tried again (Executor.settleAttempts): here the reads of
    /// the forward path (one for the create, two for the authorize) and the rollback's first try
    /// fail, and the second try settles the call.
    @Test(arguments: [(1, 2), (2, 3)])
    func aSettlingReadIsTriedAgain(lostCall: Int, failingReads: Int) async throws {
        let (local, before, report, journal) = try await applyLosingAnswer(at: lostCall, failingReads: failingReads)
        #expect(report.outcomes[lostCall - 1].status == .rolledBack, "\(report.outcomes)")
        #expect(!report.isUnsettled)
        #expect(!ReportRenderer.jsonText(report, pretty: false).contains("Unsettled"))
        #expect(journal.settled == true)
        #expect(try await snapshot(local) == before)
    }

    @Test func theJournalSeesThePlanAndEveryCallBeforeAndAfter() async throws {
        let scenario = try await Scenario()
        let journal = RecordingJournal()
        let changeSet = try await planChanges(scenario.operations, on: scenario.local)
        let report = await Executor(backend: scenario.local, journal: journal).apply(changeSet)
        #expect(report.succeeded)
        let events = journal.records.map(\.event)
        #expect(events == [.begin] + Array(repeating: [.sending, .sent], count: 5).flatMap { $0 })
        #expect(journal.settled == true)
        let apply = try InterruptedApply(records: journal.records)
        #expect(apply.calls == changeSet.calls, "the journal reads back as the calls it recorded")
        #expect(apply.unanswered.isEmpty && apply.sent.count == 5)
    }

    /// Issue 16: a replacement (create, copy, re-point, move interfaces, delete) cut off at any
    /// of its thirteen calls is undone exactly (interfaces moved back) or completed (nothing left).
    @Test(arguments: 1...13, [false, true])
    func aReplacementCutOffAnywhereIsUndoneOrCompleted(crashingAt call: Int, landed: Bool) async throws {
        for completing in [false, true] {
            let scenario = try await ReplacementTests.Scenario()
            let before = try await scenario.state()
            let plan = try await Interpreter(host: TestHost(backend: scenario.local)).plan(
                source: ReplacementTests.Scenario.script, name: "replace.sgsh")
            let changeSet = try await Planner(backend: scenario.local).plan(plan)
            let dying = CrashingBackend(scenario.local, crashAt: call, landed: landed, dies: true)
            let journal = RecordingJournal(dying)
            _ = await Executor(backend: dying, journal: journal).apply(changeSet)
            let encoded = journal.records.map { Data($0.jsonLine.utf8) }
            let apply = try InterruptedApply(
                records: try encoded.map { try JSONDecoder().decode(JournalRecord.self, from: $0) })
            let recovery = Recovery(backend: scenario.local)
            if completing {
                let report = await recovery.complete(apply)
                #expect(report.succeeded, "call \(call): \(report)")
                let again = try await Planner(backend: scenario.local).plan(
                    try await Interpreter(host: TestHost(backend: scenario.local)).plan(
                        source: ReplacementTests.Scenario.script, name: "replace.sgsh"))
                #expect(again.calls.isEmpty, "call \(call): complete left \(again.calls)")
                let groups = try await scenario.local.describeSecurityGroups(.all)
                #expect(!groups.contains { $0.groupId == scenario.web }, "call \(call)")
            } else if call == 13 && landed {
                // The old group is gone: the replacement is done and cannot be taken back.
                let report = await recovery.undo(apply)
                #expect(report.steps.count == 1, "\(report)")
                guard case .cannotUndo(let why) = report.steps.first?.outcome else {
                    Issue.record("\(report)")
                    continue
                }
                #expect(why.contains("'sgsh recover --complete' finishes the apply"))
                #expect(try await scenario.state() != before)
            } else {
                let report = await recovery.undo(apply)
                #expect(report.succeeded, "call \(call): \(report)")
                let after = try await scenario.state()
                #expect(after.0 == before.0, "call \(call): groups differ")
                #expect(after.1 == before.1, "call \(call): interfaces differ")
            }
        }
    }

    /// Applies the scenario until call `call` (1-based), which is not sent or (`landed`) sent
    /// with its answer lost; then the backend and the journal are dead. Returns the journal read back.
    private func crash(_ scenario: Scenario, at call: Int, landed: Bool) async throws -> InterruptedApply {
        let dying = CrashingBackend(scenario.local, crashAt: call, landed: landed, dies: true)
        let journal = RecordingJournal(dying)
        let changeSet = try await planChanges(scenario.operations, on: scenario.local)
        _ = await Executor(backend: dying, journal: journal).apply(changeSet)
        // Through the journal's on-disk form (JournalFile writes jsonLine) and back.
        let encoded = journal.records.map { Data($0.jsonLine.utf8) }
        return try InterruptedApply(records: try encoded.map { try JSONDecoder().decode(JournalRecord.self, from: $0) })
    }
}

/// Forwards to a backend until mutating call `crashAt`, which it sends (`landed`) or not and then
/// answers with a timeout; when it `dies`, every later call fails without reaching the backend.
private final class CrashingBackend: SecurityGroupBackend {
    struct Dead: Error {}
    let base: any SecurityGroupBackend
    let crashAt: Int
    let landed: Bool
    let dies: Bool
    private let state = Mutex<(count: Int, dead: Bool)>((0, false))

    init(_ base: any SecurityGroupBackend, crashAt: Int, landed: Bool, dies: Bool) {
        (self.base, self.crashAt, self.landed, self.dies) = (base, crashAt, landed, dies)
    }

    var displayName: String { base.displayName }
    var isDead: Bool { state.withLock { $0.dead } }

    private func read<T>(_ body: () async throws -> T) async throws -> T {
        if isDead { throw Dead() }
        return try await body()
    }

    private func mutating<T>(_ body: () async throws -> T) async throws -> T {
        let (number, dead) = state.withLock { state in
            state.count += 1
            return (state.count, state.dead)
        }
        if dead { throw Dead() }
        guard number == crashAt else { return try await body() }
        if landed { _ = try await body() }
        if dies { state.withLock { $0.dead = true } }
        throw BackendError(category: .unavailable, code: "RequestTimeout", message: "no answer")
    }

    func createSecurityGroup(name: String, description: String, vpcId: String?, tags: [SgshModel.Tag], dryRun: Bool)
        async throws -> String
    {
        try await mutating {
            try await base.createSecurityGroup(
                name: name, description: description, vpcId: vpcId, tags: tags, dryRun: dryRun)
        }
    }
    func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
        try await mutating { try await base.deleteSecurityGroup(groupId: groupId, dryRun: dryRun) }
    }
    func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        try await read { try await base.describeSecurityGroups(query) }
    }
    func authorize(
        _ direction: Direction, groupId: String, permissions: [IPPermission], tags: [SgshModel.Tag], dryRun: Bool
    )
        async throws -> [SecurityGroupRule]
    {
        try await mutating {
            try await base.authorize(direction, groupId: groupId, permissions: permissions, tags: tags, dryRun: dryRun)
        }
    }
    func revoke(_ direction: Direction, groupId: String, permissions: [IPPermission], dryRun: Bool) async throws
        -> RevokeResult
    {
        try await mutating {
            try await base.revoke(direction, groupId: groupId, permissions: permissions, dryRun: dryRun)
        }
    }
    func revoke(_ direction: Direction, groupId: String, ruleIds: [String], dryRun: Bool) async throws -> RevokeResult {
        try await mutating { try await base.revoke(direction, groupId: groupId, ruleIds: ruleIds, dryRun: dryRun) }
    }
    func describeSecurityGroupRules(groupId: String?, ruleIds: [String]) async throws -> [SecurityGroupRule] {
        try await read { try await base.describeSecurityGroupRules(groupId: groupId, ruleIds: ruleIds) }
    }
    func describeManagedPrefixLists(ids: [String]) async throws -> [ManagedPrefixList] {
        try await read { try await base.describeManagedPrefixLists(ids: ids) }
    }
    func describeNetworkInterfaces(groupIds: [String]) async throws -> [NetworkInterface] {
        try await read { try await base.describeNetworkInterfaces(groupIds: groupIds) }
    }
    func modifyNetworkInterfaceGroups(networkInterfaceId: String, groupIds: [String]) async throws {
        try await mutating {
            try await base.modifyNetworkInterfaceGroups(networkInterfaceId: networkInterfaceId, groupIds: groupIds)
        }
    }
    func updateRuleDescriptions(_ direction: Direction, groupId: String, permissions: [IPPermission]) async throws {
        try await mutating {
            try await base.updateRuleDescriptions(direction, groupId: groupId, permissions: permissions)
        }
    }
    func modifySecurityGroupRules(groupId: String, updates: [SecurityGroupRuleUpdate]) async throws {
        try await mutating { try await base.modifySecurityGroupRules(groupId: groupId, updates: updates) }
    }
    func createTags(resourceIds: [String], tags: [SgshModel.Tag], dryRun: Bool) async throws {
        try await mutating { try await base.createTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun) }
    }
    func deleteTags(resourceIds: [String], tags: [TagSelector], dryRun: Bool) async throws {
        try await mutating { try await base.deleteTags(resourceIds: resourceIds, tags: tags, dryRun: dryRun) }
    }
}

/// Keeps the records an apply writes, in memory; after its backend died, records nothing more.
private final class RecordingJournal: ApplyJournal {
    private let state = Mutex<(records: [JournalRecord], settled: Bool?)>(([], nil))
    private let backend: CrashingBackend?

    init(_ backend: CrashingBackend? = nil) {
        self.backend = backend
    }

    var records: [JournalRecord] { state.withLock { $0.records } }
    var settled: Bool? { state.withLock { $0.settled } }

    private func record(_ record: JournalRecord) {
        guard backend?.isDead != true else { return }
        state.withLock { $0.records.append(record) }
    }

    func begin(_ changeSet: ChangeSet) async throws { record(.begin(changeSet)) }
    func replanned(_ calls: [PlannedCall], from position: Int) async throws {
        var replanned = JournalRecord(event: .replanned)
        replanned.position = position
        replanned.calls = calls.map(JournaledCall.init)
        record(replanned)
    }
    func sending(_ call: PlannedCall, at position: Int, ids: [Int: String]) async throws {
        record(.about(.sending, call, at: position, ids: ids))
    }
    func sent(_ call: PlannedCall, at position: Int, ids: [Int: String]) async throws {
        record(.about(.sent, call, at: position, ids: ids))
    }
    func failed(at position: Int, _ failure: CallFailure) async { record(.about(.failed, nil, at: position)) }
    func rollingBack() async { record(JournalRecord(event: .rollingBack)) }
    func finished(settled: Bool) async {
        guard backend?.isDead != true else { return }
        state.withLock { $0.settled = settled }
    }
}
