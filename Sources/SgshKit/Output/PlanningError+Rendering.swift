extension PlanningError {
    /// The error as people read it: with a source excerpt when the origin is known.
    public func rendered(style: DiagnosticStyle = .plain) -> String {
        if case .policyViolations(let violations) = kind {
            return violations.map { $0.rendered(style: style) }.joined()
        }
        let hint: String? =
            switch kind {
            case .groupNotFound: "check the id, the region and the account; 'sg lookup \"NAME\"' finds a group by name"
            case .quotaExceeded: "remove rules, merge CIDRs with aggregate(), or ask AWS for a higher quota"
            case .duplicateRule: "without --strict an existing rule is left alone and reported as '='"
            case .unknownPolicyExemption: "write the name exactly as the policy statement's last string"
            case .groupInUse:
                "move the interfaces to another group (or delete what owns them) first; sgsh never deletes a group in use"
            case .replacementNameTaken:
                "choose another name; once the old group is gone, a re-run finds the replacement by its name"
            case .groupNameTaken(_, let existing):
                "write '\(existing.groupName)' to adopt the existing group, or choose another name"
            default: nil
            }
        guard let origin else { return "error: \(message)\n" + (hint.map { "hint: \($0)\n" } ?? "") }
        return DiagnosticRenderer(style: style).render(.error, message, at: origin, hint: hint)
    }
}
