// A plan kept for later: `sgsh plan FILE --out plan.json`, reviewed, then
// `sgsh apply plan.json`. It holds the change set (so the apply sends exactly
// the calls that were reviewed, and reports and rolls back as `run` does) and,
// for every existing group those calls touch, the state it was planned
// against. Before sending anything the apply reads those groups again and
// refuses, naming each group that changed and how, when any differs: the
// Monday plan is never applied over Tuesday's hand edit. The file format
// (docs/SAVED-PLANS.md) is written and read in SavedPlan+JSON.swift.

import SgshModel

/// Where a plan was made: the backend kind, and for EC2 the account and region.
public struct SavedPlanTarget: Hashable, Sendable {
    /// `local` or `aws`.
    public var kind: String
    /// The region (aws), nil for the local backend.
    public var region: String?
    /// The account the credentials belong to (aws, when STS answered).
    public var account: String?

    public init(kind: String, region: String? = nil, account: String? = nil) {
        self.kind = kind
        self.region = region
        self.account = account
    }

    /// Why a plan made on `self` must not be applied on `other`, nil when it may.
    public func mismatch(with other: SavedPlanTarget) -> String? {
        if kind != other.kind { return "it was made on the \(kind) backend, not \(other.kind)" }
        if region != other.region {
            return "it was made in region \(region ?? "none"), not \(other.region ?? "none")"
        }
        if let account, let otherAccount = other.account, account != otherAccount {
            return "it was made in account \(account), not \(otherAccount)"
        }
        return nil
    }
}

/// A change set with the state of every touched group it was planned against.
public struct SavedPlan: Hashable, Sendable {
    /// The script the plan was made from (its name, as diagnostics show it).
    public var script: String
    /// Where it was made.
    public var target: SavedPlanTarget
    /// Every existing group the calls touch, as it was when planned, by id order.
    public var groups: [PlannedGroupState]
    /// What applying it does.
    public var changeSet: ChangeSet

    public init(script: String, target: SavedPlanTarget, groups: [PlannedGroupState], changeSet: ChangeSet) {
        self.script = script
        self.target = target
        self.groups = groups.sorted { $0.groupId < $1.groupId }
        self.changeSet = changeSet
    }

    /// The existing groups `changeSet` sends calls to or adopted, in id order.
    public static func touchedGroupIds(of changeSet: ChangeSet) -> [String] {
        var ids = Set(changeSet.adoptions.map(\.id))
        for call in changeSet.calls {
            if case .id(let id) = call.group { ids.insert(id) }
        }
        return ids.sorted()
    }
}

/// A group whose state is not the one a saved plan was made against.
public struct SavedPlanDrift: Hashable, Sendable, CustomStringConvertible {
    /// `sg-0abc ("web")` or, for a group the plan creates, its name.
    public var group: String
    /// What differs, one phrase each.
    public var changes: [String]

    public init(group: String, changes: [String]) {
        self.group = group
        self.changes = changes
    }

    public var description: String { "\(group): " + changes.joined(separator: "; ") }
}

extension SavedPlan {
    /// Reads every touched group again and compares it with the saved state (and checks that
    /// no group the plan creates exists meanwhile). Sends nothing.
    /// - Returns: the groups that changed, in id order; empty when the plan still applies.
    public func drift(on backend: any SecurityGroupBackend) async throws -> [SavedPlanDrift] {
        let live = try await PlannedGroupState.read(groups.map(\.groupId), from: backend)
        var out: [SavedPlanDrift] = []
        for saved in groups {
            let changes = saved.changes(to: live[saved.groupId])
            if !changes.isEmpty {
                out.append(
                    SavedPlanDrift(
                        group: "\(saved.groupId) (\(SourceWriter.quoted(saved.groupName)))", changes: changes))
            }
        }
        out += try await takenNames(on: backend)
        out += try await usedDeletions(on: backend)
        return out
    }

    /// The groups the plan deletes that a network interface uses now (the delete would fail),
    /// and the groups it replaces whose interfaces are not those it moves, as they were: a move
    /// sets an interface's whole group list, so it must not overwrite a change made since.
    private func usedDeletions(on backend: any SecurityGroupBackend) async throws -> [SavedPlanDrift] {
        let ids = changeSet.deletions.compactMap { deletion -> String? in
            if case .id(let id) = deletion.group { return id }
            return nil
        }
        guard !ids.isEmpty else { return [] }
        let interfaces = try await backend.describeNetworkInterfaces(groupIds: ids)
        return ids.compactMap { id in
            let using = interfaces.filter { $0.groupIds.contains(id) }
            let moves = changeSet.interfaceMoves.filter { $0.from.contains(id) }
            var changes: [String] = []
            for interface in using {
                guard let move = moves.first(where: { $0.networkInterfaceId == interface.networkInterfaceId }) else {
                    changes.append("the plan deletes it, but \(interface.summary) uses it now")
                    continue
                }
                if move.from != interface.groupIds {
                    changes.append(
                        "\(interface.networkInterfaceId) uses \(interface.groupIds.joined(separator: ", ")) now,"
                            + " not \(move.from.joined(separator: ", ")) as planned")
                }
            }
            for move in moves where !using.contains(where: { $0.networkInterfaceId == move.networkInterfaceId }) {
                changes.append("the plan moves \(move.networkInterfaceId) off it, but it no longer uses it")
            }
            guard !changes.isEmpty else { return nil }
            let name = groups.first { $0.groupId == id }.map { " (\(SourceWriter.quoted($0.groupName)))" } ?? ""
            return SavedPlanDrift(group: id + name, changes: changes)
        }
    }

    /// The groups the plan creates whose name a group has now (the create would fail).
    private func takenNames(on backend: any SecurityGroupBackend) async throws -> [SavedPlanDrift] {
        guard !changeSet.creations.isEmpty else { return [] }
        var creates = Plan()
        for creation in changeSet.creations { creates.append(.create(creation.group, tags: creation.tags)) }
        var out: [SavedPlanDrift] = []
        do {
            let existing = try await Planner(backend: backend).existingCreatedGroups(of: creates)
            for creation in changeSet.creations {
                guard let group = existing[creation.group.placeholder] else { continue }
                out.append(
                    SavedPlanDrift(
                        group: SourceWriter.quoted(creation.group.name),
                        changes: ["the plan creates it, but \(group.groupId) has that name now"]))
            }
        } catch let error {
            out.append(SavedPlanDrift(group: "the groups the plan creates", changes: ["\(error)"]))
        }
        return out
    }
}
