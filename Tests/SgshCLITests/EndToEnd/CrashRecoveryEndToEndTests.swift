// kill -9 at random moments of a 1,000-rule apply over 17 groups (issue 13),
// on the local backend and on moto: afterwards the state file opens, the
// next plan refuses (exit 3) while the apply is unsettled, `sgsh recover`
// leaves every group exactly as before the apply (compared whole: rules,
// descriptions, tags, groups present) and `sgsh recover --complete` exactly
// as planned. The number of kills that interrupt an apply is
// $SGSH_CRASH_TRIALS (small by default; docs/RELIABILITY.md records the last
// run of 50). Each test prints its figures.

import Foundation
import Testing

@Suite(.serialized) struct CrashRecoveryEndToEndTests {
    static let quota = ["--rules-per-group", "100"]

    /// The figures of one test, printed at its end.
    struct Figures: CustomStringConvertible {
        var backend: String
        var kills = 0
        var interrupted = 0
        var inFlight = 0
        var beforeFirstCall = 0
        var finished = 0
        var undone = 0
        var completed = 0
        var lines: [Int] = []

        var description: String {
            "crash figures (\(backend)): \(kills) kills; \(interrupted) interrupted an apply (\(inFlight) with a call in flight), \(beforeFirstCall) landed before the first call, \(finished) after the apply ended; journal lines at the kill \(lines.min() ?? 0)–\(lines.max() ?? 0); recover: \(undone) undone to the state before, \(completed) completed to the planned state"
        }
    }

    // MARK: - Local backend

