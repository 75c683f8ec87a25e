// What became of one target of a fleet run: its block of the report (the
// usual report under its heading), its line of the summary table, and its
// JSON object.

import SgshKit

/// The outcome of one target.
struct FleetTargetResult: Sendable {
    /// How the target ended, as the summary's `result` column says it.
    enum Result: String, Sendable {
        case applied, unchanged, changes, noChanges = "no changes", allowed, denied, exported
        case clean = "no findings", findings
        case failed, partial = "partially applied", cancelled, notStarted = "not started"
        /// An apply to the target is interrupted — left so by this run (a call whose outcome is
        /// unknown, a rollback that failed) or found so before it began: `sgsh recover` there
        /// first (exit code 3, over 1).
        case interrupted

        /// True when the target counts as a failure (exit code 1, or 3 when interrupted).
        var isFailure: Bool {
            switch self {
            case .failed, .partial, .denied, .cancelled, .notStarted, .findings, .interrupted: true
            default: false
            }
        }
    }

    var target: FleetTarget
    /// The account STS named (or the one --accounts gave).
    var account: String?
    var result: Result
    /// Items added, removed, unchanged, changed in place.
    var counts: [ReportMark: Int] = [:]
    /// Mutating calls sent (run), or to send (plan, check-permissions).
    var calls = 0
    var seconds = 0.0
    /// The block under the heading: Backend line, report, script output.
    var text = ""
    /// What the backend was (nil when the target never reached it).
    var backend: BackendTarget?
    /// The report (or plan) as JSON.
    var report: JSONValue?
    /// Why the target failed.
    var error: String?
    /// What an audit found in the target.
    var findings: [AuditFinding] = []

    var heading: String { target.heading(account: account) }

    /// The target's JSON object: where, result, counts, calls, time, backend, report, error.
    var json: JSONValue {
        var members: [JSONValue.Member] = [
            .init("Account", account.map(JSONValue.string) ?? .null), .init("Region", .string(target.region)),
        ]
        if let profile = target.profile { members.append(.init("Profile", .string(profile))) }
        members += [
            .init("Result", .string(result.rawValue)), .init("Added", .int(counts[.added] ?? 0)),
            .init("Removed", .int(counts[.removed] ?? 0)), .init("Unchanged", .int(counts[.unchanged] ?? 0)),
            .init("Changed", .int(counts[.changed] ?? 0)), .init("Calls", .int(calls)),
            .init("Milliseconds", .int(Int((seconds * 1000).rounded()))),
        ]
        if let backend { members.append(.init("Backend", backend.json)) }
        if let report { members.append(.init("Report", report)) }
        if let error { members.append(.init("Error", .string(error))) }
        return .object(members)
    }
}
