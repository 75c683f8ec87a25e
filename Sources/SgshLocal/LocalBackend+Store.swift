// Row-level helpers shared by the API calls: VPCs, groups, rules and tags.
//
// Each helper takes the open transaction's `Database`; none opens its own, so
// an API call composes them into one all-or-nothing transaction.

import GRDB
import SgshModel

/// A row of the `security_group` table.
struct StoredGroup: Hashable, Sendable {
    var id: String
    var name: String
    var description: String
    var vpcId: String
    var isDefault: Bool

    static let columns = "id, name, description, vpc_id, is_default"

    init(row: Row) {
        id = row[0]
        name = row[1]
        description = row[2]
        vpcId = row[3]
        isDefault = row[4]
    }
}

extension LocalBackend {
    // MARK: - VPCs

    /// The default VPC's id, creating the VPC and its `default` group on first use.
    func defaultVPC(_ db: Database) throws -> String {
        if let id = try String.fetchOne(db, sql: "SELECT id FROM vpc WHERE is_default = 1 ORDER BY seq LIMIT 1") {
            return id
        }
        return try insertVPC(db, isDefault: true, ipv6: false)
    }

    /// Creates a VPC and its `default` group.
    func insertVPC(_ db: Database, isDefault: Bool, ipv6: Bool) throws -> String {
        let id = LocalBackend.newID("vpc")
        try db.execute(
            sql: "INSERT INTO vpc (id, is_default, ipv6) VALUES (?, ?, ?)", arguments: [id, isDefault, ipv6])
        _ = try insertGroup(
            db, name: "default", description: "default VPC security group", vpcId: id, isDefault: true, ipv6: ipv6)
        return id
    }

    /// True when the VPC has an IPv6 block (its new groups also allow egress to ::/0).
    func vpcHasIPv6(_ db: Database, _ vpcId: String) throws -> Bool? {
        try Bool.fetchOne(db, sql: "SELECT ipv6 FROM vpc WHERE id = ?", arguments: [vpcId])
    }

    // MARK: - Groups

