// `sgsh expire`'s report, as text (for people and cron mail) and as JSON (for
// scripts): per group and direction the rules revoked (or, on a dry run, to
// revoke), each with its rule id and how long ago it expired; then the
// temporary rules not yet due, tags sgsh could not read, and the groups whose
// `sgsh:temporary-rules` mark was set or removed.

import SgshModel

/// Text and JSON renderings of an ExpiryReport.
public enum ExpiryRenderer {
    /// The report as text, ending with a summary line.
    public static func text(_ report: ExpiryReport) -> String {
        var out = ""
        for batch in report.batches {
            let (mark, note) = markAndNote(batch.status)
            out += "\(mark) \(batch.groupId) \(batch.direction)" + (note.map { "  (\($0))" } ?? "") + "\n"
            for rule in batch.rules {
                let ago = RuleLifetime.remaining(until: rule.expires, now: report.now)
                out += "  \(mark) \(ruleText(rule.rule))  (\(rule.rule.securityGroupRuleId), \(ago))\n"
            }
        }
        for rule in report.unreadable {
            let value = rule.tags.first { $0.key == SgshRuleTag.expires }?.value ?? ""
            out +=
                "! \(rule.groupId) \(rule.securityGroupRuleId): \(SgshRuleTag.expires) is not a time:"
                + " \(SourceWriter.quoted(value)); left as it is\n"
        }
        return out + marks(report.marks) + summary(report) + "\n"
    }

    /// The `sgsh:temporary-rules` marks set and removed, and a failed mark call.
    private static func marks(_ marks: GroupMarks) -> String {
        let key = SgshGroupTag.temporaryRules
        var out = ""
        for group in marks.marked {
            out += "~ \(group) tag \(key)=\(SgshGroupTag.temporaryRulesValue)  (it holds temporary rules)\n"
        }
        for group in marks.unmarked { out += "~ \(group) untag \(key)  (no temporary rule left)\n" }
        if let failure = marks.failure {
            out += "! \(failure.action) of the \(key) marks failed: \(failure.description); the next run tries again\n"
        }
        return out
    }

    private static func markAndNote(_ status: CallStatus) -> (String, String?) {
        switch status {
        case .failed(let failure): ("!", failure.description)
        default: ("-", nil)
        }
    }

    private static func ruleText(_ rule: SecurityGroupRule) -> String {
        let direction: Direction = rule.isEgress ? .egress : .ingress
        guard let parsed = try? rule.permission.rules().first else { return "\(rule.ipProtocol) rule" }
        return SourceWriter.rule(parsed.droppingAccount(rule.groupOwnerId), direction)
    }

    private static func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

    private static func summary(_ report: ExpiryReport) -> String {
        let due = report.batches.reduce(0) { $0 + $1.rules.count }
        let groups = Set(report.batches.map(\.groupId)).count
        let calls = count(report.callCount, "call")
        var line: String
        if due == 0 {
            line = "Nothing has expired"
        } else if report.dryRun {
            line = "Would revoke \(count(due, "expired rule")) in \(count(groups, "group")); nothing sent"
        } else {
            let failed = report.batches.filter { if case .failed = $0.status { true } else { false } }
            let revoked = due - failed.reduce(0) { $0 + $1.rules.count }
            line = "Expired: \(count(revoked, "rule")) revoked in \(count(groups, "group"))"
            if !failed.isEmpty { line += ", \(count(due - revoked, "rule")) failed (run again to retry)" }
        }
        if let next = report.pending.first {
            line +=
                "; \(count(report.pending.count, "temporary rule")) not yet due (next "
                + RuleLifetime.remaining(until: next.expires, now: report.now) + ")"
        }
        return line + " (\(calls))."
    }

    /// The report as JSON: `Now`, `DryRun`, `Succeeded`, `CallCount`, then `Expired` (one
    /// object per rule with its `Status`), `Pending`, `Unreadable`, the groups `Marked` and
    /// `Unmarked` with `sgsh:temporary-rules`, and `MarkError` when a mark call failed.
    package static func json(_ report: ExpiryReport) -> JSONValue {
        func ruleMembers(_ rule: SecurityGroupRule) -> [JSONValue.Member] {
            [
                .init("GroupId", .string(rule.groupId)),
                .init("Direction", .string(rule.isEgress ? "egress" : "ingress")),
                .init("SecurityGroupRuleId", .string(rule.securityGroupRuleId)),
                .init("Rule", .string(ruleText(rule))),
            ]
        }
        var expired: [JSONValue] = []
        for batch in report.batches {
            let status: String
            var error: String?
            switch batch.status {
            case .applied: status = "Revoked"
            case .failed(let failure):
                status = "Failed"
                error = failure.description
            default: status = "Due"
            }
            for rule in batch.rules {
                var members = ruleMembers(rule.rule)
                members.append(.init("ExpiresAt", .string(UTCTimestamp.text(rule.expires))))
                members.append(.init("Status", .string(status)))
                if let error { members.append(.init("Error", .string(error))) }
                expired.append(.object(members))
            }
        }
        let pending: [JSONValue] = report.pending.map {
            .object(
                ruleMembers($0.rule) + [
                    .init("ExpiresAt", .string(UTCTimestamp.text($0.expires))),
                    .init("SecondsLeft", .int($0.expires - report.now)),
                ])
        }
        let unreadable: [JSONValue] = report.unreadable.map { rule in
            .object(
                ruleMembers(rule) + [
                    .init("Expires", .string(rule.tags.first { $0.key == SgshRuleTag.expires }?.value ?? ""))
                ])
        }
        var members: [JSONValue.Member] = [
            .init("Now", .string(UTCTimestamp.text(report.now))),
            .init("DryRun", .bool(report.dryRun)),
            .init("Succeeded", .bool(report.succeeded)),
            .init("CallCount", .int(report.callCount)),
            .init("Expired", .array(expired)),
            .init("Pending", .array(pending)),
            .init("Unreadable", .array(unreadable)),
            .init("Marked", .array(report.marks.marked.map { .string($0) })),
            .init("Unmarked", .array(report.marks.unmarked.map { .string($0) })),
        ]
        if let failure = report.marks.failure {
            members.append(.init("MarkError", .string("\(failure.action): \(failure.description)")))
        }
        return .object(members)
    }
}
