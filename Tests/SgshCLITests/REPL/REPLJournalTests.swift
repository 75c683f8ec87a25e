// The REPL's entries are journaled as `sgsh run` is (issue 13), in the
// single-target shell and in the fleet shell: an entry whose call's outcome
// is unknown (its answer lost, the settling reads failing) keeps its journal
// and ends as interrupted (exit 3 on piped input); every later entry on that
// target is refused until the journal is settled; settled, entries run again.

import SgshKit
import SgshLocal
import SgshModel
import SgshTestSupport
import Testing

@testable import SgshCLI

@Suite struct REPLJournalTests {
    static let createDB = #"let db = sg create "db" "database tier""#

    /// A backend whose first mutating call lands, loses its answer, and whose reads then time out.
    static func losing(_ local: LocalBackend) -> FaultInjectingBackend {
        FaultInjectingBackend(
            local,
            faults: [
                1: .applyThenLoseAnswerAndReads(
                    BackendError(code: "InvalidGroup.Duplicate", message: "exists"), failingReads: 1_000)
            ])
    }

    /// Undoes the target's interrupted applies as `sgsh recover` does, and removes their journals.
    static func recover(_ target: BackendTarget, on backend: any SecurityGroupBackend) async throws -> Int {
        let found = try InterruptedJournal.find(in: JournalDirectory(for: target))
        for journal in found {
            let report = await Recovery(backend: backend).undo(journal.apply)
            #expect(report.succeeded, "\(report)")
            await JournalFile(adopting: journal).remove()
        }
        return found.count
    }

    @Test func anEntryLeftUnsettledKeepsItsJournalAndLaterEntriesAreRefused() async throws {
        let dir = try TemporaryDirectory()
        let target = BackendTarget.local(stateFile: dir.state)
        let local = LocalBackend.inMemory()
        let faulty = Self.losing(local)
        let engine = InterpreterREPLEngine(
            backend: faulty, promptLabel: "local", backendDescription: "", journal: target)

        let first = await engine.execute(Self.createDB)
        #expect(first.status == .interrupted && first.outcome == .interruptedApply, "\(first)")
        #expect(first.output.contains("Interrupted: CreateSecurityGroup"), "\(first.output)")
        #expect(first.diagnostics.contains("whether call 1, CreateSecurityGroup"), "\(first.diagnostics)")
        #expect(first.diagnostics.contains("'sgsh recover'"))
        #expect(JournalDirectory(for: target).files().count == 1, "the journal is kept")

        // Refused before it is planned: nothing more is read or sent.
        let second = await engine.execute(#"let web = sg create "web" "web servers""#)
        #expect(second.status == .interrupted, "\(second)")
        #expect(second.diagnostics.contains("was interrupted"), "\(second.diagnostics)")
        #expect(faulty.mutatingCalls == 1)

        #expect(try await Self.recover(target, on: local) == 1)
        #expect(try await local.describeSecurityGroups(.all).map(\.groupName) == ["default"], "db was undone")
        let third = await InterpreterREPLEngine(
            backend: local, promptLabel: "local", backendDescription: "", journal: target
        ).execute(#"let web = sg create "web" "web servers""#)
        #expect(third.status == .succeeded, "\(third)")
        #expect(JournalDirectory(for: target).files().isEmpty, "a settled entry's journal is removed")
    }

    /// The fleet shell: each member journals in its own target's folder; the member whose
    /// outcome is unknown makes the entry interrupted (exit 3), the other applies, and the
    /// next entry is refused in that target only.
    @Test func aFleetEntryIsJournaledPerTarget() async throws {
        let dir = try TemporaryDirectory()
        let (east, west) = (LocalBackend.inMemory(), LocalBackend.inMemory())
        let eastTarget = BackendTarget.local(stateFile: dir.path("east.sqlite"))
        let westTarget = BackendTarget.local(stateFile: dir.path("west.sqlite"))
        let fleet = FleetREPLEngine(
            members: [
                .init(
                    heading: "east",
                    engine: InterpreterREPLEngine(
                        backend: Self.losing(east), promptLabel: "", backendDescription: "", journal: eastTarget)),
                .init(
                    heading: "west",
                    engine: InterpreterREPLEngine(
                        backend: west, promptLabel: "", backendDescription: "", journal: westTarget)),
            ], concurrency: 1)

        let first = await fleet.execute(Self.createDB)
        #expect(first.status == .interrupted && first.outcome == .interruptedApply, "\(first.output)")
        #expect(first.output.contains("Fleet: 1 of 2 targets succeeded. Failed: east."), "\(first.output)")
        #expect(JournalDirectory(for: eastTarget).files().count == 1)
        #expect(JournalDirectory(for: westTarget).files().isEmpty)
        #expect(try await west.describeSecurityGroups(.all).map(\.groupName).sorted() == ["db", "default"])

        let second = await fleet.execute(#"let web = sg create "web" "web servers""#)
        #expect(second.status == .interrupted, "\(second.output)")
        #expect(second.output.contains("=== east ===\nsgsh: error: an apply to local"), "\(second.output)")
        #expect(second.output.contains("Fleet: 1 of 2 targets succeeded. Failed: east."), "\(second.output)")
        #expect(try await west.describeSecurityGroups(.all).map(\.groupName).sorted() == ["db", "default", "web"])
    }
}
