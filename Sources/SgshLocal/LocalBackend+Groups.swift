// CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups, and the
// local-only VPC calls.
//
// Describe reads groups, rules and tags with three queries in one read
// transaction and groups rules into permissions with SgshModel's
// `IPPermission.grouping`, so a group with a thousand rules costs one scan.

import GRDB
import SgshModel

extension LocalBackend {
    // MARK: - VPCs (local only)

    /// The id of the default VPC (created, with its `default` group, when the store is new).
    public func defaultVPCId() async throws -> String {
        try await write { db in try self.defaultVPC(db) }
    }

    /// Creates a non-default VPC with its `default` group; EC2 calls this CreateVpc.
    /// - Parameter ipv6: whether the VPC has an IPv6 block (new groups then also allow egress to ::/0).
    public func createVPC(ipv6: Bool = false) async throws -> String {
        try await write { db in try self.insertVPC(db, isDefault: false, ipv6: ipv6) }
    }

    // MARK: - CreateSecurityGroup

    /// CreateSecurityGroup: checks the name and description as EC2 does, creates the group in the
    /// given VPC (or the default VPC) with the default allow-all egress rule.
    public func createSecurityGroup(
        name: String, description: String, vpcId: String?, tags: [Tag], dryRun: Bool
    ) async throws -> String {
        try LocalBackend.validateGroup(name: name, description: description)
        try LocalBackend.validate(tags: tags)
        return try await write { db in
            let vpc: String
            if let vpcId {
                guard try self.vpcHasIPv6(db, vpcId) != nil else { throw BackendError.vpcNotFound(vpcId) }
                vpc = vpcId
            } else {
                vpc = try self.defaultVPC(db)
            }
            if try self.group(db, name: name, vpcId: vpc) != nil { throw BackendError.groupDuplicate(name, vpcId: vpc) }
            let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM security_group") ?? 0
            if count >= self.limits.securityGroups { throw BackendError.groupLimitExceeded() }
            let id = try self.insertGroup(
                db, name: name, description: description, vpcId: vpc, isDefault: false,
                ipv6: try self.vpcHasIPv6(db, vpc) ?? false)
            try self.setTags(db, resourceId: id, tags)
            if dryRun { throw BackendError.dryRun() }
            return id
        }
    }

    /// EC2's rules for a new group's name and description (EC2-FACTS §3).
    static func validateGroup(name: String, description: String) throws {
        if name.isEmpty { throw BackendError.missingParameter("GroupName") }
        if description.isEmpty { throw BackendError.missingParameter("GroupDescription") }
        if name.lowercased() == "default" { throw BackendError.groupReserved(name) }
        if name.lowercased().hasPrefix("sg-") {
            throw BackendError.invalidValue("Group names may not be in the format sg-*.")
        }
        if let problem = GroupName.problem(in: name) {
            throw BackendError.invalidValue("Invalid value '\(name)' for groupName: \(problem)")
        }
        if let problem = RuleDescription.problem(in: description) {
            throw BackendError.invalidValue("Invalid value '\(description)' for GroupDescription: \(problem)")
        }
    }

    // MARK: - DeleteSecurityGroup

