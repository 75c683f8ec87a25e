// `sg GROUP replace with NAME [DESCRIPTION] [vpc EXPR]`: the new group's
// handle, recorded as an `sg create` and a `replace` operation that the
// planner expands (Planner+Replacement.swift). The old group is read once
// here, for its VPC (the new group goes in the same VPC unless the statement
// names one) and to know whether it still exists: a script is run again and
// again (CI), and once a replacement is done the old group is gone. Then the
// statement stands for the group of the new name, and plans nothing; the
// old group may be written as `sg lookup "old"` (nil once it is gone) or as
// its id.

import SgshModel

extension Evaluator {
    nonisolated(nonsending) func replace(
        _ groupExpr: Expr, name nameExpr: Expr, vpc vpcExpr: Expr?, description descriptionExpr: Expr?,
        at range: SourceRange, _ env: Environment
    ) async throws -> Value {
        let value = try await evaluate(groupExpr, env)
        var old: SecurityGroup?
        switch value {
        case .nil:
            break
        case .group(.created(let created), nil):
            throw error(
                .invalidValue,
                "'\(created.name)' is a group this script creates; create it with the name it should have",
                at: groupExpr.range)
        default:
            guard case .id(let id) = try groupTarget(value, at: groupExpr.range) else { break }
            old = try await liveGroup(id, at: groupExpr.range)
        }
        guard let old else {
            // Replaced on an earlier run: the statement is the group of the new name.
            let name = try await createdGroup(name: nameExpr, vpc: vpcExpr, description: descriptionExpr, env).name
            if let done = try await findGroup(named: name, at: nameExpr.range) { return done }
            throw error(
                .backend,
                "there is no group to replace: \(groupExpr.range.text) is \(value == .nil ? "nil" : "gone"),"
                    + " and no group is named '\(name)'",
                at: groupExpr.range)
        }
        try checkNotEditedBefore(old.groupId, replacedAt: range)
        let created = try await createdGroup(
            name: nameExpr, vpc: vpcExpr, description: descriptionExpr, env, vpc: old.vpcId)
        createdGroups.append(created)
        try record(.create(created, tags: []), at: range)
        try record(.replace(old.groupId, with: created), at: range)
        return .group(.created(created), owner: nil)
    }

    /// The group by id as the backend has it; nil when it does not exist.
    private nonisolated(nonsending) func liveGroup(_ id: String, at range: SourceRange) async throws -> SecurityGroup? {
        guard let backend = host.backend else {
            throw error(.backend, "replacing group '\(id)' needs a backend, and none is configured", at: range)
        }
        try tick(range)
        do {
            return try await backend.describeSecurityGroups(SecurityGroupQuery(groupIds: [id]))
                .first { $0.groupId == id }
        } catch let error as BackendError where error.category == .notFound {
            return nil
        } catch let cancelled as CancellationError {
            throw error(.cancelled, "script cancelled", at: range, underlying: cancelled)
        } catch {
            throw self.error(.backend, "reading group '\(id)' failed: \(error)", at: range, underlying: error)
        }
    }

    /// The copy takes the old group's live rules: a change the script makes to the old group
    /// before replacing it would be lost, so it is an error (make it on the new group instead).
    private func checkNotEditedBefore(_ id: String, replacedAt range: SourceRange) throws {
        for planned in plan.operations where planned.operation.isMutating && planned.operation.group == .id(id) {
            let fact = RuleFacts.replacedGroupReused(id, before: true, replacedAt: range)
            var error = self.error(fact, at: planned.origin ?? range)
            error.notes = fact.message.notes
            throw error
        }
    }
}
