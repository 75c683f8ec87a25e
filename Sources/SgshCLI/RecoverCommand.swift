import ArgumentParser
import Foundation
import SgshKit

/// `sgsh recover [--complete]`: settle an apply that a crash interrupted, from its journal.
struct RecoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recover",
        abstract: "Undo (or with --complete, finish) an apply that was interrupted.",
        discussion: """
            Every apply writes ahead what it is about to send to a journal (beside the \
            local state file; for aws under $XDG_STATE_HOME/sgsh, one per account, region \
            and endpoint). If sgsh is killed mid-apply, the next plan or run against that \
            target refuses (exit 3) until the apply is settled here. recover reads each \
            group the apply touched and takes back exactly what landed, so the groups are \
            as they were before; --complete sends what is still missing, so they are as the \
            plan wanted. A call whose answer was lost is settled by reading the group. With \
            no interrupted apply, recover says so and changes nothing.

            Examples:
              sgsh recover
              sgsh recover --complete --backend aws --region eu-west-1
            """
    )

    @Flag(help: "Finish the interrupted apply instead of undoing it.")
    var complete = false

    @OptionGroup var backendOptions: BackendOptions
    @OptionGroup var outputOptions: OutputOptions

    func run() async throws {
        let settled = try await backendOptions.withBackend { opened in
            let directory = JournalDirectory(for: opened.target)
            let found: [InterruptedJournal]
            do {
                found = try InterruptedJournal.find(in: directory)
            } catch {
                throw CLIError("\(error)")
            }
            // Undo the newest first; finish the oldest first.
            var reports: [(InterruptedJournal, RecoveryReport)] = []
            for journal in complete ? found : found.reversed() {
                let file = JournalFile(adopting: journal)
                let recovery = Recovery(backend: opened.backend, journal: file)
                let report = complete ? await recovery.complete(journal.apply) : await recovery.undo(journal.apply)
                if report.succeeded { await file.remove() } else { journal.release() }
                reports.append((journal, report))
                if !report.succeeded {
                    // An older apply is not settled on top of one that is not.
                    for rest in found where !reports.contains(where: { $0.0 === rest }) { rest.release() }
                    break
                }
            }
            render(reports, target: opened.target)
            return reports.allSatisfy { $0.1.succeeded }
        }
        if !settled { throw Outcome.failed }
    }

    private func render(_ reports: [(InterruptedJournal, RecoveryReport)], target: BackendTarget) {
        switch outputOptions.output {
        case .json:
            let applies = reports.map { journal, report in
                JSONValue.object(
                    [
                        JSONValue.Member("Journal", .string(journal.path)),
                        JSONValue.Member("Started", journal.apply.started.map(JSONValue.string) ?? .null),
                    ] + (RecoveryRenderer.json(report).members ?? []))
            }
            Terminal.write(target.addingTo(.object([JSONValue.Member("Recovered", .array(applies))])).rendered() + "\n")
        case .text:
            var text = target.reportHeader
            if reports.isEmpty { text += "No interrupted apply: nothing to recover.\n" }
            for (journal, report) in reports {
                let verb = report.mode == .undo ? "Undoing" : "Completing"
                text += "\(verb) the interrupted apply: \(journal.summary)\n" + RecoveryRenderer.text(report)
            }
            Terminal.write(text)
        }
    }
}

extension JSONValue {
    /// An object's members; nil for other values.
    fileprivate var members: [Member]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
