/// What a fleet run does in each target.
enum FleetAction: Sendable {
    /// `run` (with `--dry-run`: show only).
    case run(dryRun: Bool)
    /// `plan`.
    case plan
    /// `run --check-permissions`.
    case checkPermissions
    /// `export`: each target's groups (all, or the named ones) as a script.
    case export(groups: [String], keepVPC: Bool)
    /// `audit`: each target's groups judged by the policies; `sarif`: one SARIF log for all targets.
    case audit(LiveAudit, sarif: Bool)

    /// True when the command runs a script (every action but export and audit).
    var runsScript: Bool {
        switch self {
        case .export, .audit: false
        case .run, .plan, .checkPermissions: true
        }
    }

    /// True when the targets' outputs are scripts (export): blocks become comments.
    var exportsScript: Bool {
        if case .export = self { return true }
        return false
    }
}
