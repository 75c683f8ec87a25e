// The words of a policy violation: which rule, in which group, breaks which
// policy; where the rule is written (or that it is already live), where the
// policy is, and which exemption expired.

import SgshModel

extension PolicyViolation {
    /// `rule 'tcp 22 from 0.0.0.0/0' in sg-0abc (web) ingress breaks policy "no world ssh"`.
    public var message: String {
        let rule = SourceWriter.rule(self.rule.rule, direction)
        let live = self.rule.origin == nil ? "live " : ""
        return "\(live)rule '\(rule)' in \(groupText) \(direction) breaks policy \(SourceWriter.quoted(policy.name))"
    }

    /// `sg-0abc (web)`, or the id alone.
    public var groupText: String {
        switch group {
        case .id(let id): groupName.map { "\(id) (\($0))" } ?? id
        case .created(let created): "the new group \(SourceWriter.quoted(created.name))"
        }
    }

    /// The notes after the message: the policy's statement, a live rule, an expired exemption.
    public var notes: [DiagnosticNote] {
        var notes: [DiagnosticNote] = []
        if rule.origin == nil {
            notes.append(DiagnosticNote("the rule is already live in \(groupText) and the plan keeps it"))
        }
        notes.append(
            DiagnosticNote("the policy \(SourceWriter.quoted(policy.name)) is declared here", range: policy.origin))
        if let expired = expiredExemption {
            notes.append(
                DiagnosticNote(
                    "the exemption of \(expired.group) from \(SourceWriter.quoted(expired.policy)) expired after"
                        + " \(expired.until) (\(expired.reason))", range: expired.origin))
        }
        return notes
    }

    /// The violation as people read it: at the rule's statement (or the policy's, for a live
    /// rule), with the notes and a hint.
    public func rendered(style: DiagnosticStyle = .plain) -> String {
        let renderer = DiagnosticRenderer(style: style)
        guard let at = rule.origin ?? policy.origin else {
            return "error: \(message)\n" + notes.map { "note: \($0.message)\n" }.joined() + "hint: \(hint)\n"
        }
        let notes = rule.origin == nil ? notes.filter { $0.range != at } : notes
        return renderer.render(.error, message, at: at, hint: hint, notes: notes)
    }

    /// What to do about it.
    public var hint: String {
        "change or remove the rule, or exempt the group: policy exempt GROUP from"
            + " \(SourceWriter.quoted(policy.name)) until YYYY-MM-DD \"reason\""
    }
}