    @Test func localKillsAreUndoneAndCompletedExactly() async throws {
        let base = try TemporaryDirectory()
        try base.write("setup.sgsh", CrashScripts.setup("kill"))
        try base.write("apply.sgsh", CrashScripts.apply("kill"))
        let setup = try await runSgsh(["run", "-q", "--state", base.state] + Self.quota + ["setup.sgsh"], in: base)
        try #require(setup.status == 0, "\(setup)")
        let before = try await Self.export(base.state, in: base)

        // The planned state: the apply run to its end on a copy.
        let reference = try TemporaryDirectory()
        try Self.copyState(from: base, to: reference)
        let full = try await runSgsh(
            ["run", "-q", "--state", reference.state] + Self.quota + [base.path("apply.sgsh")], in: reference)
        try #require(full.status == 0, "\(full)")
        let planned = try await Self.export(reference.state, in: reference)
        #expect(planned != before)
        #expect(CrashKiller.journals(reference.state + ".sgsh-journal").isEmpty, "a finished apply leaves no journal")

        var figures = Figures(backend: "local")
        let wanted = CrashScripts.trials(default: 4)
        // Kills go on until `wanted` of them interrupted an apply (one that lands before the
        // first call or after the last is checked too, and does not count).
        while figures.interrupted < wanted, figures.kills < 4 * wanted {
            let trial = try TemporaryDirectory()
            try Self.copyState(from: base, to: trial)
            let journal = trial.state + ".sgsh-journal"
            let kill = try await CrashKiller.run(
                ["run", "-q", "--state", trial.state] + Self.quota + [base.path("apply.sgsh")], environment: [:],
                journalFolder: journal, maxLines: 150, in: trial)
            figures.kills += 1
            figures.lines.append(kill.linesAtKill)

            // The state file always opens, whatever the moment.
            let afterKill = try await runSgsh(["export", "--state", trial.state], in: trial)
            #expect(afterKill.status == 0, "the state file does not open after the kill: \(afterKill)")

            let plan = try await runSgsh(
                ["plan", "--state", trial.state] + Self.quota + [base.path("apply.sgsh")], in: trial)
            guard plan.status == 3 else {
                // No apply to settle: killed before the first call, or after the apply ended.
                #expect(plan.status == 0, "\(plan)")
                #expect(CrashKiller.journals(journal).isEmpty)
                let state = afterKill.stdout
                #expect(state == before || state == planned, "no journal, yet the groups are half changed")
                if state == before { figures.beforeFirstCall += 1 } else { figures.finished += 1 }
                continue
            }
            figures.interrupted += 1
            #expect(plan.stderr.contains("was interrupted"), "\(plan)")
            #expect(plan.stderr.contains("hint: nothing was planned; run 'sgsh recover'"), "\(plan)")
            #expect(plan.stdout.isEmpty)
            if plan.stderr.contains("whose answer was lost") { figures.inFlight += 1 }
            if figures.interrupted == 1 {
                // Every command that plans refuses too; those that only read do not.
                for arguments in [
                    ["run", "--dry-run"], ["run", "--check-permissions"], ["repl"],
                ] {
                    let refused = try await runSgsh(
                        arguments + ["--state", trial.state] + Self.quota
                            + (arguments == ["repl"] ? [] : [base.path("apply.sgsh")]), in: trial)
                    #expect(refused.status == 3, "\(arguments): \(refused)")
                    #expect(refused.stderr.contains("was interrupted"), "\(arguments): \(refused)")
                }
                let check = try await runSgsh(["check", base.path("apply.sgsh")], in: trial)
                #expect(check.status == 0, "\(check)")
            }

            // The same crash, settled both ways: undo here, complete on a copy.
            let copy = try TemporaryDirectory()
            try Self.copyState(from: trial, to: copy)
            let undo = try await runSgsh(["recover", "--state", trial.state] + Self.quota, in: trial)
            #expect(undo.status == 0, "\(undo)")
            #expect(try await Self.export(trial.state, in: trial) == before, "undo: \(undo)")
            if try await Self.export(trial.state, in: trial) == before { figures.undone += 1 }

            let complete = try await runSgsh(
                ["recover", "--complete", "--output", "json", "--state", copy.state] + Self.quota, in: copy)
            #expect(complete.status == 0, "\(complete)")
            let json = try JSONSerialization.jsonObject(with: Data(complete.stdout.utf8)) as? [String: Any]
            let recovered = json?["Recovered"] as? [[String: Any]]
            #expect(recovered?.count == 1 && recovered?.first?["Mode"] as? String == "complete", "\(complete)")
            #expect(recovered?.first?["Succeeded"] as? Bool == true)
            #expect(try await Self.export(copy.state, in: copy) == planned, "complete: \(complete)")
            if try await Self.export(copy.state, in: copy) == planned { figures.completed += 1 }

            // Settled: the journal is gone and the target plans again.
            #expect(CrashKiller.journals(journal).isEmpty)
            let again = try await runSgsh(
                ["plan", "--state", copy.state] + Self.quota + [base.path("apply.sgsh")], in: copy)
            #expect(again.status == 0, "\(again)")
            #expect(again.stdout.contains("No changes ("), "\(again)")
            let nothing = try await runSgsh(["recover", "--state", copy.state] + Self.quota, in: copy)
            #expect(nothing.status == 0 && nothing.stdout.contains("No interrupted apply: nothing to recover."))
        }
        print(figures)
        #expect(figures.interrupted == wanted)
        #expect(figures.undone == figures.interrupted && figures.completed == figures.interrupted)
    }

    /// Every group of a state file, as `sgsh export` writes it (rules, descriptions, tags).
    static func export(_ state: String, in dir: TemporaryDirectory) async throws -> String {
        let result = try await runSgsh(["export", "--state", state], in: dir)
        try #require(result.status == 0, "\(result)")
        return result.stdout
    }

    /// Copies a state file (with its WAL) and its journal folder into another folder.
    static func copyState(from source: TemporaryDirectory, to target: TemporaryDirectory) throws {
        let manager = FileManager.default
        for suffix in ["", "-wal", "-shm", ".sgsh-journal"] where manager.fileExists(atPath: source.state + suffix) {
            try? manager.removeItem(atPath: target.state + suffix)
            try manager.copyItem(atPath: source.state + suffix, toPath: target.state + suffix)
        }
    }

    // MARK: - moto