    /// Inserts a group with EC2's initial rules: allow-all egress, and for a VPC's
    /// `default` group also all traffic from itself.
    func insertGroup(
        _ db: Database, name: String, description: String, vpcId: String, isDefault: Bool, ipv6: Bool
    ) throws -> String {
        let id = LocalBackend.newID("sg")
        try db.execute(
            sql: """
                INSERT INTO security_group (id, name, name_key, description, vpc_id, is_default)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [id, name, name.lowercased(), description, vpcId, isDefault])
        func allTraffic(_ egress: Bool, _ kind: StoredRule.PeerKind, _ peer: String, _ user: String?) -> StoredRule {
            StoredRule(
                id: LocalBackend.newID("sgr"), groupId: id, isEgress: egress,
                identity: .init(ipProtocol: "-1", fromPort: -1, toPort: -1, peerKind: kind, peer: peer, peerUser: user),
                description: nil)
        }
        var rules: [StoredRule] = []
        if isDefault { rules.append(allTraffic(false, .group, id, ownerId)) }
        rules.append(allTraffic(true, .ipv4, "0.0.0.0/0", nil))
        if ipv6 { rules.append(allTraffic(true, .ipv6, "::/0", nil)) }
        try insertRules(db, rules)
        return id
    }

    /// The group with this id.
    /// - Throws: `InvalidGroupId.Malformed` or `InvalidGroup.NotFound`.
    func group(_ db: Database, id: String) throws -> StoredGroup {
        guard ResourceID.isGroupID(id) else { throw BackendError.malformedGroupID(id) }
        let sql = "SELECT \(StoredGroup.columns) FROM security_group WHERE id = ?"
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [id]) else { throw BackendError.groupNotFound(id) }
        return StoredGroup(row: row)
    }

    /// The group with this name in a VPC, if any (names are case-insensitive).
    func group(_ db: Database, name: String, vpcId: String) throws -> StoredGroup? {
        let sql = "SELECT \(StoredGroup.columns) FROM security_group WHERE vpc_id = ? AND name_key = ?"
        return try Row.fetchOne(db, sql: sql, arguments: [vpcId, name.lowercased()]).map(StoredGroup.init(row:))
    }

    // MARK: - Rules

    /// The rules of a group (one direction, or both), in creation order.
    func storedRules(_ db: Database, groupId: String, direction: Direction? = nil) throws -> [StoredRule] {
        var sql = "SELECT \(StoredRule.columns) FROM rule WHERE group_id = ?"
        var arguments: StatementArguments = [groupId]
        if let direction {
            sql += " AND is_egress = ?"
            arguments += [direction == .egress]
        }
        sql += " ORDER BY seq"
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(StoredRule.init(row:))
    }

    /// Inserts rules with one prepared statement.
    func insertRules(_ db: Database, _ rules: [StoredRule]) throws {
        guard !rules.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: "INSERT INTO rule (\(StoredRule.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for rule in rules { try statement.execute(arguments: rule.arguments) }
    }

    /// Deletes rules (and their tags) by id.
    func deleteRules(_ db: Database, ids: [String]) throws {
        let rules = try db.cachedStatement(sql: "DELETE FROM rule WHERE id = ?")
        let tags = try db.cachedStatement(sql: "DELETE FROM tag WHERE resource_id = ?")
        for id in ids {
            try rules.execute(arguments: [id])
            try tags.execute(arguments: [id])
        }
    }

    // MARK: - Tags

    /// The tags of each resource, in the order they were first set.
    func tags(_ db: Database, resourceIds: [String]) throws -> [String: [Tag]] {
        guard !resourceIds.isEmpty else { return [:] }
        var out: [String: [Tag]] = [:]
        let placeholders = databaseQuestionMarks(count: resourceIds.count)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT resource_id, key, value FROM tag WHERE resource_id IN (\(placeholders)) ORDER BY seq",
            arguments: StatementArguments(resourceIds))
        while let row = try rows.next() { out[row[0], default: []].append(Tag(key: row[1], value: row[2])) }
        return out
    }

    /// Every tag of every resource (for describing everything at once).
    func allTags(_ db: Database) throws -> [String: [Tag]] {
        var out: [String: [Tag]] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT resource_id, key, value FROM tag ORDER BY seq")
        while let row = try rows.next() { out[row[0], default: []].append(Tag(key: row[1], value: row[2])) }
        return out
    }

    /// Sets tags (overwriting values of existing keys), enforcing the per-resource quota.
    func setTags(_ db: Database, resourceId: String, _ tags: [Tag]) throws {
        guard !tags.isEmpty else { return }
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO tag (resource_id, key, value) VALUES (?, ?, ?)
                ON CONFLICT (resource_id, key) DO UPDATE SET value = excluded.value
                """)
        for tag in tags { try statement.execute(arguments: [resourceId, tag.key, tag.value]) }
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM tag WHERE resource_id = ?", arguments: [resourceId])
        if let count, count > limits.tagsPerResource {
            throw BackendError(
                code: "TagLimitExceeded",
                message: "The maximum number of Tags for a resource has been reached. (\(limits.tagsPerResource))")
        }
    }

    /// Checks tag keys and values as EC2 does.
    /// - Throws: `InvalidParameterValue` for an empty, too long or `aws:` key, or a too long value.
    static func validate(tags: [Tag]) throws {
        for tag in tags {
            if tag.key.lowercased().hasPrefix(TagRules.reservedPrefix) {
                throw BackendError(
                    code: "InvalidParameterValue",
                    message:
                        "Value (\(tag.key)) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use"
                )
            }
            if let problem = TagRules.problem(inKey: tag.key) ?? TagRules.problem(inValue: tag.value, key: tag.key) {
                throw BackendError.invalidValue(problem)
            }
        }
    }
}
