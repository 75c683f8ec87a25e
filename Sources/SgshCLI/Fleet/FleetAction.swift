/// What a fleet run does in each target.
enum FleetAction: Sendable {
    /// `run` (with `--dry-run`: show only).
    case run(dryRun: Bool)
    /// `plan`.
    case plan
    /// `run --check-permissions`.
    case checkPermissions
}
