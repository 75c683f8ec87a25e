// `sg create` is idempotent: a script checked into a repo creates its groups
// on the first run and finds them on every later one. Before planning, each
// created group whose name already exists (in the same VPC) is adopted: the
// create is dropped (its tags become a `tag` operation) and every reference
// to the placeholder becomes the existing group's id, so the rest of the plan
// diffs against that group's live rules like any other.

import SgshModel

extension Plan {
    /// The adoptions of `existing` (placeholder → live group), in script order.
    func adoptions(_ existing: [Int: SecurityGroup]) -> [GroupAdoption] {
        createdGroups.compactMap { group in
            existing[group.placeholder].map {
                GroupAdoption(
                    group: group, id: $0.groupId, liveDescription: $0.description, origin: origin(ofCreate: group))
            }
        }
    }

    /// Where the script creates `group`.
    func origin(ofCreate group: CreatedGroup) -> SourceRange? {
        operations.first { planned in
            if case .create(let created, _) = planned.operation { return created == group }
            return false
        }?.origin
    }

    /// The groups the plan's `sg create` statements ask for, in order.
    var createdGroups: [CreatedGroup] {
        operations.compactMap { planned in
            if case .create(let created, _) = planned.operation { return created }
            return nil
        }
    }

    /// The plan with each created group in `existing` (placeholder → id) replaced by that group.
    func adopting(_ existing: [Int: String]) -> Plan {
        guard !existing.isEmpty else { return self }
        func target(_ group: GroupTarget) -> GroupTarget {
            if case .created(let created) = group, let id = existing[created.placeholder] { return .id(id) }
            return group
        }
        func rules(_ rules: [Rule]) -> [Rule] {
            rules.map { rule in rule.peerPlaceholder.flatMap { existing[$0] }.map(rule.withPeerGroup) ?? rule }
        }
        // Everything but the operations and policies stays as it is (the mode, the owner).
        var adopted = self
        adopted.operations = []
        adopted.policies = policies.adopting(existing)
        for planned in operations {
            let operation: Operation?
            switch planned.operation {
            case .create(let created, let tags):
                if let id = existing[created.placeholder] {
                    operation = tags.isEmpty ? nil : .tag(.id(id), tags)
                } else {
                    operation = planned.operation
                }
            case .authorize(let group, let direction, let list, let tags):
                operation = .authorize(target(group), direction, rules(list), tags: tags)
            case .revoke(let group, let direction, let list):
                operation = .revoke(target(group), direction, rules(list))
            case .exactly(let group, let direction, let list, let tags):
                operation = .exactly(target(group), direction, rules(list), tags: tags)
            case .tag(let group, let tags):
                operation = .tag(target(group), tags)
            case .untag(let group, let selectors):
                operation = .untag(target(group), selectors)
            case .delete(let group):
                operation = .delete(target(group))
            case .show(let group):
                operation = .show(target(group))
            case .replace:
                // A replacement's new name is never adopted (checkReplacementNames).
                operation = planned.operation
            }
            if let operation {
                adopted.operations.append(
                    PlannedOperation(operation, origin: planned.origin, lifetimes: planned.lifetimes))
            }
        }
        return adopted
    }
}

extension PolicySet {
    /// The policies with each created group in `existing` (placeholder → id) replaced by that
    /// group, in scopes, exemptions and denied peers, so they still judge an adopted group.
    func adopting(_ existing: [Int: String]) -> PolicySet {
        func target(_ group: GroupTarget) -> GroupTarget {
            if case .created(let created) = group, let id = existing[created.placeholder] { return .id(id) }
            return group
        }
        var out = self
        for index in out.policies.indices {
            if case .group(let group) = out.policies[index].scope { out.policies[index].scope = .group(target(group)) }
            if case .deny(let direction, let traffic, let peers, let except) = out.policies[index].kind {
                let peers = peers.map { peer -> Peer in
                    guard case .group(let reference) = peer, let placeholder = CreatedGroup.placeholder(of: reference),
                        let id = existing[placeholder]
                    else { return peer }
                    return .group(GroupReference(groupId: id))
                }
                out.policies[index].kind = .deny(direction, traffic: traffic, peers: peers, except: except)
            }
        }
        for index in out.exemptions.indices { out.exemptions[index].group = target(out.exemptions[index].group) }
        return out
    }
}

extension Planner {
    /// Finds the groups the plan creates that already exist (placeholder → group, described
    /// whole): one describe by name for all. A name without a VPC that groups in several VPCs
    /// have is an error (which one is meant?). A name that differs only in case from an existing group's (in the
    /// same VPC, or any when the create names none) is an error: EC2 names ignore case, so the
    /// create would fail at apply. Filter values are case-sensitive, so each name is looked up
    /// as a pattern with `?` for every letter, and the answer is narrowed here.
    func existingCreatedGroups(of plan: Plan) async throws(PlanningError) -> [Int: SecurityGroup] {
        let created = plan.createdGroups
        guard !created.isEmpty else { return [:] }
        let names = Array(Set(created.map { Self.caseFoldingPattern($0.name) })).sorted()
        let found: [SecurityGroup]
        do {
            found = try await backend.describeSecurityGroups(
                SecurityGroupQuery(filters: [SecurityGroupQuery.Filter(name: "group-name", values: names)]))
        } catch {
            throw Self.readError(error)
        }
        var existing: [Int: SecurityGroup] = [:]
        for group in created {
            let sameVPC = found.filter { group.vpcId == nil || $0.vpcId == group.vpcId }
            let matches = sameVPC.filter { $0.groupName == group.name }
            if matches.count > 1 {
                // Without a VPC the script does not say which one it means; guessing could
                // rewrite the rules of a group in another VPC.
                throw PlanningError(
                    .ambiguousGroupName(group.name, matches.sorted { $0.groupId < $1.groupId }),
                    origin: plan.origin(ofCreate: group))
            }
            if let match = matches.first { existing[group.placeholder] = match }
            guard matches.isEmpty, let other = sameVPC.first(where: { GroupName.sameName($0.groupName, group.name) })
            else { continue }
            throw PlanningError(.groupNameTaken(group, existing: other), origin: plan.origin(ofCreate: group))
        }
        return existing
    }

    /// A group-name filter value that matches the name in any case: each ASCII letter becomes
    /// `?`. A name with its own wildcard characters is looked up as it is.
    static func caseFoldingPattern(_ name: String) -> String {
        guard !name.contains(where: { $0 == "*" || $0 == "?" || $0 == "\\" }) else { return name }
        return String(name.map { $0.isASCII && $0.isLetter ? "?" : $0 })
    }
}
