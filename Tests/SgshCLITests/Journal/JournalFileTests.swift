// The journal file as written and read back: a `sending` or `sent` record of
// a call unchanged from the plan names it by position only (the rules are
// written once, in `begin`), one that differs (a revoke that partly landed)
// carries its call, and a journal left behind reads back with every call.
// The plan becomes durable and visible with the first call's `sending` (one
// fsync for both): before it, only a locked draft exists.

import Foundation
import SgshKit
import SgshLocal
import SgshModel
import Testing

@testable import SgshCLI

@Suite struct JournalFileTests {
    /// Two authorizes and a revoke on one group of the local backend, planned.
    static func plannedCalls() async throws -> (ChangeSet, [PlannedCall]) {
        let local = LocalBackend.inMemory()
        let group = try await local.createSecurityGroup(
            name: "web", description: "web", vpcId: nil, tags: [], dryRun: false)
        let interpreter = Interpreter(host: CLIHost(backend: nil, printsTo: .standardError))
        let plan = try await interpreter.plan(
            source: """
                sg "\(group)" ingress allow tcp 443 from [10.0.0.0/8, 192.168.0.0/16] "https"
                sg "\(group)" egress revoke all to 0.0.0.0/0
                """, name: "journal.sgsh")
        let changeSet = try await interpreter.changes(for: plan, backend: local)
        return (changeSet, changeSet.calls)
    }

    /// A journal of `plannedCalls()` for the local target in `dir`, begun.
    static func begunJournal(in dir: TemporaryDirectory) async throws -> (JournalDirectory, JournalFile, [PlannedCall])
    {
        let target = BackendTarget.local(stateFile: dir.state)
        let folder = JournalDirectory(for: target)
        let (changeSet, calls) = try await plannedCalls()
        let journal = JournalFile(directory: folder, target: target.name)
        try await journal.begin(changeSet)
        return (folder, journal, calls)
    }

    @Test func aPlannedCallIsWrittenOnceAndReadBackFromThePlan() async throws {
        let dir = try TemporaryDirectory()
        let target = BackendTarget.local(stateFile: dir.state)
        let (changeSet, calls) = try await Self.plannedCalls()
        #expect(calls.count == 2, "\(calls)")
        let journal = JournalFile(directory: JournalDirectory(for: target), target: target.name)
        try await journal.begin(changeSet)
        // The revoke took effect otherwise than planned (none of its rules was there): its
        // `sent` says how; the authorize took effect as planned.
        var took: [PlannedCall] = []
        for (position, call) in calls.enumerated() {
            try await journal.sending(call, at: position, ids: [:])
            let effective: PlannedCall
            if case .revoke(let group, let direction, _) = call {
                effective = .revoke(group, direction, [])
            } else {
                effective = call
            }
            took.append(effective)
            try await journal.sent(effective, at: position, ids: [:])
        }
        await journal.finished(settled: false)

        let path = try #require(JournalDirectory(for: target).files().first)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 5, "\(lines)")
        #expect(lines[0].contains("\"calls\""), "begin holds the plan")
        let withCall = lines.dropFirst().filter { $0.contains("\"call\"") }
        #expect(withCall.count == 1 && withCall[0].contains("\"sent\""), "only the changed call's sent: \(lines)")

        // A child process that another test forks in this moment holds the closed journal's lock
        // until it execs (the lock's descriptor is shared from fork to exec), which under load
        // can outlast find's 10 ms retry: look again, as the next command would.
        var found: [InterruptedJournal] = []
        for _ in 0..<100 where found.isEmpty {
            found = try InterruptedJournal.find(in: JournalDirectory(for: target))
            if found.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        }
        defer { found.forEach { $0.release() } }
        let apply = try #require(found.first).apply
        #expect(apply.calls == calls)
        #expect(apply.sent == Dictionary(uniqueKeysWithValues: took.enumerated().map { ($0, $1) }))
        #expect(took != calls, "the revoke's sent differs from its plan")
        #expect(apply.unanswered.isEmpty)
    }

    @Test func theJournalBecomesVisibleWithTheFirstCallsSendingAndBeginsWithThePlan() async throws {
        let dir = try TemporaryDirectory()
        let (folder, journal, calls) = try await Self.begunJournal(in: dir)
        #expect(folder.files().isEmpty, "before a call is about to be sent there is nothing to recover")
        let drafts = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(drafts.count == 1 && drafts[0].hasPrefix(".apply-"), "\(drafts)")

        try await journal.sending(calls[0], at: 0, ids: [:])
        let path = try #require(folder.files().first)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path) == [(path as NSString).lastPathComponent])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2 && lines[0].contains("\"calls\"") && lines[1].contains("\"sending\""), "\(lines)")
        await journal.finished(settled: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func anApplyThatEndsBeforeItsFirstCallLeavesNoJournal() async throws {
        let dir = try TemporaryDirectory()
        let (folder, journal, _) = try await Self.begunJournal(in: dir)
        await journal.finished(settled: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Another command may open a journal just before its apply, settled, removes it and lets it
    /// go: the lock it then gets is a finished apply's, and the file has no name left.
    @Test func aJournalRemovedAfterItWasOpenedIsNotAnInterruptedApply() async throws {
        for settled in [true, false] {
            let dir = try TemporaryDirectory()
            let (_, journal, calls) = try await Self.begunJournal(in: dir)
            try await journal.sending(calls[0], at: 0, ids: [:])
            let path = try #require(await journal.path)
            let reader = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
            try #require(reader >= 0)
            #expect(flock(reader, LOCK_EX | LOCK_NB) != 0, "the running apply holds it")
            await journal.finished(settled: settled)
            let found = try InterruptedJournal.interrupted(path, openAt: reader)
            #expect((found == nil) == settled)
            found?.release()
        }
    }
}