    /// DeleteSecurityGroup: refuses the default group (`CannotDelete`) and a group another
    /// group's rule references (`DependencyViolation`).
    public func deleteSecurityGroup(groupId: String, dryRun: Bool) async throws {
        try await write { db in
            let group = try self.group(db, id: groupId)
            if group.isDefault { throw BackendError.cannotDeleteDefault(group.id) }
            let referenced = try Bool.fetchOne(
                db,
                sql: "SELECT EXISTS (SELECT 1 FROM rule WHERE peer_kind = 3 AND peer = ? AND group_id != ?)",
                arguments: [group.id, group.id])
            if referenced == true { throw BackendError.dependencyViolation(group.id) }
            let used = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM network_interface_group WHERE group_id = ?)",
                arguments: [group.id])
            if used == true { throw BackendError.dependencyViolation(group.id) }
            try db.execute(
                sql: "DELETE FROM tag WHERE resource_id IN (SELECT id FROM rule WHERE group_id = ?) OR resource_id = ?",
                arguments: [group.id, group.id])
            try db.execute(sql: "DELETE FROM rule WHERE group_id = ?", arguments: [group.id])
            try db.execute(sql: "DELETE FROM security_group WHERE id = ?", arguments: [group.id])
            if dryRun { throw BackendError.dryRun() }
        }
    }

    // MARK: - DescribeSecurityGroups

    /// DescribeSecurityGroups by ids, names (default VPC only) and filters, in creation order.
    public func describeSecurityGroups(_ query: SecurityGroupQuery) async throws -> [SecurityGroup] {
        let filters = try query.filters.map(SecurityGroupFilter.init)
        return try await read { db in
            let groups = try self.selectGroups(db, ids: query.groupIds, names: query.groupNames)
            let everything = query.groupIds.isEmpty && query.groupNames.isEmpty
            let rules = try self.rulesByGroup(db, groupIds: everything ? nil : groups.map(\.id))
            let tags = everything ? try self.allTags(db) : try self.tags(db, resourceIds: groups.map(\.id))
            var out: [SecurityGroup] = []
            for group in groups {
                let groupRules = rules[group.id] ?? []
                let groupTags = tags[group.id] ?? []
                let candidate = SecurityGroupFilter.Candidate(
                    group: group, ownerId: self.ownerId, rules: groupRules, tags: groupTags)
                guard filters.allSatisfy({ $0.matches(candidate) }) else { continue }
                out.append(self.wire(group, rules: groupRules, tags: groupTags))
            }
            return out
        }
    }

    /// The groups named by id and by name (default VPC only, as EC2), or every group; in creation order.
    private func selectGroups(_ db: Database, ids: [String], names: [String]) throws -> [StoredGroup] {
        if ids.isEmpty && names.isEmpty {
            return try Row.fetchAll(db, sql: "SELECT \(StoredGroup.columns) FROM security_group ORDER BY seq")
                .map(StoredGroup.init(row:))
        }
        var found: [String: (seq: Int, group: StoredGroup)] = [:]
        for id in ids {
            let group = try self.group(db, id: id)
            found[group.id] = (try seq(db, group.id), group)
        }
        if !names.isEmpty {
            guard
                let vpc = try String.fetchOne(db, sql: "SELECT id FROM vpc WHERE is_default = 1 ORDER BY seq LIMIT 1")
            else { throw BackendError(code: "VPCIdNotSpecified", message: "No default VPC for this user") }
            for name in names {
                guard let group = try self.group(db, name: name, vpcId: vpc) else {
                    throw BackendError.groupNameNotFoundInDefaultVPC(name, vpcId: vpc)
                }
                found[group.id] = (try seq(db, group.id), group)
            }
        }
        return found.values.sorted { $0.seq < $1.seq }.map(\.group)
    }

    private func seq(_ db: Database, _ groupId: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT seq FROM security_group WHERE id = ?", arguments: [groupId]) ?? 0
    }

    /// Rules of the given groups (or all), keyed by group, each list in creation order.
    private func rulesByGroup(_ db: Database, groupIds: [String]?) throws -> [String: [StoredRule]] {
        var out: [String: [StoredRule]] = [:]
        let rows: RowCursor
        if let groupIds {
            guard !groupIds.isEmpty else { return [:] }
            rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT \(StoredRule.columns) FROM rule
                    WHERE group_id IN (\(databaseQuestionMarks(count: groupIds.count))) ORDER BY seq
                    """,
                arguments: StatementArguments(groupIds))
        } else {
            rows = try Row.fetchCursor(db, sql: "SELECT \(StoredRule.columns) FROM rule ORDER BY seq")
        }
        while let row = try rows.next() {
            let rule = StoredRule(row: row)
            out[rule.groupId, default: []].append(rule)
        }
        return out
    }

    /// A group as DescribeSecurityGroups returns it: rules merged into permissions by protocol and ports.
    func wire(_ group: StoredGroup, rules: [StoredRule], tags: [Tag]) -> SecurityGroup {
        var ingress: [Rule] = []
        var egress: [Rule] = []
        for stored in rules {
            guard let rule = stored.rule else { continue }
            if stored.isEgress { egress.append(rule) } else { ingress.append(rule) }
        }
        return SecurityGroup(
            groupId: group.id, groupName: group.name, description: group.description, vpcId: group.vpcId,
            ownerId: ownerId, ipPermissions: IPPermission.grouping(ingress),
            ipPermissionsEgress: IPPermission.grouping(egress), tags: tags)
    }
}
