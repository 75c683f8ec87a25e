// `sgsh plan FILE --out plan.json` and `sgsh apply plan.json`: the CLI side of
// SavedPlan (SgshKit/SavedPlan/). Here the state is read around the planning,
// the digests are SHA-256 (SgshEC2's, the one hash sgsh already has), and the
// file is written whole or not at all.

import Foundation
import SgshEC2
import SgshKit
import SgshModel

enum SavedPlanFile {
    /// The hex SHA-256 of a text: every `Digest` in a saved plan.
    static func sha256(_ text: String) -> String { SigV4Signer.hexSHA256(Array(text.utf8)) }

    /// Where the plan is being made, as the file records it.
    static func target(of opened: OpenBackend) -> SavedPlanTarget {
        switch opened.target {
        case .local: SavedPlanTarget(kind: "local")
        case .aws(let region, _, let identity): SavedPlanTarget(kind: "aws", region: region, account: identity?.account)
        }
    }

    /// Plans `plan` and records the state of every existing group it reads. The state is read
    /// before the planning, so a change made while planning shows at apply as a changed
    /// group; groups the plan touches that the script does not name (adopted creates, groups
    /// whose references to a deleted group are revoked) are read after it, so the plan is
    /// made once more and must come out the same.
    static func plan(_ plan: Plan, runner: ScriptRunner) async throws -> (ChangeSet, SavedPlan) {
        var ids: [String] = []
        for planned in plan.operations {
            if case .id(let id) = planned.operation.group, !ids.contains(id) { ids.append(id) }
        }
        var states = try await read(ids, runner.backend)
        var changeSet = try await runner.changes(for: plan)
        let adopted = SavedPlan.touchedGroupIds(of: changeSet).filter { states[$0] == nil && !ids.contains($0) }
        if !adopted.isEmpty {
            states.merge(try await read(adopted, runner.backend)) { $1 }
            let again = try await runner.changes(for: plan)
            guard again.calls == changeSet.calls else {
                throw CLIError("the groups changed while the plan was made; nothing was saved: run plan again")
            }
            changeSet = again
        }
        let missing = (ids + adopted).filter { states[$0] == nil }
        if let gone = missing.first {
            throw CLIError("the group \(gone) was deleted while the plan was made; nothing was saved: run plan again")
        }
        let saved = SavedPlan(
            script: runner.source.name, target: target(of: runner.opened), groups: Array(states.values),
            changeSet: changeSet)
        return (changeSet, saved)
    }

    private static func read(_ ids: [String], _ backend: any SecurityGroupBackend) async throws -> [String:
        PlannedGroupState]
    {
        do {
            return try await PlannedGroupState.read(ids, from: backend)
        } catch {
            throw CLIError("cannot read the groups the plan touches: \(error)")
        }
    }

    /// Writes the plan to `path` whole (a temporary file renamed into place).
    static func write(_ saved: SavedPlan, to path: String) throws {
        do {
            try Data(saved.jsonText(digest: sha256).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("cannot write the plan to '\(path)': \(error.localizedDescription)")
        }
    }

    /// Reads a saved plan; a file that is not one exits 2, as an invalid program does.
    static func load(_ path: String) throws -> SavedPlan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(usage: "cannot read the plan '\(path)': \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError(invalid: "\(path): not UTF-8 text")
        }
        do {
            return try SavedPlan(jsonText: text, digest: sha256)
        } catch {
            throw CLIError(invalid: "\(path): \(error)")
        }
    }
}
