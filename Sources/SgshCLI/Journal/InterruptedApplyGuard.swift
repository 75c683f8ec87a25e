// The refusal of issue 13: while an interrupted apply to a target is not
// settled, no command plans or applies against that target, since its plan
// would be computed from groups left half changed. The diagnostic says what
// was interrupted, when, how far it got, and how to settle it.

import Foundation

enum InterruptedApplyGuard {
    /// Throws `Outcome.interruptedApply` (after saying why on stderr) when an apply to the
    /// target of `opened` was interrupted and not yet recovered.
    static func refuseIfInterrupted(_ opened: OpenBackend) throws {
        guard let refusal = refusal(for: opened.target) else { return }
        Terminal.writeError(refusal)
        throw Outcome.interruptedApply
    }

    /// What to say when an apply to `target` was interrupted and not yet recovered; nil when none was.
    static func refusal(for target: BackendTarget) -> String? {
        let found: [InterruptedJournal]
        do {
            found = try InterruptedJournal.find(in: JournalDirectory(for: target))
        } catch {
            return
                "sgsh: error: \(error)\n  hint: nothing was planned; inspect or move the journal, then run 'sgsh recover'\n"
        }
        guard !found.isEmpty else { return nil }
        defer { found.forEach { $0.release() } }
        var text = ""
        for journal in found {
            text += "sgsh: error: an apply to \(target.name) was interrupted: \(journal.summary)\n"
            text += "  journal: \(journal.path)\n"
        }
        return text
            + "  hint: nothing was planned; run 'sgsh recover' (with the same backend options) to undo the interrupted apply, or 'sgsh recover --complete' to finish it\n"
    }
}