    @Test func motoKillsAreUndoneOrCompletedExactly() async throws {
        let endpoint = try MotoEndToEnd.endpoint()
        let dir = try TemporaryDirectory()
        let aws = ["--endpoint-url", endpoint] + Self.quota
        let environment = MotoEndToEnd.credentials

        // The planned state, from an apply run to its end on groups of their own.
        let referencePrefix = "crash-\(MotoEndToEnd.uniqueSuffix())"
        let referenceBefore = try await Self.prepare(referencePrefix, aws: aws, in: dir)
        let full = try await runSgsh(
            ["run", "-q"] + aws + [dir.write("apply-ref.sgsh", CrashScripts.apply(referencePrefix))],
            environment: environment, in: dir)
        try #require(full.status == 0, "\(full)")
        let plannedState = try await Self.describe(referencePrefix, in: dir)
        #expect(plannedState != referenceBefore)

        let journal = try Self.motoJournalFolder(in: dir)
        var figures = Figures(backend: "moto")
        let wanted = CrashScripts.trials(default: 2)
        while figures.interrupted < wanted, figures.kills < 4 * wanted {
            let prefix = "crash-\(MotoEndToEnd.uniqueSuffix())"
            let before = try await Self.prepare(prefix, aws: aws, in: dir)
            let script = try dir.write("apply-\(prefix).sgsh", CrashScripts.apply(prefix))
            let kill = try await CrashKiller.run(
                ["run", "-q"] + aws + [script], environment: environment, journalFolder: journal, maxLines: 170,
                in: dir)
            figures.kills += 1
            figures.lines.append(kill.linesAtKill)

            let plan = try await runSgsh(["plan"] + aws + [script], environment: environment, in: dir)
            guard plan.status == 3 else {
                #expect(plan.status == 0, "\(plan)")
                let state = try await Self.describe(prefix, in: dir)
                #expect(state == before || state == plannedState, "no journal, yet the groups are half changed")
                if state == before { figures.beforeFirstCall += 1 } else { figures.finished += 1 }
                continue
            }
            figures.interrupted += 1
            #expect(plan.stderr.contains("was interrupted"), "\(plan)")
            if plan.stderr.contains("whose answer was lost") { figures.inFlight += 1 }

            // moto's groups cannot be copied: the kills alternate between undo and complete.
            let completing = figures.interrupted % 2 == 0
            let recover = try await runSgsh(
                ["recover"] + (completing ? ["--complete"] : []) + aws, environment: environment, in: dir)
            #expect(recover.status == 0, "\(recover)")
            let state = try await Self.describe(prefix, in: dir)
            if completing {
                #expect(state == plannedState, "complete: \(recover)")
                if state == plannedState { figures.completed += 1 }
            } else {
                #expect(state == before, "undo: \(recover)")
                if state == before { figures.undone += 1 }
            }
            #expect(CrashKiller.journals(journal).isEmpty)
        }
        print(figures)
        #expect(figures.interrupted == wanted)
        #expect(figures.undone + figures.completed == figures.interrupted)
    }

    /// Runs the setup for `prefix` and returns the groups' state before the apply.
    static func prepare(_ prefix: String, aws: [String], in dir: TemporaryDirectory) async throws -> String {
        let setup = try await runSgsh(
            ["run", "-q"] + aws + [dir.write("setup-\(prefix).sgsh", CrashScripts.setup(prefix))],
            environment: MotoEndToEnd.credentials, in: dir)
        try #require(setup.status == 0, "\(setup)")
        return try await describe(prefix, in: dir)
    }

    /// The 17 groups read with boto3, the prefix replaced so that runs on other groups compare.
    static func describe(_ prefix: String, in dir: TemporaryDirectory) async throws -> String {
        let groups = try await MotoEndToEnd.describe(CrashScripts.names(prefix), in: dir)
        var text = ""
        for name in groups.keys.sorted() {
            let group = groups[name]!
            text += "\(name) \(group.Description) \(group.Tags.sorted { $0.key < $1.key })\n"
            text += group.Ingress.map { "  in \($0)\n" }.joined() + group.Egress.map { "  out \($0)\n" }.joined()
        }
        return text.replacingOccurrences(of: prefix, with: "PREFIX")
    }

    /// The journal folder of the moto target: the tests' HOME holds one folder per target.
    static func motoJournalFolder(in dir: TemporaryDirectory) throws -> String {
        let root = dir.path(".local/state/sgsh/journal")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasPrefix("aws-") }
        try #require(folders.count == 1, "one aws target, one journal folder: \(folders)")
        return root + "/" + folders[0]
    }
}
