// What `sgsh recover` did, as text and as JSON: one line per call of the
// interrupted apply that it looked at, with the mark of the apply report
// (↺ taken back, + sent to finish, · nothing to do, ! failed).

import SgshModel

/// Renders a RecoveryReport.
package enum RecoveryRenderer {
    /// `  ↺ AuthorizeSecurityGroupIngress sg-0abc ingress: 12 taken back`, one line per call, then a verdict.
    package static func text(_ report: RecoveryReport) -> String {
        var out = ""
        for step in report.steps {
            out += "  \(mark(step.outcome, report.mode)) \(subject(step.call)): \(words(step.outcome, report.mode))\n"
        }
        switch (report.mode, report.succeeded) {
        case (.undo, true): out += "Undone: every touched group is as it was before the apply.\n"
        case (.complete, true): out += "Completed: every touched group is as the plan wanted.\n"
        case (_, false): out += "Not settled: the journal is kept; fix the cause and run recover again.\n"
        }
        return out
    }

    /// `{"Mode": "undo", "Succeeded": true, "Steps": [{"Action": …, "Group": …, "Outcome": …, "Count": n}]}`.
    package static func json(_ report: RecoveryReport) -> JSONValue {
        .object([
            JSONValue.Member("Mode", .string(report.mode.rawValue)),
            JSONValue.Member("Succeeded", .bool(report.succeeded)),
            JSONValue.Member(
                "Steps",
                .array(
                    report.steps.map { step in
                        var members = [
                            JSONValue.Member("Action", .string(step.call.actionName)),
                            JSONValue.Member("Group", .string(step.call.group.description)),
                        ]
                        if let direction = step.call.ruleDirection {
                            members.append(JSONValue.Member("Direction", .string(direction.rawValue)))
                        }
                        switch step.outcome {
                        case .nothingLanded: members.append(JSONValue.Member("Outcome", .string("nothing")))
                        case .changed(let count):
                            members.append(JSONValue.Member("Outcome", .string("changed")))
                            members.append(JSONValue.Member("Count", .int(count)))
                        case .cannotUndo(let why):
                            members.append(JSONValue.Member("Outcome", .string("cannot-undo")))
                            members.append(JSONValue.Member("Reason", .string(why)))
                        case .failed(let failure):
                            members.append(JSONValue.Member("Outcome", .string("failed")))
                            members.append(JSONValue.Member("Error", .string(failure.description)))
                        }
                        return .object(members)
                    })),
        ])
    }

    private static func subject(_ call: PlannedCall) -> String {
        [call.actionName, call.group.description, call.ruleDirection?.rawValue].compactMap { $0 }
            .joined(separator: " ")
    }

    private static func mark(_ outcome: RecoveryOutcome, _ mode: RecoveryReport.Mode) -> String {
        switch outcome {
        case .nothingLanded: ReportMark.notApplied.symbol
        case .changed: mode == .undo ? ReportMark.rolledBack.symbol : ReportMark.added.symbol
        case .cannotUndo, .failed: ReportMark.failed.symbol
        }
    }

    private static func words(_ outcome: RecoveryOutcome, _ mode: RecoveryReport.Mode) -> String {
        switch outcome {
        case .nothingLanded: mode == .undo ? "nothing of it had landed" : "nothing was missing"
        case .changed(let count): mode == .undo ? "\(count) taken back" : "\(count) sent"
        case .cannotUndo(let why): why
        case .failed(let failure): "failed: \(failure)"
        }
    }
}
