// The REPL against a fleet: one interpreter session per target, each on its
// own backend with the target's `account` and `region`, and every entry
// applied to every target side by side (at most --concurrency at a time).
// The entry's output is each target's block under its heading, then one
// line saying how many targets succeeded; an entry that does not check is
// reported once (it is the same text everywhere) and runs nowhere.

import SgshKit

final class FleetREPLEngine: REPLEngine, @unchecked Sendable {
    /// One target and its session.
    struct Member: Sendable {
        let heading: String
        let engine: InterpreterREPLEngine
    }

    let members: [Member]
    let concurrency: Int
    let promptLabel: String
    let backendDescription: String

    init(members: [Member], concurrency: Int) {
        self.members = members
        self.concurrency = concurrency
        promptLabel = "fleet of \(members.count)"
        backendDescription =
            "a fleet of \(members.count) target\(members.count == 1 ? "" : "s"):\n"
            + members.map { "  \($0.heading)" }.joined(separator: "\n")
    }

    var builtinNames: [String] { members.first?.engine.builtinNames ?? [] }
    var moduleNames: [String] { members.first?.engine.moduleNames ?? [] }

    func isDryRun() async -> Bool { members.first?.engine.isDryRun() ?? false }

    func setDryRun(_ on: Bool) async {
        for member in members { member.engine.setDryRun(on) }
    }

    /// The first target's globals: every session runs the same entries.
    func bindings() async -> [REPLBinding] { members.first?.engine.bindings() ?? [] }

    /// The first target's groups (for `:groups` and completion).
    func groups() async throws -> [REPLGroup] { try await members.first?.engine.groups() ?? [] }

    func appliedScript() async -> String {
        members.map { "# === \($0.heading) ===\n" + $0.engine.appliedScript() }.joined(separator: "\n")
    }

    func execute(_ entry: String) async -> REPLOutcome {
        let outcomes =
            (try? await BoundedConcurrency.map(members, limit: concurrency) { member in
                await member.engine.execute(entry)
            }) ?? []
        if let invalid = outcomes.first(where: { $0.status == .invalidProgram }) { return invalid }
        var output = ""
        for (member, outcome) in zip(members, outcomes) {
            output += "=== \(member.heading) ===\n" + outcome.output
            if !outcome.diagnostics.isEmpty { output += outcome.diagnostics }
            if !output.hasSuffix("\n") { output += "\n" }
        }
        let failed = zip(members, outcomes).filter { $0.1.status != .succeeded }
        output += "Fleet: \(members.count - failed.count) of \(members.count) targets succeeded."
        if !failed.isEmpty { output += " Failed: " + failed.map(\.0.heading).joined(separator: ", ") + "." }
        output += "\n"
        // A target left interrupted says so over a plain failure: `sgsh recover` comes first.
        let status: REPLOutcome.Status =
            outcomes.contains { $0.status == .cancelled }
            ? .cancelled
            : outcomes.contains { $0.status == .interrupted } ? .interrupted : failed.isEmpty ? .succeeded : .failed
        return REPLOutcome(
            output: output, status: status, changedGroups: outcomes.contains(where: \.changedGroups),
            notApplied: outcomes.contains(where: \.notApplied))
    }
}
