// The refusal of issue 13: while an interrupted apply to a target is not
// settled, no command plans or applies against that target, since its plan
// would be computed from groups left half changed. The diagnostic says what
// was interrupted, when, how far it got, and how to settle it.

import Foundation
import SgshKit

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

    /// What to say when an apply just ended unsettled (`ApplyReport.isUnsettled`): which calls
    /// may still be in effect and why, where its journal is, and how to settle it.
    static func unsettled(_ report: ApplyReport, target: BackendTarget, journal: String?) -> String {
        var text = ""
        for (position, outcome) in report.outcomes.enumerated() {
            switch outcome.status {
            case .outcomeUnknown(let failure):
                text +=
                    "sgsh: error: the apply to \(target.name) is interrupted: whether call \(position + 1), \(outcome.call.actionName) \(outcome.call.group), took effect is unknown: its answer was lost and settling it by reading failed (\(failure))\n"
            case .rollbackFailed(let failure):
                text +=
                    "sgsh: error: the apply to \(target.name) is interrupted: call \(position + 1), \(outcome.call.actionName) \(outcome.call.group), is still in effect: undoing it failed (\(failure))\n"
            default:
                continue
            }
        }
        if let journal { text += "  journal: \(journal)\n" }
        return text
            + "  hint: 'sgsh recover' (with the same backend options) settles it by reading the groups and undoing what landed, 'sgsh recover --complete' finishes it; until then plan and run refuse with exit 3\n"
    }
}
