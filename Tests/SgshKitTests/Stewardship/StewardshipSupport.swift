// Shared by the owner and expiry tests: a host with a clock the test sets, and
// running a script against a backend the way the CLI does (plan, then apply).

import SgshLocal
import SgshModel
import SgshTestSupport

@testable import SgshKit

// ClockHost (a host whose clock the test sets) is PolicyMatcherTests'.

enum Stewardship {
    /// 2027-01-15T08:00:00Z: the fake clock's start.
    static let start = 1_800_000_000

    /// Plans and applies `script` at `now`; `owner` as `--owner` gives it.
    @discardableResult
    static func run(
        _ script: String, on backend: any SecurityGroupBackend, at now: Int = start, owner: String? = nil
    ) async throws -> RunResult {
        let interpreter = Interpreter(host: ClockHost(time: now))
        let plan = try await interpreter.plan(source: script, name: "stewardship.sgsh")
        return try await interpreter.apply(plan, to: backend, options: Planner.Options(owner: owner))
    }

    /// The plan of `script` at `now`, as text.
    static func planText(
        _ script: String, on backend: any SecurityGroupBackend, at now: Int = start, owner: String? = nil
    ) async throws -> String {
        let interpreter = Interpreter(host: ClockHost(time: now))
        let plan = try await interpreter.plan(source: script, name: "stewardship.sgsh")
        return ReportRenderer.text(
            try await interpreter.changes(for: plan, backend: backend, options: Planner.Options(owner: owner)))
    }

    /// A new group named `name` on `backend`.
    static func group(_ name: String, on backend: any SecurityGroupBackend) async throws -> String {
        try await backend.createSecurityGroup(name: name, description: name, vpcId: nil, tags: [], dryRun: false)
    }

    /// The group's ingress rules as `tcp 443 from 0.0.0.0/0 "d" [owner=a]`, sorted, with their owner tag.
    static func ingress(_ group: String, on backend: any SecurityGroupBackend) async throws -> [String] {
        try await backend.describeSecurityGroupRules(groupId: group, ruleIds: []).filter { !$0.isEgress }.map {
            rule in
            let text = try rule.permission.rules().map { SourceWriter.rule($0, .ingress) }.joined()
            let owner = rule.tags.first { $0.key == SgshRuleTag.owner }.map { " [owner=\($0.value)]" } ?? ""
            return text + owner
        }.sorted()
    }
}
