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

    /// True when the command runs a script (every action but export).
    var runsScript: Bool {
        if case .export = self { return false }
        return true
    }
}
